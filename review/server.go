package review

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"arsflow/queue/database"
	"arsflow/review/account"
	"arsflow/review/pageimage"
)

//go:embed templates/*.html static/* notice/*.json
var assets embed.FS

// Config is what the web server shows and allows.
type Config struct {
	// Organisation is the responsible authority, e.g. "Fritidsnämnden i Exempelstad".
	Organisation string
	// Contact says how to ask about or complain about the process (Swedish text).
	Contact string
	// ContactEmail is shown as a mailto link when set.
	ContactEmail string
	// Backends are the summarisation backends a case can be summarised with
	// again, and what the transparency page says about each.
	Backends []BackendInfo
	// DefaultBackend is the name of the backend that runs by default.
	DefaultBackend string
	// DPOContact says in Swedish how to reach the data protection officer
	// (dataskyddsombud); DPOEmail is shown as a mailto link when set.
	DPOContact string
	DPOEmail   string
	// PublicURL is where citizens reach this server, e.g.
	// "https://arsflow.exempelstad.se"; the notice to an association links to
	// its public pages. Empty means the address of the request.
	PublicURL string
	// Retention is how long originals and personal data are kept, as the
	// retention job runs it; the public notice states it.
	Retention Retention
	// FiguresTTL is how long the public pages reuse their live figures;
	// 0 means a minute, a negative value computes them for every request.
	FiguresTTL time.Duration
	// Logger; default slog.Default().
	Logger *slog.Logger
	// OIDC, when set, offers sign-in through the municipality's identity
	// provider beside local accounts.
	OIDC *account.OIDC
	// PageCacheDir caches rendered page images; default a folder under
	// the system's temporary directory. PageCacheBytes bounds it (the least
	// recently used pages go first); default pageimage.DefaultMaxBytes.
	PageCacheDir   string
	PageCacheBytes int64
	// ClaimTTL is how long a claim lasts without activity; default
	// DefaultClaimTTL.
	ClaimTTL time.Duration
	// Settings is the running configuration the administrator's console
	// shows, without secrets.
	Settings []Setting
}

// Setting is one line of the running configuration.
type Setting struct {
	Name, Value, Meaning string
}

// BackendInfo describes a summarisation backend for people.
type BackendInfo struct {
	Name     string // e.g. "rules", "openai"
	Label    string // Swedish, e.g. "Regelbaserad (ingen språkmodell)"
	Model    string // model name, empty for the rule-based backend
	Location string // "internal", "eu" or "external"
	// Where, in Swedish, e.g. "kommunens egen server i Exempelstad".
	Where string
	// Version identifies the backend's code, model and prompt, as recorded
	// with every summary; PromptVersion is the prompt's alone.
	Version       string
	PromptVersion string
}

// Retention is how long data is kept after a case's decision; 0 means
// kept until someone deletes it by hand.
type Retention struct {
	Originals    time.Duration // the documents as the association sent them
	PersonalData time.Duration // personal data in the machine's results
}

// LocationLabel says in Swedish where the backend runs.
func (b BackendInfo) LocationLabel() string { return locationLabel(b.Location) }

// LocationLabelEn says in English where the backend runs.
func (b BackendInfo) LocationLabelEn() string { return locationLabelEn(b.Location) }

// Uploader stores an administrator's upload; ingest implements it. The
// request is a multipart form whose files are in the field "files" and whose
// label is in "label"; the CSRF check is done before Upload is called.
type Uploader interface {
	Upload(ctx context.Context, userID int64, r *http.Request) (batchID int64, report string, err error)
}

// Retrier runs a failed document through the pipeline again.
type Retrier interface {
	Retry(ctx context.Context, userID, documentID int64) error
}

// Resummarizer summarises a case again with the named backend; the new
// summary reaches the queue through Enter.
type Resummarizer interface {
	Resummarize(ctx context.Context, userID, caseID int64, backend string) error
}

// Actions are the pipeline operations the UI can start; a nil one is shown as
// unavailable.
type Actions struct {
	Upload      Uploader
	Retry       Retrier
	Resummarize Resummarizer
	Attach      Attacher
}

// Server is the web UI and the export API. It is an http.Handler.
type Server struct {
	cfg     Config
	svc     *Service
	acct    *account.Service
	actions Actions
	log     *slog.Logger
	mux     *http.ServeMux
	tmpl    map[string]*template.Template
	cop     *http.CrossOriginProtection
	notice  noticeData
	figures *figureCache
	pages   *pageimage.Renderer
}

// NewServer parses the templates and registers every route. The ingest API
// is not served here: main puts it beside this handler, with API tokens only.
func NewServer(cfg Config, db *database.DB, acct *account.Service, actions Actions) (*Server, error) {
	if cfg.Organisation == "" {
		cfg.Organisation = "Kommunen"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.FiguresTTL == 0 {
		cfg.FiguresTTL = time.Minute
	}
	s := &Server{
		cfg: cfg, svc: New(db), acct: acct, actions: actions, log: cfg.Logger,
		mux: http.NewServeMux(), cop: http.NewCrossOriginProtection(),
		figures: &figureCache{ttl: cfg.FiguresTTL},
	}
	if cfg.PageCacheDir == "" {
		cfg.PageCacheDir = filepath.Join(os.TempDir(), "arsflow-pages")
	}
	var err error
	if s.pages, err = pageimage.New(cfg.PageCacheDir, pageimage.Options{MaxBytes: cfg.PageCacheBytes}); err != nil {
		return nil, fmt.Errorf("review.NewServer: %w", err)
	}
	if err := s.parseTemplates(); err != nil {
		return nil, fmt.Errorf("review.NewServer: %w", err)
	}
	if s.notice, err = loadNoticeData(); err != nil {
		return nil, fmt.Errorf("review.NewServer: %w", err)
	}
	s.svc.ClaimTTL = cfg.ClaimTTL
	s.svc.Attach = actions.Attach
	s.routes()
	return s, nil
}

// Service returns the review service the server uses.
func (s *Server) Service() *Service { return s.svc }

func (s *Server) routes() {
	static, _ := fs.Sub(assets, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))

	s.route("GET /{$}", public, s.homeShow)
	s.route("GET /logga-in", public, s.loginShow)
	s.route("POST /logga-in", public, s.loginCreate)
	s.route("GET /logga-in/oidc", public, s.oidcLogin)
	s.route("GET /logga-in/oidc/tillbaka", public, s.oidcCallback)
	s.route("POST /logga-ut", signedIn, s.logoutCreate)
	s.route("GET /om-ai", public, s.transparencyShow)
	s.route("GET /en/about-ai", public, s.transparencyShowEn)
	s.route("GET /tillganglighet", public, s.accessibilityShow)

	s.route("GET /arenden", handlaggareOnly, s.queueList)
	s.route("GET /arenden/{id}", handlaggareOnly, s.caseShow)
	s.route("POST /arenden/{id}/godkann", handlaggareInPerson, s.caseApprove)
	s.route("POST /arenden/{id}/avvisa", handlaggareInPerson, s.caseReject)
	s.route("POST /arenden/{id}/rattelse", handlaggareInPerson, s.caseCorrect)
	s.route("POST /arenden/{id}/sammanfatta", handlaggareInPerson, s.caseResummarize)
	s.route("GET /arenden/{id}/meddelande", handlaggareOnly, s.caseNoticeShow)
	s.route("GET /arenden/{id}/meddelande.pdf", handlaggareOnly, s.caseNoticePDF)
	s.route("GET /dokument/{id}/pdf", signedIn, s.documentPDF)
	s.route("GET /inbjudan/{code}", public, s.invitationShow)
	s.route("POST /inbjudan/{code}", public, s.invitationComplete)
	s.route("GET /behorigheter", signedIn, s.grantList)
	s.route("POST /behorigheter/{id}/bekrafta", handlaggareInPerson, s.grantConfirm)
	s.route("POST /arenden/{id}/ta", handlaggareInPerson, s.caseClaim)
	s.route("POST /arenden/{id}/slapp", handlaggareInPerson, s.caseRelease)
	s.route("POST /arenden/{id}/ta-over", handlaggareInPerson, s.caseTakeOver)
	s.route("POST /arenden/{id}/sammandrag", handlaggareInPerson, s.caseEditSummary)
	s.route("POST /arenden/{id}/bedomning", handlaggareInPerson, s.caseVerdict)
	s.route("GET /vantande", handlaggareOnly, s.holdList)
	s.route("POST /vantande/{id}", handlaggareInPerson, s.holdResolve)
	s.route("GET /dokument/{id}/sida/{page}", signedIn, s.documentPage)

	s.route("GET /nyckeltal", staffOnly, s.kpiShow)
	s.route("GET /nyckeltal.csv", staffOnly, s.kpiDownload)
	s.route("GET /export", staffOnly, s.exportShow)
	s.route("GET /export.json", staffOnly, s.exportDownload("json"))
	s.route("GET /export.csv", staffOnly, s.exportDownload("csv"))
	s.route("GET /api/v1/export.json", exportAccess, s.exportDownload("json"))
	s.route("GET /api/v1/export.csv", exportAccess, s.exportDownload("csv"))

	s.route("GET /admin/anvandare", adminOnly, s.userList)
	s.route("POST /admin/inbjudningar", adminOnly, s.invitationCreate)
	s.route("POST /admin/inbjudningar/{id}/aterkalla", adminOnly, s.invitationRevoke)
	s.route("POST /admin/anvandare/{id}/inaktivera", adminOnly, s.userDisable(true))
	s.route("POST /admin/anvandare/{id}/aktivera", adminOnly, s.userDisable(false))
	s.route("GET /admin/nycklar", adminOnly, s.tokenList)
	s.route("POST /admin/nycklar", adminOnly, s.tokenCreate)
	s.route("POST /admin/nycklar/{id}/aterkalla", adminOnly, s.tokenRevoke)
	s.route("GET /admin/batcher", adminOnly, s.batchList)
	s.route("POST /admin/batcher", adminOnly, s.batchUpload)
	s.route("POST /admin/dokument/{id}/forsok-igen", adminOnly, s.documentRetry)
	s.route("POST /admin/dokument/forsok-igen", adminOnly, s.documentRetryAll)
	s.route("GET /admin/batcher/{id}/status", adminOnly, s.batchStatus)
	s.route("GET /admin/installningar", adminOnly, s.settingsShow)
	s.route("GET /admin/logg", adminOnly, s.auditList)
	s.route("GET /admin/logg.csv", adminOnly, s.auditDownload)
}

// ServeHTTP sets security headers, refuses cross-origin unsafe requests and
// dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if err := s.cop.Check(r); err != nil {
		s.renderError(w, r, nil, userError(ErrForbidden, "Begäran kom från en annan webbplats och stoppades."))
		return
	}
	s.mux.ServeHTTP(w, r)
}
