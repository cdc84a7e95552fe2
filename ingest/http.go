package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Authenticator identifies the user behind a request (an API token, or a
// session). An error wrapping ErrForbidden means a valid credential that
// does not reach this API; any other error, that the request is not
// authenticated.
type Authenticator interface {
	Authenticate(r *http.Request) (userID int64, role string, err error)
}

// RoleAdministrator is the role that may upload, follow and retry.
const RoleAdministrator = "administrator"

// multipartOverhead is allowed on top of MaxUploadSize for part headers.
const multipartOverhead = 1 << 20

// Routes registers the ingest API on mux:
//
//	POST /api/v1/batches                    upload (multipart, "file" parts)
//	GET  /api/v1/batches/{id}               progress of a batch
//	POST /api/v1/documents/{id}/retry       run a failed document again
//
// Every route needs an administrator.
func (s *Service) Routes(mux *http.ServeMux, auth Authenticator) {
	a := &api{s: s, auth: auth}
	mux.Handle("POST /api/v1/batches", a.handle(a.upload))
	mux.Handle("GET /api/v1/batches/{id}", a.handle(a.progress))
	mux.Handle("POST /api/v1/documents/{id}/retry", a.handle(a.retry))
}

// Handler returns the ingest API as a handler of its own.
func (s *Service) Handler(auth Authenticator) http.Handler {
	mux := http.NewServeMux()
	s.Routes(mux, auth)
	return mux
}

type api struct {
	s    *Service
	auth Authenticator
}

// handlerFunc is an HTTP handler that returns its error for handle to render.
type handlerFunc func(w http.ResponseWriter, r *http.Request, userID int64) error

// handle authenticates the request as an administrator, runs h and renders
// its error as JSON {"error": "...", "status": N} with a Swedish message and
// the status of its kind.
func (a *api) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		userID, role, err := a.auth.Authenticate(r)
		switch {
		case errors.Is(err, ErrForbidden):
			err = fail(ErrForbidden, "API-nyckelns behörighet räcker inte: inläsning kräver en nyckel med behörigheten ingest")
		case err != nil:
			err = fail(ErrUnauthenticated, "inloggning krävs: ange en giltig API-nyckel (Authorization: Bearer …)")
		case role != RoleAdministrator:
			err = fail(ErrForbidden, "bara en administratör får ladda upp och följa dokument")
		default:
			err = h(w, r, userID)
		}
		if err != nil {
			writeError(w, r, err)
		}
	})
}

// writeError renders err.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	if status == http.StatusInternalServerError {
		slog.Error("ingest api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="arsflow"`)
	}
	writeJSON(w, status, map[string]any{"error": Message(err), "status": status})
}

// Message returns the Swedish message of err for the user: an *Error's own,
// one for an upload over the size limit, else a general one that reveals
// nothing internal.
func Message(err error) string {
	var e *Error
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return fmt.Sprintf("uppladdningen är för stor (högst %s åt gången)", humanSize(tooBig.Limit-multipartOverhead))
	case errors.As(err, &e):
		return e.Message
	}
	return "ett internt fel inträffade; försök igen eller kontakta förvaltningen"
}

// Status returns the HTTP status of err: 400, 401, 403, 404, 409, 413, 415,
// or 500 for any error that is not an *Error.
func Status(err error) int {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge
	}
	var e *Error
	if !errors.As(err, &e) {
		return http.StatusInternalServerError
	}
	for _, k := range []struct {
		kind   error
		status int
	}{
		{ErrNotFound, http.StatusNotFound}, {ErrInvalid, http.StatusBadRequest}, {ErrRejected, http.StatusBadRequest},
		{ErrTooLarge, http.StatusRequestEntityTooLarge}, {ErrUnsupported, http.StatusUnsupportedMediaType},
		{ErrConflict, http.StatusConflict}, {ErrUnauthenticated, http.StatusUnauthorized}, {ErrForbidden, http.StatusForbidden},
	} {
		if errors.Is(e.Kind, k.kind) {
			return k.status
		}
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// sources that an upload may name in its "source" field.
var sources = map[string]bool{"web": true, "api": true, "cli": true, "demo": true}

func (a *api) upload(w http.ResponseWriter, r *http.Request, userID int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, a.s.lim.MaxUploadSize+multipartOverhead)
	files, source, err := readMultipart(r, a.s.lim)
	if err != nil {
		return err
	}
	rep, err := a.s.Upload(r.Context(), userID, source, files)
	if err != nil {
		return err
	}
	slog.Info("upload", "batch_id", rep.BatchID, "user_id", userID, "source", source,
		"accepted", rep.Accepted, "duplicates", rep.Duplicates, "rejected", rep.Rejected)
	a.s.auditAction(r.Context(), userID, "batch.upload", "batch", rep.BatchID, map[string]any{
		"source": source, "accepted": rep.Accepted, "duplicates": rep.Duplicates, "rejected": rep.Rejected})
	w.Header().Set("Location", fmt.Sprintf("/api/v1/batches/%d", rep.BatchID))
	writeJSON(w, http.StatusCreated, rep)
	return nil
}

// ReadMultipart reads the files of a multipart/form-data upload part by part,
// for Upload: every part named "file" (or "files"), each file name optionally
// a relative path whose last folder is the association folder. Other fields
// are skipped. The body is bounded by lim.MaxUploadSize; errors are *Error
// values (or an *http.MaxBytesError) with a Swedish Message.
func ReadMultipart(r *http.Request, lim Limits) ([]File, error) {
	lim = lim.withDefaults()
	// No ResponseWriter here: the caller's server closes the connection
	// itself when it answers before the body was read.
	r.Body = http.MaxBytesReader(nil, r.Body, lim.MaxUploadSize+multipartOverhead)
	files, _, err := readMultipart(r, lim)
	return files, err
}

// readMultipart reads the "file" parts and the optional "source" field.
func readMultipart(r *http.Request, lim Limits) (files []File, source string, err error) {
	lim = lim.withDefaults()
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return nil, "", fail(ErrUnsupported, "uppladdningen måste skickas som multipart/form-data med filerna i fält som heter \"file\"")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", fail(ErrInvalid, "uppladdningen kunde inte läsas som multipart/form-data")
	}
	source = "api"
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return files, source, nil
		}
		if err != nil {
			return nil, "", readError(err)
		}
		switch part.FormName() {
		case "file", "files", "file[]":
			if len(files) == lim.MaxFiles {
				return nil, "", tooMany(len(files)+1, lim)
			}
			raw := rawFileName(part.Header.Get("Content-Disposition"))
			if raw == "" {
				part.Close()
				continue // an empty file input of a browser form
			}
			folder, name := splitUploadName(raw)
			f, err := ReadFile(part, folder, name, lim)
			if err != nil {
				return nil, "", readError(err)
			}
			files = append(files, f)
		case "source":
			b, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return nil, "", readError(err)
			}
			if v := strings.TrimSpace(string(b)); sources[v] {
				source = v
			}
		}
		part.Close()
	}
}

// readError turns a failure to read the request body into an *Error, unless
// the body was over the limit (rendered as 413 by writeError).
func readError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return fmt.Errorf("%w (%v)", fail(ErrInvalid, "uppladdningen avbröts eller är felaktigt kodad; försök igen"), err)
}

// rawFileName returns the filename parameter of a Content-Disposition header
// as sent, with its folders (multipart.Part.FileName keeps only the base).
func rawFileName(cd string) string {
	_, params, err := mime.ParseMediaType(cd)
	if err != nil {
		return ""
	}
	return params["filename"]
}

func (a *api) progress(w http.ResponseWriter, r *http.Request, _ int64) error {
	id, err := pathID(r, "batch")
	if err != nil {
		return err
	}
	p, err := a.s.Progress(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (a *api) retry(w http.ResponseWriter, r *http.Request, userID int64) error {
	id, err := pathID(r, "dokument")
	if err != nil {
		return err
	}
	if err := a.s.Retry(r.Context(), id); err != nil {
		return err
	}
	slog.Info("retry", "document_id", id, "user_id", userID)
	a.s.auditAction(r.Context(), userID, "document.retry", "document", id, nil)
	writeJSON(w, http.StatusAccepted, map[string]any{"document_id": id, "status": "köad"})
	return nil
}

// pathID parses the {id} path value.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fail(ErrInvalid, fmt.Sprintf("ogiltigt id för %s: %q", what, r.PathValue("id")))
	}
	return id, nil
}
