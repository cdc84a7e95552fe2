package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/extract"
	"arsflow/extract/casefile"
	"arsflow/review/hold"
)

// heldOut removes from g the documents that must wait for a person before
// they join the existing case of g's key and year (package hold decides);
// g.docs is empty when every document waits.
func heldOut(ctx context.Context, tx pgx.Tx, g caseGroup, batchID int64) (caseGroup, error) {
	var caseID int64
	err := tx.QueryRow(ctx, `SELECT id FROM cases WHERE association_key = $1 AND fiscal_year = $2`, g.key, g.year).Scan(&caseID)
	if errors.Is(err, pgx.ErrNoRows) {
		return g, nil
	}
	if err != nil {
		return g, fmt.Errorf("extract: existing case: %w", err)
	}
	var keep []casefile.StoredDocument
	for _, d := range g.docs {
		held, err := hold.Needed(ctx, tx, d.ID, caseID, batchID)
		if err != nil {
			return g, err
		}
		if !held {
			keep = append(keep, d)
		}
	}
	if len(keep) < len(g.docs) {
		g.assembled = nil // assembled again from the documents that join
	}
	g.docs = keep
	return g, nil
}

// AttachDocument links a held document once a person has decided: to
// caseID, or, when caseID is 0, to a case of its own. The cases it joins and
// leaves are formed again and summarised again (a decided case reopens
// through its new summary).
func AttachDocument(ctx context.Context, tx pgx.Tx, documentID, caseID int64) error {
	var old, batchID int64
	var raw []byte
	err := tx.QueryRow(ctx, `SELECT coalesce(de.case_id, 0), d.batch_id, de.result
		FROM document_extractions de JOIN documents d ON d.id = de.document_id WHERE de.document_id = $1`, documentID).
		Scan(&old, &batchID, &raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("worker.AttachDocument %d: %w", documentID, casefile.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("worker.AttachDocument %d: %w", documentID, err)
	}
	if caseID == 0 {
		doc, err := casefile.DecodeDocument(raw)
		if err != nil {
			return fmt.Errorf("worker.AttachDocument %d: %w", documentID, err)
		}
		_, name, org, year := extract.CaseKey(extract.AssembleCase(doc.File, []*casefile.Document{doc}))
		if name == "" {
			name = doc.File
		}
		g := caseGroup{key: fmt.Sprintf("dokument:%d", documentID), name: name, org: org, year: year}
		if caseID, err = upsertCase(ctx, tx, g); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE document_extractions SET case_id = $2 WHERE document_id = $1`, documentID, caseID); err != nil {
		return fmt.Errorf("worker.AttachDocument %d: %w", documentID, err)
	}
	if err := refreshCase(ctx, tx, caseID, batchID); err != nil {
		return err
	}
	if old != 0 && old != caseID {
		return refreshCase(ctx, tx, old, batchID)
	}
	return nil
}
