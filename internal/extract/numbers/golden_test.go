package numbers

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the samples")

// TestGolden runs decode, entities and numbers on every sample of
// samples/ and compares the quantities with testdata/<sample>.golden.json.
// Run go test ./internal/extract/numbers -run TestGolden -update to
// accept a change, and review the diff.
func TestGolden(t *testing.T) {
	n := New()
	for _, path := range sampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path)
			if err := n.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuantities(t, doc.Event.Text, doc.Event.Numbers)
			got, err := json.MarshalIndent(doc.Event.Numbers, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden file %s: run go test ./internal/extract/numbers -run TestGolden -update", golden)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("quantities of %s differ from %s (run with -update to accept):\n%s", path, golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: got " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}
