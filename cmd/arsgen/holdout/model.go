package main

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// person is a fictional person.
type person struct{ First, Last string }

// Name returns "First Last".
func (p person) Name() string { return p.First + " " + p.Last }

var firstNames = []string{"Anna", "Maria", "Karin", "Eva", "Lena", "Kerstin", "Ingrid", "Sara",
	"Emma", "Malin", "Ulla", "Birgitta", "Elin", "Johanna", "Linnea", "Agneta", "Margareta",
	"Helena", "Camilla", "Frida", "Amira", "Leyla", "Nadia", "Aino", "Lars", "Mikael", "Anders",
	"Johan", "Per", "Karl", "Erik", "Peter", "Thomas", "Daniel", "Fredrik", "Magnus", "Stefan",
	"Mats", "Bengt", "Henrik", "Oskar", "Viktor", "Jonas", "Rolf", "Hassan", "Omid", "Arvid",
	"Gunnar", "Tove", "Ebba", "Hugo", "Nils", "Sven", "Åke", "Örjan", "Märta", "Göran"}

var lastNames = []string{"Lindqvist", "Bergström", "Sandberg", "Holmgren", "Åberg", "Nordin",
	"Hedlund", "Forsberg", "Sjöberg", "Wallin", "Engberg", "Ekström", "Lundgren", "Björk",
	"Dahlberg", "Strand", "Norberg", "Söderlund", "Blom", "Hägg", "Mattsson", "Falk", "Ahmadi",
	"Karimi", "Virtanen", "Öberg", "Nyström", "Berglund", "Lindholm", "Isaksson", "Fransson",
	"Jakobsson", "Lundin", "Sundqvist", "Ek", "Mårtensson", "Rask", "Vikström", "Alm", "Törnqvist"}

// people hands out distinct people for one case.
type people struct {
	r    *rand.Rand
	used map[string]bool
}

func (p *people) next() person {
	for {
		q := person{firstNames[p.r.IntN(len(firstNames))], lastNames[p.r.IntN(len(lastNames))]}
		if !p.used[q.Name()] && !p.used["last:"+q.Last] {
			p.used[q.Name()] = true
			p.used["last:"+q.Last] = true
			return q
		}
	}
}

// board is the association's board during the fiscal year.
type board struct {
	Chair, Vice, Secretary, Treasurer person
	Members, Deputies                 []person
}

// item describes a row of the accounts before amounts are drawn.
type item struct {
	Label     string
	Base      int64
	Municipal bool
}

// row is one printed row of a statement.
type row struct {
	Label     string
	Cur, Prev int64
	Municipal bool
}

// accounts holds both years of an income statement and balance sheet.
type accounts struct {
	Income, Costs, Fin  []row
	Fixed, Current      []row // Current excludes the bank row
	Liabs               []row
	BankLabel           string
	EquityStartPrev     int64
	SkipLastIncomeInSum bool // planted: the printed income sum leaves out the last row
}

func sum(rs []row, cur bool) int64 {
	var s int64
	for _, r := range rs {
		if cur {
			s += r.Cur
		} else {
			s += r.Prev
		}
	}
	return s
}

func (a *accounts) income(cur bool) int64 { return sum(a.Income, cur) }

// incomePrinted is the income sum as printed (planted error included).
func (a *accounts) incomePrinted(cur bool) int64 {
	s := a.income(cur)
	if a.SkipLastIncomeInSum && cur {
		s -= a.Income[len(a.Income)-1].Cur
	}
	return s
}
func (a *accounts) costs(cur bool) int64     { return sum(a.Costs, cur) }
func (a *accounts) fin(cur bool) int64       { return sum(a.Fin, cur) }
func (a *accounts) operating(cur bool) int64 { return a.income(cur) - a.costs(cur) }
func (a *accounts) result(cur bool) int64    { return a.operating(cur) + a.fin(cur) }

func (a *accounts) equityStart(cur bool) int64 {
	if cur {
		return a.EquityStartPrev + a.result(false)
	}
	return a.EquityStartPrev
}
func (a *accounts) equityEnd(cur bool) int64 { return a.equityStart(cur) + a.result(cur) }
func (a *accounts) liabs(cur bool) int64     { return sum(a.Liabs, cur) }
func (a *accounts) bank(cur bool) int64 {
	return a.equityEnd(cur) + a.liabs(cur) - sum(a.Fixed, cur) - sum(a.Current, cur)
}
func (a *accounts) currentAssets(cur bool) int64 { return sum(a.Current, cur) + a.bank(cur) }
func (a *accounts) assets(cur bool) int64        { return sum(a.Fixed, cur) + a.currentAssets(cur) }

func (a *accounts) municipal() (int64, bool) {
	for _, r := range a.Income {
		if r.Municipal {
			return r.Cur, true
		}
	}
	return 0, false
}

// draw turns items into rows with amounts varied around Base, rounded to unit.
func draw(r *rand.Rand, unit int64, its []item) []row {
	out := make([]row, len(its))
	for i, it := range its {
		v := func() int64 {
			f := 0.86 + 0.28*r.Float64()
			x := int64(float64(it.Base)*f) / unit * unit
			if unit == 1 && x > 1000 && r.IntN(3) == 0 {
				x = x / 10 * 10
			}
			return x
		}
		out[i] = row{Label: it.Label, Cur: v(), Prev: v(), Municipal: it.Municipal}
	}
	return out
}

// kind is a document type key of extract.
type kind string

const (
	kindActivity kind = "activity_report"
	kindAccounts kind = "annual_accounts"
	kindAudit    kind = "audit_report"
	kindAGM      kind = "agm_minutes"
	kindMembers  kind = "membership_report"
)

// file is one PDF of a case.
type file struct {
	Name  string
	Kinds []kind
	Scan  bool
}

// kase is one fictional association's årshandlingar for one year.
type kase struct {
	Slug, Name, Short, Town string
	Kind                    string // "idrott", "kör", ...
	Org                     string
	OrgNoDash               bool
	FYStart, FYEnd          time.Time
	Font                    string
	FontSize                string
	Fmt                     numFmt
	Acc                     *accounts
	Members, Eligible       int
	Fee                     int // 0 when no fee is decided
	FeeText                 string
	Board                   board
	Auditor, AuditorDeputy  person
	AuditorTitle            string
	AGMDate                 time.Time
	AGMPlace                string
	MeetingChair, Minutes   person
	Adjusters               [2]person
	SignDate                time.Time // when the board signed the report and accounts
	AuditDate               time.Time
	Activities              []string
	MembersHTML             string
	Files                   []file
	Checks                  []string
	Plants                  string // README: what the case plants
	PersonalData            []string
	Scanned                 bool

	// Style switches, set per case.
	VB, AR, RB, AGM int    // wording variants 0..3
	Sign            string // "lines", "bankid", "scrive"
	PrevFirst       bool
	CostsNegative   bool
	K2              bool
	TwoColumnVB     bool
	Footer          bool

	// Planted problems.
	NoAudit, Avstyrker, NoFee, Injection bool
	MemberList                           []member
}

// member is one row of a planted member list.
type member struct {
	Name   person
	PNR    string
	Street string
	Postal string
	Phone  string
	Email  string
	Junior bool
	Born   time.Time
}

// fy is the fiscal year as printed in headings: "2025" or "2025/2026".
func (k *kase) fy() string {
	if k.FYStart.Year() == k.FYEnd.Year() {
		return fmt.Sprint(k.FYStart.Year())
	}
	return fmt.Sprintf("%d/%d", k.FYStart.Year(), k.FYEnd.Year())
}

// prevFY is the previous fiscal year as printed in column heads.
func (k *kase) prevFY() string {
	if k.FYStart.Year() == k.FYEnd.Year() {
		return fmt.Sprint(k.FYStart.Year() - 1)
	}
	return fmt.Sprintf("%d/%d", k.FYStart.Year()-1, k.FYEnd.Year()-1)
}

// org returns the organisation number as printed.
func (k *kase) org() string {
	if k.OrgNoDash {
		return k.Org[:6] + k.Org[7:]
	}
	return k.Org
}
