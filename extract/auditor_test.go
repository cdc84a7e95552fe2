package extract

import (
	"strings"
	"testing"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// The auditor on the board is found when the board is a list under a
// heading, and on OCR'd pages where a letter of the name came out wrong.
func TestAuditorOnBoardLayouts(t *testing.T) {
	audit := "Revisionsberättelse\nTill årsmötet i Granbackens Schackklubb\nJag har granskat räkenskaperna. Jag tillstyrker att styrelsen beviljas ansvarsfrihet.\nGranbacken den 2 mars 2026\nMargareta Holmström\nRevisor"
	tests := []struct {
		name  string
		board string
		ocr   bool
		want  bool
	}{
		{"list under a heading", "Verksamhetsberättelse 2025\nStyrelse\nOrdförande: Per Lind\nMargareta Holmström\nJonas Ek", false, true},
		{"ledamöter heading", "Verksamhetsberättelse 2025\nLedamöter:\nJonas Ek\nMargareta Holmström", false, true},
		{"auditors' heading in between", "Verksamhetsberättelse 2025\nStyrelse\nOrdförande: Per Lind\nRevisorer\nMargareta Holmström", false, false},
		{"one letter off on an OCR'd page", "Verksamhetsberättelse 2025\nStyrelse\nOrdförande: Per Lind\nLedamot: Margareta Holmstrom", true, true},
		{"one letter off in a text layer is another person", "Verksamhetsberättelse 2025\nStyrelse\nOrdförande: Per Lind\nLedamot: Margareta Holmstrom", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := pdftext.SourcePDF
			if tt.ocr {
				src = pdftext.SourceOCR
			}
			vb := DocumentFromPages("verksamhetsberattelse.pdf", pagesWithSource(tt.board, src))
			rb := DocumentFromPages("revisionsberattelse.pdf", pagesWithSource(audit, pdftext.SourcePDF))
			c := AssembleCase("granbacken", []*casefile.Document{vb, rb})
			got := false
			for _, ch := range c.Checks {
				if ch.Code == casefile.CheckAuditorOnBoard {
					got = true
				}
			}
			if got != tt.want {
				t.Errorf("auditor_on_board = %v, want %v (auditor %v)", got, tt.want, c.Fields[casefile.FieldAuditor].Value)
			}
		})
	}
}

func pagesWithSource(text string, src pdftext.Source) []pdftext.Page {
	var lines []pdftext.Line
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, pdftext.Line{Text: l})
	}
	return []pdftext.Page{{Number: 1, Source: src, Quality: 1, Text: text, Lines: lines}}
}
