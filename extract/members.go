package extract

import (
	"math"
	"regexp"
	"strings"
)

// A count of members: digits with optional thousands groups.
const countPat = `(\d{1,3}(?:[ .]\d{3})+|\d+)`

// memberPatterns find the total number of members. Group 1 of each is the
// count. Totals take precedence over bare "N medlemmar".
var memberPatterns = []struct {
	re   *regexp.Regexp
	conf float64
}{
	{regexp.MustCompile(`(?i)(?:totalt\s+antal\s+medlemmar|antal\s+medlemmar\s+totalt|medlemmar\s*,?\s*totalt|summa\s+medlemmar|totalt\s+antal|medlemsantal(?:et)?\s+totalt)[^\d\n]{0,40}?` + countPat + `(?:[.,]?(?:[^\d]|$))`), 0.95},
	{regexp.MustCompile(`(?i)(?:antal\s+(?:aktiva\s+|betalande\s+|registrerade\s+)?medlemmar|medlemsantal(?:et)?)(?:\s+(?:per|den|vid|var|uppgick|var|är|uppgår|vid\s+årets\s+slut|till|i\s+föreningen|\d{4}|[#]+|\S+\s+\d{4}))*\s*[:=]?\s*(?:till\s+|var\s+|är\s+)?` + countPat + `(?:\s+(?:st|personer|medlemmar))?(?:[.,]?(?:[^\d]|$))`), 0.9},
	{regexp.MustCompile(`(?im)^\s*medlemmar(?:\s+(?:totalt|per|den|[#]+|\d{4}))*\s*[:=]\s*` + countPat + `(?:[.,]?(?:[^\d]|$))`), 0.8},
	{regexp.MustCompile(`(?i)(?:medlemsantalet|antalet\s+medlemmar)\s+(?:ökade|minskade|steg|sjönk|gick)\s+(?:från\s+` + countPat + `\s+)?(?:till|upp\s+till|ner\s+till)\s+` + countPat), 0.9},
	{regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:hade|har|hade\s+föreningen|har\s+föreningen|hade\s+klubben|har\s+klubben|var\s+vi|är\s+vi|räknade|totalt|sammanlagt|uppgick\s+till)\s+(?:totalt\s+|sammanlagt\s+|nu\s+|\p{L}+\s+)?` + countPat + `\s+(?:(?:aktiva|betalande|registrerade|betalda|inskrivna)\s+)?(?:medlemmar|medlemsfamiljer\b)`), 0.85},
	{regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])` + countPat + `\s+(?:(?:aktiva|betalande|registrerade|betalda|inskrivna)\s+)?medlemmar(?:[^\p{L}]|$)`), 0.6},
}

// notTotalRe rejects counts that are part of a rule or a breakdown.
var notTotalRe = regexp.MustCompile(`(?i)(varav|av\s+dessa|minst|mer\s+än|fler\s+än|över|under|mindre\s+än|ca|cirka|drygt|nästan|ungefär)\s*$`)

// notTotalAfter rejects "45 medlemmar i åldern 7–25 år".
var notTotalAfter = regexp.MustCompile(`(?i)^\s*(?:medlemmar\s+)?(?:är\s+|var\s+)?(i\s+åldern|mellan|i\s+ålder|under\s+\d|över\s+\d|som\s+är|bidragsberättigade|deltog|närvarande|deltar)`)

// eligiblePatterns find members in the grant age bands.
var eligiblePatterns = []struct {
	re   *regexp.Regexp
	conf float64
}{
	{regexp.MustCompile(`(?i)(?:antal\s+)?bidragsberättigade\s+medlemmar[^\d\n]{0,40}?` + countPat + `(?:[.,]?(?:[^\d]|$))`), 0.95},
	{regexp.MustCompile(`(?i)(?:antal\s+)?(?:medlemmar\s+)?(?:i\s+)?bidragsberättigad\s+ålder[^\d\n]{0,30}?` + countPat + `(?:[.,]?(?:[^\d]|$))`), 0.9},
	{regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])` + countPat + `\s+(?:av\s+(?:dem|dessa|medlemmarna)\s+)?(?:medlemmar\s+)?(?:är\s+|var\s+)?(?:bidragsberättigade|i\s+bidragsberättigad\s+ålder)`), 0.9},
	{regexp.MustCompile(`(?i)(?:varav|av\s+vilka|av\s+dessa|av\s+dem)\s+(?:är\s+|var\s+)?` + countPat + `\s+(?:medlemmar\s+|personer\s+)?(?:är\s+|var\s+)?(?:i\s+åldern|i\s+ålder|mellan|i\s+åldrarna)?\s*#`), 0.85},
	{regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])` + countPat + `\s+(?:av\s+(?:dem|dessa|medlemmarna)\s+)?(?:medlemmar\s+)?(?:är\s+|var\s+)?(?:i\s+åldern|i\s+åldrarna|mellan)\s+#`), 0.7},
	{regexp.MustCompile(`(?i)medlemmar\s+(?:i\s+åldern\s+|mellan\s+)?\(?#+\)?\s*[:=]?\s*(?:var\s+|är\s+|uppgick\s+till\s+)?` + countPat + `(?:[.,]?(?:[^\d]|$))`), 0.7},
}

// findMembers adds the member and fee candidates of d.
func findMembers(d *docText, add func(key string, c Candidate)) {
	text := d.full
	masked := maskDatesKeepLen(text)
	for _, p := range memberPatterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(masked, -1) {
			g := len(m)/2 - 1 // the last group is the count
			s, e := m[2*g], m[2*g+1]
			if s < 0 {
				continue
			}
			if notTotalRe.MatchString(masked[max(0, s-20):s]) || notTotalAfter.MatchString(masked[e:min(len(masked), e+40)]) && p.conf < 0.9 {
				continue
			}
			if isTableRow(d, s) {
				continue // statement rows are read column by column
			}
			n, ok := ParseAmount(text[s:e])
			if !ok || n <= 0 || n > 1e6 || (n >= 1900 && n <= 2100 && !strings.Contains(text[s:e], " ")) && p.conf < 0.9 {
				continue
			}
			add(FieldMembersTotal, d.evidenceAt(n, m[0], m[1], p.conf))
		}
	}
	for _, p := range eligiblePatterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(masked, -1) {
			s, e := m[2], m[3]
			if notTotalRe.MatchString(masked[max(0, s-12):s]) && !strings.HasSuffix(strings.ToLower(masked[max(0, s-12):s]), "varav ") {
				continue
			}
			if isTableRow(d, s) {
				continue
			}
			n, ok := ParseAmount(text[s:e])
			if !ok || n <= 0 || n > 1e6 || n >= 1900 && n <= 2100 && p.conf < 0.9 {
				continue
			}
			add(FieldMembersEligible, d.evidenceAt(n, m[0], m[1], p.conf))
		}
	}
	findFee(d, add)
}

var (
	feeSentence = regexp.MustCompile(`(?i)medlemsavgift(?:en)?(?:[^\p{L}]|$)|årsavgift(?:en)?(?:[^\p{L}]|$)|avgift(?:en)?\s+för\s+medlemskap|medlemskapet\s+kostar`)
	feeDecision = regexp.MustCompile(`(?i)fastställ|beslut|beslöt|oförändrad|behåll|höj|sänk|ska\s+vara|skall\s+vara|blir|bestäm`)
)

// findFee reads the membership fee: the first amount in kronor in a
// sentence about the fee ("Medlemsavgiften fastställdes till 300 kr",
// "oförändrad medlemsavgift, 250 kr", "årsavgift 200:-").
func findFee(d *docText, add func(key string, c Candidate)) {
	for _, s := range sentences(d) {
		t := d.full[s.start:s.end]
		loc := feeSentence.FindStringIndex(t)
		if loc == nil {
			continue
		}
		masked := maskYears(t)
		for _, a := range findAmounts(masked) {
			a.Value = math.Abs(a.Value)
			if !a.Unit || a.Value <= 0 || a.Value > 20000 || a.Start < loc[0]-40 {
				continue
			}
			conf := 0.75
			if feeDecision.MatchString(t) {
				conf = 0.9
			}
			add(FieldMembershipFee, d.evidenceAt(a.Value, s.start, s.end, conf))
			break
		}
	}
}

// ageRe finds ages and age bands ("7–25 år", "(7-25)", "65 år och äldre",
// "65+"); the matched group is what gets masked.
var ageRe = regexp.MustCompile(`(?i)(?:^|[^\d])((?:\d{1,3}\s*(?:[-–—]|till)\s*)?\d{1,3}\s*år(?:\s+och\s+(?:äldre|yngre|uppåt|över))?)(?:[^\p{L}]|$)|(\(\s*\d{1,3}\s*[-–—]\s*\d{1,3}\s*\))|(\d{1,2}\+)`)

// maskDatesKeepLen replaces dates and day-month pairs by '#' so their digits
// are not read as counts, keeping byte offsets.
func maskDatesKeepLen(s string) string {
	b := []byte(s)
	for _, m := range ageRe.FindAllStringSubmatchIndex(s, -1) {
		for g := 1; g <= 3; g++ {
			for i := m[2*g]; m[2*g] >= 0 && i < m[2*g+1]; i++ {
				if b[i] != '\n' {
					b[i] = '#'
				}
			}
		}
	}
	for _, ds := range findDates(s) {
		for i := ds.Start; i < ds.End; i++ {
			b[i] = '#'
		}
	}
	for _, m := range dayMonthRe.FindAllStringIndex(string(b), -1) {
		for i := m[0]; i < m[1]; i++ {
			b[i] = '#'
		}
	}
	return string(b)
}

// isTableRow reports whether the line holding offset off is a row of a
// table with two or more figure columns.
func isTableRow(d *docText, off int) bool {
	l := d.lines[d.lineAt(off)]
	segs := splitColumns(l.text)
	if len(segs) < 3 {
		return false
	}
	n := 0
	for _, s := range segs[1:] {
		if onlyAmounts(l.text[s[0]:s[1]]) {
			n++
		}
	}
	return n >= 2
}
