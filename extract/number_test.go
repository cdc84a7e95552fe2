package extract

import (
	"math"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1 234 567 kr", 1234567, true},
		{"1 234 567", 1234567, true},
		{"1\u00a0234\u00a0567", 1234567, true},
		{"1\u202f234", 1234, true},
		{"1.234.567", 1234567, true},
		{"1.234", 1234, true},
		{"−12 500", -12500, true},
		{"-12 500", -12500, true},
		{"– 12 500", -12500, true},
		{"(12 500)", -12500, true},
		{"( 12 500 )", -12500, true},
		{"12 500:-", 12500, true},
		{"12 500 :-", 12500, true},
		{"12 500,-", 12500, true},
		{"12,5 tkr", 12500, true},
		{"12 tkr", 12000, true},
		{"1,2 Mkr", 1200000, true},
		{"45 KSEK", 45000, true},
		{"12 500,50", 12500.5, true},
		{"12 500,50 kr", 12500.5, true},
		{"SEK 4 000", 4000, true},
		{"kr 350", 350, true},
		{"350 kronor", 350, true},
		{"+4 100", 4100, true},
		{"0", 0, true},
		{"1,234,567", 1234567, true},
		{"(−1 000)", 1000, true},
		{"", 0, false},
		{"abc", 0, false},
		{"12 34", 0, false},
		{"1 2345", 0, false},
		{"2024-12-31", 0, false},
		{"12.5.2024", 0, false},
		{"12 500 500 5", 0, false},
		{"−", 0, false},
		{"()", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseAmount(tt.in)
			if ok != tt.ok || ok && math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("ParseAmount(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFindAmounts(t *testing.T) {
	tests := []struct {
		in   string
		want []float64
	}{
		{"Summa intäkter   338 400   327 850", []float64{338400, 327850}},
		{"Årets resultat   (18 250)   4 100", []float64{-18250, 4100}},
		{"Lokalhyra  −120 000  −131 000", []float64{-120000, -131000}},
		{"uppgick till 61 387 kr (60 582 kr) och", []float64{61387, -60582}},
		{"Kostnad 12 500:- betald", []float64{12500}},
		{"2023-2024 och 31/12 samt K2 och bilaga4", nil},
		{"ökning med 12 %", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []float64
			for _, a := range findAmounts(tt.in) {
				got = append(got, a.Value)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findAmounts(%q) = %v, want %v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("findAmounts(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2025-03-14", "2025-03-14", true},
		{"2025.03.14", "2025-03-14", true},
		{"2025-3-4", "2025-03-04", true},
		{"20250314", "2025-03-14", true},
		{"14/3 2025", "2025-03-14", true},
		{"31/12 2025", "2025-12-31", true},
		{"31/12/2025", "2025-12-31", true},
		{"31.12.2025", "2025-12-31", true},
		{"den 14 mars 2025", "2025-03-14", true},
		{"14 mars 2025", "2025-03-14", true},
		{"14:e mars 2025", "2025-03-14", true},
		{"1:a maj 2024", "2024-05-01", true},
		{"14 MARS 2025", "2025-03-14", true},
		{"3 okt. 2024", "2024-10-03", true},
		{"March 14, 2025", "2025-03-14", true},
		{"Datum: 2025-02-28", "2025-02-28", true},
		{"2025-02-29", "", false},
		{"2024-02-29", "2024-02-29", true},
		{"31 juni 2025", "", false},
		{"2025-13-01", "", false},
		{"14 mars", "", false},
		{"mars 2025", "", false},
		{"", "", false},
		{"12 500", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLuhn(t *testing.T) {
	orgs := []struct {
		in   string
		want bool
	}{
		{"813600-2337", true}, // Friskis&Svettis Lidingö, printed in its annual report
		{"802055-1068", true},
		{"8136002337", true},
		{"16813600-2337", true},
		{"813600-2338", false},
		{"811200-2337", false},
		{"550101-1235", false}, // third digit below 2: a personnummer shape
		{"81360-2337", false},
		{"", false},
	}
	for _, tt := range orgs {
		t.Run("org "+tt.in, func(t *testing.T) {
			if got := ValidOrgNumber(tt.in); got != tt.want {
				t.Errorf("ValidOrgNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	pnrs := []struct {
		in   string
		want bool
	}{
		{"811218-9876", true},
		{"19811218-9876", true},
		{"198112189876", true},
		{"8112189876", true},
		{"811218+9876", true},  // 100 years or older
		{"811278-9873", true},  // samordningsnummer: day 18 + 60
		{"811218-9877", false}, // wrong check digit
		{"811318-9876", false}, // month 13
		{"19811218+9876", false},
		{"813600-2337", false}, // an org number
	}
	for _, tt := range pnrs {
		t.Run("pnr "+tt.in, func(t *testing.T) {
			if got := ValidPersonnummer(tt.in); got != tt.want {
				t.Errorf("ValidPersonnummer(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1 000"}, {1234567, "1 234 567"},
		{-15433, "−15 433"}, {12.5, "12,5"}, {1234.05, "1 234,05"}, {0.999, "1"}, {-0.001, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatNumber(tt.in); got != tt.want {
				t.Errorf("FormatNumber(%v) = %q, want %q", tt.in, got, tt.want)
			}
			if back, ok := ParseAmount(FormatNumber(tt.in)); !ok || math.Abs(back-tt.in) > 0.005 {
				t.Errorf("ParseAmount(FormatNumber(%v)) = %v, %v", tt.in, back, ok)
			}
		})
	}
}
