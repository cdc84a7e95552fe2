package extract

import (
	"regexp"
	"sort"
	"strings"
)

// OutputFields are the field keys of a case, in display order.
var OutputFields = []string{
	FieldAssociationName, FieldOrgNumber, FieldFiscalYearStart, FieldFiscalYearEnd,
	FieldMembersTotal, FieldMembersEligible, FieldMembershipFee,
	FieldIncomeTotal, FieldCostsTotal, FieldResult, FieldTotalAssets, FieldEquity, FieldMunicipalGrants,
	FieldChair, FieldTreasurer, FieldAuditor,
	FieldDischargeRecommended, FieldDischargeGranted, FieldAccountsAdopted, FieldAuditReportPresented, FieldFeeDecided,
	FieldAnnualMeetingDate,
}

// preferred names, per field, the document types whose word counts most.
var preferred = map[string][]string{
	FieldIncomeTotal:          {TypeAnnualAccounts},
	FieldCostsTotal:           {TypeAnnualAccounts},
	FieldResult:               {TypeAnnualAccounts},
	FieldTotalAssets:          {TypeAnnualAccounts},
	FieldEquity:               {TypeAnnualAccounts},
	FieldMunicipalGrants:      {TypeAnnualAccounts},
	keyLiabilities:            {TypeAnnualAccounts},
	keyEquityLiabilities:      {TypeAnnualAccounts},
	FieldMembersTotal:         {TypeMembershipReport, TypeActivityReport},
	FieldMembersEligible:      {TypeMembershipReport, TypeActivityReport},
	FieldMembershipFee:        {TypeAGMMinutes},
	FieldChair:                {TypeActivityReport, TypeAnnualAccounts, TypeMembershipReport},
	FieldTreasurer:            {TypeActivityReport, TypeAnnualAccounts, TypeMembershipReport},
	FieldAuditor:              {TypeAuditReport},
	FieldDischargeRecommended: {TypeAuditReport},
	FieldDischargeGranted:     {TypeAGMMinutes},
	FieldAccountsAdopted:      {TypeAGMMinutes},
	FieldAuditReportPresented: {TypeAGMMinutes},
	FieldFeeDecided:           {TypeAGMMinutes},
	FieldAnnualMeetingDate:    {TypeAGMMinutes},
}

// AssembleCase merges the documents' fields into the case's fields and runs
// every check. For each field the candidate with the highest confidence,
// weighted by how much its document type counts for that field and by how
// many documents agree, is chosen; every candidate is kept when documents
// disagree.
func AssembleCase(path string, docs []*Document) *Case {
	c := &Case{Path: path, Documents: docs, Fields: map[string]Field{}, Checks: []Check{}}
	if c.Documents == nil {
		c.Documents = []*Document{}
	}
	merged := mergeFields(docs)
	for _, k := range OutputFields {
		if f, ok := merged[k]; ok {
			c.Fields[k] = f
		}
	}
	c.Checks = runChecks(c, docs, merged)
	return c
}

// mergeFields chooses each field across documents.
func mergeFields(docs []*Document) map[string]Field {
	type scored struct {
		c     Candidate
		score float64
		doc   int
	}
	byKey := map[string][]scored{}
	for i, d := range docs {
		for k, f := range d.Fields {
			cands := f.Candidates
			if len(cands) == 0 {
				cands = []Candidate{f.Candidate}
			}
			w := 0.85
			for rank, t := range preferred[k] {
				if hasType(d.Types, t) {
					w = max(w, 1-0.03*float64(rank))
				}
			}
			if preferred[k] == nil {
				w = 1
			}
			for _, c := range cands {
				byKey[k] = append(byKey[k], scored{c, c.Confidence * w, i})
			}
		}
	}
	out := map[string]Field{}
	for k, list := range byKey {
		// Documents agreeing on a value strengthen it.
		docsFor := map[string]map[int]bool{}
		for _, s := range list {
			v := valueKey(s.c.Value)
			if docsFor[v] == nil {
				docsFor[v] = map[int]bool{}
			}
			docsFor[v][s.doc] = true
		}
		for i := range list {
			list[i].score += 0.03 * float64(len(docsFor[valueKey(list[i].c.Value)])-1)
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].score > list[j].score })
		f := Field{Candidate: list[0].c}
		if len(docsFor) > 1 {
			var cs []Candidate
			for _, s := range list {
				cs = append(cs, s.c)
			}
			f.Candidates = dedupe(cs)
		}
		out[k] = f
	}
	return out
}

// CaseKey returns the key the pipeline groups documents by: the valid
// organisation number, else the normalised association name; with the name,
// the org number (valid or "") and the year of the fiscal year's end (0 when
// unknown).
func CaseKey(c *Case) (key, name, orgNumber string, fiscalYear int) {
	if f, ok := c.Fields[FieldAssociationName]; ok {
		name, _ = f.Value.(string)
	}
	if f, ok := c.Fields[FieldOrgNumber]; ok {
		if s, _ := f.Value.(string); ValidOrgNumber(s) {
			orgNumber = s
		}
	}
	if f, ok := c.Fields[FieldFiscalYearEnd]; ok {
		if s, _ := f.Value.(string); len(s) >= 4 {
			fiscalYear = atoi(s[:4])
			if fiscalYear < 0 {
				fiscalYear = 0
			}
		}
	}
	switch {
	case orgNumber != "":
		key = "org:" + orgNumber
	case name != "":
		key = "name:" + normalizeName(name)
	}
	return key, name, orgNumber, fiscalYear
}

var nonAlnum = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// normalizeName folds case and punctuation so that spellings of one name
// group together.
func normalizeName(s string) string {
	return strings.Trim(nonAlnum.ReplaceAllString(strings.ToLower(s), " "), " ")
}
