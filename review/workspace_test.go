package review_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"arsflow/review"
	"arsflow/review/account"
)

func (e *env) handlaggare(t *testing.T, name string) *account.User {
	t.Helper()
	u, err := e.acct.CreateUser(context.Background(), name, name, testPassword, account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (e *env) status(t *testing.T, caseID int64) string {
	t.Helper()
	c, err := e.svc.Case(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	return c.Status
}

// An approval covers exactly what the handläggare was shown: a change
// between showing and approving refuses it, and the export serves the
// approved values and identity even when the case changes afterwards.
func TestApprovalCoversWhatWasShown(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	f := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	changes := []struct {
		name   string
		change func()
	}{
		{"a correction", func() {
			if err := e.svc.Correct(ctx, e.hl, f.CaseID, "members_total", "150", "Fel avläst"); err != nil {
				t.Fatal(err)
			}
		}},
		{"a late document changed a field", func() {
			if _, err := e.db.Pool.Exec(ctx, `UPDATE case_fields SET value = '-900' WHERE case_id = $1 AND key = 'result'`, f.CaseID); err != nil {
				t.Fatal(err)
			}
		}},
		{"the association's name", func() {
			if _, err := e.db.Pool.Exec(ctx, `UPDATE cases SET association_name = 'Bollklubben Ny' WHERE id = $1`, f.CaseID); err != nil {
				t.Fatal(err)
			}
		}},
		{"the summary's text", func() {
			if err := e.svc.EditSummary(ctx, e.hl, f.CaseID, "Bollklubben har lämnat sina handlingar.", "Förtydligat"); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, ch := range changes {
		t.Run(ch.name, func(t *testing.T) {
			shown := e.shown(t, f.CaseID)
			ch.change()
			err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, shown)
			var ue *review.Error
			if !errors.Is(err, review.ErrChanged) || !errors.As(err, &ue) || ue.Message == "" {
				t.Fatalf("approve after %s: %v, want ErrChanged with a Swedish message", ch.name, err)
			}
		})
	}
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	// After the decision the case's identity and fields change; the export
	// keeps what was approved.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE cases SET association_name = 'Någon annan', org_number = '802999-9999' WHERE id = $1`, f.CaseID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Pool.Exec(ctx, `UPDATE case_fields SET value = '1' WHERE case_id = $1 AND key = 'members_total'`, f.CaseID); err != nil {
		t.Fatal(err)
	}
	cases, err := e.svc.Export(ctx)
	if err != nil || len(cases) != 1 {
		t.Fatalf("export: %v %v", cases, err)
	}
	c := cases[0]
	if c.AssociationName != "Bollklubben Ny" || c.OrgNumber != "802000-0001" {
		t.Errorf("export identity = %q %q, want the approved 'Bollklubben Ny' 802000-0001", c.AssociationName, c.OrgNumber)
	}
	if c.Fields["members_total"].Value != 150.0 || c.Fields["result"].Value != -900.0 {
		t.Errorf("export fields = %+v %+v, want the approved 150 and -900", c.Fields["members_total"], c.Fields["result"])
	}
	if c.Summary.Body != "Bollklubben har lämnat sina handlingar." || !c.Summary.BodyEdited {
		t.Errorf("export body = %q (edited %v), want the approved edit", c.Summary.Body, c.Summary.BodyEdited)
	}
	var reason string
	if err := e.db.Pool.QueryRow(ctx, `SELECT reason FROM corrections WHERE field_key = 'members_total'`).Scan(&reason); err != nil || reason != "Fel avläst" {
		t.Errorf("correction reason = %q, %v", reason, err)
	}
}

// enterWithError enters a case that has an error-level check.
func (e *env) enterWithError(t *testing.T, name, org string) fixtureCase {
	t.Helper()
	ctx := context.Background()
	f := e.insertCase(t, name, org, 2024)
	if _, err := e.db.Pool.Exec(ctx, `INSERT INTO case_checks (case_id, code, severity, message) VALUES ($1, 'balance_sheet_mismatch', 'error', 'Balansräkningen går inte ihop.')`, f.CaseID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFourEyes(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	nils := e.handlaggare(t, "nils")
	f := e.enterWithError(t, "Bollklubben", "802000-0001")
	plain := e.insertCase(t, "Scoutkåren", "802000-0002", 2024)
	if err := e.svc.Enter(ctx, plain.CaseID, plain.SummaryID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	if st := e.status(t, f.CaseID); st != "pending" || len(exportIDs(t, e.svc)) != 0 {
		t.Fatalf("after one approval: %s, export %v; want pending and nothing exported", st, exportIDs(t, e.svc))
	}
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); !errors.Is(err, review.ErrConflict) {
		t.Fatalf("the same person approving again: %v, want ErrConflict", err)
	}
	// The database refuses it too, whatever the code does.
	hash := e.shown(t, f.CaseID)
	if _, err := e.db.Pool.Exec(ctx, `INSERT INTO decisions (case_id, summary_id, user_id, decision, values_hash) VALUES ($1, $2, $3, 'approve', $4)`,
		f.CaseID, f.SummaryID, e.hl.ID, hash); err == nil {
		t.Fatal("database accepted a second approval by the same person")
	}
	if _, err := e.db.Pool.Exec(ctx, `UPDATE review_items SET status = 'approved', decided_at = now(), decided_by = $2 WHERE case_id = $1`, f.CaseID, e.hl.ID); err == nil {
		t.Fatal("database approved a four-eyes case with one approval")
	}
	if _, err := e.db.Pool.Exec(ctx, `UPDATE review_items SET four_eyes = false WHERE case_id = $1`, f.CaseID); err == nil {
		t.Fatal("database let four eyes be switched off after a first approval")
	}
	if err := e.svc.Approve(ctx, nils, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	if st := e.status(t, f.CaseID); st != "approved" {
		t.Fatalf("after two approvals: %s", st)
	}
	// A case without error-level checks needs one approval.
	if err := e.svc.Approve(ctx, e.hl, plain.CaseID, plain.SummaryID, e.shown(t, plain.CaseID)); err != nil || e.status(t, plain.CaseID) != "approved" {
		t.Fatalf("plain case: %v %s", err, e.status(t, plain.CaseID))
	}
	if n := e.auditCount(t, review.ActionCaseApproveFirst, f.CaseID); n != 1 {
		t.Errorf("first-approval audit rows = %d", n)
	}
}

func TestClaims(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	nils := e.handlaggare(t, "nils")
	f := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Claim(ctx, e.hl, f.CaseID); err != nil {
		t.Fatal(err)
	}
	c, _ := e.svc.CaseClaim(ctx, f.CaseID)
	if c == nil || c.Username != "hanna" {
		t.Fatalf("claim = %+v", c)
	}
	steps := []struct {
		name string
		run  func() error
		want error
	}{
		{"another cannot claim", func() error { return e.svc.Claim(ctx, nils, f.CaseID) }, review.ErrClaimed},
		{"another cannot correct", func() error { return e.svc.Correct(ctx, nils, f.CaseID, "members_total", "1", "x") }, review.ErrClaimed},
		{"another cannot approve", func() error { return e.svc.Approve(ctx, nils, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)) }, review.ErrClaimed},
		{"take over needs a reason", func() error { return e.svc.TakeOver(ctx, nils, f.CaseID, " ") }, review.ErrInvalid},
		{"take over", func() error { return e.svc.TakeOver(ctx, nils, f.CaseID, "Hanna är sjuk") }, nil},
		{"the first holder is out", func() error { return e.svc.Correct(ctx, e.hl, f.CaseID, "members_total", "1", "x") }, review.ErrClaimed},
		{"release", func() error { return e.svc.Release(ctx, nils, f.CaseID) }, nil},
		{"free again", func() error { return e.svc.Claim(ctx, e.hl, f.CaseID) }, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := st.run(); st.want == nil && err != nil || st.want != nil && !errors.Is(err, st.want) {
				t.Fatalf("err = %v, want %v", err, st.want)
			}
		})
	}
	// An expired claim does not lock.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE case_claims SET expires_at = now() - interval '1 minute' WHERE released_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Claim(ctx, nils, f.CaseID); err != nil {
		t.Fatalf("claim after expiry: %v", err)
	}
	var reason string
	if err := e.db.Pool.QueryRow(ctx, `SELECT reason FROM case_claims WHERE reason IS NOT NULL`).Scan(&reason); err != nil {
		t.Fatal(err)
	}
	if n := e.auditCount(t, review.ActionCaseTakeOver, f.CaseID); n != 1 || reason == "" {
		t.Errorf("take-over audit rows = %d, reason %q", n, reason)
	}
}

// race runs fn in n goroutines released together and returns their errors.
func race(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := 0; i < n; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn(i)
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

// The lock, four eyes and the audit hold when sessions race.
func TestRacingSessions(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	users := []*account.User{e.hl, e.handlaggare(t, "nils"), e.handlaggare(t, "olle"), e.handlaggare(t, "petra")}

	t.Run("one claim wins", func(t *testing.T) {
		f := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
		errs := race(len(users), func(i int) error { return e.svc.Claim(ctx, users[i], f.CaseID) })
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, review.ErrClaimed):
				t.Errorf("unexpected error: %v", err)
			}
		}
		var open int
		_ = e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM case_claims WHERE case_id = $1 AND released_at IS NULL`, f.CaseID).Scan(&open)
		if won != 1 || open != 1 || e.auditCount(t, review.ActionCaseClaim, f.CaseID) != 1 {
			t.Fatalf("%d claims won, %d open, %d audited; want 1 each", won, open, e.auditCount(t, review.ActionCaseClaim, f.CaseID))
		}
	})

	t.Run("one person approves once in two sessions", func(t *testing.T) {
		f := e.enterWithError(t, "Scoutkåren", "802000-0002")
		hash := e.shown(t, f.CaseID)
		errs := race(2, func(int) error { return e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, hash) })
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("errors %v; want exactly one approval to succeed", errs)
		}
		var n int
		_ = e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM decisions WHERE case_id = $1`, f.CaseID).Scan(&n)
		if n != 1 || e.status(t, f.CaseID) != "pending" {
			t.Fatalf("%d decisions, status %s; want 1 and pending", n, e.status(t, f.CaseID))
		}
		// Straight into the database, racing: the unique index lets one through.
		errs = race(2, func(int) error {
			_, err := e.db.Pool.Exec(ctx, `INSERT INTO decisions (case_id, summary_id, user_id, decision, values_hash) VALUES ($1, $2, $3, 'approve', $4)`,
				f.CaseID, f.SummaryID, users[1].ID, hash)
			return err
		})
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("raw inserts: %v; want exactly one", errs)
		}
	})

	t.Run("two people approve at once", func(t *testing.T) {
		f := e.enterWithError(t, "Kören", "802000-0003")
		hash := e.shown(t, f.CaseID)
		errs := race(2, func(i int) error { return e.svc.Approve(ctx, users[i+2], f.CaseID, f.SummaryID, hash) })
		if errs[0] != nil || errs[1] != nil || e.status(t, f.CaseID) != "approved" {
			t.Fatalf("errors %v, status %s; want both approvals and approved", errs, e.status(t, f.CaseID))
		}
		if e.auditCount(t, review.ActionCaseApprove, f.CaseID) != 1 || e.auditCount(t, review.ActionCaseApproveFirst, f.CaseID) != 1 {
			t.Fatal("each approval is audited once")
		}
	})

	t.Run("every racing action is audited", func(t *testing.T) {
		f := e.insertCase(t, "Teatern", "802000-0004", 2024)
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
		errs := race(8, func(i int) error {
			return e.svc.Correct(ctx, users[i%len(users)], f.CaseID, "members_total", string(rune('1'+i)), "Fel avläst")
		})
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if !errors.Is(err, review.ErrClaimed) {
				t.Errorf("unexpected: %v", err)
			}
		}
		var corrections int
		_ = e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM corrections WHERE case_id = $1`, f.CaseID).Scan(&corrections)
		if ok == 0 || ok != corrections || ok != e.auditCount(t, review.ActionCaseCorrect, f.CaseID) {
			t.Fatalf("%d corrections succeeded, %d stored, %d audited; want equal and > 0", ok, corrections, e.auditCount(t, review.ActionCaseCorrect, f.CaseID))
		}
	})
}

// Page images: rendered on the server for those who may see the document,
// and every fetch is audited.
func TestPageImage(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	pdf, err := os.ReadFile("../extract/pdftext/testdata/swedish.pdf")
	if err != nil {
		t.Fatal(err)
	}
	f := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	if _, err := e.db.Pool.Exec(ctx, `UPDATE documents SET content = $2 WHERE id = $1`, f.DocumentID, pdf); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.acct.CreateUser(ctx, "adam", "Adam", testPassword, account.RoleAdministrator); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, e)
	path := fmt.Sprintf("/dokument/%d/sida/1", f.DocumentID)
	tests := []struct {
		user, path string
		want       int
	}{
		{"hanna", path, http.StatusOK},
		{"admin", path, http.StatusForbidden}, // uploaded the batch, but it did not fail
		{"adam", path, http.StatusForbidden},
		{"hanna", fmt.Sprintf("/dokument/%d/sida/40", f.DocumentID), http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.user+tt.path, func(t *testing.T) {
			c := newClient(t, ts)
			c.signIn(tt.user)
			code, body, h := c.get(tt.path)
			if code != tt.want || (code == http.StatusOK && (h.Get("Content-Type") != "image/png" || !strings.HasPrefix(body, "\x89PNG"))) {
				t.Fatalf("%s as %s: %d %s", tt.path, tt.user, code, h.Get("Content-Type"))
			}
		})
	}
	if n := e.auditCount(t, review.ActionPageView, f.DocumentID); n != 1 {
		t.Errorf("page views audited = %d, want 1", n)
	}
	// The case page shows the page with the field's box drawn over it.
	c := newClient(t, ts)
	c.signIn("hanna")
	_, body, _ := c.get(fmt.Sprintf("/arenden/%d?falt=members_total", f.CaseID))
	for _, want := range []string{`<svg class="page"`, `<image href="` + path[:len(path)-1] + `2"`, "Föreningen hade 142 medlemmar"} {
		if !strings.Contains(body, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
}
