package casefile

import (
	"strings"
)

// luhn reports whether the digits pass the Luhn (mod 10) check.
func luhn(digits string) bool {
	if digits == "" {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// orgNumberRe is the printed form of an organisation number.
var orgNumberRe = lazy(`^(16)?(\d{6})[- ]?(\d{4})$`)

// NormalizeOrgNumber returns s as NNNNNN-NNNN when it has the shape of an
// organisation number (10 digits, optionally prefixed by 16), whether or not
// its check digit is right.
func NormalizeOrgNumber(s string) (string, bool) {
	m := orgNumberRe().FindStringSubmatch(strings.TrimSpace(foldSpaces(s)))
	if m == nil {
		return "", false
	}
	return m[2] + "-" + m[3], true
}

// ValidOrgNumber reports whether s is a valid Swedish organisation number:
// ten digits (NNNNNN-NNNN, optionally prefixed by 16), the third digit at
// least 2, and a correct Luhn check digit.
func ValidOrgNumber(s string) bool {
	n, ok := NormalizeOrgNumber(s)
	if !ok {
		return false
	}
	d := onlyDigits(n)
	return d[2] >= '2' && luhn(d)
}

// personnummerRe is the printed form of a personnummer or samordningsnummer:
// YYMMDD-NNNN, YYMMDD+NNNN (age 100 or more), YYYYMMDD-NNNN or without a
// separator.
var personnummerRe = lazy(`^((?:18|19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$`)

// ValidPersonnummer reports whether s is a valid personnummer or
// samordningsnummer (day plus 60) with a correct Luhn check digit, in the
// 10- or 12-digit form with '-', '+' or no separator.
func ValidPersonnummer(s string) bool {
	m := personnummerRe().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return false
	}
	if m[1] != "" && m[5] == "+" {
		return false
	}
	mo, d := atoi(m[3]), atoi(m[4])
	if d > 60 {
		d -= 60 // samordningsnummer
	}
	year := 2000
	if m[1] != "" {
		year = atoi(m[1] + m[2])
	}
	if _, ok := ISODate(year, mo, d); !ok {
		// 29 February needs a leap year; without the century accept it.
		if !(m[1] == "" && mo == 2 && d == 29) {
			return false
		}
	}
	return luhn(m[2] + m[3] + m[4] + m[6])
}
