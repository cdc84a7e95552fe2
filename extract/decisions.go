package extract

import (
	"regexp"
	"strings"

	"arsflow/extract/casefile"
)

// sentence is a span of d.full that reads as one sentence or agenda item.
type sentence struct{ start, end int }

var (
	sentenceBreak = regexp.MustCompile(`[.!?](?:\s+|$)|\n(?:\s*(?:§|paragraf|punkt)\s*\d|\s*\d{1,2}\s*[.):]\s)`)
	dischargeWord = regexp.MustCompile(`(?i)ansvars-?\s*frihet`)

	notWord       = `(?:inte|ej|icke)`
	grantedNeg    = regexp.MustCompile(`(?i)` + notWord + `\s+(?:\p{L}+\s+){0,2}(?:be)?vilja|(?:be)?vilja\p{L}*\s+(?:styrelsen\s+)?` + notWord + `|avslog|avslogs|avslås|nekade|nekades|vägrade|vägrades|besvara(?:de|des|s)\s+med\s+(?:ett\s+)?nej|` + notWord + `\s+ansvarsfrihet|ansvarsfrihet\p{L}*\s+(?:\p{L}+\s+){0,3}(?:gavs|beviljades|medgavs|gavs)\s+` + notWord + `|bordla|bordlä|uppsköts|sköts\s+upp`)
	recommendVerb = regexp.MustCompile(`(?i)föresl|tillstyrk|förord|rekommend|yrka|avstyrk`)
	grantedPos    = regexp.MustCompile(`(?i)beviljade|beviljades|beviljas|bevilja|beviljat|gav\s+styrelsen|besvara(?:de|des|s)\s+med\s+(?:ett\s+)?ja|jakande|medgavs|erhöll|fick\s+ansvarsfrihet|ansvarsfrihet\s+för\s+styrelsen\s+(?:beslutades|godkändes)`)
	meetingActs   = regexp.MustCompile(`(?i)(?:års)?mötet\s+(?:beslöt|beslutade|beviljade|gav)|(?:beslöt|beslutade)\s+(?:års)?mötet|(?:beslöt|beslutade)\s+stämman|stämman\s+(?:beslöt|beslutade|beviljade)|enhälligt|beslutades\s+att\s+bevilja|beslöts\s+att\s+bevilja|besvara(?:de|des|s)\s+med`)
	recommendNeg  = regexp.MustCompile(`(?i)avstyrk|tillstyrk\p{L}*\s+(?:\p{L}+\s+){0,2}` + notWord + `|` + notWord + `\s+(?:\p{L}+\s+){0,2}tillstyrk|` + notWord + `\s+(?:\p{L}+\s+){0,2}(?:be)?vilja|skäl\s+(?:för\s+)?att\s+(?:inte|neka|vägra)|(?:rekommenderar|föreslår|förordar)\s+(?:\p{L}+\s+){0,5}` + notWord + `|(?:be)?vilja\p{L}*\s+(?:styrelsen\s+)?` + notWord + `|vägra|neka`)
	recommendPos  = regexp.MustCompile(`(?i)tillstyrk|föresl|rekommend|förord|beviljas|bevilja|yrka`)

	accountsWord = regexp.MustCompile(`(?i)resultat-?\s*(?:och|&)\s*balansräkning|resultaträkning|balansräkning|årsredovisning|årsbokslut|bokslut|ekonomisk\p{L}*\s+(?:berättelse|redovisning|rapport)|räkenskaper|kassaberättelse|kassarapport|förvaltningsberättelse`)
	adoptPos     = regexp.MustCompile(`(?i)(?:fastställ(?:de|des|s|es|er|t|a)|godkän(?:de|des|ns|ner|nes|t|na)|godtogs|antogs|godkändes|fastställdes|lades\s+(?:med\s+godkännande\s+)?till\s+handlingarna|läggs\s+till\s+handlingarna)(?:[^\p{L}]|$)`)
	adoptNeg     = regexp.MustCompile(`(?i)` + notWord + `\s+(?:\p{L}+\s+){0,2}(?:fastställ|godkän|godta|anta)|(?:fastställ|godkän)\p{L}*\s+` + notWord + `|bordla|bordlä|återremitt|sköts\s+upp|uppsköts`)

	auditWord    = regexp.MustCompile(`(?i)revisionsberättelse|revisorernas\s+berättelse|revisorns\s+berättelse|revisorsberättelse|revisorernas\s+rapport|revisionsrapport`)
	presentedPos = regexp.MustCompile(`(?i)(?:lästes|läses|upplästes|föredrogs|föredras|presenterades|presenteras|redovisades|redovisas|behandlades|behandlas|gicks\s+igenom|gås\s+igenom|delgavs|föredrog|läste\s+upp|läser\s+upp|(?:lades|läggs|lägges)\s+(?:\p{L}+\s+)?till\s+handlingarna|godkändes|godkänns|noterades|fanns\s+tillgänglig|var\s+utsänd|hade\s+skickats)(?:[^\p{L}]|$)`)
	presentedNeg = regexp.MustCompile(`(?i)` + notWord + `\s+(?:\p{L}+\s+){0,2}(?:läst|föredr|present|behandl)|saknades|förelåg\s+inte|fanns\s+inte`)

	feeWord = regexp.MustCompile(`(?i)medlemsavgift(?:en|erna|er)?|årsavgift(?:en|er)?|medlemsavgifter\s+för|avgift(?:en|er)?\s+för\s+(?:medlemskap|\d{4}|nästa|kommande)`)
	feePos  = regexp.MustCompile(`(?i)(?:fastställ(?:de|des|s|es|er|t|a)|beslutade|beslöts|beslöt|beslutades|beslutas|beslutar|oförändrad|oförändrat|behålla|behålls|höjdes|höjs|sänktes|sänks|ska\s+vara|skall\s+vara|blir|godkändes|godkänns|antogs|bestämdes|bestäms|fastslogs|fastslås)(?:[^\p{L}]|$)`)
	feeNeg  = regexp.MustCompile(`(?i)bordla|bordlä|sköts\s+upp|uppsköts|` + notWord + `\s+(?:\p{L}+\s+){0,2}(?:beslut|fastställ)`)
)

// sentences splits d.full into sentences and agenda items.
func sentences(d *docText) []sentence {
	var out []sentence
	start := 0
	for _, m := range sentenceBreak.FindAllStringIndex(d.full, -1) {
		// A dot inside a number or after an abbreviation is no break.
		if d.full[m[0]] == '.' && m[0] > 0 && isDigit(d.full[m[0]-1]) && m[1] < len(d.full) && isDigit(d.full[m[1]-0]) {
			continue
		}
		end := m[0] + 1
		if d.full[m[0]] == '\n' {
			end = m[0]
		}
		for start < end && (d.full[start] == ' ' || d.full[start] == '\n') {
			start++
		}
		if end > start {
			out = append(out, sentence{start, end})
		}
		start = end
	}
	if start < len(d.full) {
		out = append(out, sentence{start, len(d.full)})
	}
	return out
}

// findDecisions adds the discharge and AGM decision candidates of d. In the
// minutes it reads the four decisions; in an audit report the auditor's
// statement on discharge.
func findDecisions(d *docText, types []string, add func(key string, c casefile.Candidate)) {
	minutes, audit := hasType(types, casefile.TypeAGMMinutes), hasType(types, casefile.TypeAuditReport)
	found := map[string]bool{}
	for _, s := range sentences(d) {
		t := d.full[s.start:s.end]
		if d.ocr {
			t = fixDecisionWords(t)
		}
		if dischargeWord.MatchString(t) {
			recommendation := func(t string, conf float64) {
				if v, ok := decide(t, recommendNeg, recommendPos); ok {
					add(casefile.FieldDischargeRecommended, d.evidenceAt(v, s.start, s.end, conf))
				}
			}
			switch {
			case minutes && !recommendVerb.MatchString(t):
				if v, ok := decide(t, grantedNeg, grantedPos); ok {
					add(casefile.FieldDischargeGranted, d.evidenceAt(v, s.start, s.end, 0.9))
					found[casefile.FieldDischargeGranted] = true
				}
			case minutes:
				if loc := meetingActs.FindStringIndex(t); loc != nil {
					if v, ok := decide(t[loc[0]:], grantedNeg, grantedPos); ok {
						add(casefile.FieldDischargeGranted, d.evidenceAt(v, s.start, s.end, 0.85))
						found[casefile.FieldDischargeGranted] = true
					}
					recommendation(t[:loc[0]], 0.55)
				} else {
					recommendation(t, 0.6)
				}
			case audit:
				recommendation(t, 0.9)
			case recommendVerb.MatchString(t):
				recommendation(t, 0.5)
			}
		}
		if !minutes {
			continue
		}
		if accountsWord.MatchString(t) {
			if v, ok := decide(t, adoptNeg, adoptPos); ok {
				add(casefile.FieldAccountsAdopted, d.evidenceAt(v, s.start, s.end, 0.85))
				found[casefile.FieldAccountsAdopted] = true
			}
		}
		if auditWord.MatchString(t) {
			if v, ok := decide(t, presentedNeg, presentedPos); ok {
				add(casefile.FieldAuditReportPresented, d.evidenceAt(v, s.start, s.end, 0.85))
				found[casefile.FieldAuditReportPresented] = true
			}
		}
		if feeWord.MatchString(t) {
			if v, ok := decide(t, feeNeg, feePos); ok {
				add(casefile.FieldFeeDecided, d.evidenceAt(v, s.start, s.end, 0.85))
				found[casefile.FieldFeeDecided] = true
			}
		}
	}
	if minutes && len(d.lines) > 0 {
		// The minutes say nothing about a decision: record that as false,
		// pointing at the minutes' first line.
		for _, k := range []string{casefile.FieldDischargeGranted, casefile.FieldAccountsAdopted, casefile.FieldAuditReportPresented, casefile.FieldFeeDecided} {
			if !found[k] {
				c := d.evidence(false, 0, 0, 0.5)
				c.Quote = "(beslutet saknas i protokollet) " + c.Quote
				add(k, c)
			}
		}
	}
}

// decide returns false when the negative pattern matches, true when the
// positive does, and reports whether either did.
func decide(t string, neg, pos *regexp.Regexp) (bool, bool) {
	if undecided.MatchString(t) {
		return false, false
	}
	if neg.MatchString(t) {
		return false, true
	}
	if pos.MatchString(t) {
		return true, true
	}
	return false, false
}

func hasType(types []string, t string) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// hasStatementOnDischarge reports whether an audit report says anything
// about discharge.
func hasStatementOnDischarge(d *docText) bool {
	return dischargeWord.MatchString(d.full)
}

// undecided matches statute or template wording that names both outcomes
// ("om ansvarsfrihet tillstyrks eller avstyrks").
var undecided = regexp.MustCompile(`(?i)tillstyrk\p{L}*\s+eller\s+avstyrk|avstyrk\p{L}*\s+eller\s+tillstyrk|beviljas\s+eller\s+(inte|ej)|\(?ja\s*/\s*nej\)?`)

// decisionWords are the long words the decision patterns look for. OCR may
// garble one letter of them ("Tastställdes"); fixDecisionWords repairs that.
// decisionList holds them in a fixed order, so a repair is deterministic.
var (
	decisionWords = map[string]bool{}
	decisionList  []string
)

func init() {
	for _, w := range strings.Fields(`fastställdes fastställde fastställs fastställa fastställt fastställer
		godkändes godkände godkänns godkännes godkänner godkännande
		beviljades beviljade beviljas beviljat beviljar
		ansvarsfrihet ansvarsfriheten tillstyrker tillstyrkte tillstyrks tillstyrka avstyrker avstyrkte avstyrks
		revisionsberättelse revisionsberättelsen revisionsberättelser revisorernas revisorns
		balansräkning balansräkningen balansräkningarna resultaträkning resultaträkningen årsredovisning årsredovisningen
		medlemsavgift medlemsavgiften medlemsavgifter medlemsavgifterna årsavgiften
		behandlades behandlats föredrogs föredrags presenterades presenteras redovisades handlingarna
		beslutade beslutades beslutar oförändrad oförändrat bestämdes`) {
		decisionWords[w] = true
		decisionList = append(decisionList, w)
	}
}

// ocrWord is a word of eight letters or more.
var ocrWord = regexp.MustCompile(`\p{L}{8,}`)

// fixDecisionWords replaces each long word that is one edit away from a
// decision word by that word, so that OCR slips do not hide a decision.
func fixDecisionWords(t string) string {
	return ocrWord.ReplaceAllStringFunc(t, func(w string) string {
		low := strings.ToLower(w)
		if decisionWords[low] {
			return w
		}
		for _, dw := range decisionList {
			if editDistance1(low, dw) {
				return dw
			}
		}
		return w
	})
}

// editDistance1 reports whether a and b differ by exactly one inserted,
// deleted or replaced letter.
func editDistance1(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if i == len(rb) {
		return len(ra) != len(rb)
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}
