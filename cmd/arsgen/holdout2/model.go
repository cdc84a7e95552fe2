package main

import (
	"fmt"
	"strings"
)

// Row is one labelled amount in kronor.
type Row struct {
	Label string
	V     int64
}

// NumFmt says how a case prints amounts.
type NumFmt struct {
	Sep      string // thousands separator
	Decimals bool   // ",00"
	Neg      string // "minus" (U+2212), "hyphen" or "paren"
	Tkr      bool   // thousands of kronor with one decimal
	Suffix   string // " kr", " SEK" or ""
}

// Case is one fictional association's årshandlingar.
type Case struct {
	Slug, Name, Org, OrgAlt string
	Town                    string
	FYStart, FYEnd          string // ISO
	YearLabel               string // "2025" or "2024/2025"
	Members, Eligible       int
	PrevMembers             []int // two earlier years, for tables
	PrevEligible            []int
	Band                    string // "7–25 år" or "65 år och äldre"
	Fee                     int
	Income, Costs           []Row
	GrantLabel              string // label of the municipal grant row among Income
	Fin                     int64  // financial items (ränteintäkter)
	EquityIn                int64
	Liab                    []Row
	Fixed                   []Row // non-cash assets
	AssetSkew               int64 // planted: printed assets exceed equity+liabilities
	Chair, Treasurer, Secr  string
	Others                  []string // other board members
	Auditor                 string
	AuditorOnBoard          bool
	MeetingChair            string
	Justerare               [2]string
	MeetingDate             string // ISO
	Num                     NumFmt
	PrevFirst               bool
	CostsNegative           bool
	Scanned                 bool
	Note                    string // what is planted, for the README
}

func (c *Case) sum(rs []Row) int64 {
	var s int64
	for _, r := range rs {
		s += r.V
	}
	return s
}

// IncomeTotal and the other totals are what the statements print.
func (c *Case) IncomeTotal() int64 { return c.sum(c.Income) }
func (c *Case) CostsTotal() int64  { return c.sum(c.Costs) }
func (c *Case) Operating() int64   { return c.IncomeTotal() - c.CostsTotal() }
func (c *Case) Result() int64      { return c.Operating() + c.Fin }
func (c *Case) Equity() int64      { return c.EquityIn + c.Result() }
func (c *Case) LiabTotal() int64   { return c.sum(c.Liab) }
func (c *Case) EqLiab() int64      { return c.Equity() + c.LiabTotal() }
func (c *Case) Assets() int64      { return c.EqLiab() + c.AssetSkew }
func (c *Case) Bank() int64        { return c.Assets() - c.sum(c.Fixed) }

// Grants returns the municipal grant row, or 0.
func (c *Case) Grants() int64 {
	for _, r := range c.Income {
		if r.Label == c.GrantLabel {
			return r.V
		}
	}
	return 0
}

// prev scales an amount to a plausible previous-year figure.
func prev(v int64, k int64) int64 {
	p := v * k / 100
	if v%1000 == 0 || v%100 == 0 {
		p = p / 100 * 100
	}
	return p
}

// money formats an amount; neg forces a minus sign for a positive cost.
func (c *Case) money(v int64) string {
	f := c.Num
	neg := v < 0
	if neg {
		v = -v
	}
	var s string
	if f.Tkr {
		whole := v / 1000
		dec := (v % 1000) / 100
		s = group(whole, f.Sep) + "," + fmt.Sprint(dec)
	} else {
		s = group(v, f.Sep)
		if f.Decimals {
			s += ",00"
		}
	}
	if neg {
		switch f.Neg {
		case "paren":
			s = "(" + s + ")"
		case "hyphen":
			s = "-" + s
		default:
			s = "\u2212" + s
		}
	}
	return s + f.Suffix
}

// cost prints a cost row, negative when the case prints costs negative.
func (c *Case) cost(v int64) string {
	if c.CostsNegative {
		return c.money(-v)
	}
	return c.money(v)
}

func group(v int64, sep string) string {
	s := fmt.Sprint(v)
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	parts = append([]string{s}, parts...)
	return strings.Join(parts, sep)
}

// luhnOrg completes a 9-digit base "NNNNNN-NNN" with its Luhn digit.
func luhnOrg(base string) string {
	return base + fmt.Sprint(luhn(strings.ReplaceAll(base, "-", "")))
}

func luhn(digits string) int {
	sum := 0
	for i, ch := range digits {
		d := int(ch - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

var months = []string{"", "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}

// longDate prints an ISO date as "12 mars 2026".
func longDate(iso string) string {
	var y, m, d int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d)
	return fmt.Sprintf("%d %s %d", d, months[m], y)
}

// slashDate prints an ISO date as "12/3 2026".
func slashDate(iso string) string {
	var y, m, d int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d)
	return fmt.Sprintf("%d/%d %d", d, m, y)
}
