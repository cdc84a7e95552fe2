package main

import (
	"hash/fnv"
	"time"
)

// Document kinds a case file may hold.
const (
	kindVB  = "vb"  // verksamhetsberättelse
	kindAR  = "ar"  // årsredovisning with income statement and balance sheet
	kindRR  = "rr"  // accounts with the income statement only
	kindBR  = "br"  // accounts with the balance sheet only
	kindRB  = "rb"  // revisionsberättelse
	kindAMP = "amp" // årsmötesprotokoll
	kindMF  = "mf"  // medlemsförteckning / medlemsredovisning
)

// Producers.
const (
	prodUTF8  = "fpdf-utf8" // fpdf with an embedded TrueType font (Identity-H)
	prodCore  = "fpdf-core" // fpdf with a standard Type 1 font, cp1252
	prodGroff = "groff"     // groff -ms -Tpdf
)

// Spec describes one case: the association, how its documents are written,
// and the problems planted in them.
type Spec struct {
	Slug     string
	Name     string
	Kind     string // idrott, scout, kultur, pension, student, invandrar, ...
	City     string
	FYStart  time.Time
	FYEnd    time.Time
	AGMDate  time.Time
	Members  int
	Eligible int
	Band     string // age band of eligible members, e.g. "7–25 år"
	Fee      int
	Scale    int // size of the accounts in kronor (income about this)
	Files    []File
	Style    Style
	Plants   []string // check codes planted on purpose
	Note     string   // one line for the README
}

// File is one PDF of a case.
type File struct {
	Name     string
	Kinds    []string
	Producer string
	Scanned  bool
	Unsigned bool
	Long     bool // a 20+ page activity log
	LogRows  int  // caps the activity log's rows (0: the whole year)
}

// Style holds the wording and layout choices of a case.
type Style struct {
	Num        NumStyle
	Date       DateStyle
	PrevFirst  bool   // previous year's column first
	Parens     bool   // "Uppgifter inom parentes avser föregående år" in prose
	Variant    int    // picks wording variants throughout
	Sign       string // "names", "penneo", "scrive"
	Discharge  string // "yes", "no", "silent"
	TwoColumn  bool   // activity report in two columns
	ProseEcon  bool   // economy stated in prose in the activity report
	MemberList string // "", "personal", "aggregate"
	Contacts   bool   // phone and e-mail of contact persons in the activity report
	Financial  bool   // financial items between operating result and result
	NoDash     bool   // org number printed without its dash
	Injection  string // "", "sv", "en"
	// InjectAccounts puts the injected text in the accounts instead of the
	// activity report.
	InjectAccounts bool
	Grant          bool // municipal grant row present
	Deficit        bool // the year ends in a deficit
}

func (s Spec) has(plant string) bool {
	for _, p := range s.Plants {
		if p == plant {
			return true
		}
	}
	return false
}

func (s Spec) seed() int64 {
	h := fnv.New64a()
	h.Write([]byte(s.Slug))
	return int64(h.Sum64() & 0x7fffffffffff)
}

// calendar returns a calendar fiscal year 2025.
func calendar() (time.Time, time.Time) { return day(2025, 1, 1), day(2025, 12, 31) }
