package pdftext

import (
	"os"
	"testing"
	"time"
)

var fixedTime = time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	MaybeRunChild()
	os.Exit(m.Run())
}
