package extract

import (
	"regexp"
	"sort"
	"strings"

	"arsflow/extract/casefile"
)

// preferred names, per field, the document types whose word counts most.
var preferred = map[string][]string{
	casefile.FieldIncomeTotal:          {casefile.TypeAnnualAccounts},
	casefile.FieldCostsTotal:           {casefile.TypeAnnualAccounts},
	casefile.FieldResult:               {casefile.TypeAnnualAccounts},
	casefile.FieldTotalAssets:          {casefile.TypeAnnualAccounts},
	casefile.FieldEquity:               {casefile.TypeAnnualAccounts},
	casefile.FieldMunicipalGrants:      {casefile.TypeAnnualAccounts},
	keyLiabilities:                     {casefile.TypeAnnualAccounts},
	keyEquityLiabilities:               {casefile.TypeAnnualAccounts},
	casefile.FieldMembersTotal:         {casefile.TypeMembershipReport, casefile.TypeActivityReport},
	casefile.FieldMembersEligible:      {casefile.TypeMembershipReport, casefile.TypeActivityReport},
	casefile.FieldMembershipFee:        {casefile.TypeAGMMinutes},
	casefile.FieldChair:                {casefile.TypeActivityReport, casefile.TypeAnnualAccounts, casefile.TypeMembershipReport},
	casefile.FieldTreasurer:            {casefile.TypeActivityReport, casefile.TypeAnnualAccounts, casefile.TypeMembershipReport},
	casefile.FieldAuditor:              {casefile.TypeAuditReport},
	casefile.FieldDischargeRecommended: {casefile.TypeAuditReport},
	casefile.FieldDischargeGranted:     {casefile.TypeAGMMinutes},
	casefile.FieldAccountsAdopted:      {casefile.TypeAGMMinutes},
	casefile.FieldAuditReportPresented: {casefile.TypeAGMMinutes},
	casefile.FieldFeeDecided:           {casefile.TypeAGMMinutes},
	casefile.FieldAnnualMeetingDate:    {casefile.TypeAGMMinutes},
}

// AssembleCase merges the documents' fields into the case's fields and runs
// every check. For each field the candidate with the highest confidence,
// weighted by how much its document type counts for that field and by how
// many documents agree, is chosen; every candidate is kept when documents
// disagree.
func AssembleCase(path string, docs []*casefile.Document) *casefile.Case {
	c := &casefile.Case{Path: path, Documents: docs, Fields: map[string]casefile.Field{}, Checks: []casefile.Check{}}
	if c.Documents == nil {
		c.Documents = []*casefile.Document{}
	}
	merged := mergeFields(docs)
	for _, k := range casefile.FieldKeys() {
		if f, ok := merged[k]; ok {
			c.Fields[k] = f
		}
	}
	c.Checks = runChecks(c, docs, merged)
	return c
}

// mergeFields chooses each field across documents.
func mergeFields(docs []*casefile.Document) map[string]casefile.Field {
	type scored struct {
		c     casefile.Candidate
		score float64
		doc   int
	}
	byKey := map[string][]scored{}
	for i, d := range docs {
		for k, f := range d.Fields {
			cands := f.Candidates
			if len(cands) == 0 {
				cands = []casefile.Candidate{f.Candidate}
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
	out := map[string]casefile.Field{}
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
		f := casefile.Field{Candidate: list[0].c}
		if len(docsFor) > 1 {
			var cs []casefile.Candidate
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
func CaseKey(c *casefile.Case) (key, name, orgNumber string, fiscalYear int) {
	if f, ok := c.Fields[casefile.FieldAssociationName]; ok {
		name, _ = f.Value.(string)
	}
	if f, ok := c.Fields[casefile.FieldOrgNumber]; ok {
		if s, _ := f.Value.(string); casefile.ValidOrgNumber(s) {
			orgNumber = s
		}
	}
	if f, ok := c.Fields[casefile.FieldFiscalYearEnd]; ok {
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
