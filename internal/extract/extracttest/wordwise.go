package extracttest

import (
	"math/rand/v2"
	"strings"
)

// WordAtATimeInputs returns 20,000 strings that probe the eight-bytes-at-a-
// time fast paths of the text stages against their byte-by-byte
// references: random mixes of ASCII letters, spaces, controls, DEL,
// invalid bytes and multi-byte characters, of every length around the
// block size and offset. The sequence is fixed (seeded).
func WordAtATimeInputs() []string {
	pieces := []string{"a", "Z", " ", " ", " ", "  ", ".", "\x7f", "\x1f", "\t", "\n", "\n\n", "\u00a0", "é", "e\u0301", "’", "\u200d", "\xff", "\u2028"}
	rng := rand.New(rand.NewPCG(1, 2))
	var out []string
	for range 20000 {
		var b strings.Builder
		n := rng.IntN(40)
		for range n {
			if rng.IntN(3) > 0 {
				b.WriteString("abcdefgh"[:1+rng.IntN(8)])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		out = append(out, b.String())
	}
	return out
}
