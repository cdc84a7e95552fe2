package pdftext

import "testing"

func TestCleanPage(t *testing.T) {
	p := Page{Text: "a\x00b\x01c\nd\te\xff", Lines: []Line{{Text: "x\x00y", Words: []Word{{Text: "\x00z"}}}}}
	cleanPage(&p)
	if p.Text != "abc\nd\te\uFFFD" || p.Lines[0].Text != "xy" || p.Lines[0].Words[0].Text != "z" {
		t.Errorf("cleanPage = %q / %q / %q", p.Text, p.Lines[0].Text, p.Lines[0].Words[0].Text)
	}
}
