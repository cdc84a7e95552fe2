package casefile

import "testing"

func TestFindPersonalDataBirthDatesAndHiddenEmail(t *testing.T) {
	tests := []struct {
		text, kind, want string
	}{
		{"Anna Berg, född 1985-01-01, kassör", PersonalBirth, "1985-01-01"},
		{"Olle Ek (f. 12 mars 1985)", PersonalBirth, "12 mars 1985"},
		{"Födelsedatum: 850101", PersonalBirth, "850101"},
		{"skriv till anna(at)gmail.com", PersonalEmail, "anna(at)gmail.com"},
		{"anna.berg [at] exempel [dot] se", PersonalEmail, "anna.berg [at] exempel [dot] se"},
		{"Räkenskapsåret 2025-01-01 – 2025-12-31", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := FindPersonalData(tt.text)
			if tt.kind == "" {
				if len(got) != 0 {
					t.Errorf("FindPersonalData(%q) = %+v, want nothing", tt.text, got)
				}
				return
			}
			for _, d := range got {
				if d.Kind == tt.kind && d.Text == tt.want {
					return
				}
			}
			t.Errorf("FindPersonalData(%q) = %+v, want %s %q", tt.text, got, tt.kind, tt.want)
		})
	}
}
