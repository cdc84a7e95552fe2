package retention_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review"
	"arsflow/review/account"
	"arsflow/review/retention"
)

const day = 24 * time.Hour

type fixture struct {
	t   *testing.T
	db  *database.DB
	svc *review.Service
	hl  *account.User
}

func newFixture(t *testing.T) *fixture {
	db := dbtest.New(t)
	acct := account.New(db, account.Config{BcryptCost: bcrypt.MinCost})
	hl, err := acct.CreateUser(context.Background(), "hanna", "Hanna", "ett-långt-lösenord", account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, db: db, svc: review.New(db), hl: hl}
}

func (f *fixture) exec(sql string, args ...any) {
	f.t.Helper()
	if _, err := f.db.Pool.Exec(context.Background(), sql, args...); err != nil {
		f.t.Fatalf("%s: %v", sql, err)
	}
}

func (f *fixture) count(sql string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// document stores an original that arrived age ago and returns its id.
func (f *fixture) document(name string, age time.Duration, rejected bool) int64 {
	f.t.Helper()
	content := []byte("%PDF-1.4\n% " + name + "\n%%EOF\n")
	sum := sha256.Sum256(content)
	var batch, id int64
	ctx := context.Background()
	if err := f.db.Pool.QueryRow(ctx, `INSERT INTO batches (source) VALUES ('web') RETURNING id`).Scan(&batch); err != nil {
		f.t.Fatal(err)
	}
	var reason *string
	if rejected {
		r := "Filen är inte en PDF."
		reason = &r
	}
	if err := f.db.Pool.QueryRow(ctx, `
		INSERT INTO documents (batch_id, filename, folder, sha256, size_bytes, content, rejected_reason, created_at)
		VALUES ($1, $2, $2, $3, $4, $5, $6, now() - $7::interval) RETURNING id`,
		batch, name+".pdf", sum[:], len(content), content, reason, fmt.Sprintf("%d hours", int(age.Hours()))).Scan(&id); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// extraction stores a document's extraction with page text that names the chair.
func (f *fixture) extraction(doc, caseID int64, chair string) {
	f.t.Helper()
	quote := "Ordförande: " + chair
	result, _ := json.Marshal(map[string]any{
		"document": map[string]any{"file": "a.pdf", "types": []string{"annual_accounts"}, "pages": 1},
		"text":     []map[string]any{{"number": 1, "source": "pdf", "quality": 1, "text": quote + "\nSumma intäkter 12 000"}},
		"fields": map[string]any{
			"chair":        map[string]any{"value": chair, "file": "a.pdf", "page": 1, "quote": quote, "confidence": 0.9},
			"income_total": map[string]any{"value": 12000, "file": "a.pdf", "page": 1, "quote": "Summa intäkter 12 000", "confidence": 0.9},
		},
	})
	var c *int64
	if caseID != 0 {
		c = &caseID
	}
	f.exec(`INSERT INTO document_extractions (document_id, case_id, attempt, types, page_count, text_sources, result, extracted_at)
		VALUES ($1, $2, 1, '{annual_accounts}', 1, '{pdf}', $3, now() - interval '400 days')`, doc, c, result)
	f.exec(`INSERT INTO pages (document_id, page_no, source, text) VALUES ($1, 1, 'pdf', $2)`, doc, quote+"\nSumma intäkter 12 000")
}

type seeded struct {
	caseID, docID int64
	chair         string
}

// decidedCase is a case whose documents arrived arrived ago, approved
// decided ago (pending when decided is negative), with the chair's name in
// its page text, fields, check, summary and the approval's quotes.
func (f *fixture) decidedCase(name, chair string, arrived, decided time.Duration) seeded {
	f.t.Helper()
	ctx := context.Background()
	s := seeded{chair: chair, docID: f.document(name, arrived, false)}
	if err := f.db.Pool.QueryRow(ctx, `INSERT INTO cases (association_key, association_name, fiscal_year) VALUES ($1, $1, 2025) RETURNING id`,
		name).Scan(&s.caseID); err != nil {
		f.t.Fatal(err)
	}
	f.extraction(s.docID, s.caseID, chair)
	f.exec(`INSERT INTO case_fields (case_id, key, value, document_id, page, quote, confidence) VALUES
		($1, 'chair', to_jsonb($3::text), $2, 1, 'Ordförande: ' || $3, 0.9),
		($1, 'income_total', '12000', $2, 1, 'Summa intäkter 12 000', 0.9)`, s.caseID, s.docID, chair)
	f.exec(`INSERT INTO case_checks (case_id, code, severity, message, document_id, page)
		VALUES ($1, 'auditor_on_board', 'warning', 'Revisorn ' || $2 || ' sitter också i styrelsen.', $3, 1)`, s.caseID, chair, s.docID)
	sections, _ := json.Marshal([]map[string]any{{"key": "association", "title": "Förening och år",
		"sentences": []map[string]any{{"text": "Ordförande är " + chair + ". Intäkterna var 12 000 kr.", "refs": []any{}}}}})
	var summaryID int64
	if err := f.db.Pool.QueryRow(ctx, `
		INSERT INTO summaries (case_id, version, backend, backend_version, location, input_hash, cache_key, sections, body)
		VALUES ($1, 1, 'rules', 'rules/4', 'internal', 'h', $4, $2, $3) RETURNING id`,
		s.caseID, sections, "Ordförande är "+chair+".", "key-"+name).Scan(&summaryID); err != nil {
		f.t.Fatal(err)
	}
	if err := f.svc.Enter(ctx, s.caseID, summaryID); err != nil {
		f.t.Fatal(err)
	}
	if err := f.svc.Correct(ctx, f.hl, s.caseID, "income_total", "12 500", "Fel avläst"); err != nil {
		f.t.Fatal(err)
	}
	// The handläggare corrects the chair's name and edits the summary's
	// text, which names the chair: corrections and the approval keep both.
	if err := f.svc.Correct(ctx, f.hl, s.caseID, "chair", chair+" Lind", "Efternamnet saknades"); err != nil {
		f.t.Fatal(err)
	}
	if err := f.svc.EditSummary(ctx, f.hl, s.caseID, "Ordförande är "+chair+" Lind. Intäkterna var 12 500 kr.", "Rättade siffran"); err != nil {
		f.t.Fatal(err)
	}
	if decided < 0 {
		return s
	}
	shown, err := f.svc.Case(ctx, s.caseID)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.svc.Approve(ctx, f.hl, s.caseID, summaryID, shown.ValuesHash); err != nil {
		f.t.Fatal(err)
	}
	f.exec(`UPDATE review_items SET decided_at = now() - $2::interval WHERE case_id = $1`, s.caseID, fmt.Sprintf("%d hours", int(decided.Hours())))
	return s
}

// personalDataLeft counts the places where a case's chair is still named.
func (f *fixture) personalDataLeft(s seeded) map[string]int {
	f.t.Helper()
	like := "%" + s.chair + "%"
	return map[string]int{
		"pages":                 f.count(`SELECT count(*) FROM pages WHERE document_id = $1`, s.docID),
		"extractions":           f.count(`SELECT count(*) FROM document_extractions WHERE document_id = $1 AND result::text LIKE $2`, s.docID, like),
		"fields":                f.count(`SELECT count(*) FROM case_fields WHERE case_id = $1 AND (value::text LIKE $2 OR quote LIKE $2)`, s.caseID, like),
		"checks":                f.count(`SELECT count(*) FROM case_checks WHERE case_id = $1 AND message LIKE $2`, s.caseID, like),
		"summaries":             f.count(`SELECT count(*) FROM summaries WHERE case_id = $1 AND (body LIKE $2 OR sections::text LIKE $2)`, s.caseID, like),
		"quotes":                f.count(`SELECT count(*) FROM decisions WHERE case_id = $1 AND fields::text LIKE '%"quote"%'`, s.caseID),
		"decision summary text": f.count(`SELECT count(*) FROM decisions WHERE case_id = $1 AND summary_body LIKE $2`, s.caseID, like),
		"summary text edits": f.count(`SELECT count(*) FROM corrections WHERE case_id = $1 AND field_key = 'summary_text'
			AND (machine_value::text LIKE $2 OR corrected_value::text LIKE $2)`, s.caseID, like),
		"name corrections": f.count(`SELECT count(*) FROM corrections WHERE case_id = $1 AND field_key = 'chair'
			AND (machine_value::text LIKE $2 OR corrected_value::text LIKE $2)`, s.caseID, like),
	}
}

func TestRetentionDeletesWhatIsDueAndAuditsIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	old := f.decidedCase("Gamla IK", "Dragan Petrović", 810*day, 800*day) // both periods ran out
	mid := f.decidedCase("Mellan IK", "Solveig Åberg", 410*day, 400*day)  // personal data only
	recent := f.decidedCase("Nya IK", "Tesfaye Haile", 20*day, 10*day)    // nothing
	pending := f.decidedCase("Väntande IK", "Anna Berglund", 900*day, -1) // never, while pending
	refused := f.document("refused", 800*day, true)                       // no case: counts from arrival
	lone := f.document("lone", 400*day, false)
	f.extraction(lone, 0, "Per Persson")

	job := &retention.Job{DB: f.db, Policy: retention.Policy{Originals: 730 * day, PersonalData: 365 * day}, Batch: 1}
	rep, err := job.RunOnce(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if want := (retention.Report{Originals: 2, Cases: 2, LoneDocuments: 1}); rep != want {
		t.Errorf("report = %+v, want %+v", rep, want)
	}

	for _, s := range []seeded{old, mid} {
		for where, n := range f.personalDataLeft(s) {
			if n != 0 {
				t.Errorf("%s: the chair's name or a quote is left in %s (%d)", s.chair, where, n)
			}
		}
		if n := f.count(`SELECT count(*) FROM summaries WHERE case_id = $1 AND body LIKE '%[PERSON_1]%' AND cache_key = ''`, s.caseID); n != 1 {
			t.Errorf("%s: summary not redacted with a placeholder, or still in the cache", s.chair)
		}
		if n := f.count(`SELECT count(*) FROM case_fields WHERE case_id = $1 AND key = 'income_total' AND value = '12000'`, s.caseID); n != 1 {
			t.Errorf("%s: a figure was deleted with the personal data", s.chair)
		}
		if n := f.count(`SELECT count(*) FROM corrections WHERE case_id = $1 AND field_key = 'income_total'
			AND machine_value = '12000' AND corrected_value = '12500' AND reason = 'Fel avläst'`, s.caseID); n != 1 {
			t.Errorf("%s: a corrected figure was changed with the personal data", s.chair)
		}
		if n := f.count(`SELECT count(*) FROM decisions WHERE case_id = $1 AND summary_body LIKE '%[PERSON_%]%12 500 kr.'`, s.caseID); n != 1 {
			t.Errorf("%s: the approved summary text is not redacted with a placeholder", s.chair)
		}
		if n := f.count(`SELECT count(*) FROM corrections WHERE case_id = $1 AND field_key = 'summary_text'
			AND corrected_value #>> '{}' LIKE '%[PERSON_%]%12 500 kr.' AND personal_data_deleted_at IS NOT NULL`, s.caseID); n != 1 {
			t.Errorf("%s: the edit of the summary text is not redacted and marked", s.chair)
		}
		if n := f.count(`SELECT count(*) FROM audit_log WHERE action = $1 AND object_type = 'case' AND object_id = $2 AND actor = 'system'
			AND detail->>'after_days' = '365'`, review.ActionRetentionPersonalData, s.caseID); n != 1 {
			t.Errorf("%s: %d audit rows for the deletion, want 1", s.chair, n)
		}
	}
	for _, s := range []seeded{recent, pending} {
		for where, n := range f.personalDataLeft(s) {
			if n == 0 && where != "quotes" && (s != pending || where != "decision summary text") {
				t.Errorf("%s: personal data in %s was deleted before its time", s.chair, where)
			}
		}
	}
	originals := map[int64]bool{old.docID: false, mid.docID: true, recent.docID: true, pending.docID: true, refused: false, lone: true}
	for id, kept := range originals {
		if got := f.count(`SELECT count(*) FROM documents WHERE id = $1 AND content IS NOT NULL`, id) == 1; got != kept {
			t.Errorf("document %d: original kept = %v, want %v", id, got, kept)
		}
		audited := f.count(`SELECT count(*) FROM audit_log WHERE action = $1 AND object_id = $2`, review.ActionRetentionOriginal, id)
		if audited != map[bool]int{true: 0, false: 1}[kept] {
			t.Errorf("document %d: %d audit rows for deleting the original", id, audited)
		}
	}
	if n := f.count(`SELECT count(*) FROM pages WHERE document_id = $1`, lone); n != 0 {
		t.Error("the lone document's page text was kept")
	}
	if _, err := f.svc.Document(ctx, old.docID); err == nil || !strings.Contains(err.Error(), "raderades") {
		t.Errorf("a deleted original is served or not explained: %v", err)
	}

	// The decision and the approved values stay, in the export too.
	cases, err := f.svc.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	approved := map[int64]review.ExportCase{}
	for _, c := range cases {
		approved[c.CaseID] = c
	}
	if c, ok := approved[old.caseID]; !ok || c.Fields["income_total"].Value != 12500.0 || c.Fields["chair"].Value != old.chair+" Lind" || c.Fields["chair"].Quote != "" {
		t.Errorf("export of a purged case = %+v", c.Fields)
	} else if !c.Summary.BodyEdited || strings.Contains(c.Summary.Body, old.chair) || !strings.Contains(c.Summary.Body, "12 500 kr") {
		t.Errorf("export of a purged case: summary text %q (edited %v)", c.Summary.Body, c.Summary.BodyEdited)
	}

	// A second run finds nothing new and logs nothing.
	audits := f.count(`SELECT count(*) FROM audit_log WHERE action LIKE 'retention.%'`)
	if rep, err := job.RunOnce(ctx, time.Now()); err != nil || rep != (retention.Report{}) {
		t.Errorf("second run = %+v, %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM audit_log WHERE action LIKE 'retention.%'`); n != audits {
		t.Errorf("second run logged %d more deletions", n-audits)
	}
}

func TestDecisionsStayAppendOnlyButForQuotes(t *testing.T) {
	f := newFixture(t)
	s := f.decidedCase("Gamla IK", "Dragan Petrović", 10*day, 5*day)
	ctx := context.Background()
	f.refused(s.caseID,
		`UPDATE decisions SET reason = 'ändrat' WHERE case_id = $1`,
		`UPDATE decisions SET fields = '{}' WHERE case_id = $1`,
		`UPDATE decisions SET fields = arsflow_without_quotes(fields), personal_data_deleted_at = now(), decision = 'reject' WHERE case_id = $1`,
		`UPDATE decisions SET fields = '{}', personal_data_deleted_at = now() WHERE case_id = $1`,
		`UPDATE decisions SET fields = arsflow_without_quotes(fields) WHERE case_id = $1`,
		`DELETE FROM decisions WHERE case_id = $1`,
	)
	f.exec(`UPDATE decisions SET fields = arsflow_without_quotes(fields), personal_data_deleted_at = now() WHERE case_id = $1`, s.caseID)
	if n := f.count(`SELECT count(*) FROM decisions WHERE case_id = $1 AND fields->'chair'->>'value' = $2 AND NOT fields->'chair' ? 'quote'`, s.caseID, s.chair+" Lind"); n != 1 {
		t.Error("removing the quotes changed the approved values")
	}
	if _, err := f.db.Pool.Exec(ctx, `UPDATE decisions SET personal_data_deleted_at = now() WHERE case_id = $1`, s.caseID); err == nil {
		t.Error("a decision's personal data was deleted twice")
	}
}

func TestCorrectionsStayAppendOnlyButForNames(t *testing.T) {
	f := newFixture(t)
	s := f.decidedCase("Gamla IK", "Dragan Petrović", 10*day, 5*day)
	ctx := context.Background()
	f.refused(s.caseID,
		`UPDATE corrections SET reason = 'ändrat' WHERE case_id = $1`,
		`UPDATE corrections SET corrected_value = '"[PERSON_1]"' WHERE case_id = $1 AND field_key = 'chair'`,
		`UPDATE corrections SET corrected_value = '"[PERSON_1]"', personal_data_deleted_at = now(), field_key = 'treasurer'
		  WHERE case_id = $1 AND field_key = 'chair'`,
		`UPDATE corrections SET corrected_value = '13000', personal_data_deleted_at = now() WHERE case_id = $1 AND field_key = 'income_total'`,
		`UPDATE corrections SET corrected_value = 'null', personal_data_deleted_at = now() WHERE case_id = $1 AND field_key = 'chair'`,
		`DELETE FROM corrections WHERE case_id = $1`,
	)
	f.exec(`UPDATE corrections SET corrected_value = '"[PERSON_1]"', machine_value = '"[PERSON_2]"', personal_data_deleted_at = now()
		 WHERE case_id = $1 AND field_key = 'chair'`, s.caseID)
	if _, err := f.db.Pool.Exec(ctx, `UPDATE corrections SET corrected_value = '"x"' WHERE case_id = $1 AND field_key = 'chair'`, s.caseID); err == nil {
		t.Error("a correction's personal data was replaced twice")
	}
}

// refused checks that each statement (with the case's id as $1) is refused
// by the table's guard, or (DELETE) by the application role's grants.
func (f *fixture) refused(caseID int64, statements ...string) {
	f.t.Helper()
	for _, sql := range statements {
		if _, err := f.db.Pool.Exec(context.Background(), sql, caseID); err == nil ||
			!strings.Contains(err.Error(), "append-only") && !strings.Contains(err.Error(), "permission denied") {
			f.t.Errorf("%s: %v", sql, err)
		}
	}
}
