package casefile

import (
	"bytes"
	"testing"
)

func TestEncodeDocumentDropsNUL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"nul in a value", "Anna\x00 Berg", "Anna Berg"},
		{"escaped backslash before u0000 is text", `C:\u0000`, `C:\u0000`},
		{"plain", "Ordförande", "Ordförande"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{File: "a.pdf", Text: []Page{{Number: 1, Text: tt.in}},
				Fields: map[string]Field{"chair": {Candidate: Candidate{Value: tt.in, Quote: tt.in}}}}
			b, err := EncodeDocument(d)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(bytes.ReplaceAll(b, []byte(`\\`), nil), []byte(`\u0000`)) {
				t.Fatalf("stored form keeps a NUL escape: %s", b)
			}
			got, err := DecodeDocument(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text[0].Text != tt.want || got.Fields["chair"].Value != tt.want {
				t.Errorf("round trip: text %q, field %q; want %q", got.Text[0].Text, got.Fields["chair"].Value, tt.want)
			}
		})
	}
}
