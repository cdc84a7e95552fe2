package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/extract"
	"arsflow/extract/casefile"
	"arsflow/extract/store"
	"arsflow/queue"
	"arsflow/queue/database"
)

// Stage is the pipeline's extract stage. It extracts one document per
// message; when the last document of an upload group (one folder of a zip, or
// the loose files of a batch) is done, it forms the group's cases, merges
// their fields and checks, and asks for their summaries.
type Stage struct {
	DB       *database.DB
	Options  extract.Options
	Log      *slog.Logger
	Observer Observer // nil: none

	recent recent // the readings of documents read lately
}

// Observer is told about every document the stage read, for metrics.
type Observer interface {
	DocumentRead(doc *casefile.Document, took time.Duration)
}

// docRow is a document as ingest stored it.
type docRow struct {
	id       int64
	batchID  int64
	filename string
	folder   string
	attempt  int
	content  []byte
	rejected *string
}

// Process extracts the document outside any transaction.
func (s *Stage) Process(ctx context.Context, env queue.Envelope) (queue.Commit, error) {
	var d docRow
	err := s.DB.Pool.QueryRow(ctx, `SELECT id, batch_id, filename, folder, attempt, content, rejected_reason
		FROM documents WHERE id = $1`, env.DocumentID).Scan(&d.id, &d.batchID, &d.filename, &d.folder, &d.attempt, &d.content, &d.rejected)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, queue.Fail("Dokumentet finns inte", fmt.Errorf("extract: document %d: %w", env.DocumentID, queue.ErrPoison))
	}
	if err != nil {
		return nil, fmt.Errorf("extract: load document %d: %w", env.DocumentID, err)
	}
	if d.rejected != nil || d.content == nil {
		return nil, queue.Fail("Dokumentet avvisades vid uppladdningen", fmt.Errorf("extract: document %d: %w", d.id, queue.ErrPoison))
	}
	start := time.Now()
	rd := extract.ReadDocument(ctx, d.filename, d.content, s.Options)
	doc := rd.Doc
	if ctx.Err() != nil {
		return nil, fmt.Errorf("extract: document %d: %w", d.id, ctx.Err()) // shutting down: retry later
	}
	took := time.Since(start)
	if s.Observer != nil {
		s.Observer.DocumentRead(doc, took)
	}
	return func(ctx context.Context, tx pgx.Tx) error {
		digest, err := saveExtraction(ctx, tx, d, doc, took)
		if err != nil {
			return fmt.Errorf("extract: save document %d: %w", d.id, err)
		}
		s.recent.put(digest, rd)
		return s.completeGroup(ctx, tx, d.batchID, d.folder)
	}, nil
}

// Failed records a document that could not be extracted at all, so that its
// group still completes and the document shows as failed with its reason.
func (s *Stage) Failed(ctx context.Context, tx pgx.Tx, env queue.Envelope, reason string) error {
	var d docRow
	err := tx.QueryRow(ctx, `SELECT id, batch_id, filename, folder, attempt FROM documents WHERE id = $1`,
		env.DocumentID).Scan(&d.id, &d.batchID, &d.filename, &d.folder, &d.attempt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("worker.Stage.Failed: %w", err)
	}
	doc := &casefile.Document{File: d.filename, Types: []string{}, Error: reason}
	if _, err := saveExtraction(ctx, tx, d, doc, 0); err != nil {
		return fmt.Errorf("worker.Stage.Failed: %w", err)
	}
	return s.completeGroup(ctx, tx, d.batchID, d.folder)
}

// saveExtraction replaces the document's extraction and pages, and returns
// the digest of the stored form (see recent).
func saveExtraction(ctx context.Context, tx pgx.Tx, d docRow, doc *casefile.Document, took time.Duration) (string, error) {
	raw, err := casefile.EncodeDocument(doc)
	if err != nil {
		return "", err
	}
	sources := make([]string, len(doc.TextSource))
	for i, s := range doc.TextSource {
		sources[i] = string(s)
	}
	types := doc.Types
	if types == nil {
		types = []string{}
	}
	var errText *string
	if doc.Error != "" {
		errText = &doc.Error
	}
	var digest string
	if err := tx.QueryRow(ctx, `
		INSERT INTO document_extractions (document_id, attempt, types, page_count, text_sources, error, result, duration_ms, extracted_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
		ON CONFLICT (document_id) DO UPDATE SET attempt = EXCLUDED.attempt, types = EXCLUDED.types,
			page_count = EXCLUDED.page_count, text_sources = EXCLUDED.text_sources, error = EXCLUDED.error,
			result = EXCLUDED.result, duration_ms = EXCLUDED.duration_ms, extracted_at = now()
		RETURNING md5(result::text)`,
		d.id, d.attempt, types, doc.Pages, sources, errText, raw, took.Milliseconds()).Scan(&digest); err != nil {
		return "", err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM pages WHERE document_id = $1`, d.id); err != nil {
		return "", err
	}
	rows := make([][]any, len(doc.Text))
	for i, p := range doc.Text {
		rows[i] = []any{d.id, p.Number, string(p.Source), p.Quality, strings.ToValidUTF8(strings.ReplaceAll(p.Text, "\x00", ""), "")}
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"pages"}, []string{"document_id", "page_no", "source", "quality", "text"}, pgx.CopyFromRows(rows))
	return digest, err
}

// completeGroup forms the cases of an upload group once every document in it
// has been extracted (or has failed). A lock on the group (its batch and
// folder) serialises the last two documents of a group finishing at the same
// time, so exactly one of them sees the group complete; documents of other
// groups commit meanwhile.
func (s *Stage) completeGroup(ctx context.Context, tx pgx.Tx, batchID int64, folder string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1::bigint || '/' || $2::text, 0))`, batchID, folder); err != nil {
		return fmt.Errorf("extract: lock group: %w", err)
	}
	// A cheap count first: only the last document of a group loads the
	// group's extractions.
	var unread int
	if err := tx.QueryRow(ctx, `
		SELECT count(*) FROM documents d LEFT JOIN document_extractions de ON de.document_id = d.id
		WHERE d.batch_id = $1 AND d.folder = $2 AND d.rejected_reason IS NULL
		  AND (de.document_id IS NULL OR de.attempt < d.attempt)`, batchID, folder).Scan(&unread); err != nil {
		return fmt.Errorf("extract: group: %w", err)
	}
	if unread > 0 {
		return nil
	}
	// Complete (the batch lock keeps it so): load the group's extractions.
	rows, err := tx.Query(ctx, `
		SELECT d.id, de.result, COALESCE(de.case_id, 0)
		FROM documents d JOIN document_extractions de ON de.document_id = d.id
		WHERE d.batch_id = $1 AND d.folder = $2 AND d.rejected_reason IS NULL
		ORDER BY d.id`, batchID, folder)
	if err != nil {
		return fmt.Errorf("extract: group: %w", err)
	}
	var group []casefile.StoredDocument
	var rs []*extract.Reading
	oldCases := map[int64]bool{}
	for rows.Next() {
		var id, caseID int64
		var raw []byte
		if err := rows.Scan(&id, &raw, &caseID); err != nil {
			rows.Close()
			return fmt.Errorf("extract: group: %w", err)
		}
		r, _, err := s.recent.get(raw)
		if err != nil {
			rows.Close()
			return fmt.Errorf("extract: group: document %d: %w", id, err)
		}
		group = append(group, casefile.StoredDocument{ID: id, Doc: r.Doc})
		rs = append(rs, r)
		if caseID != 0 {
			oldCases[caseID] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("extract: group: %w", err)
	}
	if len(group) == 0 {
		return nil
	}
	touched := map[int64]bool{}
	assembled := map[int64]caseGroup{} // a case formed of this group's documents alone
	for _, g := range groupCases(folder, group, rs) {
		// A document that would join a case of another batch, or reopen a
		// decided case, waits for a person (package review/hold).
		g, err := heldOut(ctx, tx, g, batchID)
		if err != nil {
			return err
		}
		if len(g.docs) == 0 {
			continue
		}
		id, err := upsertCase(ctx, tx, g)
		if err != nil {
			return err
		}
		touched[id] = true
		ids := make([]int64, len(g.docs))
		for i, d := range g.docs {
			ids[i] = d.ID
		}
		if _, err := tx.Exec(ctx, `UPDATE document_extractions SET case_id = $2 WHERE document_id = ANY($1)`, ids, id); err != nil {
			return fmt.Errorf("extract: link documents: %w", err)
		}
		var all int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM document_extractions WHERE case_id = $1`, id).Scan(&all); err != nil {
			return fmt.Errorf("extract: link documents: %w", err)
		}
		if all == len(g.docs) {
			assembled[id] = g
		}
	}
	for id := range oldCases {
		touched[id] = true // a document that moved also changes the case it left
	}
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		var err error
		if g, ok := assembled[id]; ok && g.assembled != nil && !oldCases[id] {
			err = saveCase(ctx, tx, id, batchID, g.assembled, g.docs)
		} else {
			err = refreshCase(ctx, tx, id, batchID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// caseGroup is the documents that go into one case.
type caseGroup struct {
	key, name, org string
	year           int
	docs           []casefile.StoredDocument
	assembled      *casefile.Case // the case assembled from docs
}

// groupCases decides which case each document of a group belongs to. A
// folder is one association, so all its documents form one case; loose files
// are grouped by their own association key and fiscal year.
func groupCases(folder string, docs []casefile.StoredDocument, rs []*extract.Reading) []caseGroup {
	if folder != "" {
		c := extract.Assemble(folder, rs)
		key, name, org, year := extract.CaseKey(c)
		if key == "" {
			key = "mapp:" + strings.ToLower(folder)
		}
		if name == "" {
			name = folder
		}
		return []caseGroup{{key: key, name: name, org: org, year: year, docs: docs, assembled: c}}
	}
	var out []caseGroup
	index := map[string]int{}
	for i, d := range docs {
		c := extract.Assemble(d.Doc.File, rs[i:i+1])
		key, name, org, year := extract.CaseKey(c)
		if key == "" {
			key = fmt.Sprintf("dokument:%d", d.ID)
			name = d.Doc.File
		}
		k := fmt.Sprintf("%s|%d", key, year)
		if i, ok := index[k]; ok {
			out[i].docs = append(out[i].docs, d)
			out[i].assembled = nil // assembled again from all its documents
			continue
		}
		index[k] = len(out)
		out = append(out, caseGroup{key: key, name: name, org: org, year: year, docs: []casefile.StoredDocument{d}, assembled: c})
	}
	return out
}

func upsertCase(ctx context.Context, tx pgx.Tx, g caseGroup) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO cases (association_key, fiscal_year, association_name, org_number)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (association_key, fiscal_year) DO UPDATE SET
			association_name = CASE WHEN EXCLUDED.association_name <> '' THEN EXCLUDED.association_name ELSE cases.association_name END,
			org_number = CASE WHEN EXCLUDED.org_number <> '' THEN EXCLUDED.org_number ELSE cases.org_number END,
			updated_at = now()
		RETURNING id`, g.key, g.year, g.name, g.org).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("extract: upsert case: %w", err)
	}
	return id, nil
}

// refreshCase re-assembles a case from all its documents, replaces its
// fields and checks, and asks for a new summary.
func refreshCase(ctx context.Context, tx pgx.Tx, caseID, batchID int64) error {
	docs, err := store.LoadDocuments(ctx, tx, caseID)
	if err != nil {
		return fmt.Errorf("extract: refresh case %d: %w", caseID, err)
	}
	all := make([]*casefile.Document, len(docs))
	for i, d := range docs {
		all[i] = d.Doc
	}
	return saveCase(ctx, tx, caseID, batchID, extract.AssembleCase("", all), docs)
}

// saveCase replaces the fields and checks of case caseID with those of c,
// assembled from docs (all the case's documents), and asks for a new summary.
func saveCase(ctx context.Context, tx pgx.Tx, caseID, batchID int64, c *casefile.Case, docs []casefile.StoredDocument) error {
	if len(docs) == 0 {
		// Every document moved to another case (a retried document found its
		// association): the empty case keeps no fields or checks, and the
		// review queue and export leave out a case without documents.
		if _, err := tx.Exec(ctx, `DELETE FROM case_fields WHERE case_id = $1`, caseID); err != nil {
			return fmt.Errorf("extract: empty case %d: %w", caseID, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM case_checks WHERE case_id = $1`, caseID); err != nil {
			return fmt.Errorf("extract: empty case %d: %w", caseID, err)
		}
		return nil
	}
	byFile := map[string]int64{}
	for _, d := range docs {
		byFile[d.Doc.File] = d.ID
	}
	docID := func(file string) *int64 {
		if id, ok := byFile[file]; ok {
			return &id
		}
		return nil
	}
	// One round trip for all the statements.
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM case_fields WHERE case_id = $1`, caseID)
	for key, f := range c.Fields {
		value, _ := json.Marshal(f.Value)
		cands, _ := json.Marshal(f.Candidates)
		if f.Candidates == nil {
			cands = []byte("[]")
		}
		var bbox []byte
		if f.BBox != nil {
			bbox, _ = json.Marshal(f.BBox)
		}
		b.Queue(`INSERT INTO case_fields (case_id, key, value, document_id, page, quote, bbox, confidence, candidates)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			caseID, key, value, docID(f.File), f.Page, f.Quote, bbox, f.Confidence, cands)
	}
	b.Queue(`DELETE FROM case_checks WHERE case_id = $1`, caseID)
	for _, ch := range c.Checks {
		b.Queue(`INSERT INTO case_checks (case_id, code, severity, message, document_id, page)
			VALUES ($1, $2, $3, $4, $5, $6)`, caseID, ch.Code, ch.Severity, ch.Message, docID(ch.File), ch.Page)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("extract: refresh case %d: %w", caseID, err)
	}
	var n int
	if err := tx.QueryRow(ctx, `UPDATE cases SET summarize_requests = summarize_requests + 1, updated_at = now()
		WHERE id = $1 RETURNING summarize_requests`, caseID).Scan(&n); err != nil {
		return fmt.Errorf("extract: refresh case %d: %w", caseID, err)
	}
	return queue.Enqueue(ctx, tx, queue.Envelope{Stage: queue.StageSummarize, BatchID: batchID, CaseID: caseID, Attempt: n})
}

// RequestSummary asks for a case to be summarised again, optionally with
// another backend (a handläggare's re-run). The earlier versions are kept.
func RequestSummary(ctx context.Context, tx pgx.Tx, caseID int64, backend string) error {
	var n int
	err := tx.QueryRow(ctx, `UPDATE cases SET summarize_requests = summarize_requests + 1, updated_at = now()
		WHERE id = $1 RETURNING summarize_requests`, caseID).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("worker.RequestSummary %d: %w", caseID, casefile.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("worker.RequestSummary %d: %w", caseID, err)
	}
	return queue.Enqueue(ctx, tx, queue.Envelope{Stage: queue.StageSummarize, CaseID: caseID, Attempt: n, Backend: backend})
}
