package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
)

// groffSource writes d as groff -ms input.
func groffSource(d Doc) string {
	var b strings.Builder
	b.WriteString(".nr PS 11\n.nr VS 13\n.nr HY 0\n.nh\n.ds CH\n")
	if d.PageNumbers {
		b.WriteString(".ds RF Sida \\\\n%\n")
	}
	b.WriteString(".ds CF\n")
	if d.Footer != "" {
		fmt.Fprintf(&b, ".ds LF \\s-2%s\\s0\n", escapeGroff(d.Footer))
	}
	for _, bl := range d.Blocks {
		groffBlock(&b, bl)
	}
	return b.String()
}

func groffBlock(b *strings.Builder, bl Block) {
	switch x := bl.(type) {
	case Title:
		fmt.Fprintf(b, ".LP\n\\s+4\\fB%s\\fP\\s0\n.sp 0.5\n", escapeGroff(x.Text))
	case Heading:
		fmt.Fprintf(b, ".SH\n%s\n", escapeGroff(x.Text))
	case Para:
		text := escapeGroff(x.Text)
		if strings.Contains(text, "\n") {
			text = strings.ReplaceAll(text, "\n", "\n.br\n")
		}
		if x.Small {
			fmt.Fprintf(b, ".LP\n\\s-3%s\\s0\n", text)
		} else {
			fmt.Fprintf(b, ".LP\n%s\n", text)
		}
	case Table:
		b.WriteString(".TS\ntab(|);\n")
		var fmts []string
		for _, a := range x.Align {
			fmts = append(fmts, string(a))
		}
		if x.Header != nil {
			hf := make([]string, len(fmts))
			for i, f := range fmts {
				hf[i] = f + "b"
			}
			b.WriteString(strings.Join(hf, " ") + "\n")
		}
		b.WriteString(strings.Join(fmts, " ") + ".\n")
		if x.Header != nil {
			b.WriteString(cells(x.Header) + "\n_\n")
		}
		for i, r := range x.Rows {
			row := cellsList(r)
			if i < len(x.Bold) && x.Bold[i] {
				for j, c := range row {
					if c != "" {
						row[j] = `\fB` + c + `\fP`
					}
				}
			}
			b.WriteString(strings.Join(row, "|") + "\n")
		}
		b.WriteString(".TE\n")
	case Columns:
		b.WriteString(".2C\n")
		split := columnSplit(x.Blocks)
		for i, c := range x.Blocks {
			if i == split {
				// Spring the column trap: the rest goes in the right column.
				b.WriteString(".br\n.ne \\n(.tu+1u\n")
			}
			groffBlock(b, c)
		}
		b.WriteString(".1C\n")
	case Signatures:
		fmt.Fprintf(b, ".LP\n%s\n.sp 2\n.TS\ntab(|);\nl l.\n", escapeGroff(x.PlaceDate))
		for i := 0; i < len(x.Sigs); i += 2 {
			line, names, roles := "\\l'2.2i'", []string{}, []string{}
			lines := []string{line}
			names = append(names, escapeGroff(x.Sigs[i].Name))
			roles = append(roles, escapeGroff(x.Sigs[i].Role))
			if i+1 < len(x.Sigs) {
				lines = append(lines, line)
				names = append(names, escapeGroff(x.Sigs[i+1].Name))
				roles = append(roles, escapeGroff(x.Sigs[i+1].Role))
			}
			fmt.Fprintf(b, "%s\n%s\n%s\n.sp 2\n", strings.Join(lines, "|"), strings.Join(names, "|"), strings.Join(roles, "|"))
		}
		b.WriteString(".TE\n")
	case PageBreak:
		b.WriteString(".bp\n")
	}
}

func cells(r []string) string { return strings.Join(cellsList(r), "|") }

func cellsList(r []string) []string {
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = strings.ReplaceAll(escapeGroff(c), "|", "/")
	}
	return out
}

var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)`)

// renderGroff runs groff -ms -t -k -Tpdf on d and pins the creation and
// modification dates.
func renderGroff(ctx context.Context, d Doc) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "groff", "-t", "-k", "-ms", "-Tpdf", "-P-pa4", "-dpaper=a4")
	cmd.Stdin = strings.NewReader(groffSource(d))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("run groff: %w: %s", err, errb.String())
	}
	stamp := fmt.Sprintf("(D:%s+00'00')", fixedDate.Format("20060102150405"))
	return pdfDate.ReplaceAllFunc(out.Bytes(), func(m []byte) []byte {
		i := bytes.IndexByte(m, '(')
		fixed := string(m[:i]) + stamp
		if len(m) != len(fixed) {
			return m // keep xref offsets valid
		}
		return []byte(fixed)
	}), nil
}
