package review

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"arsflow/queue/database"
	"arsflow/review/account"
)

//go:embed templates/*.html static/*
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
	// Logger; default slog.Default().
	Logger *slog.Logger
}

// BackendInfo describes a summarisation backend for people.
type BackendInfo struct {
	Name     string // e.g. "rules", "openai"
	Label    string // Swedish, e.g. "Regelbaserad (ingen språkmodell)"
	Model    string // model name, empty for the rule-based backend
	Location string // "internal", "eu" or "external"
	// Where, in Swedish, e.g. "kommunens egen server i Exempelstad".
	Where string
}

// LocationLabel says in Swedish where the backend runs.
func (b BackendInfo) LocationLabel() string { return locationLabel(b.Location) }

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
}

// Server is the web UI and the export API. It is an http.Handler.
type Server struct {
	cfg     Config
	svc     *Service
	acct    *account.Service
	actions Actions
	log     *slog.Logger
	mux     *http.ServeMux
	pages   map[string]*template.Template
	cop     *http.CrossOriginProtection
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
	s := &Server{
		cfg: cfg, svc: New(db), acct: acct, actions: actions, log: cfg.Logger,
		mux: http.NewServeMux(), cop: http.NewCrossOriginProtection(),
	}
	if err := s.parseTemplates(); err != nil {
		return nil, fmt.Errorf("review.NewServer: %w", err)
	}
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
	s.route("POST /logga-ut", signedIn, s.logoutCreate)
	s.route("GET /om-ai", public, s.transparencyShow)
	s.route("GET /tillganglighet", public, s.accessibilityShow)

	s.route("GET /arenden", handlaggareOnly, s.queueList)
	s.route("GET /arenden/{id}", handlaggareOnly, s.caseShow)
	s.route("POST /arenden/{id}/godkann", handlaggareInPerson, s.caseApprove)
	s.route("POST /arenden/{id}/avvisa", handlaggareInPerson, s.caseReject)
	s.route("POST /arenden/{id}/rattelse", handlaggareInPerson, s.caseCorrect)
	s.route("POST /arenden/{id}/sammanfatta", handlaggareInPerson, s.caseResummarize)
	s.route("GET /dokument/{id}/pdf", signedIn, s.documentPDF)

	s.route("GET /export", signedIn, s.exportShow)
	s.route("GET /export.json", signedIn, s.exportDownload("json"))
	s.route("GET /export.csv", signedIn, s.exportDownload("csv"))
	s.route("GET /api/v1/export.json", signedIn, s.exportDownload("json"))
	s.route("GET /api/v1/export.csv", signedIn, s.exportDownload("csv"))

	s.route("GET /admin/anvandare", adminOnly, s.userList)
	s.route("POST /admin/anvandare", adminOnly, s.userCreate)
	s.route("POST /admin/anvandare/{id}/inaktivera", adminOnly, s.userDisable(true))
	s.route("POST /admin/anvandare/{id}/aktivera", adminOnly, s.userDisable(false))
	s.route("GET /admin/nycklar", adminOnly, s.tokenList)
	s.route("POST /admin/nycklar", adminOnly, s.tokenCreate)
	s.route("POST /admin/nycklar/{id}/aterkalla", adminOnly, s.tokenRevoke)
	s.route("GET /admin/batcher", adminOnly, s.batchList)
	s.route("POST /admin/batcher", adminOnly, s.batchUpload)
	s.route("POST /admin/dokument/{id}/forsok-igen", adminOnly, s.documentRetry)
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
