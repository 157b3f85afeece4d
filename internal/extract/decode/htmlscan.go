package decode

import (
	"bytes"
	"context"
	"fmt"

	"golang.org/x/net/html/atom"

	"github.com/wirestream/wirestream/internal/extract"
)

// scanHTML bounds an HTML page before it is parsed: it fails with reason
// malformed when elements nest deeper than maxDepth and with reason
// too_large when the parser would build more than maxElems elements.
//
// It is one linear pass that estimates the parser's stack of open
// elements: void elements and self-closed SVG and MathML elements are not
// pushed, the contents of raw-text elements (script, style, ...) and
// comments are skipped, an end tag pops up to its start tag, and the
// common implicit closes are applied (a <p> or <div> closes an open <p>,
// an <li> closes an <li>, table cells and rows close their siblings).
//
// It also follows the parser's list of active formatting elements (<b>,
// <a>, <font>, ...), because the parser re-creates those that a block
// closed at every later text or inline tag: "<p><b1>...<b120></p>" then
// "<p>a</p>" a thousand times makes 120,000 elements out of 9 KB. Those
// copies count as elements and as depth here too.
//
// The estimate may be off on misnested markup; the HTML parser's own hard
// limit of 512 open elements is the backstop for depth.
func scanHTML(ctx context.Context, b []byte, maxDepth, maxElems int) error {
	sc := htmlScanner{maxDepth: maxDepth, maxElems: maxElems, stack: make([]uint64, 0, 64)}
	return sc.scan(ctx, b)
}

func (sc *htmlScanner) scan(ctx context.Context, b []byte) error {
	for i, n := 0, 1; i < len(b); n++ {
		if n%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("decode article: %w", err)
			}
		}
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 || i+j+1 >= len(b) {
			return nil
		}
		if j > 0 {
			if err := sc.reconstruct(i); err != nil {
				return err // text re-creates the formatting elements
			}
		}
		i += j
		c := b[i+1]
		switch {
		case c == '!' && bytes.HasPrefix(b[i+2:], []byte("--")):
			i = commentEnd(b, i+4)
		case c == '!' || c == '?' || c == '/' && !(i+2 < len(b) && isASCIILetter(b[i+2])):
			// Doctype, processing instruction or bogus comment.
			k := bytes.IndexByte(b[i+1:], '>')
			if k < 0 {
				return nil
			}
			i += 1 + k + 1
		case c == '/':
			name, end := tagName(b, i+2)
			k := tagEnd(b, end)
			if k < 0 {
				return nil
			}
			offset := i
			i = k + 1
			if err := sc.endTag(tagKey(name), offset); err != nil {
				return err
			}
		case isASCIILetter(c):
			name, end := tagName(b, i+1)
			k := tagEnd(b, end)
			if k < 0 {
				return nil // an unterminated tag at the end is dropped
			}
			offset := i
			selfClosed := b[k-1] == '/'
			attrs := b[end:k]
			i = k + 1
			key := tagKey(name)
			a := keyAtom(key)
			if isRawText(a) {
				if err := sc.count(offset); err != nil {
					return err
				}
				if a == atom.Plaintext {
					return nil
				}
				end := findEndTag(b, i, name)
				if end < 0 {
					return nil
				}
				i = end
				continue
			}
			if err := sc.startTag(key, attrs, selfClosed, offset); err != nil {
				return err
			}
		default:
			if err := sc.reconstruct(i); err != nil {
				return err // a stray '<' is text
			}
			i++
		}
	}
	return nil
}

// htmlScanner is the state of scanHTML: the estimated stack of open
// elements and list of active formatting elements.
type htmlScanner struct {
	maxDepth, maxElems int
	elems              int      // elements counted so far
	deepest            int      // the deepest the stack has been
	stack              []uint64 // tag keys
	foreign            int      // open svg and math elements
	// afe is the list of active formatting elements, at most maxDepth
	// long: the parser caps identical entries at three (the "Noah's Ark"
	// clause), and a real page never has more than a few distinct ones.
	afe []afeEntry
}

type afeEntry struct {
	key      uint64
	attrs    uint64 // hash of the raw attributes, for the Noah's Ark clause
	onStack  bool
	isMarker bool // a marker, pushed by a table cell or caption
}

// count counts one more element.
func (sc *htmlScanner) count(offset int) error {
	sc.elems++
	if sc.elems > sc.maxElems {
		return extract.BadInput(extract.ReasonTooLarge, "HTML page has more than %d elements at byte offset %d (counting the copies the parser makes of misnested formatting tags)", sc.maxElems, offset)
	}
	return nil
}

// push opens an element.
func (sc *htmlScanner) push(key uint64, offset int) error {
	sc.stack = append(sc.stack, key)
	sc.deepest = max(sc.deepest, len(sc.stack))
	if a := keyAtom(key); a == atom.Svg || a == atom.Math {
		sc.foreign++
	}
	if len(sc.stack) > sc.maxDepth {
		return extract.BadInput(extract.ReasonMalformed, "HTML nests elements deeper than %d levels at byte offset %d", sc.maxDepth, offset)
	}
	return nil
}

// popTo closes the open elements from the top down to index d, marking
// formatting elements as off the stack and clearing the formatting list
// up to the marker of a closed table cell.
func (sc *htmlScanner) popTo(d int) {
	for len(sc.stack) > d {
		key := sc.stack[len(sc.stack)-1]
		sc.stack = sc.stack[:len(sc.stack)-1]
		a := keyAtom(key)
		switch {
		case a == atom.Svg || a == atom.Math:
			sc.foreign--
		case isFormatting(a):
			for k := len(sc.afe) - 1; k >= 0 && !sc.afe[k].isMarker; k-- {
				if sc.afe[k].key == key && sc.afe[k].onStack {
					sc.afe[k].onStack = false
					break
				}
			}
		case pushesMarker(a):
			sc.clearToMarker()
		}
	}
}

func (sc *htmlScanner) clearToMarker() {
	for len(sc.afe) > 0 {
		last := sc.afe[len(sc.afe)-1]
		sc.afe = sc.afe[:len(sc.afe)-1]
		if last.isMarker {
			return
		}
	}
}

// reconstruct re-opens the formatting elements that were closed by a block
// but are still active, as the parser does before text and inline tags.
func (sc *htmlScanner) reconstruct(offset int) error {
	first := len(sc.afe)
	for first > 0 && !sc.afe[first-1].isMarker {
		first--
	}
	for k := first; k < len(sc.afe); k++ {
		if sc.afe[k].onStack {
			continue
		}
		sc.afe[k].onStack = true
		if err := sc.count(offset); err != nil {
			return err
		}
		if err := sc.push(sc.afe[k].key, offset); err != nil {
			return err
		}
	}
	return nil
}

func (sc *htmlScanner) startTag(key uint64, attrs []byte, selfClosed bool, offset int) error {
	a := keyAtom(key)
	sc.closeImplicitly(a)
	if a == atom.A || a == atom.Nobr {
		// A new <a> closes an active one.
		if sc.lastActive(key) >= 0 {
			if err := sc.endTag(key, offset); err != nil {
				return err
			}
		}
	}
	if !closesP(a) && !isTableStructure(a) {
		if err := sc.reconstruct(offset); err != nil {
			return err
		}
	}
	if err := sc.count(offset); err != nil {
		return err
	}
	if isVoid(a) || selfClosed && (sc.foreign > 0 || a == atom.Svg || a == atom.Math) {
		return nil // "/>" closes only in SVG and MathML: <div/> opens a div
	}
	if err := sc.push(key, offset); err != nil {
		return err
	}
	switch {
	case isFormatting(a):
		sc.addFormatting(key, attrs)
	case pushesMarker(a):
		sc.afe = append(sc.afe, afeEntry{isMarker: true})
	}
	if len(sc.afe) > sc.maxDepth {
		return extract.BadInput(extract.ReasonMalformed, "HTML has more than %d formatting elements open at byte offset %d", sc.maxDepth, offset)
	}
	return nil
}

// addFormatting adds a formatting element to the list, first dropping the
// earliest of three identical ones as the parser does.
func (sc *htmlScanner) addFormatting(key uint64, rawAttrs []byte) {
	attrs := hashBytes(bytes.TrimSpace(bytes.TrimSuffix(rawAttrs, []byte("/"))), false)
	same, earliest := 0, -1
	for k := len(sc.afe) - 1; k >= 0 && !sc.afe[k].isMarker; k-- {
		if sc.afe[k].key == key && sc.afe[k].attrs == attrs {
			same++
			earliest = k
		}
	}
	if same >= 3 {
		sc.afe = append(sc.afe[:earliest], sc.afe[earliest+1:]...)
	}
	sc.afe = append(sc.afe, afeEntry{key: key, attrs: attrs, onStack: true})
}

// lastActive returns the index of the last active formatting element with
// key after the last marker, or -1.
func (sc *htmlScanner) lastActive(key uint64) int {
	for k := len(sc.afe) - 1; k >= 0 && !sc.afe[k].isMarker; k-- {
		if sc.afe[k].key == key {
			return k
		}
	}
	return -1
}

func (sc *htmlScanner) endTag(key uint64, offset int) error {
	a := keyAtom(key)
	if a == atom.Br || a == atom.P && !sc.inScope(atom.P) {
		// The parser makes an element of a stray </br> or </p>.
		return sc.count(offset)
	}
	if isFormatting(a) {
		// The adoption agency: the element leaves the list, and the stack
		// if it is open.
		k := sc.lastActive(key)
		if k < 0 {
			return nil // the parser ignores it
		}
		onStack := sc.afe[k].onStack
		sc.afe = append(sc.afe[:k], sc.afe[k+1:]...)
		if !onStack {
			return nil
		}
	}
	for d := len(sc.stack) - 1; d >= 0; d-- {
		if sc.stack[d] == key {
			sc.popTo(d)
			return nil
		}
	}
	return nil
}

// inScope reports whether an element a is open in button scope.
func (sc *htmlScanner) inScope(a atom.Atom) bool {
	for d := len(sc.stack) - 1; d >= 0; d-- {
		switch t := keyAtom(sc.stack[d]); {
		case t == a:
			return true
		case isScopeBoundary(t) || t == atom.Button:
			return false
		}
	}
	return false
}

// commentEnd returns the index after the comment whose text starts at
// b[i], following the tokenizer of golang.org/x/net/html: it ends at "-->"
// or "--!>", and "<!-->" and "<!--->" are empty comments. An unterminated
// comment runs to the end. Getting this exactly right matters: ending a
// comment later than the parser would hide the markup after it.
func commentEnd(b []byte, i int) int {
	dashes := 0
	beginning := true
	for ; i < len(b); i++ {
		switch b[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i + 1
			}
		case '!':
			if dashes >= 2 && i+1 < len(b) {
				switch b[i+1] {
				case '>':
					return i + 2
				case '-':
					i++
					dashes = 1
					beginning = false
					continue
				}
			}
		}
		dashes = 0
		beginning = false
	}
	return len(b)
}

// tagName returns the tag name starting at b[i] and the index after it.
func tagName(b []byte, i int) ([]byte, int) {
	j := i
	for j < len(b) && !isHTMLSpace(b[j]) && b[j] != '/' && b[j] != '>' {
		j++
	}
	return b[i:j], j
}

// tagEnd returns the index of the '>' that ends the tag whose attributes
// start at b[i], skipping quoted attribute values, or -1.
func tagEnd(b []byte, i int) int {
	afterEquals := false
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == '>':
			return i
		case c == '=':
			afterEquals = true
			continue
		case (c == '"' || c == '\'') && afterEquals:
			k := bytes.IndexByte(b[i+1:], c)
			if k < 0 {
				return -1
			}
			i += 1 + k
		case isHTMLSpace(c):
			continue
		}
		afterEquals = false
	}
	return -1
}

// findEndTag returns the index after the end tag "</name ...>" at or after
// b[i], matching name without regard to case, or -1.
func findEndTag(b []byte, i int, name []byte) int {
	for {
		k := bytes.Index(b[i:], []byte("</"))
		if k < 0 {
			return -1
		}
		i += k + 2
		if len(b)-i < len(name) || !bytes.EqualFold(b[i:i+len(name)], name) {
			continue
		}
		if j := i + len(name); j < len(b) && (isHTMLSpace(b[j]) || b[j] == '/' || b[j] == '>') {
			end := tagEnd(b, j)
			if end < 0 {
				return -1
			}
			return end + 1
		}
	}
}

// unknownTag marks tag keys that are hashes of names without an atom.
const unknownTag = 1 << 63

// tagKey identifies a tag name regardless of case: its atom when the name
// is a known one, else a hash of the lower-cased name with the high bit
// set. Neither allocates.
func tagKey(name []byte) uint64 {
	var buf [16]byte
	if len(name) <= len(buf) {
		lower := buf[:len(name)]
		for i, c := range name {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower[i] = c
		}
		if a := atom.Lookup(lower); a != 0 {
			return uint64(a)
		}
	}
	return hashBytes(name, true) | unknownTag
}

// hashBytes is FNV-1a of b, of its lower-cased ASCII when lower is set.
func hashBytes(b []byte, lower bool) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		if lower && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// keyAtom returns the atom of a tag key, or 0 for an unknown name.
func keyAtom(key uint64) atom.Atom {
	if key&unknownTag != 0 {
		return 0
	}
	return atom.Atom(key)
}

// isVoid reports whether a is an element that never has content.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source,
		atom.Track, atom.Wbr, atom.Image:
		return true
	}
	return false
}

// isRawText reports whether a is an element whose content is text up to
// its end tag, never elements (with scripting enabled, as the parser runs).
func isRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp,
		atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext:
		return true
	}
	return false
}

// closeImplicitly closes the elements that a start tag a ends, as in
// "<p>one<p>two", "<li>one<li>two" or "<td>a<td>b": it looks down the
// stack for an element a closes and, when it finds one before a scope
// boundary, pops it and everything above it.
func (sc *htmlScanner) closeImplicitly(a atom.Atom) {
	var closes func(atom.Atom) bool
	var bound func(atom.Atom) bool
	switch {
	case a == atom.Li:
		closes = func(t atom.Atom) bool { return t == atom.Li }
		bound = func(t atom.Atom) bool { return isScopeBoundary(t) || t == atom.Ol || t == atom.Ul }
	case a == atom.Dt || a == atom.Dd:
		closes = func(t atom.Atom) bool { return t == atom.Dt || t == atom.Dd }
		bound = func(t atom.Atom) bool { return isScopeBoundary(t) || t == atom.Dl }
	case a == atom.Td || a == atom.Th:
		closes = func(t atom.Atom) bool { return t == atom.Td || t == atom.Th }
		bound = func(t atom.Atom) bool { return t == atom.Table || t == atom.Tr || t == atom.Html || t == atom.Template }
	case a == atom.Tr:
		closes = func(t atom.Atom) bool { return t == atom.Tr }
		bound = func(t atom.Atom) bool { return t == atom.Table || t == atom.Html || t == atom.Template }
	case a == atom.Tbody || a == atom.Thead || a == atom.Tfoot:
		closes = func(t atom.Atom) bool { return t == atom.Tbody || t == atom.Thead || t == atom.Tfoot }
		bound = func(t atom.Atom) bool { return t == atom.Table || t == atom.Html || t == atom.Template }
	case a == atom.Option || a == atom.Optgroup:
		if top := len(sc.stack) - 1; top >= 0 && keyAtom(sc.stack[top]) == atom.Option {
			sc.popTo(top)
		}
		if top := len(sc.stack) - 1; a == atom.Optgroup && top >= 0 && keyAtom(sc.stack[top]) == atom.Optgroup {
			sc.popTo(top)
		}
		return
	case closesP(a):
		closes = func(t atom.Atom) bool { return t == atom.P }
		bound = func(t atom.Atom) bool { return isScopeBoundary(t) || t == atom.Button }
	default:
		return
	}
	if closesP(a) && a != atom.P {
		// li, dt and dd close an open p too.
		sc.closeImplicitly(atom.P)
	}
	for d := len(sc.stack) - 1; d >= 0; d-- {
		t := keyAtom(sc.stack[d])
		if closes(t) {
			sc.popTo(d)
			return
		}
		if bound(t) {
			return
		}
	}
}

// isScopeBoundary reports whether a bounds the parser's "has an element
// in scope" search.
func isScopeBoundary(a atom.Atom) bool {
	switch a {
	case atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th,
		atom.Marquee, atom.Object, atom.Template:
		return true
	}
	return false
}

// closesP reports whether a start tag a closes an open <p>.
func closesP(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dd, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hgroup, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
		atom.Pre, atom.Section, atom.Summary, atom.Table, atom.Ul:
		return true
	}
	return false
}

// isFormatting reports whether a is a formatting element, one the parser
// keeps in its list of active formatting elements.
func isFormatting(a atom.Atom) bool {
	switch a {
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I,
		atom.Nobr, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		return true
	}
	return false
}

// pushesMarker reports whether a puts a marker on the list of active
// formatting elements, which stops reconstruction at its boundary.
func pushesMarker(a atom.Atom) bool {
	switch a {
	case atom.Td, atom.Th, atom.Caption, atom.Applet, atom.Marquee, atom.Object, atom.Template:
		return true
	}
	return false
}

// isTableStructure reports whether a is a table part, which the parser
// inserts without reconstructing formatting elements.
func isTableStructure(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th,
		atom.Caption, atom.Colgroup, atom.Col:
		return true
	}
	return false
}
