package review

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type caseData struct {
	Case     *CaseView
	Backends []BackendInfo
	CanResum bool
	Evidence *Evidence
	Alert    string   // a refusal explained, shown above the case
	Changes  []string // what changed, when an approval was refused
	MineNow  bool     // the viewer holds the claim
	ShownAt  int64    // when the values were read (Unix microseconds), sent with the approval
	// NotClaimed says why opening the page did not claim the case (a link
	// from another site); the page offers "Ta ärendet" beside it.
	NotClaimed string
}

// Evidence is the selected field with its page: the image, the field's
// bounding box over it (in PDF points, y downwards for SVG) and the quote.
type Evidence struct {
	Field          FieldView
	ImageURL       string
	Width, Height  float64
	X, Y, W, H     float64
	HasBox         bool
	Unavailable    string // why the page cannot be shown
	PDFURL         string
	SelectedByUser bool
	DPI            int // of the page image, for the page's script
}

// caseShow shows a case and claims it for the viewer when it is pending
// and free and the viewer came from this site (claimOnOpen): the summary,
// what needs a look first, the fields with the selected field's evidence
// beside them, and the decision forms.
func (s *Server) caseShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.svc.MarkOpened(r.Context(), id); err != nil {
		return err
	}
	claim, why := claimOnOpen(r, s.cfg.PublicURL)
	if claim {
		if err := s.svc.Claim(r.Context(), rc.User, id); err != nil && !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return s.showCase(w, r, rc, id, http.StatusOK, caseData{NotClaimed: why})
}

// claimOnOpen reports whether a GET of the case page may claim the case,
// and if not, why, in Swedish. The session cookie is SameSite=Lax, so a
// link on any other site opens the page signed in: only a navigation from
// this site (Sec-Fetch-Site same-origin) or one typed or bookmarked (none)
// claims. A browser without Fetch Metadata claims only when the Referer has
// this server's own origin; no Referer, or another, does not claim.
func claimOnOpen(r *http.Request, publicURL string) (bool, string) {
	const elsewhere = "Du kom hit via en länk från en annan webbplats, så ärendet har inte tagits åt dig."
	const unknown = "Webbläsaren visade inte att du kom hit från arsflow, så ärendet har inte tagits åt dig."
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true, ""
	case "cross-site", "same-site":
		return false, elsewhere
	case "":
		own := "http://" + r.Host
		if r.TLS != nil {
			own = "https://" + r.Host
		}
		// Behind a proxy that ends TLS the request arrives over plain
		// http: the configured public address is this site too.
		if sameOrigin(r.Referer(), own) || sameOrigin(r.Referer(), publicURL) {
			return true, ""
		}
	}
	return false, unknown
}

// sameOrigin reports whether ref, a Referer, has the origin (scheme and
// host) of the address site; an empty site has none.
func sameOrigin(ref, site string) bool {
	u, err1 := url.Parse(ref)
	p, err2 := url.Parse(site)
	return site != "" && err1 == nil && err2 == nil && u.Host != "" &&
		strings.EqualFold(u.Scheme, p.Scheme) && strings.EqualFold(u.Host, p.Host)
}

// showCase renders the case page with status; d carries what the request
// adds (an alert, what changed, why the case was not claimed), and showCase
// fills in the rest.
func (s *Server) showCase(w http.ResponseWriter, r *http.Request, rc *reqCtx, id int64, status int, d caseData) error {
	shownAt := time.Now()
	c, err := s.svc.Case(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionCaseView, "case", id, map[string]any{"summary_id": c.Current.ID}); err != nil {
		return err
	}
	title := c.AssociationName
	if title == "" {
		title = fmt.Sprintf("Ärende %d", id)
	}
	d.Case, d.Backends, d.CanResum = c, s.cfg.Backends, s.actions.Resummarize != nil && len(s.cfg.Backends) > 0
	d.Evidence, d.MineNow, d.ShownAt = s.evidence(r, rc, c), c.Claim.Mine(rc.User), shownAt.UnixMicro()
	s.render(w, r, rc, status, "case.html", title, d)
	return nil
}

// evidence selects the field named by ?falt=, else the first that needs a
// look, else the first found, and renders its page to learn its size.
func (s *Server) evidence(r *http.Request, rc *reqCtx, c *CaseView) *Evidence {
	key := r.URL.Query().Get("falt")
	byUser := key != ""
	f := c.Field(key)
	for _, a := range c.Attention {
		if f == nil && a.FieldKey != "" {
			f = c.Field(a.FieldKey)
		}
	}
	for i := range c.Fields {
		if f == nil && c.Fields[i].DocumentID != 0 {
			f = &c.Fields[i]
		}
	}
	if f == nil {
		return nil
	}
	e := &Evidence{Field: *f, SelectedByUser: byUser, Width: 595, Height: 842, DPI: s.pages.DPI()}
	if f.DocumentID == 0 || f.Page == 0 {
		e.Unavailable = "Maskinen hittade inget värde, så det finns ingen sida att visa."
		return e
	}
	e.PDFURL = pdfLink(f.DocumentID, f.Page)
	e.ImageURL = pageURL(f.DocumentID, f.Page)
	p, err := s.renderPage(r.Context(), rc, f.DocumentID, f.Page)
	if err != nil {
		var ue *Error
		e.Unavailable = "Sidan kunde inte visas som bild. Öppna originalet i stället."
		if errors.As(err, &ue) {
			e.Unavailable = ue.Message
		}
		e.ImageURL = ""
		return e
	}
	e.Width, e.Height = p.Width, p.Height
	if b := f.BBox; b != nil && b.X1 > b.X0 && b.Y1 > b.Y0 {
		const pad = 3
		e.HasBox = true
		e.X, e.Y, e.W, e.H = b.X0-pad, p.Height-b.Y1-pad, b.X1-b.X0+2*pad, b.Y1-b.Y0+2*pad
	}
	return e
}

// pageURL is the image of a page of a document.
func pageURL(docID int64, page int) string { return fmt.Sprintf("/dokument/%d/sida/%d", docID, page) }

// fieldURL selects a field on the case page without JavaScript.
func fieldURL(caseID int64, key string) string {
	return fmt.Sprintf("/arenden/%d?falt=%s#bevis", caseID, url.QueryEscape(key))
}
