package entities

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// TestGolden runs the stage on each testdata/*.txt wire article and
// compares the entities with testdata/*.golden.json. Run
// go test ./internal/extract/entities -run TestGolden -update to accept a
// change, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata articles")
	}
	s := newStage(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, paras := wireDoc(string(raw))
			es := s.Extract(text, paras)
			checkEntities(t, text, es)
			extracttest.Golden(t, extracttest.GoldenPath(name), es)
		})
	}
}
