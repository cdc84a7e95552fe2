package ingest

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io/fs"
	"strings"
	"testing"
)

// deflate compresses data raw, for zip entries written with CreateRaw.
func deflate(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// want is the expected item of a name.
type want struct {
	folder string
	reason string // substring; "" when accepted
	kept   bool   // bytes kept (hashed)
}

func TestExpand(t *testing.T) {
	good := testPDF("Arsredovisning")
	good2 := testPDF("Revisionsberattelse")
	small := Limits{MaxFileSize: 1 << 20, RatioFloor: 64 << 10, MaxFiles: 20}
	zeros := make([]byte, 4<<20)
	bomb := deflate(t, zeros)

	tests := []struct {
		name    string
		files   []File
		lim     Limits
		want    map[string]want // by item name
		ignored []string
	}{
		{
			name:  "loose PDFs",
			files: []File{{Name: "a.pdf", Data: good}, {Name: "b.pdf", Folder: "Förening B", Data: good2}},
			want:  map[string]want{"a.pdf": {kept: true}, "b.pdf": {folder: "Förening B", kept: true}},
		},
		{
			name: "not a PDF (renamed .txt and .png) and empty",
			files: []File{
				{Name: "a.pdf", Data: good},
				{Name: "notes.pdf", Data: []byte("bara text")},
				{Name: "bild.pdf", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
				{Name: "tom.pdf", Data: []byte{}},
			},
			want: map[string]want{
				"a.pdf":     {kept: true},
				"notes.pdf": {reason: "filen är inte en PDF (innehållet börjar inte med %PDF-)", kept: true},
				"bild.pdf":  {reason: "PNG-bild", kept: true},
				"tom.pdf":   {reason: "filen är tom", kept: true},
			},
		},
		{
			name:  "oversize file is hashed but its bytes are not kept",
			files: []File{{Name: "a.pdf", Data: good}, {Name: "stor.pdf", Data: append(append([]byte{}, good...), make([]byte, 2<<20)...)}},
			lim:   small,
			want:  map[string]want{"a.pdf": {kept: true}, "stor.pdf": {reason: "filen är för stor", kept: true}},
		},
		{
			name: "zip with one folder per association",
			files: []File{{Name: "2024.zip", Data: testZip(t,
				zipEntry{name: "Förening A/"},
				zipEntry{name: "Förening A/arsredovisning.pdf", data: good},
				zipEntry{name: "Förening B/protokoll.pdf", data: good2},
				zipEntry{name: "__MACOSX/Förening A/._arsredovisning.pdf", data: []byte("x")},
				zipEntry{name: "Förening B/.DS_Store", data: []byte("x")},
			)}},
			want: map[string]want{
				"arsredovisning.pdf": {folder: "Förening A", kept: true},
				"protokoll.pdf":      {folder: "Förening B", kept: true},
			},
			ignored: []string{"2024.zip/__MACOSX/Förening A/._arsredovisning.pdf", "2024.zip/Förening B/.DS_Store"},
		},
		{
			name: "zip with a wrapping folder and code page 437 names",
			files: []File{{Name: "alla.zip", Data: testZip(t,
				zipEntry{name: "Årshandlingar/F\x94rening A/a.pdf", data: good},
				zipEntry{name: "Årshandlingar/F\x94rening B/sub/b.pdf", data: good2},
			)}},
			want: map[string]want{"a.pdf": {folder: "Förening A", kept: true}, "sub/b.pdf": {folder: "Förening B", kept: true}},
		},
		{
			name:  "zip entries at the root take the zip's folder",
			files: []File{{Name: "a.zip", Folder: "Förening C", Data: testZip(t, zipEntry{name: "a.pdf", data: good})}},
			want:  map[string]want{"a.pdf": {folder: "Förening C", kept: true}},
		},
		{
			name: "path traversal and absolute paths, also with backslashes",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "../x.pdf", data: good2},
				zipEntry{name: "/abs.pdf", data: []byte("%PDF-1.4 abs")},
				zipEntry{name: `A\..\..\win.pdf`, data: []byte("%PDF-1.4 win")},
				zipEntry{name: "C:/drive.pdf", data: []byte("%PDF-1.4 drive")},
				zipEntry{name: `\\server\share\unc.pdf`, data: []byte("%PDF-1.4 unc")},
				zipEntry{name: `Förening E\e.pdf`, data: testPDF("E")},
			)}},
			want: map[string]want{
				"ok.pdf":                 {folder: "A", kept: true},
				"../x.pdf":               {reason: "pekar utanför zip-filen", kept: true},
				"/abs.pdf":               {reason: "absolut sökväg", kept: true},
				`A\..\..\win.pdf`:        {reason: "pekar utanför zip-filen", kept: true},
				`\\server\share\unc.pdf`: {reason: "absolut sökväg", kept: true},
				"e.pdf":                  {folder: "Förening E", kept: true},
				"C:/drive.pdf":           {reason: "absolut sökväg", kept: true},
			},
		},
		{
			name: "symlink entry",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "A/link.pdf", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777},
			)}},
			want: map[string]want{"ok.pdf": {folder: "A", kept: true}, "link.pdf": {folder: "A", reason: "symbolisk länk"}},
		},
		{
			name: "encrypted entry",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "A/hemlig.pdf", data: []byte("\x01\x02encrypted"), flags: 0x1},
			)}},
			want: map[string]want{"ok.pdf": {folder: "A", kept: true}, "hemlig.pdf": {folder: "A", reason: "krypterad"}},
		},
		{
			name: "nested zip is kept, not expanded",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "A/inre.zip", data: testZip(t, zipEntry{name: "b.pdf", data: good2})},
			)}},
			want: map[string]want{"ok.pdf": {folder: "A", kept: true}, "inre.zip": {folder: "A", reason: "zip-filer inuti zip-filer", kept: true}},
		},
		{
			name: "zip bomb: declared size over the limit",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "A/bomb.pdf", data: zeros},
			)}},
			lim:  small,
			want: map[string]want{"ok.pdf": {folder: "A", kept: true}, "bomb.pdf": {folder: "A", reason: "packas upp till 4 MiB"}},
		},
		{
			name: "zip bomb: compression ratio",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "A/bomb.pdf", data: zeros[:900<<10]},
			)}},
			lim:  small,
			want: map[string]want{"ok.pdf": {folder: "A", kept: true}, "bomb.pdf": {folder: "A", reason: "misstänkt zip-bomb"}},
		},
		{
			name: "zip bomb: headers lie about the size",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/ok.pdf", data: good},
				zipEntry{name: "A/bomb.pdf", raw: &rawEntry{compressed: bomb, crc: crc32.ChecksumIEEE(zeros), uncompressed: uint64(len(bomb))}},
			)}},
			lim:  small,
			want: map[string]want{"ok.pdf": {folder: "A", kept: true}, "bomb.pdf": {folder: "A", reason: "skadad"}},
		},
		{
			name: "zip bomb: total unpacked size",
			files: []File{{Name: "x.zip", Data: testZip(t,
				zipEntry{name: "A/a.pdf", data: append(append([]byte{}, good...), bytes.Repeat([]byte("a"), 700<<10)...)},
				zipEntry{name: "A/b.pdf", data: append(append([]byte{}, good2...), bytes.Repeat([]byte("b"), 700<<10)...)},
			)}},
			lim:  Limits{MaxUnzipped: 1 << 20, MaxRatio: 1 << 20},
			want: map[string]want{"a.pdf": {folder: "A", kept: true}, "b.pdf": {folder: "A", reason: "packas upp till mer än 1 MiB"}},
		},
		{
			name: "too many entries: the zip is kept and rejected",
			files: []File{
				{Name: "ok.pdf", Data: good},
				{Name: "många.zip", Data: testZip(t,
					zipEntry{name: "1.pdf", data: good}, zipEntry{name: "2.pdf", data: good}, zipEntry{name: "3.pdf", data: good})},
			},
			lim:  Limits{MaxFiles: 2},
			want: map[string]want{"ok.pdf": {kept: true}, "många.zip": {reason: "för många filer (3; högst 2)", kept: true}},
		},
		{
			name:  "corrupt zip is kept and rejected",
			files: []File{{Name: "ok.pdf", Data: good}, {Name: "trasig.zip", Data: append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 200)...)}},
			want:  map[string]want{"ok.pdf": {kept: true}, "trasig.zip": {reason: "zip-filen är skadad", kept: true}},
		},
		{
			name:    "dotfiles are ignored",
			files:   []File{{Name: "ok.pdf", Data: good}, {Name: ".DS_Store", Data: []byte("x")}},
			want:    map[string]want{"ok.pdf": {kept: true}},
			ignored: []string{".DS_Store"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, ignored, err := expand(tt.files, tt.lim)
			if err != nil {
				t.Fatalf("expand: %v", err)
			}
			got := map[string]item{}
			for _, it := range items {
				got[it.name] = it
			}
			if len(got) != len(tt.want) {
				t.Errorf("items = %v, want %d", names(items), len(tt.want))
			}
			for name, w := range tt.want {
				it, ok := got[name]
				if !ok {
					t.Errorf("no item %q among %v", name, names(items))
					continue
				}
				if it.folder != w.folder {
					t.Errorf("%s: folder = %q, want %q", name, it.folder, w.folder)
				}
				if w.reason == "" && it.reason != "" || !strings.Contains(it.reason, w.reason) {
					t.Errorf("%s: reason = %q, want %q", name, it.reason, w.reason)
				}
				if it.hashed != w.kept {
					t.Errorf("%s: hashed = %v, want %v", name, it.hashed, w.kept)
				}
				if int64(len(it.data)) > max(tt.lim.withDefaults().MaxFileSize, 0) {
					t.Errorf("%s: keeps %d bytes, over the file size limit", name, len(it.data))
				}
			}
			if strings.Join(ignored, "|") != strings.Join(tt.ignored, "|") {
				t.Errorf("ignored = %q, want %q", ignored, tt.ignored)
			}
		})
	}
}

func TestExpandUploadLimits(t *testing.T) {
	good := testPDF("x")
	tests := []struct {
		name  string
		files []File
		lim   Limits
		want  string
	}{
		{"no files", nil, Limits{}, "inga filer"},
		{"too many files", []File{{Name: "a", Data: good}, {Name: "b", Data: good}, {Name: "c", Data: good}}, Limits{MaxFiles: 2}, "innehåller 3 filer; högst 2"},
		{"too many files after unzipping", []File{{Name: "a.zip", Data: testZip(t,
			zipEntry{name: "1.pdf", data: good}, zipEntry{name: "2.pdf", data: good})}, {Name: "b", Data: good}},
			Limits{MaxFiles: 2}, "innehåller 3 filer"},
		{"upload too large", []File{{Name: "a", Data: good}, {Name: "b", Data: good}}, Limits{MaxUploadSize: int64(len(good)) + 1}, "uppladdningen är för stor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := expand(tt.files, tt.lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("expand: %v, want %q", err, tt.want)
			}
		})
	}
}

func names(items []item) []string {
	var s []string
	for _, it := range items {
		s = append(s, it.folder+"|"+it.name+"|"+it.reason)
	}
	return s
}
