package summarize

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"arsflow/extract/casefile"
)

// Rules is the rule-based backend. It needs no language model: it fills the
// fixed Swedish template from the extracted fields, refers every sentence to
// the document and page of its evidence, and says explicitly what is missing.
// The same case always gives the same summary.
type Rules struct{}

// RulesVersion is recorded with every rule-based summary; raise it when the
// template changes.
const RulesVersion = "rules/4"

// Name returns "rules".
func (Rules) Name() string { return "rules" }

// Version returns RulesVersion.
func (Rules) Version() string { return RulesVersion }

// Location returns LocationInternal: the rules run inside arsflow.
func (Rules) Location() string { return LocationInternal }

// Summarize fills the template from c.
func (r Rules) Summarize(ctx context.Context, c *casefile.Case) (*Summary, error) {
	if c == nil {
		return nil, fmt.Errorf("summarize.Rules: %w", ErrInvalid)
	}
	start := time.Now()
	s := &Summary{
		Sections:       RulesSections(c),
		Backend:        r.Name(),
		BackendVersion: r.Version(),
		Location:       r.Location(),
		InputHash:      InputHash(c),
	}
	s.CacheKey = CacheKey(r, s.InputHash)
	Check(s, c)
	s.Latency = time.Since(start)
	return s, nil
}

// RulesSections builds the eight sections of the template from c.
func RulesSections(c *casefile.Case) []Section {
	b := map[string][]Sentence{
		SectionAssociation: associationSentences(c),
		SectionDocuments:   documentSentences(c),
		SectionActivity:    activitySentences(c),
		SectionMembers:     memberSentences(c),
		SectionFinances:    financeSentences(c),
		SectionAudit:       auditSentences(c),
		SectionAGM:         agmSentences(c),
		SectionNotes:       noteSentences(c),
	}
	out := make([]Section, 0, len(sectionOrder))
	for _, so := range sectionOrder {
		out = append(out, Section{Key: so.Key, Title: so.Title, Sentences: b[so.Key]})
	}
	return out
}

// field returns the field key of c when it has a value.
func field(c *casefile.Case, key string) (casefile.Field, bool) {
	f, ok := c.Fields[key]
	if !ok || f.Value == nil {
		return f, false
	}
	if s, isStr := f.Value.(string); isStr && strings.TrimSpace(s) == "" {
		return f, false
	}
	return f, true
}

// refs returns the evidence of f as references.
func refs(f casefile.Field) []Ref {
	if f.File == "" {
		return []Ref{}
	}
	return []Ref{{File: f.File, Page: f.Page}}
}

// str returns a field value as text.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// boolean returns a yes/no field's value.
func boolean(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "ja", "yes":
			return true, true
		case "false", "nej", "no":
			return false, true
		}
	}
	return false, false
}

// missing returns the sentence that says what is missing.
func missing(what string) Sentence {
	return Sentence{Text: MissingPrefix + what + ".", Refs: []Ref{}}
}

// sentence returns a sentence referring to f's evidence.
func sentence(text string, f casefile.Field) Sentence {
	return Sentence{Text: text, Refs: refs(f)}
}

func associationSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	if f, ok := field(c, casefile.FieldAssociationName); ok {
		out = append(out, sentence("Föreningen heter "+str(f.Value)+".", f))
	} else {
		out = append(out, missing("föreningens namn"))
	}
	if f, ok := field(c, casefile.FieldOrgNumber); ok {
		out = append(out, sentence("Organisationsnumret är "+str(f.Value)+".", f))
	} else {
		out = append(out, missing("organisationsnummer"))
	}
	fs, okS := field(c, casefile.FieldFiscalYearStart)
	fe, okE := field(c, casefile.FieldFiscalYearEnd)
	switch {
	case okS && okE:
		out = append(out, Sentence{
			Text: "Räkenskapsåret omfattar " + str(fs.Value) + "–" + str(fe.Value) + ".",
			Refs: mergeRefs(refs(fs), refs(fe)),
		})
	case okE:
		out = append(out, sentence("Räkenskapsåret slutar "+str(fe.Value)+".", fe))
		out = append(out, missing("räkenskapsårets början"))
	case okS:
		out = append(out, sentence("Räkenskapsåret börjar "+str(fs.Value)+".", fs))
		out = append(out, missing("räkenskapsårets slut"))
	default:
		out = append(out, missing("räkenskapsår"))
	}
	for _, role := range []struct{ key, name string }{
		{casefile.FieldChair, "Ordförande"},
		{casefile.FieldTreasurer, "Kassör"},
	} {
		if f, ok := field(c, role.key); ok {
			out = append(out, sentence(role.name+" är "+str(f.Value)+".", f))
		} else {
			out = append(out, missing(strings.ToLower(role.name)))
		}
	}
	return out
}

func documentSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	have := map[string]bool{}
	for _, d := range c.Documents {
		types := d.Types
		if len(types) == 0 {
			types = []string{casefile.TypeOther}
		}
		names := make([]string, len(types))
		for i, t := range types {
			have[t] = true
			names[i] = docTypeName(t)
		}
		pages := "1 sida"
		if d.Pages != 1 {
			pages = fmt.Sprintf("%d sidor", d.Pages)
		}
		text := capitalize(strings.Join(names, " och ")) + " (" + d.File + ", " + pages + ")."
		if d.Error != "" {
			text = capitalize(strings.Join(names, " och ")) + " (" + d.File + ") kunde inte läsas: " + d.Error
			if !strings.HasSuffix(text, ".") {
				text += "."
			}
		}
		out = append(out, Sentence{Text: text, Refs: []Ref{{File: d.File, Page: 1}}})
	}
	if len(c.Documents) == 0 {
		out = append(out, missing("inga handlingar kom in"))
	}
	for _, t := range requiredTypes {
		if !have[t] {
			out = append(out, missing(docTypeName(t)+" finns inte bland handlingarna"))
		}
	}
	return out
}

// activityWords mark sentences of an activity report that describe the activity.
var activityWords = lazyRegexp(`(?i)\b(verksamhet\w*|aktivitet\w*|träning\w*|tränat|läger|tävl\w*|match\w*|deltag\w*|arrangera\w*|genomför\w*|anordna\w*|möten|träffar|kurs\w*|föreställning\w*|resa|resor|ungdom\w*)\b`)

// sentenceSplit splits running text into sentences.
var sentenceSplit = lazyRegexp(`[.!?](\s+|$)`)

// activitySentences quotes, word for word, up to two sentences of the activity
// report that describe the activity. Rules cannot write prose, so they quote.
func activitySentences(c *casefile.Case) []Sentence {
	var out []Sentence
	for _, d := range c.Documents {
		if !hasType(d, casefile.TypeActivityReport) {
			continue
		}
		for _, p := range d.Text {
			for _, s := range pageSentences(p.Text) {
				if len(out) == 2 {
					return out
				}
				n := len([]rune(s))
				if n < 40 || n > 300 || !activityWords().MatchString(s) || len(casefile.FindPersonalData(s)) > 0 {
					continue
				}
				out = append(out, Sentence{
					Text: "Ur verksamhetsberättelsen: ”" + s + "”",
					Refs: []Ref{{File: d.File, Page: p.Number}},
				})
			}
		}
		if len(out) == 0 && len(d.Text) > 0 {
			out = append(out, Sentence{
				Text: fmt.Sprintf("Verksamhetsberättelsen finns i %s; läs den i original.", d.File),
				Refs: []Ref{{File: d.File, Page: 1}},
			})
		}
	}
	if len(out) == 0 {
		out = append(out, missing("verksamhetsberättelse som beskriver verksamheten"))
	}
	return out
}

// pageSentences returns the sentences of a page's running text. A short line
// without a final stop is a heading and stands alone.
func pageSentences(text string) []string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, splitSentences(strings.Join(para, " "))...)
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		switch {
		case line == "":
			flush()
		case len([]rune(line)) < 60 && !strings.ContainsAny(line[len(line)-1:], ".,;:!?"):
			flush()
			out = append(out, line)
		default:
			para = append(para, line)
		}
	}
	flush()
	return out
}

// splitSentences splits text into sentences, keeping their final stop.
func splitSentences(text string) []string {
	var out []string
	last := 0
	for _, m := range sentenceSplit().FindAllStringIndex(text, -1) {
		s := strings.TrimSpace(text[last : m[0]+1])
		if s != "" {
			out = append(out, s)
		}
		last = m[1]
	}
	if rest := strings.TrimSpace(text[last:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func hasType(d *casefile.Document, t string) bool {
	for _, x := range d.Types {
		if x == t {
			return true
		}
	}
	return false
}

func memberSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	if f, ok := field(c, casefile.FieldMembersTotal); ok {
		if n, isNum := number(f.Value); isNum {
			out = append(out, sentence("Föreningen hade "+FormatCount(n)+" medlemmar.", f))
		}
	}
	if len(out) == 0 {
		out = append(out, missing("antal medlemmar"))
	}
	if f, ok := field(c, casefile.FieldMembersEligible); ok {
		if n, isNum := number(f.Value); isNum {
			out = append(out, sentence("Av dem var "+FormatCount(n)+" bidragsberättigande medlemmar.", f))
		}
	} else {
		out = append(out, missing("antal bidragsberättigande medlemmar"))
	}
	if f, ok := field(c, casefile.FieldMembershipFee); ok {
		if n, isNum := number(f.Value); isNum {
			out = append(out, sentence("Medlemsavgiften är "+FormatKronor(n)+".", f))
		}
	} else {
		out = append(out, missing("medlemsavgift"))
	}
	return out
}

func financeSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	amounts := []struct{ key, label string }{
		{casefile.FieldIncomeTotal, "Intäkterna uppgick till"},
		{casefile.FieldCostsTotal, "Kostnaderna uppgick till"},
		{casefile.FieldMunicipalGrants, "Kommunala bidrag uppgick till"},
		{casefile.FieldTotalAssets, "Tillgångarna uppgick till"},
		{casefile.FieldEquity, "Eget kapital uppgick till"},
	}
	for i, a := range amounts {
		if i == 2 {
			out = append(out, resultSentence(c))
		}
		f, ok := field(c, a.key)
		n, isNum := number(f.Value)
		if !ok || !isNum {
			out = append(out, missing(casefile.FieldName(a.key)))
			continue
		}
		out = append(out, sentence(a.label+" "+FormatKronor(n)+".", f))
	}
	return out
}

func resultSentence(c *casefile.Case) Sentence {
	f, ok := field(c, casefile.FieldResult)
	n, isNum := number(f.Value)
	switch {
	case !ok || !isNum:
		return missing("årets resultat")
	case n < 0:
		return sentence("Årets resultat är ett underskott på "+FormatKronor(-n)+".", f)
	case n == 0:
		return sentence("Årets resultat är 0 kr.", f)
	}
	return sentence("Årets resultat är ett överskott på "+FormatKronor(n)+".", f)
}

func auditSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	if f, ok := field(c, casefile.FieldAuditor); ok {
		out = append(out, sentence("Revisor är "+str(f.Value)+".", f))
	} else {
		out = append(out, missing("revisor"))
	}
	f, ok := field(c, casefile.FieldDischargeRecommended)
	v, isBool := boolean(f.Value)
	switch {
	case !ok || !isBool:
		out = append(out, missing("revisionsberättelsen säger inget om ansvarsfrihet, eller den saknas"))
	case v:
		out = append(out, sentence("Revisorn tillstyrker ansvarsfrihet för styrelsen.", f))
	default:
		out = append(out, sentence("Revisorn tillstyrker inte ansvarsfrihet för styrelsen.", f))
	}
	return out
}

func agmSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	if f, ok := field(c, casefile.FieldAnnualMeetingDate); ok {
		out = append(out, sentence("Årsmötet hölls "+str(f.Value)+".", f))
	} else {
		out = append(out, missing("datum för årsmötet"))
	}
	decisions := []struct{ key, yes, no, none string }{
		{casefile.FieldAccountsAdopted, "Årsmötet fastställde resultat- och balansräkningen.", "Årsmötet fastställde inte resultat- och balansräkningen.", "beslut om att fastställa resultat- och balansräkningen"},
		{casefile.FieldAuditReportPresented, "Revisionsberättelsen behandlades och lades till handlingarna.", "Revisionsberättelsen behandlades inte på årsmötet.", "att revisionsberättelsen behandlades på årsmötet"},
		{casefile.FieldDischargeGranted, "Styrelsen beviljades ansvarsfrihet.", "Styrelsen beviljades inte ansvarsfrihet.", "beslut om ansvarsfrihet för styrelsen"},
		{casefile.FieldFeeDecided, "Årsmötet beslutade om medlemsavgift.", "Årsmötet beslutade inte om medlemsavgift.", "beslut om medlemsavgift"},
	}
	for _, d := range decisions {
		f, ok := field(c, d.key)
		v, isBool := boolean(f.Value)
		switch {
		case !ok || !isBool:
			out = append(out, missing(d.none))
		case v:
			out = append(out, sentence(d.yes, f))
		default:
			out = append(out, sentence(d.no, f))
		}
	}
	return out
}

// formatValue formats a field value for a sentence.
func formatValue(key string, v any) string {
	if b, ok := v.(bool); ok {
		if b {
			return "ja"
		}
		return "nej"
	}
	if n, ok := v.(float64); ok {
		if f, _ := casefile.LookupField(key); f.Kind == casefile.KindCount {
			return FormatCount(n)
		}
		return FormatKronor(n)
	}
	return str(v)
}

func noteSentences(c *casefile.Case) []Sentence {
	var out []Sentence
	for _, ch := range c.Checks {
		text := strings.TrimSpace(ch.Message)
		if text == "" {
			continue
		}
		if !strings.HasSuffix(text, ".") {
			text += "."
		}
		s := Sentence{Text: text, Refs: []Ref{}}
		if ch.File != "" {
			s.Refs = []Ref{{File: ch.File, Page: ch.Page}}
		}
		out = append(out, s)
	}
	chair, okC := field(c, casefile.FieldChair)
	treas, okT := field(c, casefile.FieldTreasurer)
	if okC && okT && strings.EqualFold(str(chair.Value), str(treas.Value)) {
		out = append(out, Sentence{
			Text: "Ordförande och kassör är samma person.",
			Refs: mergeRefs(refs(chair), refs(treas)),
		})
	}
	if f, ok := field(c, casefile.FieldDischargeRecommended); ok {
		if v, isBool := boolean(f.Value); isBool && !v {
			out = append(out, sentence("Revisorn tillstyrker inte ansvarsfrihet; granska revisionsberättelsen.", f))
		}
	}
	keys := make([]string, 0, len(c.Fields))
	for k := range c.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := c.Fields[k]
		var vals []string
		var rs []Ref
		seen := map[string]bool{}
		fileSeen := map[string]bool{}
		for _, cand := range f.Candidates {
			// Documents disagree when their own values differ; other
			// candidates within one document (an operating result next to
			// the year's result) are not a disagreement.
			if cand.File != "" && fileSeen[cand.File] {
				continue
			}
			fileSeen[cand.File] = true
			v := formatValue(k, cand.Value)
			if cand.File != "" {
				rs = mergeRefs(rs, []Ref{{File: cand.File, Page: cand.Page}})
			}
			if v == "" || seen[v] {
				continue
			}
			seen[v] = true
			vals = append(vals, v)
		}
		if len(vals) > 1 && !checkMentions(c, casefile.FieldName(k)) {
			out = append(out, Sentence{
				Text: "Handlingarna anger olika värden för " + casefile.FieldName(k) + ": " + strings.Join(vals, ", ") + ".",
				Refs: rs,
			})
		}
	}
	if len(out) == 0 {
		out = append(out, Sentence{Text: "Inget särskilt att notera utöver det som anges ovan.", Refs: []Ref{}})
	}
	return out
}

// checkMentions reports whether a check of c already speaks of name.
func checkMentions(c *casefile.Case, name string) bool {
	for _, ch := range c.Checks {
		if strings.Contains(strings.ToLower(ch.Message), name) {
			return true
		}
	}
	return false
}

// mergeRefs appends the references of b to a, without duplicates.
func mergeRefs(a, b []Ref) []Ref {
	out := append([]Ref{}, a...)
	for _, r := range b {
		dup := false
		for _, x := range out {
			if x == r {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}
