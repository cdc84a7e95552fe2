package review_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"arsflow/review"
)

// newNoticeServer is a server with the given configuration on e's database.
func newNoticeServer(t *testing.T, e *env, cfg review.Config) *httptest.Server {
	t.Helper()
	if cfg.Organisation == "" {
		cfg.Organisation = "Fritidsnämnden i Testby"
	}
	if cfg.Contact == "" {
		cfg.Contact = "Ring kommunens kontaktcenter."
	}
	if cfg.PageCacheDir == "" {
		cfg.PageCacheDir = t.TempDir()
	}
	srv, err := review.NewServer(cfg, e.db, e.acct, review.Actions{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

var (
	rulesBackend = review.BackendInfo{Name: "rules", Label: "Regelbaserad sammanställning (ingen språkmodell)",
		Location: "internal", Where: "arsflows egen server i kommunens nät", Version: "rules/4"}
	modelBackend = review.BackendInfo{Name: "openai", Label: "Språkmodell via OpenAI-kompatibelt gränssnitt",
		Model: "gpt-4o", Location: "eu", Where: "Microsoft Azure i Sverige", Version: "openai/1 model=gpt-4o prompt=p2", PromptVersion: "p2"}
)

// mustContain fails for each want that body lacks.
func mustContain(t *testing.T, page, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", page, w)
		}
	}
}

func TestPublicNoticeFollowsProcessChanges(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if changed, err := review.RecordProcess(ctx, e.db, "rules", []review.BackendInfo{rulesBackend}); err != nil || !changed {
		t.Fatalf("first record: %v %v", changed, err)
	}
	c := newClient(t, newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, DefaultBackend: "rules"}))
	_, body, _ := c.get("/om-ai")
	mustContain(t, "/om-ai with rules", body, "Ingen text ur handlingarna lämnar kommunens nätverk",
		"arsflows egen server i kommunens nät", "Arbetssättet ändrades senast <strong>"+dayText(time.Now())+"</strong>")
	if strings.Contains(body, "gpt-4o") {
		t.Error("/om-ai names a model that does not run")
	}

	// The municipality switches to a language model at a provider in the EU.
	if changed, err := review.RecordProcess(ctx, e.db, "openai", []review.BackendInfo{modelBackend, rulesBackend}); err != nil || !changed {
		t.Fatalf("record after the switch: %v %v", changed, err)
	}
	if changed, err := review.RecordProcess(ctx, e.db, "openai", []review.BackendInfo{modelBackend, rulesBackend}); err != nil || changed {
		t.Fatalf("the same process recorded again: %v %v", changed, err)
	}
	c = newClient(t, newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{modelBackend, rulesBackend}, DefaultBackend: "openai"}))
	_, body, _ = c.get("/om-ai")
	mustContain(t, "/om-ai with a model", body, "modellen gpt-4o", "Microsoft Azure i Sverige",
		"Ja, efter att personuppgifter tagits bort", "tar datorstödet bort personnummer", "openai/1 model=gpt-4o prompt=p2")
	history := body[strings.Index(body, `id="andringar"`):]
	if n := strings.Count(history, "<td>"+dayText(time.Now())+"</td>"); n != 2 {
		t.Errorf("the history shows %d changes, want 2", n)
	}
	_, body, _ = c.get("/en/about-ai")
	mustContain(t, "/en/about-ai", body, `<html lang="en">`, "the model gpt-4o", "Yes, after personal data is removed",
		`<span lang="sv">Microsoft Azure i Sverige</span>`, "Language model")
}

// dayText is a date as the Swedish pages write it.
func dayText(t time.Time) string {
	months := []string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}
	t = t.Local()
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// figure returns the value shown for a figure's label on the Swedish page.
func figure(t *testing.T, body, label string) string {
	t.Helper()
	m := regexp.MustCompile(`<dt>` + regexp.QuoteMeta(label) + `</dt><dd>([^<]*)</dd>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no figure %q", label)
	}
	return m[1]
}

func TestPublicNoticeLiveFigures(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	live := newClient(t, newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, FiguresTTL: -1}))
	cached := newClient(t, newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, FiguresTTL: time.Hour}))
	_, body, _ := live.get("/om-ai")
	if got := figure(t, body, "Ärenden som datorstödet har förberett"); got != "0" {
		t.Errorf("cases before any = %q", got)
	}
	mustContain(t, "/om-ai", body, "Inga ärenden är godkända ännu.")
	cached.get("/om-ai")

	a := e.insertCase(t, "Ekbackens IK", "802000-0001", 2025)
	b := e.insertCase(t, "Scoutkåren Svalan", "802000-0002", 2025)
	c := e.insertCase(t, "Kulturföreningen Lyktan", "802000-0003", 2025)
	for _, f := range []fixtureCase{a, b, c} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	e.correctApproveRejectSendBack(t, a, b, c)

	_, body, _ = live.get("/om-ai")
	for label, want := range map[string]string{
		"Ärenden som datorstödet har förberett":                            "3",
		"Ärenden där en handläggare har beslutat":                          "2",
		"Sammanställningar som handläggare avvisat eller skickat tillbaka": "67\u00a0%",
	} {
		if got := figure(t, body, label); got != want {
			t.Errorf("%s = %q, want %q", label, got, want)
		}
	}
	if got := figure(t, body, "Mediantid från att handlingarna kom in till beslut"); got == "–" {
		t.Error("no median time to decision")
	}
	rows := map[string]string{
		"Antal medlemmar":     "<td>1</td><td>1</td><td>100\u00a0%</td><td>0</td>",
		"Årets resultat (kr)": "<td>1</td><td>0</td><td>0\u00a0%</td><td>0</td>",
		"Eget kapital (kr)":   "<td>0</td><td>0</td><td>–</td><td>1</td>",
		"Organisationsnummer": "<td>1</td><td>0</td><td>0\u00a0%</td><td>0</td>",
		"Föreningens namn":    "<td>1</td><td>0</td><td>0\u00a0%</td><td>0</td>",
	}
	for label, want := range rows {
		if !strings.Contains(body, `<th scope="row">`+label+`</th>`+want) {
			t.Errorf("field row %s: want %s", label, want)
		}
	}
	_, en, _ := live.get("/en/about-ai")
	mustContain(t, "/en/about-ai", en, `<th scope="row">Number of members</th><td>1</td><td>1</td><td>100%</td>`)

	// The cached page shows the figures of its last computation until they expire.
	_, body, _ = cached.get("/om-ai")
	if got := figure(t, body, "Ärenden som datorstödet har förberett"); got != "0" {
		t.Errorf("cached page shows %q cases, want the cached 0", got)
	}
}

func TestAccessibilityStatement(t *testing.T) {
	e := newEnv(t)
	c := newClient(t, newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, ContactEmail: "fritid@testby.se"}))
	_, body, _ := c.get("/tillganglighet")
	// DIGG: the body and the service, compliance, shortcomings and why,
	// assessment date and method, feedback, DIGG's complaint form.
	mustContain(t, "/tillganglighet", body,
		"Fritidsnämnden i Testby står bakom den här tjänsten", "Tillgänglighetsredogörelse för arsflow",
		"<strong>delvis förenlig</strong>", "Bristande förenlighet med lagkraven", "WCAG 2.1 1.3.1",
		"Innehåll som inte omfattas av lagen", "Oskäligt betungande anpassning",
		"Den senaste bedömningen gjordes 6 december 2026", "Självskattning",
		`href="mailto:fritid@testby.se"`, `href="https://www.digg.se/tdosanmalan"`)
}

// TestNoticePagesStructure checks what axe-core checks first, on the pages
// this package renders for the public: a language, one h1, headings in
// order, landmarks, captions and scoped headers on tables, and a link to the
// accessibility statement.
func TestNoticePagesStructure(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	f := e.insertCase(t, "Ekbackens IK", "802000-0001", 2025)
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	if _, err := review.RecordProcess(ctx, e.db, "rules", []review.BackendInfo{rulesBackend}); err != nil {
		t.Fatal(err)
	}
	ts := newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, FiguresTTL: -1})
	c := newClient(t, ts)
	pages := map[string]string{"/om-ai": "sv", "/en/about-ai": "en", "/tillganglighet": "sv"}
	for path, lang := range pages {
		_, body, _ := c.get(path)
		checkStructure(t, path, lang, body)
	}
	hl := newClient(t, ts)
	hl.signIn("hanna")
	path := "/arenden/" + strconv.FormatInt(f.CaseID, 10) + "/meddelande"
	_, body, _ := hl.get(path)
	checkStructure(t, path, "sv", body)
}

var (
	headingRE = regexp.MustCompile(`<h([1-6])[ >]`)
	tableRE   = regexp.MustCompile(`(?s)<table>(.*?)</table>`)
)

func checkStructure(t *testing.T, path, lang, body string) {
	t.Helper()
	if !strings.Contains(body, `<html lang="`+lang+`">`) {
		t.Errorf("%s: not <html lang=%q>", path, lang)
	}
	for _, landmark := range []string{`<main id="main"`, `<header class="site"`, `<footer class="site"`, `<nav aria-label=`} {
		if !strings.Contains(body, landmark) {
			t.Errorf("%s: no %s", path, landmark)
		}
	}
	if !strings.Contains(body, `href="/tillganglighet"`) {
		t.Errorf("%s: no link to the accessibility statement", path)
	}
	level := 0
	h1 := 0
	for _, m := range headingRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		if n == 1 {
			h1++
		}
		if n > level+1 {
			t.Errorf("%s: h%d follows h%d", path, n, level)
		}
		level = n
	}
	if h1 != 1 {
		t.Errorf("%s: %d h1 headings", path, h1)
	}
	for _, m := range tableRE.FindAllStringSubmatch(body, -1) {
		if !strings.Contains(m[1], `<th scope="col">`) {
			t.Errorf("%s: a table without column headers", path)
		}
		if strings.Contains(m[1], "<th>") {
			t.Errorf("%s: a header cell without scope", path)
		}
	}
}

func TestAssociationNotice(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	f := e.insertCase(t, "Ekbackens IK", "802000-0001", 2025)
	pending := e.insertCase(t, "Scoutkåren Svalan", "802000-0002", 2025)
	for _, x := range []fixtureCase{f, pending} {
		if err := e.svc.Enter(ctx, x.CaseID, x.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	// A newer summary by a language model; the handläggare corrects two values and approves it.
	llm := e.insertSummary(t, f.CaseID, 2, "openai", "Ekbackens IK")
	if _, err := e.db.Pool.Exec(ctx, `UPDATE summaries SET model = 'gpt-4o', location = 'eu', created_at = now() - interval '2 days' WHERE id = $1`, llm); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Enter(ctx, f.CaseID, llm); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Correct(ctx, e.hl, f.CaseID, "members_total", "150", "Fel avläst"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Correct(ctx, e.hl, f.CaseID, "result", "-1 300", "Fel avläst"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Correct(ctx, e.hl, f.CaseID, "result", "-1 200", "Fel avläst"); err != nil { // back to the machine's value
		t.Fatal(err)
	}
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, llm, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	var received, read, summarised, decided time.Time
	if err := e.db.Pool.QueryRow(ctx, `
		SELECT d.created_at, de.extracted_at, s.created_at, r.decided_at
		  FROM review_items r JOIN summaries s ON s.id = r.summary_id
		  JOIN document_extractions de ON de.case_id = r.case_id JOIN documents d ON d.id = de.document_id
		 WHERE r.case_id = $1`, f.CaseID).Scan(&received, &read, &summarised, &decided); err != nil {
		t.Fatal(err)
	}

	ts := newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, PublicURL: "https://arsflow.testby.se",
		ContactEmail: "fritid@testby.se", DPOContact: "Kommunens dataskyddsombud", DPOEmail: "dso@testby.se"})
	hl := newClient(t, ts)
	hl.signIn("hanna")
	id := strconv.FormatInt(f.CaseID, 10)
	_, casePage, _ := hl.get("/arenden/" + id)
	mustContain(t, "case page", casePage, `href="/arenden/`+id+`/meddelande"`, `href="/arenden/`+id+`/meddelande.pdf"`)

	code, body, _ := hl.get("/arenden/" + id + "/meddelande")
	if code != http.StatusOK {
		t.Fatalf("notice: %d", code)
	}
	want := []string{
		"Ekbackens IK", "Organisationsnummer 802000-0001", "Räkenskapsår 2025",
		"arsredovisning.pdf", "årsredovisning, revisionsberättelse",
		"<td>" + dayText(received) + "</td><td>" + dayText(read) + "</td>",
		"Datorstödet skrev en sammanställning av ärendet " + dayText(summarised) + " med språkmodellen gpt-4o, som körs hos leverantör inom EU.",
		"godkände sammanställningen " + dayText(decided) + ".",
		"<td>Antal medlemmar</td><td>142</td><td>150</td>",
		"https://arsflow.testby.se/om-ai", "fritid@testby.se", "dso@testby.se",
	}
	mustContain(t, "notice", body, want...)
	if strings.Contains(body, "Årets resultat") {
		t.Error("the notice names a correction that was undone before the decision")
	}
	letter := body[strings.Index(body, `<article class="letter`):]
	if strings.Contains(letter, "hanna") || strings.Contains(letter, "Hanna Handläggare") {
		t.Error("the notice names the handläggare")
	}

	code, raw, h := hl.get("/arenden/" + id + "/meddelande.pdf")
	if code != http.StatusOK || h.Get("Content-Type") != "application/pdf" {
		t.Fatalf("notice PDF: %d %s", code, h.Get("Content-Type"))
	}
	text := pdfText(t, []byte(raw))
	for _, w := range []string{"Ekbackens IK", dayText(decided), dayText(received), "gpt-4o", "Antal medlemmar", "150", "https://arsflow.testby.se/om-ai"} {
		if !strings.Contains(text, w) {
			t.Errorf("notice PDF lacks %q", w)
		}
	}
	if n := e.auditCount(t, review.ActionCaseNotice, f.CaseID); n != 2 {
		t.Errorf("%d case.notice audit rows, want 2", n)
	}

	if code, body, _ := hl.get("/arenden/" + strconv.FormatInt(pending.CaseID, 10) + "/meddelande"); code != http.StatusConflict || !strings.Contains(body, "först när ärendet är beslutat") {
		t.Errorf("notice of a pending case: %d", code)
	}
	admin := newClient(t, ts)
	admin.signIn("admin")
	if code, _, _ := admin.get("/arenden/" + id + "/meddelande.pdf"); code != http.StatusForbidden {
		t.Errorf("administrator got the notice: %d", code)
	}
}

// pdfText is the text of a PDF, its words joined by spaces.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("notice PDF does not parse: %v", err)
	}
	var sb strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		rows, err := r.Page(i).GetTextByRow()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, w := range row.Content {
				sb.WriteString(w.S)
			}
			sb.WriteString("\n")
		}
	}
	return sb.String()
}
