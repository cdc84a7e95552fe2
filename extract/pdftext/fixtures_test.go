package pdftext

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

var update = flag.Bool("update", false, "regenerate the fixture PDFs in testdata")

// Texts planted in the fixtures.
const (
	swedishTitle = "Årsmötesprotokoll för Föreningen Älvbrötarna"
	swedishBody  = "Mötet beslöt att fastställa resultat- och balansräkningen och att bevilja styrelsen ansvarsfrihet för räkenskapsåret."
	leftColumn   = "Vänsterspalten berättar om året som gått. Föreningen ordnade träningar för barn och ungdomar varje vecka under hela höstterminen och vårterminen."
	rightColumn  = "Högerspalten beskriver ekonomin. Intäkterna kom främst från medlemsavgifter och kommunala bidrag medan kostnaderna gällde lokaler och material."
)

// tableRows are label and amount pairs for the table fixture.
var tableRows = [][2]string{
	{"Summa intäkter", "125 000"},
	{"Summa kostnader", "118 500"},
	{"Årets resultat", "6 500"},
	{"Eget kapital", "48 250"},
}

// fixture names in testdata.
const (
	fxSwedish   = "swedish.pdf"
	fxColumns   = "twocolumn.pdf"
	fxTable     = "table.pdf"
	fxImageOnly = "imageonly.pdf"
	fxTruncated = "truncated.pdf"
	fxNotPDF    = "notpdf.pdf"
	fxPDF20     = "pdf20.pdf"
	fxJunk      = "junkprefix.pdf"
	fxSpace     = "spaceafterversion.pdf"
	fxTJ        = "tjspacing.pdf"
	fxForm      = "formxobject.pdf"
)

func newFpdf() (*fpdf.Fpdf, func(string) string) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	return pdf, pdf.UnicodeTranslatorFromDescriptor("")
}

func fpdfBytes(t testing.TB, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return b.Bytes()
}

func genSwedish(t testing.TB) []byte {
	pdf, tr := newFpdf()
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.Text(60, 80, tr(swedishTitle))
	pdf.SetFont("Helvetica", "", 11)
	pdf.SetXY(60, 110)
	pdf.MultiCell(470, 15, tr(swedishBody), "", "L", false)
	pdf.AddPage()
	pdf.SetFont("Times", "", 12)
	pdf.Text(60, 80, tr("Sida två: Ordförande Åsa Öberg, kassör Per Ärlig."))
	return fpdfBytes(t, pdf)
}

func genColumns(t testing.TB) []byte {
	pdf, tr := newFpdf()
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 14)
	pdf.Text(60, 60, tr("Verksamhetsberättelse 2025"))
	pdf.SetFont("Helvetica", "", 10)
	left := strings.Repeat(leftColumn+" ", 3)
	right := strings.Repeat(rightColumn+" ", 3)
	pdf.SetXY(60, 80)
	pdf.MultiCell(220, 13, tr(left), "", "J", false)
	pdf.SetXY(310, 80)
	pdf.MultiCell(220, 13, tr(right), "", "J", false)
	return fpdfBytes(t, pdf)
}

func genTable(t testing.TB) []byte {
	pdf, tr := newFpdf()
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 12)
	pdf.Text(60, 60, tr("Resultaträkning"))
	pdf.SetFont("Helvetica", "", 10)
	y := 90.0
	for _, r := range tableRows {
		pdf.SetXY(60, y)
		pdf.CellFormat(250, 14, tr(r[0]), "", 0, "L", false, 0, "")
		pdf.CellFormat(100, 14, r[1], "", 0, "R", false, 0, "")
		y += 16
	}
	return fpdfBytes(t, pdf)
}

// genImageOnly renders the Swedish fixture's first page with pdftoppm and
// places it as the only content of a page, like a scan.
func genImageOnly(t testing.TB, swedish []byte) []byte {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, swedish, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1", in, filepath.Join(dir, "p")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pdf, _ := newFpdf()
	pdf.AddPage()
	pdf.ImageOptions(filepath.Join(dir, "p.png"), 0, 0, 595.28, 841.89, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return fpdfBytes(t, pdf)
}

// rawPDF builds a one-page PDF around a content stream, with Helvetica
// (WinAnsi, no widths) as /F1 and optional extra objects for the page's
// XObject resources.
func rawPDF(content string, xobjects map[string]string) []byte {
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>")
	objs = append(objs, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	xo := ""
	var extra []string
	n := 6
	for name, stream := range xobjects {
		xo += fmt.Sprintf("/%s %d 0 R ", name, n)
		extra = append(extra, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
		n++
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << %s>> >> /Contents 4 0 R >>", xo))
	objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	objs = append(objs, extra...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// winAnsi encodes s for a PDF string in WinAnsiEncoding.
func winAnsi(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			if r < 256 {
				b.WriteByte(byte(r))
			}
		}
	}
	return b.String()
}

// genTJ shows words separated only by TJ offsets, no space characters, the
// way many producers do (and ledongthuc/pdf's GetPlainText glues them).
func genTJ() []byte {
	var parts []string
	for _, w := range strings.Fields(swedishBody) {
		parts = append(parts, "("+winAnsi(w)+")")
	}
	content := "BT /F1 11 Tf 60 700 Td [" + strings.Join(parts, " -280 ") + "] TJ ET"
	return rawPDF(content, nil)
}

// genForm puts text in a form XObject, which the library never reads.
func genForm() []byte {
	form := "BT /F1 12 Tf 60 500 Td (" + winAnsi("Text i formulärobjekt") + ") Tj ET"
	return rawPDF("q 1 0 0 1 0 0 cm /Fm1 Do Q BT /F1 12 Tf 60 700 Td (Sidans text) Tj ET", map[string]string{"Fm1": form})
}

// fixtures returns every fixture by name, generated.
func fixtures(t testing.TB) map[string][]byte {
	sw := genSwedish(t)
	pdf20 := bytes.Replace(sw, []byte("%PDF-1.3"), []byte("%PDF-2.0"), 1)
	// A space after the version: every offset moves by one byte.
	space := append([]byte("%PDF-1.3 "), sw[len("%PDF-1.3"):]...)
	return map[string][]byte{
		fxSwedish:   sw,
		fxColumns:   genColumns(t),
		fxTable:     genTable(t),
		fxImageOnly: genImageOnly(t, sw),
		fxTruncated: sw[:len(sw)/2],
		fxNotPDF:    []byte("Detta är ingen PDF utan en vanlig textfil.\n"),
		fxPDF20:     pdf20,
		fxJunk:      append([]byte("Content-Type: application/pdf\r\n\r\n"), sw...),
		fxSpace:     space,
		fxTJ:        genTJ(),
		fxForm:      genForm(),
	}
}

// TestUpdateFixtures regenerates testdata with -update.
func TestUpdateFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata")
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range fixtures(t) {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readFixture reads a fixture from testdata.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture (regenerate with go test -run TestUpdateFixtures -update): %v", err)
	}
	return b
}
