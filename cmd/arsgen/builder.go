package main

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
)

// builder writes the documents of one case and records what they state.
type builder struct {
	s   Spec
	rng *rand.Rand
	ppl *people

	org, altOrg                 string
	chair, treasurer, secretary string
	board                       []string // other board members
	auditor, meetingChair       string
	justerare                   [2]string
	acc                         Accounts
	signDate                    string
	penneoKey                   string

	truth  map[string]any
	stated map[string]bool
	pdata  []string
}

func newBuilder(s Spec) *builder {
	rng := rand.New(rand.NewSource(s.seed()))
	b := &builder{s: s, rng: rng, ppl: newPeople(rng, s.Kind == "invandrar"),
		truth: map[string]any{}, stated: map[string]bool{}}
	b.org = orgNumber(rng, s.has("org_number_invalid"))
	b.altOrg = orgNumber(rng, false)
	b.chair, b.treasurer, b.secretary = b.ppl.next(), b.ppl.next(), b.ppl.next()
	for i := 0; i < 2+rng.Intn(3); i++ {
		b.board = append(b.board, b.ppl.next())
	}
	b.auditor = b.ppl.next()
	if s.has("auditor_on_board") {
		b.auditor = b.board[0]
	}
	b.meetingChair = b.ppl.next()
	b.justerare = [2]string{b.ppl.next(), b.ppl.next()}
	b.acc = drawAccounts(s, rng)
	if s.has("income_statement_mismatch") {
		// "Summa kostnader" is summed wrongly; the result is right.
		b.acc.CostSum.Cur -= roundTo(s.Scale/25, 100)
	}
	if s.has("balance_sheet_mismatch") {
		// A typo in the bank balance runs into "Summa tillgångar" only.
		delta := roundTo(s.Scale/20, 100)
		b.acc.Assets[len(b.acc.Assets)-1].Cur += delta
		b.acc.AssetSum.Cur += delta
	}
	b.penneoKey = b.key()
	b.signDate = s.Style.Date.date(s.AGMDate.AddDate(0, 0, -20-rng.Intn(15)))

	b.truth["association_name"] = s.Name
	b.truth["org_number"] = b.org
	b.truth["fiscal_year_start"] = iso(s.FYStart)
	b.truth["fiscal_year_end"] = iso(s.FYEnd)
	b.truth["members_total"] = s.Members
	b.truth["members_eligible"] = s.Eligible
	b.truth["membership_fee"] = s.Fee
	b.truth["income_total"] = b.acc.IncomeSum.Cur
	b.truth["costs_total"] = b.acc.CostSum.Cur
	b.truth["result"] = b.acc.Result.Cur
	b.truth["total_assets"] = b.acc.AssetSum.Cur
	b.truth["equity"] = b.acc.EqSum.Cur
	if s.Style.Grant {
		b.truth["municipal_grants"] = b.acc.Grant.Cur
	}
	b.truth["chair"] = b.chair
	b.truth["treasurer"] = b.treasurer
	b.truth["auditor"] = b.auditor
	b.truth["discharge_recommended"] = s.Style.Discharge != "no"
	b.truth["discharge_granted"] = true
	b.truth["accounts_adopted"] = true
	b.truth["audit_report_presented"] = true
	b.truth["fee_decided"] = !s.has("agm_decision_missing")
	b.truth["annual_meeting_date"] = iso(s.AGMDate)
	return b
}

// state records that a document states key with its true value.
func (b *builder) state(keys ...string) {
	for _, k := range keys {
		b.stated[k] = true
	}
}

// personal records a planted personal datum.
func (b *builder) personal(v string) {
	for _, p := range b.pdata {
		if p == v {
			return
		}
	}
	b.pdata = append(b.pdata, v)
}

// key draws a Penneo-style document key.
func (b *builder) key() string {
	const abc = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	parts := make([]string, 6)
	for i := range parts {
		var p [5]byte
		for j := range p {
			p[j] = abc[b.rng.Intn(len(abc))]
		}
		parts[i] = string(p[:])
	}
	return strings.Join(parts, "-")
}

// orgText prints the org number as the case prints it.
func (b *builder) orgText(org string) string {
	if b.s.Style.NoDash {
		return strings.ReplaceAll(org, "-", "")
	}
	return org
}

// amount formats kronor in the case's style.
func (b *builder) amount(v int) string { return b.s.Style.Num.amount(v) }

// yearLabel is the column heading for the current or previous year.
func (b *builder) yearLabel(prev bool) string {
	st, en := b.s.FYStart, b.s.FYEnd
	if prev {
		st, en = st.AddDate(-1, 0, 0), en.AddDate(-1, 0, 0)
	}
	if st.Year() == en.Year() {
		return fmt.Sprint(en.Year())
	}
	return fmt.Sprintf("%d/%02d", st.Year(), en.Year()%100)
}

// period prints the fiscal year in one of several ways.
func (b *builder) period(v int) string {
	st, en := b.s.FYStart, b.s.FYEnd
	broken := st.Year() != en.Year()
	switch v % 4 {
	case 0:
		return iso(st) + "\u2013" + iso(en)
	case 1:
		if broken {
			return fmt.Sprintf("1 %s %d \u2013 %s", months[st.Month()-1], st.Year(), longDate(en))
		}
		return fmt.Sprintf("1 januari 31 december %d", en.Year())
	case 2:
		return DateStyle("slash").date(st) + " \u2013 " + DateStyle("slash").date(en)
	default:
		return iso(st) + " - " + iso(en)
	}
}

// types maps a file's kinds to document types.
func fileTypes(f File) []string {
	m := map[string]bool{}
	for _, k := range f.Kinds {
		switch k {
		case kindVB:
			m["activity_report"] = true
		case kindAR, kindRR, kindBR:
			m["annual_accounts"] = true
		case kindRB:
			m["audit_report"] = true
		case kindAMP:
			m["agm_minutes"] = true
		case kindMF:
			m["membership_report"] = true
		}
	}
	var out []string
	for t := range m {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Expected is the checkable part of `arsflow extract --json` for a case.
type Expected struct {
	Case         string         `json:"case"`
	Scanned      bool           `json:"scanned"`
	Fields       map[string]any `json:"fields"`
	Documents    []ExpectedDoc  `json:"documents"`
	Checks       []string       `json:"checks"`
	PersonalData []string       `json:"personal_data"`
}

// ExpectedDoc is one file of a case and the document types it holds.
type ExpectedDoc struct {
	File  string   `json:"file"`
	Types []string `json:"types"`
}

// expected returns the ground truth after all documents were built.
func (b *builder) expected() Expected {
	e := Expected{Case: b.s.Slug, Fields: map[string]any{}, Checks: []string{}, PersonalData: b.pdata}
	if e.PersonalData == nil {
		e.PersonalData = []string{}
	}
	for k := range b.stated {
		e.Fields[k] = b.truth[k]
	}
	present := map[string]bool{}
	for _, f := range b.s.Files {
		e.Documents = append(e.Documents, ExpectedDoc{File: f.Name, Types: fileTypes(f)})
		if f.Scanned {
			e.Scanned = true
		}
		for _, k := range f.Kinds {
			present[k] = true
		}
	}
	checks := map[string]bool{}
	for _, p := range b.s.Plants {
		checks[p] = true
	}
	if !present[kindVB] {
		checks["missing_activity_report"] = true
	}
	switch {
	case present[kindAR] || (present[kindRR] && present[kindBR]):
	case present[kindRR]:
		checks["missing_balance_sheet"] = true
	case present[kindBR]:
		checks["missing_income_statement"] = true
	default:
		checks["missing_annual_accounts"] = true
	}
	if !present[kindRB] {
		checks["missing_audit_report"] = true
	}
	if !present[kindAMP] {
		checks["missing_agm_minutes"] = true
	}
	if len(b.pdata) > 0 {
		checks["personal_data"] = true
	}
	for c := range checks {
		e.Checks = append(e.Checks, c)
	}
	sort.Strings(e.Checks)
	return e
}
