package publish

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// readLines runs Reader.lines over data and returns each article as
// "name|payload|id", with rd wrapping the data (for short reads).
func readLines(t testing.TB, maxSize int, rd io.Reader) ([]string, error) {
	t.Helper()
	var got []string
	var payloads [][]byte
	err := Reader{MaxSize: maxSize}.lines(context.Background(), "in.jsonl", rd, func(a Article) error {
		if a.Format != FormatJSON {
			t.Errorf("%s: format %q", a.Name, a.Format)
		}
		got = append(got, a.Name+"|"+string(a.Payload)+"|"+a.ID)
		payloads = append(payloads, a.Payload)
		return nil
	})
	// Payloads are slices of the reader's chunks: every one must still
	// hold its line after the whole input was read.
	for i, p := range payloads {
		if !strings.Contains(got[i], "|"+string(p)+"|") {
			t.Errorf("payload %d changed after reading on: %q", i, p)
		}
		if cap(p) != len(p) {
			t.Errorf("payload %d has room to append into the chunk (len %d, cap %d)", i, len(p), cap(p))
		}
	}
	return got, err
}

func TestLines(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		maxSize int
		want    []string
		wantErr string
	}{
		{"empty", "", 100, nil, ""},
		{"one line without newline", `{"id":"a"}`, 100, []string{`in.jsonl:1|{"id":"a"}|a`}, ""},
		{"blank lines keep their numbers", "\n{\"id\":1}\n\n  \n{\"id\":2}\n", 100,
			[]string{`in.jsonl:2|{"id":1}|1`, `in.jsonl:5|{"id":2}|2`}, ""},
		{"CRLF and padding trimmed", " {\"id\":\"x\"} \r\n{\"id\":\"y\"}\r\n", 100,
			[]string{`in.jsonl:1|{"id":"x"}|x`, `in.jsonl:2|{"id":"y"}|y`}, ""},
		{"line of exactly MaxSize", "{\"id\":\"ab\"}\n", 11, []string{`in.jsonl:1|{"id":"ab"}|ab`}, ""},
		{"line over MaxSize names its line", "{\"id\":1}\n{\"id\":\"abc\"}\n", 11,
			[]string{`in.jsonl:1|{"id":1}|1`}, "in.jsonl:2: article over the size limit"},
		{"last line over MaxSize", "{\"id\":1}\n{\"id\":\"abc\"}", 11,
			[]string{`in.jsonl:1|{"id":1}|1`}, "in.jsonl:2: article over the size limit"},
		{"very long line fails before its end", "{}\n" + strings.Repeat("x", 5000) + "\n{}\n", 100,
			[]string{"in.jsonl:1|{}|"}, "in.jsonl:2: article over the size limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, wrap := range []struct {
				name string
				fn   func(io.Reader) io.Reader
			}{{"whole", func(r io.Reader) io.Reader { return r }}, {"byte by byte", iotest.OneByteReader}} {
				got, err := readLines(t, tc.maxSize, wrap.fn(strings.NewReader(tc.in)))
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s: got %q, want %q", wrap.name, got, tc.want)
				}
				switch {
				case tc.wantErr == "" && err != nil:
					t.Errorf("%s: error %v", wrap.name, err)
				case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrTooLarge)):
					t.Errorf("%s: error %v, want %q", wrap.name, err, tc.wantErr)
				}
			}
		})
	}
}

// A line that straddles chunks is carried whole into the next one.
func TestLinesAcrossChunks(t *testing.T) {
	var in bytes.Buffer
	var want []string
	for i := 0; in.Len() < 3*lineChunk; i++ {
		p := fmt.Sprintf(`{"id":"a%d","body":%q}`, i, strings.Repeat("w", 700+i%900))
		fmt.Fprintf(&in, "%s\n", p)
		want = append(want, fmt.Sprintf("in.jsonl:%d|%s|a%d", i+1, p, i))
	}
	got, err := readLines(t, 1<<20, iotest.HalfReader(bytes.NewReader(in.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %d articles, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
	}
}

func TestLinesReadError(t *testing.T) {
	boom := errors.New("disk gone")
	_, err := readLines(t, 100, io.MultiReader(strings.NewReader("{}\n{"), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want the read error", err)
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// scannerLines is the reader lines replaced: bufio.Scanner and a copy per
// line. FuzzLines holds lines to it wherever no line nears the limit.
func scannerLines(data []byte, maxSize int) ([]string, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64), maxSize+1)
	var got []string
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if len(line) > maxSize {
			return got, ErrTooLarge
		}
		p := bytes.Clone(line)
		got = append(got, fmt.Sprintf("in.jsonl:%d|%s|%s", n, p, envelopeID(p)))
	}
	if sc.Err() != nil {
		return got, ErrTooLarge
	}
	return got, nil
}

func FuzzLines(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\"}\n\n{\"id\":2}\r\n {} \n"), 16)
	f.Add([]byte("{\"id\":\"a\"}"), 4)
	f.Add([]byte(strings.Repeat("x", 300)+"\n{}"), 64)
	f.Fuzz(func(t *testing.T, data []byte, maxSize int) {
		maxSize = 1 + abs(maxSize)%512
		got, err := readLines(t, maxSize, iotest.HalfReader(bytes.NewReader(data)))
		for _, a := range got {
			name, rest, _ := strings.Cut(a, "|")
			payload := rest[:strings.LastIndexByte(rest, '|')]
			if len(payload) == 0 || len(payload) > maxSize || !strings.HasPrefix(name, "in.jsonl:") {
				t.Fatalf("article %q (limit %d)", a, maxSize)
			}
		}
		if err != nil && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error %v", err)
		}
		longest := 0
		for l := range bytes.SplitSeq(data, []byte("\n")) {
			longest = max(longest, len(l))
		}
		if longest >= maxSize {
			return // near the limit the two readers may cut at different places
		}
		want, werr := scannerLines(data, maxSize)
		if err != nil || werr != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("lines = %q, %v\nscanner = %q, %v", got, err, want, werr)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
