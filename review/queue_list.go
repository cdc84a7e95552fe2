package review

import (
	"net/http"
	"net/url"
	"strconv"

	"arsflow/review/account"
)

type queueData struct {
	Filter     QueueFilter
	Page       *QueuePage
	Checks     []CheckLabel
	Handlaggre []*account.User
	Query      url.Values // the filter without status and cursor, for links
	Holds      int
}

// StatusURL links to a status tab under the same filter.
func (d queueData) StatusURL(status string) string {
	q := url.Values{}
	for k, v := range d.Query {
		q[k] = v
	}
	q.Set("status", status)
	return "/arenden?" + q.Encode()
}

// NextURL links to the next page.
func (d queueData) NextURL() string {
	q := url.Values{}
	for k, v := range d.Query {
		q[k] = v
	}
	q.Set("status", statusParam(d.Filter.Status))
	q.Set("efter", d.Page.Next)
	return "/arenden?" + q.Encode()
}

func statusParam(s string) string {
	if s == "" {
		return "alla"
	}
	return s
}

// queueFilter reads the queue's filter from the URL.
func queueFilter(q url.Values, me *account.User) (QueueFilter, url.Values, error) {
	f := QueueFilter{Status: q.Get("status"), Search: q.Get("sok"), Flag: q.Get("flagga"), After: q.Get("efter")}
	switch f.Status {
	case "alla":
		f.Status = ""
	case "":
		f.Status = "pending"
	}
	keep := url.Values{}
	for _, k := range []string{"sok", "flagga", "batch", "handlaggare", "osaker", "ordning"} {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	if f.Flag != "" && f.Flag != FlagAnyError && f.Flag != FlagAnySummary && !knownCheck(f.Flag) {
		return f, keep, userError(ErrInvalid, "Okänd flagga.")
	}
	if v := q.Get("batch"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return f, keep, userError(ErrInvalid, "Ange batchens nummer.")
		}
		f.BatchID = n
	}
	switch v := q.Get("handlaggare"); v {
	case "":
	case "ingen":
		f.Assignee = -1
	case "jag":
		f.Assignee = me.ID
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return f, keep, userError(ErrInvalid, "Okänd handläggare.")
		}
		f.Assignee = n
	}
	f.LowConfidence = q.Get("osaker") == "1"
	f.Newest = q.Get("ordning") == "nyast"
	return f, keep, nil
}

// queueList shows a page of the review queue under the filter in the URL.
func (s *Server) queueList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	f, keep, err := queueFilter(r.URL.Query(), rc.User)
	if err != nil {
		return err
	}
	page, err := s.svc.Queue(r.Context(), f)
	if err != nil {
		return err
	}
	users, err := s.acct.ListUsers(r.Context())
	if err != nil {
		return err
	}
	var hl []*account.User
	for _, u := range users {
		if u.IsHandlaggare() && !u.Disabled {
			hl = append(hl, u)
		}
	}
	holds, err := s.svc.Holds(r.Context(), 0)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionQueueView, "queue", 0, map[string]any{"status": f.Status, "count": len(page.Items)}); err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "queue.html", "Granskningskö",
		queueData{Filter: f, Page: page, Checks: checkLabels, Handlaggre: hl, Query: keep, Holds: len(holds)})
	return nil
}
