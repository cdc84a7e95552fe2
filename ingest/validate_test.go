package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	pdf := testPDF("Verksamhetsberattelse 2024")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	tests := []struct {
		name    string
		data    []byte
		size    int64 // 0: len(data)
		lim     Limits
		reason  string // substring of the rejection; "" when accepted
		warning string
	}{
		{name: "valid PDF", data: pdf},
		{name: "header after junk within 1024 bytes", data: append(bytes.Repeat([]byte(" "), 600), pdf...)},
		{name: "header beyond 1024 bytes", data: append(bytes.Repeat([]byte(" "), 1100), pdf...), reason: "inte en PDF"},
		{name: "missing %%EOF is a warning", data: pdf[:len(pdf)-7], warning: "%%EOF"},
		{name: "empty file", data: []byte{}, reason: "filen är tom"},
		{name: "text renamed to .pdf", data: []byte("Det här är ingen PDF utan vanlig text.\n"), reason: "innehållet ser ut som vanlig text"},
		{name: "PNG renamed to .pdf", data: png, reason: "PNG-bild"},
		{name: "zip", data: testZip(t, zipEntry{name: "a.pdf", data: pdf}), reason: "zip-fil"},
		{name: "%PDF- without a version", data: []byte("%PDF-x\n%%EOF"), reason: "inte en PDF"},
		{name: "over the size limit", data: pdf, lim: Limits{MaxFileSize: 100}, reason: "filen är för stor"},
		{name: "over the size limit, not kept", data: nil, size: 60 << 20, reason: "filen är för stor (60 MiB; största tillåtna storlek är 50 MiB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size := tt.size
			if size == 0 {
				size = int64(len(tt.data))
			}
			warning, err := Check(tt.data, size, tt.lim)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("Check: %v, want accepted", err)
				}
			} else {
				if !errors.Is(err, ErrRejected) {
					t.Fatalf("Check: err = %v, want ErrRejected", err)
				}
				if !strings.Contains(err.Error(), tt.reason) {
					t.Errorf("reason = %q, want it to contain %q", err.Error(), tt.reason)
				}
			}
			if !strings.Contains(warning, tt.warning) || tt.warning == "" && warning != "" {
				t.Errorf("warning = %q, want %q", warning, tt.warning)
			}
		})
	}
}

func TestHumanSize(t *testing.T) {
	for in, want := range map[int64]string{0: "0 byte", 1023: "1023 byte", 1024: "1 KiB", 1536: "1,5 KiB", 50 << 20: "50 MiB", 3 << 30: "3 GiB"} {
		if got := humanSize(in); got != want {
			t.Errorf("humanSize(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitUploadName(t *testing.T) {
	tests := []struct{ raw, folder, name string }{
		{"a.pdf", "", "a.pdf"},
		{"Förening A/a.pdf", "Förening A", "a.pdf"},
		{`C:\Users\x\Förening B\b.pdf`, "Förening B", "b.pdf"},
		{"../../etc/passwd", "etc", "passwd"},
		{"", "", "namnlös"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			folder, name := splitUploadName(tt.raw)
			if folder != tt.folder || name != tt.name {
				t.Errorf("splitUploadName(%q) = %q, %q; want %q, %q", tt.raw, folder, name, tt.folder, tt.name)
			}
		})
	}
}
