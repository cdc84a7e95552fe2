package pdftext

import (
	"context"
	_ "embed"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
)

// probePDF is a one-page PDF that says "arsflow".
//
//go:embed probe.pdf
var probePDF []byte

// ChildWorks reads a small PDF through the program child as the isolated
// parser child, and reports whether it answered as this build's child
// does: a program to use as Options.Child is checked with it first, so a
// missing, broken or mismatched program is found at start, not on the
// first document.
func ChildWorks(ctx context.Context, child string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	res, build, err := isolated(ctx, probePDF, Options{Child: child}, 256<<20)
	if err == nil && !sameBuild(build, buildID()) {
		err = fmt.Errorf("built as %q, this program as %q", build, buildID())
	}
	if err != nil {
		return fmt.Errorf("pdftext: child %s: %w", child, err)
	}
	if len(res.Pages) != 1 || !strings.Contains(res.Pages[0].Text, "arsflow") {
		return fmt.Errorf("pdftext: child %s: read the probe as %d pages, not its one page", child, len(res.Pages))
	}
	return nil
}

// childProtocol is the version of the request and response between a
// parent and its parser child; change it with either.
const childProtocol = "1"

// stamp names the build: `make build` sets it, the same in arsflow and
// arsflow-extract (-ldflags -X arsflow/extract/pdftext.stamp=...).
var stamp string

// buildID names the protocol a program speaks and the build it came from:
// the stamp `make build` sets, else the VCS revision of a clean tree that
// the Go toolchain recorded, else nothing (a development build).
func buildID() string {
	id := "protocol " + childProtocol
	if stamp != "" {
		return id + " " + stamp
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return id
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" || modified == "true" {
		return id // a changed tree is no revision
	}
	return id + " " + rev + " " + info.GoVersion
}

// sameBuild reports whether two builds speak the same protocol and name the
// same build, or are both development builds that name none.
func sameBuild(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) < 2 || len(fb) < 2 || fa[1] != fb[1] {
		return false
	}
	return a == b
}
