package review

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"arsflow/review/account"
)

// access is who may reach a route.
type access int

const (
	public access = iota
	// signedIn is anyone signed in with a session, an unconfirmed
	// handläggare included; every level below refuses one.
	signedIn
	handlaggareOnly
	// handlaggareInPerson is a handläggare signed in with a session: a
	// decision is never taken with an API token, which someone else (an
	// administrator who created it) might hold.
	handlaggareInPerson
	adminOnly
	// exportAccess is a confirmed handläggare or an administrator, signed
	// in or with an API token of scope export.
	exportAccess
	// staffOnly is a confirmed handläggare or an administrator signed in
	// with a session, not an API token.
	staffOnly
)

// tokenScopes are the API token scopes a level accepts; every other level
// takes a session cookie only (and, for anything but GET, its CSRF token).
func tokenScopes(level access) []string {
	if level == exportAccess {
		return []string{account.ScopeExport}
	}
	return nil
}

// reqCtx is what the adapter knows about a request.
type reqCtx struct {
	User    *account.User
	Session *account.Session // nil for API-token requests and public pages
}

// csrf returns the session's CSRF token for forms.
func (rc *reqCtx) csrf() string {
	if rc == nil || rc.Session == nil {
		return ""
	}
	return rc.Session.CSRFToken
}

// uploadRoutes take a multipart body, which their handler reads and checks.
var uploadRoutes = map[string]bool{"POST /admin/batcher": true}

// handler is a route handler; the adapter renders its error.
type handler func(w http.ResponseWriter, r *http.Request, rc *reqCtx) error

// route registers h with authentication, role and CSRF checks, and the one
// place where errors are logged and rendered.
func (s *Server) route(pattern string, level access, h handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		rc := &reqCtx{}
		err := checkInput(r, uploadRoutes[pattern])
		if err == nil {
			err = s.authorize(r, rc, level)
		}
		if err == nil {
			err = h(w, r, rc)
		}
		if err != nil {
			s.renderError(w, r, rc, err)
		}
	})
}

func (s *Server) authorize(r *http.Request, rc *reqCtx, level access) error {
	u, sess, err := s.acct.Authenticate(r, tokenScopes(level)...)
	switch {
	case err == nil:
		rc.User, rc.Session = u, sess
	case level == public && (errors.Is(err, account.ErrUnauthenticated) || errors.Is(err, account.ErrForbidden)):
		return nil
	case errors.Is(err, account.ErrUnauthenticated):
		return ErrUnauthenticated
	case errors.Is(err, account.ErrForbidden):
		return userError(ErrForbidden, "API-nyckeln gäller inte här. Administration, beslut och rättelser kräver inloggning i webbgränssnittet; en nyckel når bara det API dess behörighet gäller.")
	default:
		return err
	}
	if level == public {
		return nil
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && (sess == nil || !s.checkCSRF(r, sess)) {
		return userError(ErrForbidden, "Formuläret har gått ut eller kom inte från arsflow. Ladda om sidan och försök igen.")
	}
	switch {
	case level == adminOnly && !u.IsAdmin():
		return userError(ErrForbidden, "Sidan är bara för administratörer.")
	case (level == handlaggareOnly || level == handlaggareInPerson) && !u.IsHandlaggare():
		return userError(ErrForbidden, "Sidan är bara för handläggare.")
	case level != signedIn && u.IsHandlaggare() && !u.MayDecide:
		// An unconfirmed handläggare sees no case, nor what is made of
		// the cases (the export, the measures).
		return userError(ErrForbidden, "Ditt handläggarkonto är ännu inte bekräftat av en annan handläggare. Be en kollega bekräfta det under Behörigheter; därefter ser du ärendena.")
	case (level == handlaggareInPerson || level == adminOnly) && sess == nil:
		return userError(ErrForbidden, "Beslut, rättelser och administration görs i webbgränssnittet av en inloggad person, inte med en API-nyckel.")
	case level == staffOnly && (sess == nil || !(u.IsAdmin() || u.IsHandlaggare())):
		return userError(ErrForbidden, "Sidan är för handläggare och administratörer.")
	}
	return nil
}

// checkCSRF accepts the session's token from the X-CSRF-Token header or
// from the form field "csrf"; in a multipart upload, whose body belongs to
// the upload handler, that field must come first. Never from the URL, which
// proxies log.
func (s *Server) checkCSRF(r *http.Request, sess *account.Session) bool {
	if t := r.Header.Get("X-CSRF-Token"); t != "" {
		return sess.CheckCSRF(t)
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return sess.CheckCSRF(firstPartCSRF(r))
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
	return sess.CheckCSRF(r.PostFormValue("csrf"))
}

// firstPartCSRF reads the multipart body's first part when it is the field
// "csrf" and returns its value, leaving r.Body as it was for the handler
// (the bytes read are put back in front). It reads at most 64 KiB.
func firstPartCSRF(r *http.Request) string {
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return ""
	}
	var seen bytes.Buffer
	body := r.Body
	defer func() {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(seen.Bytes()), body), body}
	}()
	mr := multipart.NewReader(io.TeeReader(io.LimitReader(body, 64<<10), &seen), params["boundary"])
	p, err := mr.NextPart()
	if err != nil || p.FormName() != "csrf" {
		return ""
	}
	v, err := io.ReadAll(io.LimitReader(p, 256))
	if err != nil {
		return ""
	}
	return string(v)
}

// isAPI reports whether a request wants JSON errors.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || r.Header.Get("Authorization") != ""
}

// renderError maps err to a status and a Swedish message; unexpected errors
// are logged (never with personal data) and shown as an internal error.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, rc *reqCtx, err error) {
	status, msg := http.StatusInternalServerError, "Ett internt fel inträffade. Försök igen om en stund; kvarstår felet, kontakta en administratör."
	switch {
	case errors.Is(err, ErrUnauthenticated):
		if !isAPI(r) && r.Method == http.MethodGet {
			http.Redirect(w, r, "/logga-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		status, msg = http.StatusUnauthorized, "Du behöver logga in."
		w.Header().Set("WWW-Authenticate", `Bearer realm="arsflow"`)
	case errors.Is(err, ErrNotFound), errors.Is(err, account.ErrNotFound):
		status, msg = http.StatusNotFound, "Sidan eller uppgiften finns inte."
	case errors.Is(err, ErrForbidden):
		status, msg = http.StatusForbidden, "Du har inte behörighet till detta."
	case errors.Is(err, ErrInvalid), errors.Is(err, account.ErrInvalid):
		status, msg = http.StatusBadRequest, "Uppgifterna kunde inte godtas."
	case errors.Is(err, ErrConflict), errors.Is(err, account.ErrExists):
		status, msg = http.StatusConflict, "Åtgärden krockar med ärendets nuvarande läge."
	case errors.Is(err, ErrUnavailable):
		status, msg = http.StatusServiceUnavailable, "Funktionen är inte tillgänglig i den här installationen."
	}
	var ue *Error
	if errors.As(err, &ue) {
		msg = ue.Message
	}
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.log.Info("request refused", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	if isAPI(r) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"error": msg, "status": status})
		return
	}
	back := ""
	if ref, perr := url.Parse(r.Referer()); perr == nil && ref.Host == r.Host && ref.Path != "" {
		back = ref.RequestURI()
	}
	s.render(w, r, rc, status, "error.html", "Något gick fel", map[string]any{"Status": status, "Message": msg, "Back": back})
}

// pageData is what every page template receives.
type pageData struct {
	Lang   string // "sv", or "en" for the English notice
	Title  string
	Org    string
	User   *account.User
	CSRF   string
	Notice string
	Path   string
	Data   any
}

var templateFuncs = template.FuncMap{
	"date": func(t any) string {
		switch x := t.(type) {
		case time.Time:
			return x.Local().Format("2006-01-02 15:04")
		case *time.Time:
			if x == nil {
				return "–"
			}
			return x.Local().Format("2006-01-02 15:04")
		}
		return ""
	},
	"num":          func(n float64) string { return formatNumber(n) },
	"bytes":        formatBytes,
	"pdfLink":      func(id int64, page int) string { return pdfLink(id, page) },
	"statusLabel":  statusLabel,
	"fieldInput":   func(f FieldView) string { return f.Input() },
	"day":          dayText,
	"decimal":      decimal,
	"pct":          percentText,
	"dur":          durationIn,
	"period":       periodText,
	"percentOf":    func(v float64) int { return int(math.Round(v * 100)) },
	"scopeLabel":   scopeLabel,
	"roleLabel":    roleLabel,
	"sourceLabel":  sourceLabel,
	"fieldURL":     fieldURL,
	"pageURL":      pageURL,
	"bboxAttr":     bboxAttr,
	"durationText": durationText,
	"count":        countText,
}

// countText writes n with the singular or plural form of a Swedish noun:
// "1 varning", "3 varningar".
func countText(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " kB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// pdfLink opens the original at a page with the viewer's #page fragment.
func pdfLink(id int64, page int) string {
	if page > 0 {
		return fmt.Sprintf("/dokument/%d/pdf#page=%d", id, page)
	}
	return fmt.Sprintf("/dokument/%d/pdf", id)
}

func (s *Server) parseTemplates() error {
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return err
	}
	s.tmpl = map[string]*template.Template{}
	for _, name := range names {
		base := strings.TrimPrefix(name, "templates/")
		if base == "layout.html" {
			continue
		}
		t, err := template.New(base).Funcs(templateFuncs).ParseFS(assets, "templates/layout.html", name)
		if err != nil {
			return fmt.Errorf("parse %s: %w", base, err)
		}
		s.tmpl[base] = t
	}
	return nil
}

// render executes a page into a buffer, so that a template error gives a
// clean 500, and writes it with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, rc *reqCtx, status int, page, title string, data any) {
	s.renderLang(w, r, rc, "sv", status, page, title, data)
}

// renderLang is render for a page in language lang.
func (s *Server) renderLang(w http.ResponseWriter, r *http.Request, rc *reqCtx, lang string, status int, page, title string, data any) {
	t, ok := s.tmpl[page]
	if !ok {
		s.log.Error("unknown template", "template", page)
		http.Error(w, "internt fel", http.StatusInternalServerError)
		return
	}
	pd := pageData{Lang: lang, Title: title, Org: s.cfg.Organisation, Path: r.URL.Path, Data: data, Notice: notices[r.URL.Query().Get("ok")]}
	if rc != nil {
		pd.User, pd.CSRF = rc.User, rc.csrf()
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pd); err != nil {
		s.log.Error("render failed", "template", page, "err", err)
		http.Error(w, "internt fel", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// notices are the confirmations shown after a redirect (?ok=code).
var notices = map[string]string{
	"approved":           "Ärendet är godkänt.",
	"rejected":           "Ärendet är avvisat.",
	"corrected":          "Rättelsen är sparad.",
	"resummarize":        "Ärendet sammanfattas igen. Det nya sammandraget visas när det är klart.",
	"created":            "Användaren är skapad.",
	"confirmed":          "Behörigheten är bekräftad.",
	"invitation_revoked": "Inbjudan är återkallad.",
	"disabled":           "Användaren är inaktiverad.",
	"enabled":            "Användaren är aktiverad.",
	"revoked":            "Nyckeln är återkallad.",
	"retried":            "Dokumentet körs igen.",
	"signedout":          "Du är utloggad.",
	"first":              "Ditt godkännande är sparat. Ärendet behöver också godkännas av en annan handläggare (fyra ögon).",
	"claimed":            "Du har tagit ärendet.",
	"released":           "Du har släppt ärendet.",
	"takenover":          "Du har tagit över ärendet. Skälet är loggat.",
	"edited":             "Ändringen av sammandraget är sparad.",
	"verdict":            "Bedömningen är sparad.",
	"resolved":           "Handlingen är hanterad.",
}

// redirect sends a POST's result with 303 See Other.
func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// pathID parses the {id} path value.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, ErrNotFound
	}
	return id, nil
}

// safeNext returns a same-origin path to go to after sign-in, or "". It
// accepts a path that starts with one "/" and holds no control character,
// blank or backslash, raw or percent-encoded, since browsers drop tabs and
// newlines and read "\\" as "/", so "/%09/evil.example" or "/\\evil" would
// leave the site.
func safeNext(next string) string {
	dec, err := url.PathUnescape(next)
	if err != nil || next == "" || len(next) > 2000 {
		return ""
	}
	for _, s := range []string{next, dec} {
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\ ") {
			return ""
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
				return ""
			}
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	return next
}

// constantEqual compares two strings in constant time.
func constantEqual(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
