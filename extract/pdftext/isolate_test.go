package pdftext

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// testModeEnv makes the test binary, when run as a child, misbehave.
const testModeEnv = "ARSFLOW_PDFTEXT_TEST_MODE"

var sink [][]byte

func init() {
	passEnv = append(passEnv, testModeEnv, testAddrEnv)
	childHook = func() {
		switch os.Getenv(testModeEnv) {
		case "env", "net", "parent":
			reportSandbox(os.Getenv(testModeEnv))
		case "panic":
			go func() { panic("deliberate parser panic") }()
			time.Sleep(time.Minute)
		case "hang":
			time.Sleep(time.Hour)
		case "oom":
			for {
				b := make([]byte, 16<<20)
				for i := range b {
					b[i] = 1
				}
				sink = append(sink, b)
			}
		}
	}
}

func TestExtractIsolated(t *testing.T) {
	tests := []struct {
		name     string
		mode     string
		data     []byte
		timeout  time.Duration
		memLimit int64
		want     error
	}{
		{"normal", "", readFixture(t, fxSwedish), time.Minute, 512 << 20, nil},
		{"no text in the child", "", readFixture(t, fxImageOnly), time.Minute, 512 << 20, ErrNoText},
		{"not a PDF", "", readFixture(t, fxNotPDF), time.Minute, 0, ErrNotPDF},
		{"panic", "panic", readFixture(t, fxSwedish), time.Minute, 0, ErrCrashed},
		{"hang", "hang", readFixture(t, fxSwedish), 2 * time.Second, 0, ErrTimeout},
		{"memory blow-up", "oom", readFixture(t, fxSwedish), time.Minute, 128 << 20, ErrCrashed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(testModeEnv, tt.mode)
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			res, err := ExtractIsolated(ctx, tt.data, noTools(), tt.memLimit)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if tt.want == nil {
				want, err := Extract(context.Background(), tt.data, noTools())
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Pages) != len(want.Pages) || res.Text() != want.Text() {
					t.Errorf("isolated text differs from in-process text:\n%s\n---\n%s", res.Text(), want.Text())
				}
			}
			if tt.want == ErrNoText && (res == nil || !res.NeedsOCR()) {
				t.Errorf("want the result back with NeedsOCR, got %+v", res)
			}
		})
	}
}
