package main

import (
	"fmt"
	"html"
	"strings"
)

// Block is one piece of a document, rendered by either producer.
type Block interface{ block() }

// H1 is a document title.
type H1 string

// H2 is a section heading.
type H2 string

// P is a paragraph of running text.
type P string

// Small is a line of small print (e-signature markers, footers).
type Small string

// Break starts a new page.
type Break struct{}

// Table is a table whose first column is text and the others right-aligned.
type Table struct {
	Head []string
	Rows [][]string
	Bold map[int]bool // rows printed bold (sums)
	Text bool         // all columns left-aligned (lists of people)
}

// Sig is a row of signatures: each a name and a role under a line.
type Sig struct {
	Place string
	Names []string
	Roles []string
}

func (H1) block()    {}
func (H2) block()    {}
func (P) block()     {}
func (Small) block() {}
func (Break) block() {}
func (Table) block() {}
func (Sig) block()   {}

// Layout names a Chromium page design.
type Layout int

const (
	letterhead Layout = iota // header box with the org number
	sidebar                  // coloured column at the left
	k2report                 // table-heavy, sans-serif, ruled tables
	newsletter               // headings on coloured bars
)

// renderHTML turns blocks into a printable HTML page.
func renderHTML(layout Layout, name, org, year string, blocks []Block) string {
	var b strings.Builder
	css := `@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; color: #222; }
table { border-collapse: collapse; margin: 6pt 0 10pt 0; }
td, th { padding: 2pt 8pt 2pt 2pt; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; padding-left: 18pt; }
tr.b td { font-weight: bold; border-top: 1px solid #444; }
.small { font-size: 8.5pt; color: #555; }
.sig { display: flex; gap: 28pt; margin: 26pt 0 8pt 0; flex-wrap: wrap; }
.sig div { width: 150pt; border-top: 1px solid #333; padding-top: 3pt; }
.brk { page-break-before: always; }
table.t td { white-space: nowrap; }
table.t.wide { font-size: 8.5pt; }
h1 { font-size: 17pt; margin: 4pt 0 8pt 0; }
h2 { font-size: 12pt; margin: 12pt 0 4pt 0; }
`
	switch layout {
	case letterhead:
		css += `.lh { display: flex; justify-content: space-between; border-bottom: 2px solid #1d4e89; padding-bottom: 6pt; margin-bottom: 14pt; }
.lh .nm { font-size: 15pt; color: #1d4e89; font-weight: bold; }
.lh .box { border: 1px solid #1d4e89; padding: 4pt 8pt; font-size: 9pt; }
`
	case sidebar:
		css += `.wrap { display: flex; gap: 16pt; }
.side { width: 105pt; background: #eef3e8; padding: 8pt; font-size: 8.5pt; min-height: 700pt; }
.main { flex: 1; }
`
	case k2report:
		css += `body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; }
table { width: 100%; } td, th { border: 1px solid #999; } th { background: #e6e6e6; text-align: left; }
h1 { border-bottom: 1px solid #000; }
`
	case newsletter:
		css += `h2 { background: #7a2c5a; color: #fff; padding: 3pt 6pt; font-family: "DejaVu Sans", sans-serif; }
.mast { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #7a2c5a; letter-spacing: 1pt; text-transform: uppercase; }
`
	}
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>%s</title><style>%s</style></head><body>\n", html.EscapeString(name), css)
	head := func() {
		switch layout {
		case letterhead:
			fmt.Fprintf(&b, "<div class=\"lh\"><div class=\"nm\">%s</div><div class=\"box\">Org.nr %s<br>Verksamhetsår %s</div></div>\n", esc(name), esc(org), esc(year))
		case newsletter:
			fmt.Fprintf(&b, "<div class=\"mast\">%s · %s</div>\n", esc(name), esc(year))
		}
	}
	var main strings.Builder
	out := &b
	if layout == sidebar {
		out = &main
	}
	open := func() {
		if layout == sidebar {
			main.Reset()
		}
		head()
	}
	flushSide := func(brk bool) {
		if layout != sidebar {
			return
		}
		cls := "wrap"
		if brk {
			cls += " brk"
		}
		fmt.Fprintf(&b, "<div class=\"%s\"><div class=\"side\"><b>%s</b><br><br>Organisationsnummer<br>%s<br><br>Räkenskapsår<br>%s</div><div class=\"main\">%s</div></div>\n", cls, esc(name), esc(org), esc(year), main.String())
		main.Reset()
	}
	open()
	first := true
	for _, bl := range blocks {
		switch v := bl.(type) {
		case Break:
			flushSide(!first)
			first = false
			if layout != sidebar {
				b.WriteString("<div class=\"brk\"></div>\n")
			}
			head()
		case H1:
			fmt.Fprintf(out, "<h1>%s</h1>\n", esc(string(v)))
		case H2:
			fmt.Fprintf(out, "<h2>%s</h2>\n", esc(string(v)))
		case P:
			fmt.Fprintf(out, "<p>%s</p>\n", esc(string(v)))
		case Small:
			fmt.Fprintf(out, "<p class=\"small\">%s</p>\n", esc(string(v)))
		case Table:
			switch {
			case v.Text && len(v.Head) > 4:
				out.WriteString("<table class=\"t wide\">")
			case v.Text:
				out.WriteString("<table class=\"t\">")
			default:
				out.WriteString("<table>")
			}
			if len(v.Head) > 0 {
				out.WriteString("<tr>")
				for i, h := range v.Head {
					cls := ""
					if i > 0 && !v.Text {
						cls = " class=\"n\""
					}
					fmt.Fprintf(out, "<th%s>%s</th>", cls, esc(h))
				}
				out.WriteString("</tr>")
			}
			for ri, r := range v.Rows {
				if v.Bold[ri] {
					out.WriteString("<tr class=\"b\">")
				} else {
					out.WriteString("<tr>")
				}
				for i, c := range r {
					cls := ""
					if i > 0 && !v.Text {
						cls = " class=\"n\""
					}
					fmt.Fprintf(out, "<td%s>%s</td>", cls, esc(c))
				}
				out.WriteString("</tr>")
			}
			out.WriteString("</table>\n")
		case Sig:
			if v.Place != "" {
				fmt.Fprintf(out, "<p>%s</p>", esc(v.Place))
			}
			out.WriteString("<div class=\"sig\">")
			for i, n := range v.Names {
				fmt.Fprintf(out, "<div>%s<br><span class=\"small\">%s</span></div>", esc(n), esc(v.Roles[i]))
			}
			out.WriteString("</div>\n")
		}
	}
	flushSide(!first)
	b.WriteString("</body></html>\n")
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }

// renderGroff turns blocks into groff -ms input; typewriter sets Courier.
func renderGroff(typewriter bool, blocks []Block) string {
	var b strings.Builder
	b.WriteString(".nr PS 10\n.nr VS 13\n.nr LL 6.2i\n.nr HM 0.8i\n.nr FM 0.8i\n.ds CH\n.ds CF\n")
	if typewriter {
		b.WriteString(".fam C\n.nr PS 10\n.ad l\n")
	}
	for _, bl := range blocks {
		switch v := bl.(type) {
		case Break:
			b.WriteString(".bp\n")
		case H1:
			fmt.Fprintf(&b, ".LP\n.ps +4\n\\fB%s\\fP\n.ps -4\n.sp 0.5\n", gesc(string(v)))
		case H2:
			fmt.Fprintf(&b, ".SH\n%s\n", gesc(string(v)))
		case P:
			fmt.Fprintf(&b, ".LP\n%s\n", gesc(string(v)))
		case Small:
			fmt.Fprintf(&b, ".LP\n.ps -2\n%s\n.ps +2\n", gesc(string(v)))
		case Table:
			n := len(v.Head)
			if n == 0 && len(v.Rows) > 0 {
				n = len(v.Rows[0])
			}
			b.WriteString(".sp 0.3\n.TS\ntab(@);\n")
			spec := []string{"l"}
			for i := 1; i < n; i++ {
				if v.Text {
					spec = append(spec, "l")
				} else {
					spec = append(spec, "r")
				}
			}
			b.WriteString(strings.Join(spec, " ") + ".\n")
			if len(v.Head) > 0 {
				hs := make([]string, len(v.Head))
				for i, h := range v.Head {
					hs[i] = "\\fB" + gesc(h) + "\\fP"
				}
				b.WriteString(strings.Join(hs, "@") + "\n_\n")
			}
			for ri, r := range v.Rows {
				cs := make([]string, len(r))
				for i, c := range r {
					cs[i] = gesc(c)
					if v.Bold[ri] && c != "" {
						cs[i] = "\\fB" + cs[i] + "\\fP"
					}
				}
				b.WriteString(strings.Join(cs, "@") + "\n")
			}
			b.WriteString(".TE\n")
		case Sig:
			if v.Place != "" {
				fmt.Fprintf(&b, ".LP\n%s\n", gesc(v.Place))
			}
			b.WriteString(".sp 2\n.TS\ntab(@);\n")
			spec := make([]string, len(v.Names))
			for i := range spec {
				spec[i] = "l"
			}
			b.WriteString(strings.Join(spec, " ") + ".\n")
			lines := make([]string, len(v.Names))
			for i := range lines {
				lines[i] = "\\l'1.8i'"
			}
			b.WriteString(strings.Join(lines, "@") + "\n")
			ns := make([]string, len(v.Names))
			for i, n := range v.Names {
				ns[i] = gesc(n)
			}
			b.WriteString(strings.Join(ns, "@") + "\n")
			rs := make([]string, len(v.Roles))
			for i, r := range v.Roles {
				rs[i] = "\\fI" + gesc(r) + "\\fP"
			}
			b.WriteString(strings.Join(rs, "@") + "\n.TE\n")
		}
	}
	return b.String()
}

// gesc escapes text for groff.
func gesc(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\e")
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = "\\&" + s
	}
	return s
}
