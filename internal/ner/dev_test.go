package ner

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

// dataDir holds the shared CoNLL-2003 data, outside the repository (its
// licence keeps it out).
const dataDir = "../../../shared/data/conll2003"

// Targets on the dev set, exact span and type.
const (
	targetMicro = 0.90 // micro F1 over PER, LOC, ORG and MISC
	targetType  = 0.85 // F1 of every type
)

func readDev(t testing.TB) []conll.Document {
	t.Helper()
	docs, err := devDocs()
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("CoNLL-2003 dev set absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// devDocs reads the CoNLL-2003 dev set.
func devDocs() ([]conll.Document, error) {
	path := filepath.Join(dataDir, "dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return conll.ReadFile(path)
}

func conllType(t string) string {
	switch t {
	case event.EntityPerson:
		return conll.PER
	case event.EntityLocation:
		return conll.LOC
	case event.EntityOrganization:
		return conll.ORG
	case event.EntityGroup, event.EntityMisc:
		return conll.MISC
	}
	return ""
}

func checkScores(t *testing.T, name string, sc *conll.Scorer) {
	t.Helper()
	micro := sc.Micro(conll.Types()...).PRF()
	t.Logf("%s: micro F1 %.4f (PER/LOC/ORG %.4f)", name, micro.F1, sc.Micro(conll.PER, conll.LOC, conll.ORG).PRF().F1)
	if micro.F1 < targetMicro {
		t.Errorf("%s: micro F1 %.4f < %.2f", name, micro.F1, targetMicro)
	}
	for _, ty := range conll.Types() {
		f := sc.Type(ty).PRF().F1
		t.Logf("%s: %s F1 %.4f", name, ty, f)
		if f < targetType {
			t.Errorf("%s: %s F1 %.4f < %.2f", name, ty, f, targetType)
		}
	}
}

// TestDevScores runs the tagger alone and the whole entities stage on the
// CoNLL-2003 dev set, rebuilt as raw text, and checks the targets.
func TestDevScores(t *testing.T) {
	docs := readDev(t)
	tg := testTagger(t)
	st, err := entities.New(testGazetteer(t), entities.WithTagger(tg))
	if err != nil {
		t.Fatal(err)
	}
	var tagSc, stageSc conll.Scorer
	var pred []conll.Entity
	for _, d := range docs {
		pred = tg.Find(d.Text, pred[:0])
		tagSc.Add(d.Entities, pred)
		pred = pred[:0]
		for _, e := range st.Extract(d.Text, nil) {
			for _, m := range e.Mentions {
				pred = append(pred, conll.Entity{Start: m.Start, End: m.End, Type: conllType(e.Type)})
			}
		}
		stageSc.Add(d.Entities, pred)
	}
	checkScores(t, "tagger", &tagSc)
	checkScores(t, "stage", &stageSc)
}

// TestDevTokenization checks that the tokenizer cuts the rebuilt dev text
// where the corpus does: every gold entity's bounds are token bounds.
func TestDevTokenization(t *testing.T) {
	docs := readDev(t)
	bad, total := 0, 0
	for _, d := range docs {
		toks := Tokenize(nil, d.Text)
		tags := make([]uint8, len(toks))
		bad += project(toks, d.Entities, tags)
		total += len(d.Entities)
	}
	if bad > 0 {
		t.Errorf("%d of %d dev entities do not fall on token bounds", bad, total)
	}
}

// BenchmarkTaggerStream tags the 1,162 CoNLL-2003 training and dev
// documents (Reuters, 1996; 255,000 tokens) one after the other, as a
// worker tags a stream of articles; an operation is the whole stream.
// Unlike BenchmarkTagger, which tags one article again and again, it
// shows the tagger's word cache (see wordfeat.go) as it works on news:
// the common words of one article are known from the ones before, its
// names mostly not.
func BenchmarkTaggerStream(b *testing.B) {
	var docs []conll.Document
	for _, split := range []string{"train", "dev"} {
		path := filepath.Join(dataDir, split+".jsonl")
		if _, err := os.Stat(path); err != nil {
			b.Skipf("CoNLL-2003 data absent: %v", err)
		}
		d, err := conll.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d...)
	}
	tg := testTagger(b)
	ntok, size := 0, 0
	for _, d := range docs {
		ntok += len(Tokenize(nil, d.Text))
		size += len(d.Text)
	}
	var pred []conll.Entity
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		for _, d := range docs {
			pred = tg.Find(d.Text, pred[:0])
		}
	}
	reportTokens(b, cpu0, ntok)
}
