package extracttest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// SamplesDir holds the project's sample articles, relative to a stage
// package under internal/extract (the directory its tests run in).
const SamplesDir = "../../../samples"

// SharedSample is the real wire article the team shares, relative to a
// stage package; it lives outside the repository and may be absent.
const SharedSample = "../../../../shared/samples/wire-article.txt"

// SampleFiles returns the paths of the project's sample articles (the
// regular .txt, .json and .html files of [SamplesDir]) in name order. It
// fails the test when there are none.
func SampleFiles(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(SamplesDir)
	if err != nil {
		tb.Fatalf("read samples: %v", err)
	}
	var files []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".json", ".html":
		default:
			continue // README.md
		}
		if e.Type().IsRegular() {
			files = append(files, filepath.Join(SamplesDir, e.Name()))
		}
	}
	if len(files) == 0 {
		tb.Fatalf("no samples in %s", SamplesDir)
	}
	return files
}

// SampleName is the base name of path without its extension, the name of
// a sample's subtest and golden file.
func SampleName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}
