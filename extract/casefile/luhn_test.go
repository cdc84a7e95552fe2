package casefile

import "testing"

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
