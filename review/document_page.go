package review

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"arsflow/review/pageimage"
)

// documentPage serves one page of a stored original as a PNG, rendered on
// the server and cached, for the evidence beside a field.
func (s *Server) documentPage(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	page, err := strconv.Atoi(r.PathValue("page"))
	if err != nil || page < 1 {
		return ErrNotFound
	}
	p, err := s.renderPage(r.Context(), rc, id, page)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionPageView, "document", id, map[string]any{"page": page}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Content-Length", strconv.Itoa(len(p.PNG)))
	h.Set("Cache-Control", "private, max-age=600")
	if _, err := w.Write(p.PNG); err != nil {
		return fmt.Errorf("write page %d of document %d: %w", page, id, err)
	}
	return nil
}

// renderPage checks access and returns the rendered page.
func (s *Server) renderPage(ctx context.Context, rc *reqCtx, docID int64, page int) (*pageimage.Page, error) {
	sha, err := s.svc.documentAccess(ctx, rc.User, docID)
	if err != nil {
		return nil, err
	}
	p, err := s.pages.Render(ctx, sha, page, func(ctx context.Context) ([]byte, error) {
		d, err := s.svc.Document(ctx, docID)
		if err != nil {
			return nil, err
		}
		return d.Content, nil
	})
	switch {
	case errors.Is(err, pageimage.ErrNoPage):
		return nil, userError(ErrNotFound, "Sidan finns inte i handlingen.")
	case errors.Is(err, pageimage.ErrRender):
		return nil, userError(ErrUnavailable, "Sidan kunde inte visas som bild. Öppna originalet i stället.")
	case err != nil:
		return nil, err
	}
	return p, nil
}
