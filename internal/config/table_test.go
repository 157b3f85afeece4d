package config

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsEveryFlag keeps the README's configuration tables in step
// with the flags: every flag and env var must appear there.
func TestREADMEListsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, wf, _ := LoadWorker(nil, nil)
	_, pf, _ := LoadPublisher(nil, nil)
	for _, f := range append(wf, pf...) {
		if !strings.Contains(string(readme), "`--"+f.Name+"`") {
			t.Errorf("README lacks flag --%s; regenerate with: go test ./internal/config -run TestPrintTables -v", f.Name)
		}
		if f.Env != "" && !strings.Contains(string(readme), "`"+f.Env+"`") {
			t.Errorf("README lacks env var %s", f.Env)
		}
	}
}

// TestPrintTables prints the README tables (run with -v to regenerate).
func TestPrintTables(t *testing.T) {
	_, wf, _ := LoadWorker(nil, nil)
	_, pf, _ := LoadPublisher(nil, nil)
	t.Logf("worker:\n%s\npublisher:\n%s", MarkdownTable(wf), MarkdownTable(pf))
}
