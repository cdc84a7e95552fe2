package pdftext

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// testAddrEnv is the address a child in mode "net" tries to reach.
const testAddrEnv = "ARSFLOW_PDFTEXT_TEST_ADDR"

// reportSandbox, in a child, answers with what the child sees instead of
// extracting: its environment and working folder ("env"), whether it
// reached testAddrEnv over TCP ("net"), or its parent's environment
// ("parent").
func reportSandbox(mode string) {
	var msg string
	switch mode {
	case "env":
		wd, _ := os.Getwd()
		msg = "WD=" + wd + "\n" + strings.Join(os.Environ(), "\n")
	case "parent":
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", os.Getppid()))
		msg = fmt.Sprintf("parent: refused (%v)", err)
		if err == nil {
			msg = "parent: read " + string(b)
		}
	case "net":
		c, err := net.DialTimeout("tcp", os.Getenv(testAddrEnv), 2*time.Second)
		msg = "dial: reached"
		if err != nil {
			msg = "dial: failed"
		} else {
			c.Close()
		}
	}
	_ = json.NewEncoder(os.Stdout).Encode(childResponse{Error: msg})
	os.Exit(0)
}

// The parser child and the tools it runs see no secret of the parent: not
// the database URL, not the model's API key, not the admin password; they
// get a temporary folder of their own and, where the platform allows, no
// network.
func TestChildGetsLeastPrivilege(t *testing.T) {
	secrets := map[string]string{
		"DATABASE_URL":           "postgres://postgres:hemligt@db/arsflow",
		"ARSFLOW_LLM_API_KEY":    "sk-hemlig-nyckel",
		"ARSFLOW_ADMIN_PASSWORD": "hemligt-adminlösen",
		"NATS_PASSWORD":          "hemligt-nats",
	}
	for k, v := range secrets {
		t.Setenv(k, v)
	}
	run := func(mode string) string {
		t.Helper()
		t.Setenv(testModeEnv, mode)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := ExtractIsolated(ctx, readFixture(t, fxSwedish), noTools(), 0)
		if err == nil {
			t.Fatal("no report from the child")
		}
		return err.Error()
	}
	env := run("env")
	for k, v := range secrets {
		if strings.Contains(env, k) || strings.Contains(env, v) {
			t.Errorf("the child sees %s", k)
		}
	}
	wd := strings.SplitN(strings.SplitN(env, "WD=", 2)[1], "\n", 2)[0]
	if !strings.Contains(env, "TMPDIR="+wd) || !strings.Contains(wd, "arsflow-pdftext-") {
		t.Errorf("the child has no temporary folder of its own: %s", env)
	}
	if _, err := os.Stat(wd); !os.IsNotExist(err) {
		t.Errorf("the child's folder %s was not removed", wd)
	}

	// The tools too, also when they run outside a child.
	out, err := runTool(context.Background(), time.Minute, []string{"OMP_THREAD_LIMIT=1"}, "env")
	if err != nil {
		t.Fatal(err)
	}
	for k := range secrets {
		if strings.Contains(string(out), k+"=") {
			t.Errorf("a tool sees %s", k)
		}
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	t.Setenv(testAddrEnv, l.Addr().String())
	got := run("net")
	switch {
	case NetworkIsolated() && !strings.Contains(got, "dial: failed"):
		t.Errorf("the child reached the network: %s", got)
	case !NetworkIsolated():
		t.Logf("this platform refuses network namespaces; the child has the host's network (%s)", got)
	}
}
