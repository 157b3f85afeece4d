package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// foldBufSize bounds the folded form a lookup builds on the stack; no
// surface form in the data is longer.
const foldBufSize = 128

// latinBase maps U+00C0..U+017F to their lower-case ASCII base letter, '_'
// where there is none (×, ÷ and letters handled in foldRune).
const latinBase = "aaaaaa_ceeeeiiii_nooooo__uuuuy__aaaaaa_ceeeeiiii_nooooo__uuuuy_y" +
	"aaaaaaccccccccdd__eeeeeeeeeegggggggghh__iiiiiiiii___jjkk_llllll____nnnnnn___oooooo__rrrrrrsssssssstttt__uuuuuuuuuuuuwwyyyzzzzzz_"

// foldInto appends the normalised form of s to dst: lower case, Latin
// diacritics removed, dots dropped, hyphens as spaces, apostrophe styles as
// "'", runs of space as one. It returns false when the result would not
// fit a lookup buffer.
func foldInto(dst []byte, s string) ([]byte, bool) {
	space := true // drop leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+('a'-'A'))
				space = false
			case c == '.':
			case c == '-' || c == ' ' || c == '\t' || c == '\n':
				if !space {
					dst = append(dst, ' ')
					space = true
				}
			default:
				dst = append(dst, c)
				space = false
			}
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			switch r {
			case '\u2018', '\u2019', '\u02bb', '\u02bc', '\u00b4', '`':
				dst = append(dst, '\'')
			case '\u2010', '\u2011', '\u2013', '\u00a0':
				if !space {
					dst = append(dst, ' ')
					space = true
				}
				continue
			default:
				dst = foldRune(dst, r)
			}
			space = false
		}
		if len(dst) > foldBufSize {
			return dst, false
		}
	}
	if n := len(dst); n > 0 && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst, true
}

func foldRune(dst []byte, r rune) []byte {
	switch r {
	case 'Æ', 'æ':
		return append(dst, 'a', 'e')
	case 'Œ', 'œ':
		return append(dst, 'o', 'e')
	case 'ß':
		return append(dst, 's', 's')
	case 'Þ', 'þ':
		return append(dst, 't', 'h')
	case 'Ø', 'ø':
		return append(dst, 'o')
	case 'Ð', 'ð', 'Đ', 'đ':
		return append(dst, 'd')
	case 'Ł', 'ł':
		return append(dst, 'l')
	case 'ı':
		return append(dst, 'i')
	case 'Ħ', 'ħ':
		return append(dst, 'h')
	}
	if r >= 0xC0 && r <= 0x17F {
		if b := latinBase[r-0xC0]; b != '_' {
			return append(dst, b)
		}
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}
