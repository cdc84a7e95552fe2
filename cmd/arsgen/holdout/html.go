package main

import (
	"fmt"
	"html"
	"strings"
)

// page wraps body snippets into one printable HTML document.
func page(k *kase, title string, bodies ...string) string {
	size := k.FontSize
	if size == "" {
		size = "10.5pt"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>%s</title>
<style>
@page { size: A4; margin: 20mm 19mm 22mm 21mm; }
body { font-family: "%s", sans-serif; font-size: %s; line-height: 1.38; color: #111; margin: 0; }
h1 { font-size: 1.75em; margin: 0 0 .3em; font-weight: bold; }
h2 { font-size: 1.25em; margin: 1.1em 0 .35em; }
h3 { font-size: 1.05em; margin: .9em 0 .25em; }
p { margin: 0 0 .6em; }
.meta { color: #333; margin-bottom: 1.2em; }
table { border-collapse: collapse; }
table.fin { width: 100%%; margin: .3em 0 1em; }
table.fin td, table.fin th { padding: 1.6pt 5pt; vertical-align: bottom; }
table.fin th { text-align: right; border-bottom: 1px solid #000; font-weight: bold; }
table.fin th.l { text-align: left; }
td.num { text-align: right; white-space: nowrap; width: 17%%; }
td.note { text-align: center; width: 7%%; color: #333; }
tr.head td { font-weight: bold; padding-top: 7pt; }
tr.sum td { font-weight: bold; border-top: 1px solid #000; }
tr.total td { font-weight: bold; border-top: 1px solid #000; border-bottom: 3px double #000; }
table.grid { width: 100%%; margin: .3em 0 1em; }
table.grid td, table.grid th { border: 1px solid #888; padding: 2pt 4pt; text-align: left; }
table.kv td { padding: 1pt 12pt 1pt 0; vertical-align: top; }
table.small { font-size: .82em; }
.cols { column-count: 2; column-gap: 9mm; text-align: justify; }
.pb { break-before: page; }
.sigwrap { break-inside: avoid; margin-top: 1.2em; }
.sigs { display: flex; flex-wrap: wrap; gap: 10mm 14mm; margin-top: 1.6em; break-inside: avoid; }
.sig { width: 74mm; }
.sig .line { border-top: 1px solid #000; margin-top: 12mm; padding-top: 2pt; }
.sig .role { font-size: .88em; color: #333; }
.sig .bankid { font-size: .8em; color: #1a4d8f; margin-top: 4mm; }
.para { margin-top: .7em; }
.para b { display: inline-block; min-width: 3.2em; }
.footer { position: fixed; bottom: -12mm; left: 0; right: 0; font-size: 8pt; color: #555; border-top: 1px solid #aaa; padding-top: 2pt; }
.verifikat { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
.verifikat h1 { font-size: 16pt; }
.hidden { font-size: 5.5pt; color: #f4f4f4; }
</style></head><body>
`, html.EscapeString(title), k.Font, size)
	if k.Footer {
		fmt.Fprintf(&b, `<div class="footer">%s · Org.nr %s · Årshandlingar %s</div>`+"\n",
			html.EscapeString(k.Name), k.org(), k.fy())
	}
	for i, body := range bodies {
		if i > 0 {
			b.WriteString(`<div class="pb"></div>` + "\n")
		}
		b.WriteString(body)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// esc escapes text for HTML.
func esc(s string) string { return html.EscapeString(s) }

// sigBlock renders signatures of people with their roles, in the case's style.
func sigBlock(k *kase, place string, names []person, roles []string, signed string) string {
	var b strings.Builder
	b.WriteString(`<div class="sigwrap">` + "\n")
	switch k.Sign {
	case "bankid":
		fmt.Fprintf(&b, "<p>%s</p>\n<div class=\"sigs\">\n", esc(place))
		for i, p := range names {
			fmt.Fprintf(&b, `<div class="sig"><div>%s</div><div class="role">%s</div><div class="bankid">Signerad digitalt med BankID %s</div></div>`+"\n",
				esc(p.Name()), esc(roles[i]), signed)
		}
	default:
		fmt.Fprintf(&b, "<p>%s</p>\n<div class=\"sigs\">\n", esc(place))
		for i, p := range names {
			fmt.Fprintf(&b, `<div class="sig"><div class="line">%s</div><div class="role">%s</div></div>`+"\n",
				esc(p.Name()), esc(roles[i]))
		}
	}
	b.WriteString("</div></div>\n")
	return b.String()
}

// verifikat renders a Scrive-like signing certificate page (no e-mail addresses).
func verifikat(k *kase, doc string, names []person, roles []string, when string, seq int) string {
	var b strings.Builder
	r := seeded(k.Slug + doc)
	fmt.Fprintf(&b, `<div class="verifikat"><h1>Verifikat</h1>
<p>Transaktion 0922211555%010d</p>
<h3>Dokument</h3><p>%s<br>Huvuddokument<br>%s<br>Startades %s 09:12:40 CET<br>Färdigställt %s 21:03:17 CET</p>
<h3>Signerande parter</h3>
`, r.Int64N(1e10), esc(doc), []string{"1 sida", "2 sidor"}[seq%2], when, when)
	for i, p := range names {
		fmt.Fprintf(&b, `<p><b>%s</b><br>%s<br>Namnet som returnerades från svenskt BankID var "%s"<br>Signerade %s %02d:%02d:%02d CET</p>`+"\n",
			esc(p.Name()), esc(roles[i]), strings.ToUpper(esc(p.Name())), when, 10+i, 10+r.IntN(50), r.IntN(60))
	}
	b.WriteString(`<p>Detta verifikat är utfärdat av Scrive. Information i kursiv stil är säkert verifierad av Scrive. Se de dolda bilagorna för mer information/bevis om detta dokument.</p></div>` + "\n")
	return b.String()
}
