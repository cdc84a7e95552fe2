package casefile

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
		{"4,456,213.12", 4456213.12, true},
		{"4.456.213,12", 4456213.12, true},
		{"4 456 213,12", 4456213.12, true},
		{"4456213.12", 4456213.12, true},
		{"1,234", 1234, true},
		{"0,125", 0.125, true},
		{"1,250 Mkr", 1250000, true},
		{"–28 tkr", -28000, true},
		{"3 MSEK", 3000000, true},
		{"12 500 SEK", 12500, true},
		{"1 234.567", 0, false},
		{"1,2345", 0, false},
		{"12..5", 0, false},
		{"117.152.14Kr", 117152.14, true},
		{"6.000 kr", 6000, true},
		{"1.2.3", 0, false},
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
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1 234 567 kr", "1.234.567", "−12 500", "(12 500)", "12 500:-", "12,5 tkr", "12 500,50", "SEK 4 000", "1,2 Mkr", "+4 100", "", "(", "−", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseAmount(s)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseAmount(%q) = %v", s, v)
		}
		// What we print, we read back.
		if math.Abs(v) < 1e12 {
			back, ok := ParseAmount(FormatNumber(v))
			if !ok || math.Abs(back-v) > 0.01 {
				t.Fatalf("ParseAmount(FormatNumber(%v)) = %v, %v", v, back, ok)
			}
		}
	})
}
