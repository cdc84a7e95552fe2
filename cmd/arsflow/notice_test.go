package main

import (
	"flag"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"arsflow/queue/database/dbtest"
)

// getPage fetches a public page of a running app.
func getPage(t *testing.T, ta *testApp, path string) string {
	t.Helper()
	resp, err := ta.srv.Client().Get(ta.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", path, resp.Status)
	}
	return string(b)
}

// TestPublicNoticeFollowsConfiguration runs serve on the rule-based backend,
// then again, on the same database, with a language model at an external
// provider: the public notice changes with the configuration, and its
// history shows both.
func TestPublicNoticeFollowsConfiguration(t *testing.T) {
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	body := getPage(t, ta, "/om-ai")
	for _, want := range []string{"Ingen text ur handlingarna lämnar kommunens nätverk", "regler som utvecklarna har skrivit", "rules/"} {
		if !strings.Contains(body, want) {
			t.Errorf("/om-ai on rules lacks %q", want)
		}
	}
	ta.stop()

	t.Setenv("ARSFLOW_LLM_BASE_URL", "http://llm.example.net/v1")
	t.Setenv("ARSFLOW_LLM_MODEL", "mistral-large-2")
	t.Setenv("ARSFLOW_LLM_LOCATION", "external")
	t.Setenv("ARSFLOW_LLM_WHERE", "hos Exempelleverantören AB")
	ta = startAppWith(t, db, t.TempDir(), func(c *config) {
		c.Backend = "openai"
		c.RetainOriginals, c.RetainPersonal = 90*24*time.Hour, 30*24*time.Hour
	}, nil)
	body = getPage(t, ta, "/om-ai")
	for _, want := range []string{
		"modellen mistral-large-2", "hos Exempelleverantören AB", "Ja, efter att personuppgifter tagits bort",
		"Text ur handlingarna skickas till en språkmodell utanför kommunens nätverk",
		"sparas i datorstödet i 3 månader efter beslutet", "tas bort 1 månad efter beslutet",
		"openai/1 model=mistral-large-2 prompt=",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/om-ai on an external model lacks %q", want)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM process_changes`); n != 2 {
		t.Errorf("%d process changes recorded, want 2", n)
	}
	en := getPage(t, ta, "/en/about-ai")
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "the model mistral-large-2") {
		t.Error("/en/about-ai does not follow the configuration")
	}
}

func TestRetentionConfiguration(t *testing.T) {
	tests := []struct {
		env       map[string]string
		originals time.Duration
		personal  time.Duration
		err       string
	}{
		{map[string]string{}, 730 * 24 * time.Hour, 365 * 24 * time.Hour, ""},
		{map[string]string{"ARSFLOW_RETAIN_ORIGINALS_DAYS": "0", "ARSFLOW_RETAIN_PERSONAL_DATA_DAYS": "90"}, 0, 90 * 24 * time.Hour, ""},
		{map[string]string{"ARSFLOW_RETAIN_ORIGINALS_DAYS": "två år"}, 0, 0, "ARSFLOW_RETAIN_ORIGINALS_DAYS"},
		{map[string]string{"ARSFLOW_RETAIN_PERSONAL_DATA_DAYS": "-1"}, 0, 0, "ARSFLOW_RETAIN_PERSONAL_DATA_DAYS"},
	}
	for _, tt := range tests {
		for _, name := range []string{"ARSFLOW_RETAIN_ORIGINALS_DAYS", "ARSFLOW_RETAIN_PERSONAL_DATA_DAYS"} {
			t.Setenv(name, tt.env[name])
		}
		c, err := loadConfig(flag.NewFlagSet("serve", flag.ContinueOnError), nil)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: error %v, want one naming %s", tt.env, err, tt.err)
			}
			continue
		}
		if err != nil || c.RetainOriginals != tt.originals || c.RetainPersonal != tt.personal {
			t.Errorf("%v: %v %v %v", tt.env, c.RetainOriginals, c.RetainPersonal, err)
		}
	}
}
