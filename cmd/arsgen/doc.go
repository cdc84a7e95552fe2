package main

// A Doc is a producer-neutral description of one printed document. The
// renderers (fpdf, groff, scan) turn it into a PDF.
type Doc struct {
	// Footer is printed at the foot of every page, for example an
	// e-signature key. PageNumbers adds "Sida N".
	Footer      string
	PageNumbers bool
	Blocks      []Block
}

// Block is one element of a Doc.
type Block interface{ block() }

// Title is the document's main heading.
type Title struct{ Text string }

// Heading is a section heading.
type Heading struct{ Text string }

// Para is a paragraph of running text. Small paragraphs are printed in a
// smaller, grey type (fine print).
type Para struct {
	Text  string
	Small bool
}

// Table is a table with an optional header row. Align holds one letter per
// column: l or r. Bold marks rows printed in bold (sums).
type Table struct {
	Header []string
	Rows   [][]string
	Bold   []bool
	Align  string
	// Widths are relative column widths; nil means a wide first column.
	Widths []float64
}

// Columns sets its blocks (Heading and Para only) in two columns.
type Columns struct{ Blocks []Block }

// Signatures is a signature block: a place and date line, then one line
// per signer with the role beneath the name. Scribble draws a hand
// signature above the name (visible only in scans and as vector art).
type Signatures struct {
	PlaceDate string
	Sigs      []Sig
	Scribble  bool
}

// Sig is one signer.
type Sig struct{ Name, Role string }

// PageBreak starts a new page.
type PageBreak struct{}

func (Title) block()      {}
func (Heading) block()    {}
func (Para) block()       {}
func (Table) block()      {}
func (Columns) block()    {}
func (Signatures) block() {}
func (PageBreak) block()  {}

// add appends blocks to the document.
func (d *Doc) add(b ...Block) { d.Blocks = append(d.Blocks, b...) }

// para appends a paragraph.
func (d *Doc) para(s string) { d.add(Para{Text: s}) }
