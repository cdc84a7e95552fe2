package extract

import (
	"math"
	"regexp"
	"strings"

	"arsflow/extract/casefile"
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
	{regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])` + countPat + ` +(?:av\s+(?:dem|dessa|medlemmarna)\s+)?(?:medlemmar\s+)?(?:är\s+|var\s+)?(?:bidragsberättigade|i\s+bidragsberättigad\s+ålder)`), 0.9},
	{regexp.MustCompile(`(?i)(?:varav|av\s+vilka|av\s+dessa|av\s+dem)\s+(?:är\s+|var\s+)?` + countPat + `\s+(?:medlemmar\s+|personer\s+)?(?:är\s+|var\s+)?(?:` + bandWords + `)?\s*#`), 0.85},
	{regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])` + countPat + `\s+(?:av\s+(?:dem|dessa|medlemmarna)\s+)?(?:medlemmar\s+)?(?:är\s+|var\s+)?(?:` + bandWords + `)\s+#`), 0.7},
	{regexp.MustCompile(`(?i)(?:medlemmar|ungdomar|barn\s+och\s+ungdomar|barn|unga|juniorer|seniorer|pensionärer|bidragsberättigade)\s+(?:i\s+åldern\s+|mellan\s+|` + bandWords + `\s+)?\(?#+\)?\s*[:=]?\s*(?:var\s+|är\s+|uppgick\s+till\s+)?` + countPat + `(?:[.,]?(?:[^\d]|$))`), 0.7},
}

// bandWords lead an age band in prose ("i åldern 7–20 år", "under 26 år").
const bandWords = `i\s+åldern|i\s+ålder|mellan|i\s+åldrarna|under|över|upp\s+till|yngre\s+än|äldre\s+än`

// attendanceBefore and attendanceAfter mark a count of those present at a
// meeting ("Närvarande: 50 medlemmar", "34 medlemmar deltog"), which is not
// the membership.
var (
	attendanceBefore = regexp.MustCompile(`(?i)(närvarande|närvaro|närvarade|deltog|deltagande|deltagare|röstlängd|röstberättigade|på\s+(?:års)?mötet|mötet\s+besöktes)[^.\n]*$`)
	attendanceAfter  = regexp.MustCompile(`(?i)^\s*(?:röstberättigade\s+|närvarande\s+)?(?:medlemmar\s+)?(?:var\s+|är\s+)?(?:närvarande|närvarade|deltog|deltar|på\s+(?:års)?mötet|i\s+röstlängden|röstberättigade)`)
)

// attendance reports whether the count at [s, e) of text counts those
// present at a meeting.
func attendance(text string, s, e int) bool {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	return attendanceBefore.MatchString(text[max(ls, s-80):s]) || attendanceAfter.MatchString(text[e:min(len(text), e+60)])
}

// findMembers adds the member and fee candidates of d.
func findMembers(d *docText, add func(key string, c casefile.Candidate)) {
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
			if isTableRow(d, s) || attendance(masked, s, e) {
				continue // statement rows are read column by column
			}
			n, ok := casefile.ParseAmount(text[s:e])
			if !ok || n <= 0 || n > 1e6 || (n >= 1900 && n <= 2100 && !strings.Contains(text[s:e], " ")) && p.conf < 0.9 {
				continue
			}
			add(casefile.FieldMembersTotal, d.evidenceAt(n, m[0], m[1], p.conf))
		}
	}
	for _, p := range eligiblePatterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(masked, -1) {
			s, e := m[2], m[3]
			if notTotalRe.MatchString(masked[max(0, s-12):s]) && !strings.HasSuffix(strings.ToLower(masked[max(0, s-12):s]), "varav ") {
				continue
			}
			if isTableRow(d, s) || attendance(masked, s, e) {
				continue
			}
			if ok, found := eligibleBand(text[m[0]:min(len(text), m[1]+30)]); found && !ok {
				continue // "varav 12 under 7 år" is outside the grant age bands
			}
			n, ok := casefile.ParseAmount(text[s:e])
			if !ok || n <= 0 || n > 1e6 || n >= 1900 && n <= 2100 && p.conf < 0.9 {
				continue
			}
			add(casefile.FieldMembersEligible, d.evidenceAt(n, m[0], m[1], p.conf))
		}
	}
	findFee(d, add)
}

var (
	feeSentence = regexp.MustCompile(`(?i)medlemsavgift(?:en|er|erna)?(?:[^\p{L}]|$)|årsavgift(?:en|er|erna)?(?:[^\p{L}]|$)|avgift(?:en)?\s+för\s+(?:medlemskap|\d{4}|nästa|kommande)|medlemskapet\s+kostar|(?:höj|sänk|behåll|ändr)\p{L}*\s+(?:\p{L}+\s+){0,2}avgiften`)
	feeDecision = regexp.MustCompile(`(?i)fastställ|beslut|beslöt|oförändrad|behåll|höj|sänk|ska\s+vara|skall\s+vara|blir|bestäm`)
	// feeOld marks the old fee of a change: "från 300 kr till 350 kr".
	feeOld = regexp.MustCompile(`(?i)(?:^|[^\p{L}])från\s*$`)
	// feeAdult names the adult or standard fee among several.
	feeAdultBefore = regexp.MustCompile(`(?i)(?:vuxen|vuxna|vuxenmedlem\p{L}*|ordinarie\s+medlem\p{L}*|ordinarie|fullbetalande|enskild\s+medlem|enskilda\s+medlemmar|senior(?:er)?|standard\p{L}*|huvudmedlem\p{L}*)[\s:(]*(?:\d+\s*år\s*(?:och\s+äldre)?[\s:)]*)?$`)
	feeAdultAfter  = regexp.MustCompile(`(?i)^[\s/]*(?:per\s+|för\s+)?(?:vuxen|vuxna|vuxenmedlem|ordinarie|fullbetalande|enskild|senior|huvudmedlem)`)
)

// findFee reads the membership fee: the amount in kronor in a sentence
// about the fee ("Medlemsavgiften fastställdes till 300 kr", "oförändrad
// medlemsavgift, 250 kr", "årsavgift 200:-"). A change "från 300 kr till
// 350 kr" gives the new fee; of several fees the adult one is taken.
func findFee(d *docText, add func(key string, c casefile.Candidate)) {
	for _, s := range sentences(d) {
		t := d.full[s.start:s.end]
		loc := feeSentence.FindStringIndex(t)
		if loc == nil {
			continue
		}
		masked := maskYears(t)
		var fees []amountSpan
		for _, a := range findAmounts(masked) {
			a.Value = math.Abs(a.Value)
			if !a.Unit || a.Value <= 0 || a.Value > 20000 || a.Start < loc[0]-40 {
				continue
			}
			if feeOld.MatchString(masked[max(0, a.Start-12):a.Start]) {
				continue
			}
			fees = append(fees, a)
		}
		if len(fees) == 0 {
			continue
		}
		pick := fees[0]
		if len(fees) > 1 {
			for k, a := range fees {
				from := 0
				if k > 0 {
					from = fees[k-1].End
				}
				to := len(masked)
				if k+1 < len(fees) {
					to = fees[k+1].Start
				}
				if feeAdultBefore.MatchString(masked[max(from, a.Start-30):a.Start]) || feeAdultAfter.MatchString(masked[a.End:min(to, a.End+30)]) {
					pick = a
					break
				}
			}
		}
		conf := 0.75
		if feeDecision.MatchString(t) {
			conf = 0.9
		}
		add(casefile.FieldMembershipFee, d.evidenceAt(pick.Value, s.start, s.end, conf))
	}
}

// ageRe finds ages and age bands ("7–25 år", "(7-25)", "65 år och äldre",
// "65+"); the matched group is what gets masked.
var ageRe = regexp.MustCompile(`(?i)(?:^|[^\d])((?:\d{1,3}\s*(?:[-–—]|till|och)\s*)?\d{1,3}\s*år(?:\s+och\s+(?:äldre|yngre|uppåt|över))?)(?:[^\p{L}]|$)|(\(\s*\d{1,3}\s*[-–—]\s*\d{1,3}\s*\))|(\d{1,2}\+)`)

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

// ageBandRe reads an age band: "7–25 år", "mellan 7 och 25 år", "(7-25)",
// "under 26 år", "65 år och äldre", "65+", "över 64 år", "fyllt 7 men
// inte 21 år".
var ageBandRe = regexp.MustCompile(`(?i)fyllt\s+(\d{1,2})\s+(?:år\s+)?men\s+inte\s+(\d{1,2})|(\d{1,2})\s*(?:[-–—]|till|och)\s*(\d{1,2})(?:\s*år|\s*\))|(under|yngre\s+än|upp\s+till|över|äldre\s+än)\s+(\d{1,2})\s*år|(\d{1,2})\s*(?:år\s+och\s+(äldre|uppåt|över|yngre)|\+)`)

// eligibleBand reports whether the first age band in s lies in a grant age
// band (from 3–7 up to 20–26 years, or 60 and older), and whether s names
// an age band at all.
func eligibleBand(s string) (eligible, found bool) {
	m := ageBandRe.FindStringSubmatch(s)
	if m == nil {
		return false, false
	}
	youth := func(lo, hi int) bool { return lo <= 7 && hi >= 19 && hi <= 26 }
	switch {
	case m[1] != "":
		return youth(atoi(m[1]), atoi(m[2])-1), true
	case m[3] != "":
		lo, hi := atoi(m[3]), atoi(m[4])
		return youth(lo, hi) || lo >= 60, true
	case m[5] != "":
		n := atoi(m[6])
		switch strings.ToLower(strings.Fields(m[5])[0]) {
		case "under", "yngre":
			return youth(0, n-1), true
		case "upp":
			return youth(0, n), true
		default: // över, äldre än
			return n >= 59, true
		}
	default:
		n := atoi(m[7])
		if strings.EqualFold(m[8], "yngre") {
			return youth(0, n), true
		}
		return n >= 60, true
	}
}
