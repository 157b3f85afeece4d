package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/samplegen"
)

// referenceID is what envelopeID must return for a valid JSON document,
// computed with encoding/json's tokenizer: the first top-level "id" whose
// value is a string (sanitized) or a number (its digits), else "".
func referenceID(t testing.TB, data []byte) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return ""
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			t.Fatalf("token of valid JSON %q: %v", data, err)
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("value of valid JSON %q: %v", data, err)
		}
		if key != "id" {
			continue
		}
		switch v := v.(type) {
		case string:
			return sanitizeID(v)
		case json.Number:
			return sanitizeID(v.String())
		}
		return ""
	}
	return ""
}

func TestEnvelopeIDMatchesEncodingJSON(t *testing.T) {
	long := strings.Repeat("x", 200)
	tests := []struct {
		name, in, want string
	}{
		{"string", `{"id":"rtr-1","headline":"h"}`, "rtr-1"},
		{"after body", `{"headline":"h","body":"say \"id\": \"no\" {[","id":"a-2"}`, "a-2"},
		{"nested ids ignored", `{"meta":{"id":"inner"},"related":[{"id":"r"}],"id":"outer"}`, "outer"},
		{"only nested", `{"meta":{"id":"inner"}}`, ""},
		{"number", `{"id": 12345}`, "12345"},
		{"negative float", `{"id":-1.5e3}`, "-1.5e3"},
		{"escaped", `{"id":"caf\u00e9\/1"}`, "café/1"},
		{"escaped key", `{"\u0069d":"k"}`, "k"},
		{"whitespace", " \n{ \"id\" :\t\"  padded  \" }\n", "padded"},
		{"null", `{"id":null}`, ""},
		{"bool", `{"id":true}`, ""},
		{"object", `{"id":{"v":1}}`, ""},
		{"array", `{"id":[1]}`, ""},
		{"empty", `{"id":""}`, ""},
		{"none", `{"headline":"h"}`, ""},
		{"case differs", `{"ID":"upper"}`, ""},
		{"control char hashed", `{"id":"a\tb"}`, sanitizeID("a\tb")},
		{"long hashed", `{"id":"` + long + `"}`, sanitizeID(long)},
		{"top-level array", `[{"id":"x"}]`, ""},
		{"first of two", `{"id":"one","id":"two"}`, "one"},
		{"invalid utf-8 byte", "{\"id\":\"\x92\"}", "\ufffd"},
		{"truncated sequence, one replacement a byte", "{\"id\":\"a\xe2\x82b\"}", "a\ufffd\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !json.Valid([]byte(tt.in)) {
				t.Fatalf("test input is not valid JSON: %s", tt.in)
			}
			if got := envelopeID([]byte(tt.in)); got != tt.want {
				t.Errorf("envelopeID(%s) = %q, want %q", tt.in, got, tt.want)
			}
			if ref := referenceID(t, []byte(tt.in)); ref != tt.want {
				t.Errorf("encoding/json reference = %q, want %q", ref, tt.want)
			}
		})
	}
}

func TestEnvelopeIDMalformed(t *testing.T) {
	// Malformed envelopes must not panic; whatever id is found only names
	// the message, which the worker dead-letters.
	for _, in := range []string{``, `{`, `{"id"`, `{"id":`, `{"id":"unterminated`, `{"id":"x",`, `nul`, `{"id":"\ud800"}`, `{"id":"\x"}`} {
		_ = envelopeID([]byte(in))
	}
	if got := envelopeID([]byte(`{"id":"\x"}`)); got != "" {
		t.Errorf("bad escape: got %q, want empty", got)
	}
}

func TestEnvelopeIDGeneratedEnvelopes(t *testing.T) {
	g := samplegen.New(3, samplegen.WithFormats(0, 1, 0))
	n := 0
	for range 200 {
		a := g.Next()
		if a.Format != samplegen.FormatJSON {
			continue
		}
		n++
		got, want := envelopeID(a.Payload), referenceID(t, a.Payload)
		if got != want || got == "" {
			t.Fatalf("envelopeID = %q, encoding/json %q on %s", got, want, a.Payload)
		}
	}
	if n == 0 {
		t.Fatal("the generator made no JSON envelopes")
	}
}

func FuzzEnvelopeID(f *testing.F) {
	for _, s := range []string{`{"id":"a"}`, `{"x":{"id":1},"id":2}`, `{"id":"\u00e9"}`, `{"b":"\"id\":","id":"z"}`, `[]`, `{"id":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := envelopeID(data) // must not panic on anything
		if !json.Valid(data) {
			return
		}
		if want := referenceID(t, data); got != want {
			t.Fatalf("envelopeID(%q) = %q, encoding/json reference %q", data, got, want)
		}
	})
}

// BenchmarkReadJSONLines reads a JSON-lines file of generated ~5 KB
// envelopes as `publisher FILE.jsonl` does, ids included.
func BenchmarkReadJSONLines(b *testing.B) {
	g := samplegen.New(5, samplegen.WithFormats(0, 1, 0))
	var buf bytes.Buffer
	n := 0
	for n < 500 {
		a := g.Next()
		if a.Format != samplegen.FormatJSON {
			continue
		}
		buf.Write(a.Payload)
		buf.WriteByte('\n')
		n++
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := Reader{MaxSize: 1 << 20}
	for b.Loop() {
		got := 0
		err := r.lines(b.Context(), "bench.jsonl", bytes.NewReader(data), func(a Article) error {
			if a.ID == "" {
				return fmt.Errorf("%s: no id", a.Name)
			}
			got++
			return nil
		})
		if err != nil || got != n {
			b.Fatalf("read %d of %d: %v", got, n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
}
