// Package publish is the publisher's logic: it turns files, directories,
// JSON-lines files, stdin or generated articles into raw messages and
// publishes them with bounded outstanding acknowledgements and
// deterministic Nats-Msg-Id headers, so that re-running an import
// publishes nothing twice.
package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/buger/jsonparser"
)

// Formats of a raw payload, as Content-Type values the worker's decoder
// understands.
const (
	FormatText = "text"
	FormatJSON = "json"
	FormatHTML = "html"
)

// ContentType maps a format to its Content-Type header value.
func ContentType(format string) string {
	switch format {
	case FormatJSON:
		return "application/json"
	case FormatHTML:
		return "text/html; charset=utf-8"
	default:
		return "text/plain; charset=utf-8"
	}
}

// Article is one payload to publish.
type Article struct {
	// Name says where it came from (file path, path:line, stdin, gen#n),
	// for error messages.
	Name    string
	Format  string
	Payload []byte
	// ID is the feed's own article id when it has one (the "id" of a JSON
	// envelope); empty otherwise.
	ID string
}

// MsgID returns the Nats-Msg-Id for a on source: the article id when it
// has one, else a hash of the payload, scoped by source so that two feeds
// with the same ids do not collide.
func MsgID(source string, a Article) string {
	if a.ID != "" {
		return source + ":" + a.ID
	}
	h := sha256.Sum256(a.Payload)
	return source + ":sha256:" + hex.EncodeToString(h[:16])
}

// ErrTooLarge is returned for an input over the size limit.
var ErrTooLarge = errors.New("article over the size limit")

// Reader yields articles from paths. "-" reads stdin as one article; a
// directory is walked in lexical order for .txt, .json, .jsonl, .html and
// .htm files; a .jsonl file holds one JSON envelope per line.
type Reader struct {
	// MaxSize bounds one article in bytes.
	MaxSize int
	Stdin   io.Reader
}

// Each calls fn for every article under paths, in order, stopping at the
// first error (an unreadable file, an oversized article, or fn's error).
func (r Reader) Each(ctx context.Context, paths []string, fn func(Article) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if err := r.one(ctx, "stdin", r.Stdin, "", fn); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		if !st.IsDir() {
			if err := r.file(ctx, p, fn); err != nil {
				return err
			}
			continue
		}
		files, err := walk(p)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := r.file(ctx, f, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

var inputExts = map[string]bool{".txt": true, ".json": true, ".jsonl": true, ".html": true, ".htm": true}

func walk(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && inputExts[strings.ToLower(filepath.Ext(path))] {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", dir, err)
	}
	sort.Strings(files)
	return files, nil
}

func (r Reader) file(ctx context.Context, path string, fn func(Article) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	defer f.Close()
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".jsonl" {
		return r.lines(ctx, path, f, fn)
	}
	return r.one(ctx, path, f, formatByExt(ext), fn)
}

func formatByExt(ext string) string {
	switch ext {
	case ".json":
		return FormatJSON
	case ".html", ".htm":
		return FormatHTML
	case ".txt":
		return FormatText
	}
	return ""
}

func (r Reader) one(_ context.Context, name string, rd io.Reader, format string, fn func(Article) error) error {
	data, err := io.ReadAll(io.LimitReader(rd, int64(r.MaxSize)+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > r.MaxSize {
		return fmt.Errorf("%s: %w (limit %d bytes)", name, ErrTooLarge, r.MaxSize)
	}
	if format == "" {
		format = Sniff(data)
	}
	a := Article{Name: name, Format: format, Payload: data}
	if format == FormatJSON {
		a.ID = envelopeID(data)
	}
	return fn(a)
}

// lineChunk is the size of the buffers JSON lines are read into.
const lineChunk = 1 << 20

// lines reads one article per line of rd (JSON lines), skipping blank
// lines. A line longer than MaxSize+1 bytes, or over MaxSize once its
// surrounding white space is trimmed, is an error that names the line.
//
// Each payload is a slice of the chunk rd was read into, not a copy: a
// chunk is never written again once a line of it has been handed out, a
// full chunk is replaced by a new one, and only the line that straddles
// two chunks is copied; a chunk that must hold a line near the limit is
// at most twice MaxSize. A chunk lives as long as the publisher holds one
// of its lines (until the line's publish is acknowledged), so a window of
// in-flight publishes pins a few chunks. Copying each line out of a
// bufio.Scanner's reused buffer was about a quarter of the publisher's
// CPU reading a file (docs/BENCHMARKS.md, "Publisher against raw async
// publishing").
func (r Reader) lines(ctx context.Context, name string, rd io.Reader, fn func(Article) error) error {
	// buf[start:] is not yet split into lines, and buf[start:scanned]
	// holds no newline: a line read in many pieces is searched once.
	var buf []byte
	start, scanned, n := 0, 0, 0
	tooLarge := func(line int) error {
		return fmt.Errorf("%s:%d: %w (limit %d bytes)", name, line, ErrTooLarge, r.MaxSize)
	}
	emit := func(line []byte) error {
		n++
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(line) > r.MaxSize+1 {
			return tooLarge(n)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			return nil
		}
		if len(line) > r.MaxSize {
			return tooLarge(n)
		}
		line = line[:len(line):len(line)] // an append must not write into the chunk
		return fn(Article{Name: fmt.Sprintf("%s:%d", name, n), Format: FormatJSON, Payload: line, ID: envelopeID(line)})
	}
	for eof := false; ; {
		for {
			i := bytes.IndexByte(buf[scanned:], '\n')
			if i < 0 {
				scanned = len(buf)
				break
			}
			line := buf[start : scanned+i]
			start = scanned + i + 1
			scanned = start
			if err := emit(line); err != nil {
				return err
			}
		}
		rest := len(buf) - start
		if eof {
			if rest > 0 {
				return emit(buf[start:])
			}
			return nil
		}
		if rest > r.MaxSize+1 {
			return tooLarge(n + 1) // too long before its end is even read
		}
		if len(buf) == cap(buf) {
			next := make([]byte, rest, max(lineChunk, 2*rest))
			copy(next, buf[start:])
			buf, start, scanned = next, 0, rest
		}
		m, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		switch {
		case errors.Is(err, io.EOF):
			eof = true
		case err != nil:
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
}

// Sniff guesses a payload's format: JSON if it starts with "{", HTML if it
// starts with a tag, wire text otherwise. The worker sniffs again; this
// only sets the Content-Type hint.
func Sniff(data []byte) string {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	switch {
	case len(t) > 0 && t[0] == '{':
		return FormatJSON
	case len(t) > 0 && t[0] == '<':
		return FormatHTML
	}
	return FormatText
}

// envelopeID returns the top-level "id" of a JSON envelope (a string, or
// a number's digits), or "" if it has none or the document is too malformed
// to reach it (the worker will dead-letter it; the publisher's job is only
// to deliver it once).
//
// It scans for the key with jsonparser instead of decoding the envelope:
// a full encoding/json.Unmarshal of each 5 KB envelope was 55% of the
// publisher's CPU (docs/BENCHMARKS.md). The scan skips the other values
// without validating them, so it differs from encoding/json only on input
// the worker rejects anyway, and on a repeated "id" key (the first wins
// here, the last in encoding/json); TestEnvelopeIDMatchesEncodingJSON and
// FuzzEnvelopeID hold it to encoding/json on every valid envelope.
func envelopeID(data []byte) string {
	v, typ, _, err := jsonparser.Get(data, "id")
	if err != nil {
		return ""
	}
	switch typ {
	case jsonparser.String:
		s, err := jsonparser.ParseString(v)
		if err != nil {
			return ""
		}
		return sanitizeID(replaceInvalidUTF8(s))
	case jsonparser.Number:
		return sanitizeID(string(v))
	}
	return "" // null, a bool, an object or an array is not an id
}

// replaceInvalidUTF8 replaces every byte of s that is not part of valid
// UTF-8 with U+FFFD, one for each byte, as encoding/json does when it
// decodes a string (jsonparser passes such bytes through). FuzzEnvelopeID
// found the difference.
func replaceInvalidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// sanitizeID bounds an id and keeps it printable: it lands in a header.
func sanitizeID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 128 || strings.ContainsFunc(s, func(r rune) bool { return r < 0x21 || r == 0x7f }) {
		h := sha256.Sum256([]byte(s))
		return "idsha256:" + hex.EncodeToString(h[:16])
	}
	return s
}
