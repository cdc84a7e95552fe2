package review_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review"
	"arsflow/review/account"
	"arsflow/summarize"
)

// env is a migrated database with the review service, accounts and two users.
type env struct {
	db    *database.DB
	owner *database.DB // the same database as its owner, for what only the owner may do
	svc   *review.Service
	acct  *account.Service
	admin *account.User
	hl    *account.User // a handläggare
}

const testPassword = "ett-långt-lösenord"

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	db, owner := dbtest.NewWithOwner(t)
	e := &env{db: db, owner: owner, svc: review.New(db), acct: account.New(db, account.Config{BcryptCost: bcrypt.MinCost})}
	var err error
	if e.admin, err = e.acct.CreateUser(ctx, "admin", "Ada Admin", testPassword, account.RoleAdministrator); err != nil {
		t.Fatal(err)
	}
	if e.hl, err = e.acct.CreateUser(ctx, "hanna", "Hanna Handläggare", testPassword, account.RoleHandlaggare); err != nil {
		t.Fatal(err)
	}
	return e
}

// fixtureCase is what insertCase created.
type fixtureCase struct {
	CaseID, DocumentID, SummaryID int64
}

// pdfBytes is a minimal stand-in for a stored original.
func pdfBytes(name string) []byte { return []byte("%PDF-1.4\n% " + name + "\n%%EOF\n") }

// insertCase writes the rows ingest, extract and summarize would write for one
// case: a batch, a document, the case, its extraction, fields, a check and a
// summary version 1. It does not enter the case into the review queue.
func (e *env) insertCase(t *testing.T, name, org string, year int) fixtureCase {
	t.Helper()
	ctx := context.Background()
	var f fixtureCase
	content := pdfBytes(name)
	sum := sha256.Sum256(content)
	var batchID int64
	if err := e.db.Pool.QueryRow(ctx, `INSERT INTO batches (created_by, source, label) VALUES ($1, 'web', 'test') RETURNING id`, e.admin.ID).Scan(&batchID); err != nil {
		t.Fatal(err)
	}
	filename := "arsredovisning.pdf"
	if err := e.db.Pool.QueryRow(ctx,
		`INSERT INTO documents (batch_id, filename, folder, sha256, size_bytes, content) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		batchID, filename, name, sum[:], len(content), content).Scan(&f.DocumentID); err != nil {
		t.Fatal(err)
	}
	if err := e.db.Pool.QueryRow(ctx,
		`INSERT INTO cases (association_key, association_name, org_number, fiscal_year) VALUES ($1, $2, $1, $3) RETURNING id`,
		org, name, year).Scan(&f.CaseID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Pool.Exec(ctx,
		`INSERT INTO document_extractions (document_id, case_id, attempt, types, page_count, result) VALUES ($1, $2, 1, '{annual_accounts,audit_report}', 3, '{}')`,
		f.DocumentID, f.CaseID); err != nil {
		t.Fatal(err)
	}
	fields := []struct {
		key   string
		value any
		page  int
		quote string
		conf  float64
	}{
		{"association_name", name, 1, "Årsredovisning för " + name, 0.95},
		{"org_number", org, 1, "Org.nr " + org, 0.99},
		{"members_total", 142.0, 2, "Föreningen hade 142 medlemmar", 0.8},
		{"result", -1200.0, 3, "Årets resultat −1 200", 0.5},
	}
	for _, fl := range fields {
		v, _ := json.Marshal(fl.value)
		if _, err := e.db.Pool.Exec(ctx,
			`INSERT INTO case_fields (case_id, key, value, document_id, page, quote, confidence) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			f.CaseID, fl.key, v, f.DocumentID, fl.page, fl.quote, fl.conf); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.db.Pool.Exec(ctx,
		`INSERT INTO case_checks (case_id, code, severity, message, document_id, page) VALUES ($1, 'discharge_missing', 'warning', 'Revisionsberättelsen tar inte ställning till ansvarsfrihet.', $2, 3)`,
		f.CaseID, f.DocumentID); err != nil {
		t.Fatal(err)
	}
	f.SummaryID = e.insertSummary(t, f.CaseID, 1, "rules", name)
	return f
}

// insertSummary writes summary version of caseID and returns its id.
func (e *env) insertSummary(t *testing.T, caseID int64, version int, backend, name string) int64 {
	t.Helper()
	sections := []summarize.Section{
		{Key: "association", Title: "Förening och år", Sentences: []summarize.Sentence{
			{Text: fmt.Sprintf("%s (version %d) har lämnat årshandlingar.", name, version), Refs: []summarize.Ref{{File: "arsredovisning.pdf", Page: 1}}},
		}},
		{Key: "members", Title: "Medlemmar", Sentences: []summarize.Sentence{
			{Text: "Föreningen hade 999 medlemmar.", Refs: []summarize.Ref{{File: "arsredovisning.pdf", Page: 2}}},
		}},
	}
	flags := []summarize.Flag{
		{Code: summarize.FlagUnsupported, Message: "Talet 999 finns inte i handlingarna.", Section: "members", Text: "999"},
		{Code: summarize.FlagToCheck, Message: "Osäker avläsning av föreningens namn: kontrollera mot originalet.", Section: "association", Text: name},
	}
	sj, _ := json.Marshal(sections)
	fj, _ := json.Marshal(flags)
	var id int64
	err := e.db.Pool.QueryRow(context.Background(),
		`INSERT INTO summaries (case_id, version, backend, backend_version, location, input_hash, sections, body, flags)
		 VALUES ($1, $2, $3, 'v1', 'internal', $4, $5, 'text', $6) RETURNING id`,
		caseID, version, backend, fmt.Sprintf("hash-%d-%d", caseID, version), sj, fj).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// auditCount counts audit_log rows with action for object id (0: any object).
func (e *env) auditCount(t *testing.T, action string, objectID int64) int {
	t.Helper()
	var n int
	err := e.db.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM audit_log WHERE action = $1 AND ($2 = 0 OR object_id = $2)`, action, objectID).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// shown is the values hash of what the case page now shows for caseID.
func (e *env) shown(t *testing.T, caseID int64) string {
	t.Helper()
	c, err := e.svc.Case(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	return c.ValuesHash
}

// correctApproveRejectSendBack decides three entered cases: a gets two
// values corrected, one of them one the machine did not find (equity), and
// is approved; b is rejected; c is sent back for a new run.
func (e *env) correctApproveRejectSendBack(t *testing.T, a, b, c fixtureCase) {
	t.Helper()
	ctx := context.Background()
	if err := e.svc.Correct(ctx, e.hl, a.CaseID, "members_total", "150", "Fel avläst"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Correct(ctx, e.hl, a.CaseID, "equity", "12 000", "Fel avläst"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Approve(ctx, e.hl, a.CaseID, a.SummaryID, e.shown(t, a.CaseID)); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Reject(ctx, e.hl, b.CaseID, b.SummaryID, "Fel förening"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Audit(ctx, e.hl, review.ActionCaseResummarize, "case", c.CaseID, map[string]any{"backend": "rules"}); err != nil {
		t.Fatal(err)
	}
}
