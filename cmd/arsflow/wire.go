package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/extract"
	"arsflow/extract/pdftext"
	"arsflow/extract/worker"
	"arsflow/ingest"
	"arsflow/queue"
	"arsflow/review"
	"arsflow/review/account"
	"arsflow/summarize"
)

// parserChild returns arsflow-extract when it lies beside this executable
// and reads as this build's parser child does: it starts faster and holds
// none of the server's code. Else "": this executable parses.
func (a *app) parserChild(ctx context.Context) string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	slim := filepath.Join(filepath.Dir(exe), "arsflow-extract")
	if _, err := os.Stat(slim); err != nil {
		return ""
	}
	if err := pdftext.ChildWorks(ctx, slim); err != nil {
		a.log.Warn("parser child: arsflow-extract does not answer as this build; arsflow parses itself", "error", err)
		return ""
	}
	a.log.Info("parser child", "program", slim)
	return slim
}

// wireStages adds a worker for each named stage.
func (a *app) wireStages(ctx context.Context, stages []string) error {
	for _, stage := range stages {
		var h queue.Handler
		n := 1
		switch stage {
		case queue.StageExtract:
			opts := extract.DefaultOptions()
			opts.Isolate, opts.MemLimit, opts.Timeout = true, a.cfg.ExtractMem, a.cfg.ExtractTime
			opts.Text.Child = a.parserChild(ctx)
			h = &worker.Stage{DB: a.db, Options: opts, Log: a.log, Observer: a.obs}
			n = a.cfg.ExtractConc
		case queue.StageSummarize:
			backends, err := a.backends()
			if err != nil {
				return err
			}
			// The process that summarises records what it runs, so the
			// public notice's history moves by itself.
			changed, err := review.RecordProcess(ctx, a.db, a.cfg.Backend, a.backendInfos())
			if err != nil {
				return err
			}
			if changed {
				a.log.Info("process changed", "backend", a.cfg.Backend)
			}
			h = &summarize.Stage{DB: a.db, Backends: backends, Default: a.cfg.Backend, Log: a.log, Observer: a.obs}
			n = a.cfg.SummarizeConc
		case queue.StageReview:
			h = review.Stage{FourEyes: a.cfg.FourEyes}
		}
		if err := a.addWorker(ctx, stage, h, n); err != nil {
			return err
		}
	}
	return nil
}

// backends returns every backend this deployment can summarise with, built
// once: the configured one (the default) and the rule-based one, which
// needs no language model. A handläggare may re-run a case with any of them.
func (a *app) backends() (map[string]summarize.Backend, error) {
	if a.backendSet != nil {
		return a.backendSet, nil
	}
	opt := summarize.Options{Logger: a.log, Cache: summarize.NewDBCache(a.db)}
	out := map[string]summarize.Backend{}
	for _, name := range a.backendNames() {
		b, err := summarize.New(name, os.Getenv, opt)
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	a.backendSet = out
	return out, nil
}

// backendNames lists the default backend first.
func (a *app) backendNames() []string {
	if a.cfg.Backend == summarize.BackendRules {
		return []string{summarize.BackendRules}
	}
	return []string{a.cfg.Backend, summarize.BackendRules}
}

// wireHTTP builds the web server: the review UI, the export API and the
// ingest API, with the first administrator created at first start.
func (a *app) wireHTTP(ctx context.Context) error {
	acct := account.New(a.db, account.Config{SecureCookie: a.cfg.CookieSecure, SessionTTL: a.cfg.SessionMax, SessionIdle: a.cfg.SessionIdle})
	invitation, _, err := acct.EnsureFirstAdmin(ctx, a.cfg.AdminUser, a.cfg.AdminPass)
	if err != nil {
		return fmt.Errorf("ARSFLOW_ADMIN_USER/ARSFLOW_ADMIN_PASSWORD: %w", err)
	}
	if invitation != "" {
		// A one-time link, to the terminal only, never logged: the
		// administrator chooses the password; none is printed.
		fmt.Printf("Första administratören: välj lösenord för %q på %s/inbjudan/%s (gäller i tre dygn)\n",
			a.cfg.AdminUser, "http://"+localAddr(a.cfg.HTTPAddr), invitation)
	}
	if _, err := a.backends(); err != nil {
		return err
	}
	provider, err := oidcProvider(ctx)
	if err != nil {
		return err
	}
	ing := ingest.New(a.db, ingest.Limits{})
	srv, err := review.NewServer(review.Config{
		OIDC:           provider,
		Organisation:   env("ARSFLOW_ORGANISATION", "Fritidsnämnden"),
		Contact:        env("ARSFLOW_CONTACT", "Kontakta kommunens kundcenter om du har frågor eller vill klaga på hur dina uppgifter hanteras."),
		ContactEmail:   env("ARSFLOW_CONTACT_EMAIL", ""),
		DPOContact:     env("ARSFLOW_DPO_CONTACT", ""),
		DPOEmail:       env("ARSFLOW_DPO_EMAIL", ""),
		PublicURL:      env("ARSFLOW_PUBLIC_URL", ""),
		Backends:       a.backendInfos(),
		DefaultBackend: a.cfg.Backend,
		Retention:      review.Retention{Originals: a.cfg.RetainOriginals, PersonalData: a.cfg.RetainPersonal},
		Logger:         a.log,
		ClaimTTL:       a.cfg.ClaimTTL,
		PageCacheDir:   filepath.Join(a.cfg.DataDir, "pages"),
		PageCacheBytes: int64(a.cfg.PageCacheMB) << 20,
		Settings:       a.cfg.settings(),
	}, a.db, acct, review.Actions{
		Upload:      uploadAction{ing},
		Retry:       retryAction{ing},
		Resummarize: resummarizeAction{a},
		Attach:      worker.AttachDocument,
	})
	if err != nil {
		return err
	}
	ing.SetAuditor(auditor{svc: review.New(a.db), acct: acct, a: a})
	mux := http.NewServeMux()
	ing.Routes(mux, tokenAuth{acct})
	for _, pattern := range []string{"GET /api/v1/export.json", "GET /api/v1/export.csv"} {
		mux.Handle(pattern, srv) // the review server's part of the API
	}
	apiRoutes(mux)
	a.opsRoutes(mux)
	mux.Handle("/", srv)
	a.httpSrv = &http.Server{
		Addr:              a.cfg.HTTPAddr,
		Handler:           limitRequests(mux, 2),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	a.acct, a.ingest = acct, ing
	return nil
}

// backendInfos describes the backends for people, the default first; call
// it after backends.
func (a *app) backendInfos() []review.BackendInfo {
	var infos []review.BackendInfo
	for _, name := range a.backendNames() {
		b := a.backendSet[name]
		n, model, loc := summarize.Describe(b)
		where, prompt := "arsflows egen server i kommunens nät", ""
		if name != summarize.BackendRules {
			where, prompt = env("ARSFLOW_LLM_WHERE", ""), summarize.PromptVersion
		}
		infos = append(infos, review.BackendInfo{Name: n, Label: backendLabel(n), Model: model, Location: loc, Where: where,
			Version: b.Version(), PromptVersion: prompt})
	}
	return infos
}

func backendLabel(name string) string {
	if name == summarize.BackendRules {
		return "Regelbaserad sammanställning (ingen språkmodell)"
	}
	return "Språkmodell via OpenAI-kompatibelt gränssnitt"
}

// tokenAuth lets the ingest API accept API tokens only: a session cookie is
// an ambient credential that a cross-site form could ride on. Uploads and
// retries need scope ingest; following a batch, ingest or read.
type tokenAuth struct{ acct *account.Service }

func (t tokenAuth) Authenticate(r *http.Request) (int64, string, error) {
	if !strings.HasPrefix(strings.ToLower(r.Header.Get("Authorization")), "bearer ") {
		return 0, "", errors.New("no bearer token")
	}
	scopes := []string{account.ScopeIngest}
	if r.Method == http.MethodGet {
		scopes = append(scopes, account.ScopeRead)
	}
	u, _, err := t.acct.Authenticate(r, scopes...)
	if errors.Is(err, account.ErrForbidden) {
		// A valid token of another scope: 403, not 401.
		return 0, "", fmt.Errorf("%w: %w", ingest.ErrForbidden, err)
	}
	if err != nil {
		return 0, "", err
	}
	return u.ID, u.Role, nil
}

// auditor writes the ingest API's actions to review's audit log.
type auditor struct {
	svc  *review.Service
	acct *account.Service
	a    *app
}

func (au auditor) AuditAction(ctx context.Context, userID int64, action, objectType string, objectID int64, detail map[string]any) {
	u, err := au.acct.UserByID(ctx, userID)
	if err == nil {
		err = au.svc.Audit(ctx, u, action, objectType, objectID, detail)
	}
	if err != nil {
		au.a.log.Error("audit log", "action", action, "user_id", userID, "error", err)
	}
}

// uploadAction serves the upload form of the web UI through ingest.
type uploadAction struct{ ing *ingest.Service }

func (u uploadAction) Upload(ctx context.Context, userID int64, r *http.Request) (int64, string, error) {
	files, err := ingest.ReadMultipart(r, u.ing.Limits())
	if err != nil {
		return 0, "", &review.Error{Kind: review.ErrInvalid, Message: ingest.Message(err)}
	}
	rep, err := u.ing.Upload(ctx, userID, "web", files)
	if err != nil {
		return 0, "", &review.Error{Kind: review.ErrInvalid, Message: ingest.Message(err)}
	}
	return rep.BatchID, ingest.Summary(rep), nil
}

// retryAction runs a failed document again.
type retryAction struct{ ing *ingest.Service }

func (r retryAction) Retry(ctx context.Context, userID, documentID int64) error {
	if err := r.ing.Retry(ctx, documentID); err != nil {
		return &review.Error{Kind: review.ErrInvalid, Message: ingest.Message(err)}
	}
	return nil
}

// resummarizeAction summarises a case again with another backend.
type resummarizeAction struct{ a *app }

func (r resummarizeAction) Resummarize(ctx context.Context, userID, caseID int64, backend string) error {
	if backend == "" {
		backend = r.a.cfg.Backend
	}
	if r.a.backendSet[backend] == nil {
		return &review.Error{Kind: review.ErrInvalid, Message: fmt.Sprintf("Sammanställningsmotorn %q finns inte i den här installationen.", backend)}
	}
	return r.a.db.Transact(ctx, func(tx pgx.Tx) error { return worker.RequestSummary(ctx, tx, caseID, backend) })
}

// oidcProvider returns the municipality's identity provider when
// ARSFLOW_OIDC_ISSUER is set, else nil (local accounts only).
func oidcProvider(ctx context.Context) (*account.OIDC, error) {
	issuer := os.Getenv("ARSFLOW_OIDC_ISSUER")
	if issuer == "" {
		return nil, nil
	}
	list := func(name string) []string {
		return strings.FieldsFunc(os.Getenv(name), func(r rune) bool { return r == ',' || r == ' ' })
	}
	p, err := account.NewOIDC(ctx, account.OIDCConfig{
		Issuer:            issuer,
		ClientID:          os.Getenv("ARSFLOW_OIDC_CLIENT_ID"),
		ClientSecret:      os.Getenv("ARSFLOW_OIDC_CLIENT_SECRET"),
		RedirectURL:       os.Getenv("ARSFLOW_OIDC_REDIRECT_URL"),
		Scopes:            list("ARSFLOW_OIDC_SCOPES"),
		RoleClaim:         os.Getenv("ARSFLOW_OIDC_ROLE_CLAIM"),
		UsernameClaim:     os.Getenv("ARSFLOW_OIDC_USERNAME_CLAIM"),
		AdminValues:       list("ARSFLOW_OIDC_ADMIN_VALUES"),
		HandlaggareValues: list("ARSFLOW_OIDC_HANDLAGGARE_VALUES"),
	})
	if err != nil {
		return nil, fmt.Errorf("ARSFLOW_OIDC_*: %w", err)
	}
	return p, nil
}
