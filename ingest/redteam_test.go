package ingest

import (
	"context"
	"strings"
	"testing"

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
