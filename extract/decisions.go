package extract

import (
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// decisionTopics maps each decision of the annual meeting to the agenda
// topic it is about and the outcomes that make it.
var decisionTopics = []struct {
	key, topic string
	outcomes   []string
}{
	{casefile.FieldAccountsAdopted, "accounts", []string{"adopt"}},
	{casefile.FieldAuditReportPresented, "audit_report", []string{"present", "adopt"}},
	{casefile.FieldDischargeGranted, "discharge", []string{"grant"}},
	{casefile.FieldFeeDecided, "fee", []string{"decide"}},
}

// missingQuote prefixes the quote of a decision the minutes do not show.
const missingQuote = "(beslutet saknas i protokollet) "

// readDecisions reads the annual meeting's four decisions from the
// minutes, sentence by sentence within each agenda item (the item's
// heading names the topic, its sentences the outcome), and the auditor's
// statement on discharge from an audit report.
func readDecisions(r *reading) {
	found, seen := map[string]bool{}, map[string]bool{}
	minutes := r.has(casefile.TypeAGMMinutes)
	for _, u := range decisionUnits(r) {
		typ := r.typeAt(u.Lines()[0])
		if minutes && typ != casefile.TypeAuditReport {
			typ = casefile.TypeAGMMinutes // a section of the minutes
		}
		toks := u.Tokens()
		outcomes := outcomesIn(r, toks)
		topics := map[string]bool{}
		for _, m := range r.matches(toks, "topic", r.doc.OCR) {
			topics[m.Key] = true
		}
		for k := range u.extra {
			topics[k] = true
		}
		switch typ {
		case casefile.TypeAGMMinutes:
			for _, d := range decisionTopics {
				if !topics[d.topic] {
					continue
				}
				seen[d.topic] = true
				v, score, ok := decide(outcomes, d.outcomes, d.key == casefile.FieldDischargeGranted)
				if !ok {
					continue
				}
				r.add(d.key, v, score, u.Lines(), 0, 0)
				found[d.key] = true
			}
		case casefile.TypeAuditReport:
			if topics["discharge"] {
				if v, score, ok := recommendation(outcomes); ok {
					r.add(casefile.FieldDischargeRecommended, v, score, u.Lines(), 0, 0)
				}
			}
		}
	}
	if !r.has(casefile.TypeAGMMinutes) {
		return
	}
	// The minutes say nothing of a decision: record that, pointing at the
	// minutes' first line. Minutes cut short ("[…]") are judged only on the
	// items they show.
	cut := elided(r)
	for _, p := range r.parts {
		if p.typ != casefile.TypeAGMMinutes {
			continue
		}
		for _, d := range decisionTopics {
			if !found[d.key] && (!cut || seen[d.topic]) {
				r.cands = append(r.cands, cand{key: d.key, value: false, score: 0.5, lines: []*layout.Line{r.doc.Lines[p.from]}, typ: p.typ, missing: true})
			}
		}
		break
	}
}

// unit is a sentence read for decisions, with the topics of the agenda
// item it stands in.
type unit struct {
	layout.Span
	extra map[string]bool
}

// decisionUnits returns the sentences of the minutes and audit reports,
// each with the topics its agenda item's heading names.
func decisionUnits(r *reading) []unit {
	var out []unit
	items := r.doc.Items()
	covered := map[*layout.Line]bool{}
	minutes := r.has(casefile.TypeAGMMinutes)
	for _, it := range items {
		typ := r.typeAt(it.Lines[0])
		if typ != casefile.TypeAuditReport && !minutes {
			continue
		}
		title := map[string]bool{}
		for _, m := range r.matches(it.Title().Tokens(), "topic", r.doc.OCR) {
			title[m.Key] = true
		}
		for _, s := range layout.Sentences(it.T) {
			out = append(out, unit{Span: s, extra: title})
		}
		for _, l := range it.Lines {
			covered[l] = true
		}
	}
	for _, b := range r.doc.Blocks() {
		if covered[b.Lines[0]] {
			continue
		}
		typ := r.typeAt(b.Lines[0])
		if typ != casefile.TypeAuditReport && !minutes {
			continue
		}
		// A sentence without a topic of its own goes on with the one
		// before it: "Revisionsberättelsen lästes. Den lades till
		// handlingarna."
		var prev map[string]bool
		for _, s := range layout.Sentences(b) {
			own := map[string]bool{}
			for _, m := range r.matches(s.Tokens(), "topic", r.doc.OCR) {
				own[m.Key] = true
			}
			u := unit{Span: s}
			if len(own) == 0 {
				u.extra = prev
			} else {
				prev = own
			}
			out = append(out, u)
		}
	}
	return out
}

// outcome is an outcome phrase in a sentence, negated or not.
type outcome struct {
	key     string
	negated bool
}

// outcomesIn returns the outcomes a sentence states. Nouns naming an
// agenda item ("Fastställande av", "Godkännande av") are not outcomes; a
// negation just before or after an outcome turns it.
func outcomesIn(r *reading, toks []lexicon.Token) []outcome {
	var nots []int
	var out []outcome
	ms := r.matches(toks, "outcome", r.doc.OCR)
	for _, m := range ms {
		if m.Key == "not" {
			nots = append(nots, m.From)
		}
	}
	for _, m := range ms {
		if m.Key == "not" {
			continue
		}
		w := toks[m.From].Norm
		if (strings.HasSuffix(w, "ande") || strings.HasSuffix(w, "ende") || strings.HasSuffix(w, "andet") || strings.HasSuffix(w, "ing")) && !strings.HasSuffix(w, "kande") {
			// A noun, "Godkännande av": the name of the item, not its
			// outcome. "godkände" (folded "godkande") is a verb.
			continue
		}
		neg := false
		for _, n := range nots {
			if n < m.From && m.From-n <= 3 || n >= m.To && n-m.To <= 1 {
				neg = true
			}
		}
		out = append(out, outcome{m.Key, neg})
	}
	return out
}

// decide reads a decision from a sentence's outcomes: false when it was
// postponed, refused or negated, true when it was made. A sentence that
// reports the auditors' proposal decides discharge only when the meeting
// acts in it too.
func decide(os []outcome, want []string, discharge bool) (bool, float64, bool) {
	recommended, grant := false, false
	for _, o := range os {
		grant = grant || contains(want, o.key) && !o.negated
	}
	for _, o := range os {
		// "trots revisorns avstyrkan ... bevilja": the auditor advised
		// against, the meeting granted.
		if o.key == "postpone" || o.key == "against" && !grant {
			return false, 0.85, true
		}
		recommended = recommended || o.key == "recommend"
	}
	for _, o := range os {
		if !contains(want, o.key) {
			continue
		}
		if discharge && recommended && !meetingActs(os) {
			continue
		}
		if o.negated {
			return false, 0.85, true
		}
		return true, 0.9, true
	}
	return false, 0, false
}

// meetingActs reports whether the meeting itself decides in the sentence.
func meetingActs(os []outcome) bool {
	n := 0
	for _, o := range os {
		if o.key == "grant" || o.key == "decide" {
			n++
		}
	}
	return n >= 2
}

// recommendation reads the auditor's statement on discharge: for (tillstyrker,
// recommend) or against (avstyrker, "kan inte tillstyrka"). Wording that
// names both ("tillstyrks eller avstyrks") states nothing.
func recommendation(os []outcome) (bool, float64, bool) {
	pos, neg := false, false
	for _, o := range os {
		switch {
		case o.key == "against" || o.key == "recommend" && o.negated || o.key == "grant" && o.negated:
			neg = true
		case o.key == "recommend":
			pos = true
		}
	}
	switch {
	case pos && neg && len(os) >= 2 && !anyNegated(os):
		return false, 0, false // "tillstyrks eller avstyrks"
	case neg:
		return false, 0.9, true
	case pos:
		return true, 0.92, true
	}
	return false, 0, false
}

func anyNegated(os []outcome) bool {
	for _, o := range os {
		if o.negated {
			return true
		}
	}
	return false
}

// elided reports whether the document ends with an elision mark ("[…]"):
// what it leaves out may hold the decisions it does not show.
func elided(r *reading) bool {
	for j := len(r.doc.Lines) - 1; j >= 0 && j >= len(r.doc.Lines)-3; j-- {
		t := strings.TrimSpace(r.doc.Lines[j].Text)
		if strings.Contains(t, "[…]") || strings.Contains(t, "[...]") || strings.Contains(t, "[..]") {
			return true
		}
	}
	return false
}
