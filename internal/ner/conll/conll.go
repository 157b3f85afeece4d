// Package conll reads the CoNLL-2003 named-entity corpus in its two
// forms: the original four-column IOB1 files (.conll) and the project's
// JSONL form (.jsonl, one document per line). Both become the same
// [Document]: the text as the JSONL form has it (tokens joined by single
// spaces, sentences by "\n") with byte-offset tokens, sentences and typed
// entity spans. The package does no I/O of its own beyond the reader it
// is given ([ReadFile] opens one path) and keeps no state.
package conll

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ErrFormat marks input that is not well-formed CoNLL or JSONL: a
// column missing, an offset outside the text, an unknown tag.
var ErrFormat = errors.New("conll: bad format")

// Entity types of the corpus.
const (
	PER  = "PER"
	LOC  = "LOC"
	ORG  = "ORG"
	MISC = "MISC"
)

// numTypes is the number of entity types.
const numTypes = 4

// Types returns the corpus's entity types in the order reports use: PER,
// LOC, ORG, MISC.
func Types() []string { return []string{PER, LOC, ORG, MISC} }

// Span is a half-open byte range of a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Entity is one gold entity: a byte range of the text and its type, one
// of PER, LOC, ORG, MISC.
type Entity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Document is one corpus document. Tokens and Sentences are in order and
// lie inside Text; every entity starts at a token start and ends at a
// token end.
type Document struct {
	ID        string
	Text      string
	Tokens    []Span
	Sentences []Span
	Entities  []Entity
}

// ReadFile reads a .conll or .jsonl file, chosen by its extension.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	defer f.Close()
	var docs []Document
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".json":
		docs, err = ReadJSONL(f)
	default:
		docs, err = ReadCoNLL(f)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// maxLine bounds one input line; the corpus's longest JSONL line is about
// 30 KB.
const maxLine = 16 << 20

// ReadCoNLL reads the four-column IOB1 form: "word POS chunk NER" per
// line, blank lines between sentences, "-DOCSTART-" lines between
// documents. Only the first and last columns are used, so files with two
// or more columns work. Entities follow the scoring rule of the corpus: an
// entity starts at B-X, or at I-X after a token not tagged X; IOB2 input
// reads the same way.
func ReadCoNLL(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var (
		docs []Document
		b    docBuilder
		line int
	)
	flush := func() {
		if d, ok := b.finish(len(docs)); ok {
			docs = append(docs, d)
		}
	}
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 0:
			b.endSentence()
		case f[0] == "-DOCSTART-":
			flush()
		case len(f) < 2:
			return nil, fmt.Errorf("%w: line %d: %d columns", ErrFormat, line, len(f))
		default:
			if err := b.add(f[0], f[len(f)-1]); err != nil {
				return nil, fmt.Errorf("%w: line %d: %w", ErrFormat, line, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conll: %w", err)
	}
	flush()
	return docs, nil
}

// docBuilder assembles one document from CoNLL rows.
type docBuilder struct {
	text      strings.Builder
	tokens    []Span
	sentences []Span
	entities  []Entity
	sentStart int // token index of the current sentence's first token
	prevType  string
	open      bool // an entity is open
}

func (b *docBuilder) add(word, tag string) error {
	typ, begin, err := parseTag(tag)
	if err != nil {
		return err
	}
	if len(b.tokens) > b.sentStart {
		b.text.WriteByte(' ')
	} else if len(b.tokens) > 0 {
		b.text.WriteByte('\n')
	}
	start := b.text.Len()
	b.text.WriteString(word)
	b.tokens = append(b.tokens, Span{start, b.text.Len()})
	switch {
	case typ == "":
		b.open = false
	case begin || !b.open || b.prevType != typ:
		b.entities = append(b.entities, Entity{Start: start, End: b.text.Len(), Type: typ})
		b.open = true
	default:
		b.entities[len(b.entities)-1].End = b.text.Len()
	}
	b.prevType = typ
	return nil
}

func (b *docBuilder) endSentence() {
	if len(b.tokens) > b.sentStart {
		b.sentences = append(b.sentences, Span{b.tokens[b.sentStart].Start, b.tokens[len(b.tokens)-1].End})
		b.sentStart = len(b.tokens)
	}
	b.open, b.prevType = false, ""
}

func (b *docBuilder) finish(n int) (Document, bool) {
	b.endSentence()
	defer func() { *b = docBuilder{} }()
	if len(b.tokens) == 0 {
		return Document{}, false
	}
	return Document{
		ID:        fmt.Sprintf("doc-%03d", n),
		Text:      b.text.String(),
		Tokens:    b.tokens,
		Sentences: b.sentences,
		Entities:  b.entities,
	}, true
}

// parseTag splits an IOB tag: "O" is no entity; "B-X", "I-X" (and the
// "E-X", "S-X", "L-X", "U-X" of other schemes, read as I-X and B-X) are
// entity X.
func parseTag(tag string) (typ string, begin bool, err error) {
	if tag == "O" {
		return "", false, nil
	}
	p, t, ok := strings.Cut(tag, "-")
	if !ok || len(p) != 1 || t == "" {
		return "", false, fmt.Errorf("tag %q", tag)
	}
	switch t {
	case PER, LOC, ORG, MISC:
	default:
		return "", false, fmt.Errorf("tag %q", tag)
	}
	switch p {
	case "B", "S", "U":
		return t, true, nil
	case "I", "E", "L":
		return t, false, nil
	}
	return "", false, fmt.Errorf("tag %q", tag)
}

type jsonDoc struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Entities  []Entity `json:"entities"`
	Tokens    [][2]int `json:"tokens"`
	Sentences [][2]int `json:"sentences"`
}

// ReadJSONL reads the JSONL form: one JSON document per line with id,
// text, entities, tokens and sentences (blank lines are skipped). Offsets
// are checked: inside the text, ordered, and entities on token bounds.
func ReadJSONL(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var docs []Document
	line := 0
	for sc.Scan() {
		line++
		raw := sc.Bytes()
		if len(strings.TrimSpace(string(raw))) == 0 {
			continue
		}
		var jd jsonDoc
		if err := json.Unmarshal(raw, &jd); err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrFormat, line, err)
		}
		d, err := fromJSON(jd)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrFormat, line, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read jsonl: %w", err)
	}
	return docs, nil
}

func fromJSON(jd jsonDoc) (Document, error) {
	d := Document{ID: jd.ID, Text: jd.Text}
	spans := func(what string, in [][2]int) ([]Span, error) {
		out := make([]Span, 0, len(in))
		prev := 0
		for _, s := range in {
			if s[0] < prev || s[0] > s[1] || s[1] > len(jd.Text) {
				return nil, fmt.Errorf("%s [%d,%d] out of order or outside text", what, s[0], s[1])
			}
			prev = s[1]
			out = append(out, Span{s[0], s[1]})
		}
		return out, nil
	}
	var err error
	if d.Tokens, err = spans("token", jd.Tokens); err != nil {
		return Document{}, err
	}
	if d.Sentences, err = spans("sentence", jd.Sentences); err != nil {
		return Document{}, err
	}
	starts := make(map[int]bool, len(d.Tokens))
	ends := make(map[int]bool, len(d.Tokens))
	for _, t := range d.Tokens {
		starts[t.Start], ends[t.End] = true, true
	}
	prev := 0
	for _, e := range jd.Entities {
		switch e.Type {
		case PER, LOC, ORG, MISC:
		default:
			return Document{}, fmt.Errorf("entity type %q", e.Type)
		}
		if e.Start < prev || e.Start >= e.End || e.End > len(jd.Text) {
			return Document{}, fmt.Errorf("entity [%d,%d] out of order or outside text", e.Start, e.End)
		}
		if len(d.Tokens) > 0 && (!starts[e.Start] || !ends[e.End]) {
			return Document{}, fmt.Errorf("entity [%d,%d] not on token bounds", e.Start, e.End)
		}
		prev = e.End
		d.Entities = append(d.Entities, Entity{Start: e.Start, End: e.End, Type: e.Type})
	}
	return d, nil
}
