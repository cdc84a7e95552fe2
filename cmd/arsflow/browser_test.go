package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
	"arsflow/review/browsertest"
)

// publicPages are checked with axe-core and kept as screenshots; add a
// public page here.
var publicPages = []struct{ path, name string }{
	{"/om-ai", "om-ai"},
	{"/en/about-ai", "about-ai-en"},
	{"/tillganglighet", "tillganglighet"},
}

const browserPassword = "reviewer-password-1"

// signIn signs s in through the form with the mouse.
func signIn(t *testing.T, s *browsertest.Session, user, password string) {
	t.Helper()
	s.Visit(t, "/logga-in")
	s.Do(t, chromedp.SendKeys("#username", user), chromedp.SendKeys("#password", password), chromedp.Click("form button[type=submit]"))
	s.WaitFor(t, `location.pathname !== "/logga-in"`, 10*time.Second)
}

// bodyHas waits until the page's text contains each of want.
func bodyHas(t *testing.T, s *browsertest.Session, want ...string) {
	t.Helper()
	for _, w := range want {
		s.WaitFor(t, `document.body.innerText.includes(`+jsString(w)+`)`, 10*time.Second)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// The whole journey in Chromium: the administrator uploads a batch and
// watches its progress; a handläggare, with the keyboard alone, claims a
// case, opens a field's evidence, corrects it with a reason and approves; a
// second handläggare sees the claim; the case is in the export and the
// correction in the KPI page and the audit log. axe-core finds nothing on
// any page.
func TestBrowserJourney(t *testing.T) {
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	b := browsertest.New(t, ta.srv.URL)
	ctx := context.Background()
	for _, u := range []struct{ name, display string }{{"anna", "Anna Andersson"}, {"bertil", "Bertil Berg"}} {
		if _, err := ta.acct.CreateUser(ctx, u.name, u.display, browserPassword, account.RoleHandlaggare); err != nil {
			t.Fatal(err)
		}
	}

	pub := b.Session(t)
	for _, p := range publicPages {
		pub.Page(t, p.path, p.name)
	}
	pub.Page(t, "/logga-in", "sign-in")

	// The administrator uploads in the browser and follows each document
	// without a reload.
	admin := b.Session(t)
	signIn(t, admin, "admin", "prov-för-drift-2026")
	admin.Page(t, "/admin/batcher", "admin-upload")
	files, _ := filepath.Glob("../../testdata/cases/01-ekbackens-ik/*.pdf")
	for i := range files {
		files[i], _ = filepath.Abs(files[i])
	}
	admin.Eval(t, `window.noReload = true`, nil)
	admin.Do(t, chromedp.SetUploadFiles("#files", files), chromedp.Click("#upload button[type=submit]"))
	admin.WaitFor(t, `document.querySelectorAll("[data-doc]").length === `+itoa(len(files)), 30*time.Second)
	admin.Screenshot(t, "admin-progress")
	admin.WaitFor(t, `[...document.querySelectorAll("[data-doc] [data-slot=state]")].every(e => e.textContent.includes("Granskning"))`, 2*time.Minute)
	var noReload bool
	admin.Eval(t, `window.noReload === true`, &noReload)
	if !noReload {
		t.Error("the console reloaded the page during the upload")
	}
	admin.Check(t, "admin-progress-done")
	admin.Page(t, "/admin/installningar", "admin-settings")

	// Anna, with the keyboard alone.
	anna := b.Session(t)
	anna.Visit(t, "/logga-in")
	anna.TabTo(t, "#username", 25)
	anna.Type(t, "anna")
	anna.TabTo(t, "#password", 3)
	anna.Type(t, browserPassword)
	anna.Key(t, "\r")
	anna.WaitFor(t, `location.pathname === "/arenden"`, 10*time.Second)
	anna.Check(t, "queue")
	anna.TabTo(t, `table a[href^="/arenden/"]`, 60)
	anna.Key(t, "\r")
	anna.WaitFor(t, `/^\/arenden\/\d+$/.test(location.pathname)`, 10*time.Second)
	casePath := anna.Path(t)
	bodyHas(t, anna, "Du arbetar med ärendet")
	anna.Check(t, "case")
	// The evidence: the selected field's page is a rendered image.
	var pageOK bool
	anna.Eval(t, `fetch(document.querySelector("svg.page image").getAttribute("href")).then(r => r.ok && r.headers.get("content-type") === "image/png")`, &pageOK)
	if !pageOK {
		t.Error("the evidence page image did not load")
	}
	// At 200 % zoom (half the width) the page reflows to one column
	// without scrolling sideways.
	anna.Do(t, chromedp.EmulateViewport(640, 900))
	var fits bool
	anna.Eval(t, `document.documentElement.scrollWidth <= window.innerWidth + 1`, &fits)
	anna.Screenshot(t, "case-at-200-percent")
	if !fits {
		t.Error("the case page scrolls sideways at 200 % zoom")
	}
	anna.Do(t, chromedp.EmulateViewport(1280, 900))
	anna.TabTo(t, `a.fieldlink[data-key="members_total"]`, 120)
	anna.Key(t, "\r")
	anna.WaitFor(t, `document.querySelector('a.fieldlink[data-key="members_total"]').getAttribute("aria-current") === "true"`, 5*time.Second)
	anna.Key(t, "j") // the shortcut moves to the next field and back
	anna.WaitFor(t, `document.querySelector('a.fieldlink[aria-current="true"]').dataset.key !== "members_total"`, 5*time.Second)
	anna.Key(t, "k")
	anna.WaitFor(t, `document.querySelector('a.fieldlink[aria-current="true"]').dataset.key === "members_total" && document.querySelector("[data-slot=key]").value === "members_total"`, 5*time.Second)
	anna.Screenshot(t, "case-evidence")
	anna.TabTo(t, "#value", 20)
	anna.Type(t, "9999")
	anna.TabTo(t, "#correct-reason", 3)
	anna.Type(t, "Fel avläst i tabellen")
	anna.Key(t, "\r")
	anna.WaitFor(t, `location.search.includes("ok=corrected")`, 10*time.Second)
	anna.Check(t, "case-corrected")

	// Bertil sees that Anna has the case.
	bertil := b.Session(t)
	signIn(t, bertil, "bertil", browserPassword)
	bertil.Page(t, "/arenden", "queue-second-handlaggare")
	bodyHas(t, bertil, "Anna Andersson")
	bertil.Page(t, casePath, "case-claimed-by-other")
	bodyHas(t, bertil, "Anna Andersson arbetar med ärendet")

	// Anna approves, with the keyboard; a four-eyes case needs Bertil too.
	anna.TabTo(t, `form[action$="/godkann"] button`, 200)
	anna.Key(t, "\r")
	anna.WaitFor(t, `/ok=(approved|first)/.test(location.search)`, 10*time.Second)
	if strings.Contains(anna.Path(t), "ok=first") {
		bertil.Visit(t, casePath)
		bertil.Do(t, chromedp.Click(`form[action$="/godkann"] button`))
		bertil.WaitFor(t, `location.search.includes("ok=approved")`, 10*time.Second)
	}
	anna.Visit(t, casePath)
	bodyHas(t, anna, "godkänt")
	anna.Check(t, "case-approved")
	// The notice to the association names the correction.
	anna.Page(t, casePath+"/meddelande", "association-notice")
	bodyHas(t, anna, "Antal medlemmar")
	// The public notice's live figures count the decided case.
	pub.Page(t, "/om-ai", "om-ai-after-decision")

	// The export, the KPI page and the audit log.
	anna.Page(t, "/export", "export")
	var exported struct {
		Cases []struct {
			Fields map[string]struct {
				Value     any
				Corrected bool
			}
		}
	}
	anna.Eval(t, `fetch("/export.json").then(r => r.json())`, &exported)
	if len(exported.Cases) != 1 || exported.Cases[0].Fields["members_total"].Value != 9999.0 || !exported.Cases[0].Fields["members_total"].Corrected {
		t.Errorf("export = %+v, want the case with members_total 9999 corrected", exported)
	}
	anna.Page(t, "/nyckeltal", "kpi")
	var kpiRow string
	anna.Eval(t, `[...document.querySelectorAll("tr")].map(r => r.innerText).find(t => t.startsWith("Antal medlemmar")) || ""`, &kpiRow)
	if !strings.Contains(kpiRow, "1 av 1") {
		t.Errorf("KPI row for Antal medlemmar = %q, want the correction counted (1 av 1)", kpiRow)
	}
	anna.Page(t, "/vantande", "holds")
	admin.Page(t, "/admin/logg", "audit-log")
	bodyHas(t, admin, "rättade", "godkände")
	admin.Page(t, "/admin/batcher", "admin-batches")
}

func itoa(n int) string { return strconv.Itoa(n) }
