package layout

import (
	"testing"
)

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
			for _, a := range Amounts(tt.in) {
				got = append(got, a.Value)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Amounts(%q) = %v, want %v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Amounts(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
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

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-14", "31/12 2025", "den 14 mars 2025", "14:e mars 2025", "20250314", "1 januari 31 december 2012", "31.12.2025", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := ParseDate(s)
		if !ok {
			return
		}
		if again, ok := ParseDate(iso); !ok || again != iso {
			t.Fatalf("ParseDate(%q) = %q, which reads back as %q, %v", s, iso, again, ok)
		}
	})
}
