package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"arsflow/queue/database/dbtest"
)

// syncBuffer is a buffer that several goroutines may log to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLogsAreJSONWithoutPersonalData runs cases full of personal data
// (personnummer, addresses, phone numbers, e-mail) through the pipeline with
// debug logging, and checks that every log line is JSON and that none of
// the planted personal data appears in the log.
func TestLogsAreJSONWithoutPersonalData(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	prev := slog.Default()
	slog.SetDefault(log) // the packages that log to the default logger
	t.Cleanup(func() { slog.SetDefault(prev) })

	folders := []string{"../../testdata/cases/04-pensionarsforeningen-solrosen", "../../testdata/cases/20-hagaby-pensionarsforening"}
	var planted []string
	for _, f := range folders {
		var exp struct {
			PersonalData []string `json:"personal_data"`
		}
		b, err := os.ReadFile(filepath.Join(f, "expected.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &exp); err != nil {
			t.Fatal(err)
		}
		planted = append(planted, exp.PersonalData...)
	}
	if len(planted) == 0 {
		t.Fatal("no planted personal data in the test cases")
	}

	db := dbtest.New(t)
	ta := startAppLogged(t, db, t.TempDir(), nil, nil, log)
	ta.upload(t, ta.adminToken(t), folders...)
	ta.stop()

	lines := 0
	sc := bufio.NewScanner(strings.NewReader(buf.String()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines++
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Errorf("log line is not JSON: %s", sc.Text())
		}
		for _, p := range planted {
			if strings.Contains(sc.Text(), p) {
				t.Errorf("log line carries personal data %q: %s", p, sc.Text())
			}
		}
	}
	if lines < 10 {
		t.Fatalf("only %d log lines: the test did not see the pipeline's logging", lines)
	}
	t.Logf("%d JSON log lines at debug level; none of the %d planted personal data items in them", lines, len(planted))
}
