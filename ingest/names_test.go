package ingest

import "testing"

// A right-to-left override, other format and control characters and
// invalid UTF-8 in an uploaded file's name are neutralised before the name
// is stored or shown.
func TestUploadNamesAreNeutralised(t *testing.T) {
	tests := []struct {
		raw, folder, name string
	}{
		{"rapport\u202Efdp.exe", "", "rapportfdp.exe"},
		{"F\u2066ö\u2069rening/års\u200Fredovisning.pdf", "Förening", "årsredovisning.pdf"},
		{"a\x00b\x07c.pdf", "", "abc.pdf"},
		{"trasig-\xff-kodning.pdf", "", "trasig-\uFFFD-kodning.pdf"},
		{"Förening A/årsredovisning.pdf", "Förening A", "årsredovisning.pdf"},
	}
	for _, tt := range tests {
		folder, name := splitUploadName(tt.raw)
		if folder != tt.folder || name != tt.name {
			t.Errorf("splitUploadName(%q) = %q, %q; want %q, %q", tt.raw, folder, name, tt.folder, tt.name)
		}
	}
	if got := cleanName("x\u202E.pdf"); got != "x.pdf" {
		t.Errorf("zip entry name: %q", got)
	}
}
