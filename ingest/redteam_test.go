package ingest

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"arsflow/queue/database/dbtest"
)

// A NUL byte in a zip entry's name (in the file name or in its folder) is a
// crafted archive: that entry is refused with its reason and kept, and the
// rest of the upload goes on. PostgreSQL text cannot hold NUL, so the name
// must lose it before it is stored; before, the whole upload failed with a
// 500 and the good files in it were lost.
func TestZipEntryNamesWithNULFailAlone(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{})
	zip := testZip(t,
		zipEntry{name: "Förening/ok-i-zip.pdf", data: testPDF("ok i zip")},
		zipEntry{name: "Förening/a\x00b.pdf", data: testPDF("nul i namnet")},
		zipEntry{name: "F\x00rening/c.pdf", data: testPDF("nul i mappen")},
	)
	rep, err := s.Upload(ctx, 0, "api", []File{
		{Name: "bra.pdf", Folder: "Förening", Data: testPDF("bra")},
		{Name: "hostile.zip", Data: zip},
	})
	if err != nil {
		t.Fatalf("Upload: %v (the whole upload failed)", err)
	}
	var accepted, refused int
	for _, it := range rep.Items {
		if strings.ContainsRune(it.Name+it.Folder, 0) {
			t.Errorf("item name %q/%q keeps the NUL byte", it.Folder, it.Name)
		}
		switch it.Outcome {
		case OutcomeAccepted:
			accepted++
		case OutcomeRejected:
			refused++
			if !strings.Contains(it.Reason, "nolltecken") || it.DocumentID == 0 {
				t.Errorf("refused item %+v: want the reason to name the NUL byte, and the file kept", it)
			}
		}
	}
	if accepted != 2 || refused != 2 {
		t.Errorf("accepted %d, refused %d; want the two good files accepted and the two NUL names refused: %+v", accepted, refused, rep.Items)
	}
}

// A folder or file name longer than any file system allows (255
// characters) is refused with its reason, and kept shortened. Before, it was
// accepted; a folder name became the association's key, PostgreSQL's index
// could not hold it, and the document was retried as a technical fault
// until it died as "Tekniskt fel", with the rest of its folder.
func TestOverlongNamesAreRefused(t *testing.T) {
	db := dbtest.New(t)
	s := New(db, Limits{})
	long := strings.Repeat("Föreningen Lång ", 250) // 4 000 characters
	rep, err := s.Upload(context.Background(), 0, "api", []File{
		{Name: "bra.pdf", Folder: "Förening", Data: testPDF("bra")},
		{Name: "a.pdf", Folder: long, Data: testPDF("lång mapp")},
		{Name: long + ".pdf", Folder: "Förening", Data: testPDF("långt namn")},
	})
	if err != nil {
		t.Fatal(err)
	}
	var refused int
	for _, it := range rep.Items {
		if n := utf8.RuneCountInString(it.Folder + it.Name); n > 2*MaxNameLength+2 {
			t.Errorf("a name of %d characters was kept whole", n)
		}
		switch it.Outcome {
		case OutcomeRejected:
			refused++
			if !strings.Contains(it.Reason, "namn") || it.DocumentID == 0 {
				t.Errorf("refused %+v: want the reason to name the name, and the file kept", it.Reason)
			}
		case OutcomeAccepted:
			if it.Name != "bra.pdf" {
				t.Errorf("accepted %.40s", it.Folder+"/"+it.Name)
			}
		}
	}
	if refused != 2 {
		t.Errorf("refused %d, want the two over-long names", refused)
	}
}
