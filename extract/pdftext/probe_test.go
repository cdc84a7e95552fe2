package pdftext

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestSameBuild(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"protocol 1", "protocol 1", true},
		{"protocol 1 abc go1.25", "protocol 1", false},
		{"protocol 1 abc go1.25", "protocol 1 abc go1.25", true},
		{"protocol 1 abc go1.25", "protocol 1 def go1.25", false},
		{"protocol 2", "protocol 1", false},
		{"", "protocol 1", false},
	}
	for _, tt := range tests {
		if got := sameBuild(tt.a, tt.b); got != tt.want {
			t.Errorf("sameBuild(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// The isolated parser may be another program: the slim arsflow-extract
// reads as this binary does; a program that is not a parser child is found
// out by ChildWorks.
func TestChildProgram(t *testing.T) {
	ctx := context.Background()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	slim := filepath.Join(t.TempDir(), "arsflow-extract")
	if out, err := exec.Command(goTool, "build", "-buildvcs=false", "-o", slim, "../../cmd/arsflow-extract").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tests := []struct {
		name  string
		child string
		ok    bool
	}{
		{"this binary", "", true},
		{"arsflow-extract", slim, true},
		{"a program that is no parser", "/bin/true", false},
		{"a program that is not there", filepath.Join(t.TempDir(), "saknas"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ChildWorks(ctx, tt.child); (err == nil) != tt.ok {
				t.Fatalf("ChildWorks = %v, want ok %v", err, tt.ok)
			}
		})
	}
	data, err := os.ReadFile("testdata/swedish.pdf")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.OCR = false
	self, err := ExtractIsolated(ctx, data, opts, 0)
	if err != nil {
		t.Fatal(err)
	}
	opts.Child = slim
	other, err := ExtractIsolated(ctx, data, opts, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(self.Pages) != len(other.Pages) {
		t.Fatalf("pages: %d by arsflow-extract, %d by this binary", len(other.Pages), len(self.Pages))
	}
	for i := range self.Pages {
		if self.Pages[i].Text != other.Pages[i].Text {
			t.Errorf("page %d reads differently in arsflow-extract", i+1)
		}
	}
}
