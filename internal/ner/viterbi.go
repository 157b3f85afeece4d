package ner

// score is the type emission and transition scores are added in: int32
// for the quantized model, int32 too while training (perceptron weights
// are integers).
type score interface{ ~int32 | ~float32 | ~float64 }

// Allowed BILOU transitions: after O, L-x or U-x come O, B-y or U-y; after
// B-x or I-x come I-x or L-x. A line starts with O, B or U and ends with O,
// L or U.
func canStart(t int) bool { return t == 0 || tagPart(t) == partB || tagPart(t) == partU }
func canEnd(t int) bool   { return t == 0 || tagPart(t) == partL || tagPart(t) == partU }

// closedTags are the tags after which any O, B or U may come: O and the
// L and U tags of the four types.
const closedTags = "\x00\x03\x04\x07\x08\x0b\x0c\x0f\x10"

// openTags are the tags that may follow a closed tag: O and the B and U
// tags of the four types.
const openTags = "\x00\x01\x04\x05\x08\x09\x0c\x0d\x10"

// openIndex is, at each open tag, its index in openTags.
const openIndex = "\x00\x01\x00\x00\x02\x03\x00\x00\x04\x05\x00\x00\x06\x07\x00\x00\x08"

// viterbi writes to out the best tag sequence of n tokens under the BILOU
// constraints. em holds n rows of emission scores, stride apart; trans is
// indexed [cur*numTags+prev]; start and end score the first and last tag.
// back must hold n*numTags bytes.
func viterbi[S score](em []S, stride, n int, trans *[numTags * numTags]S, start, end *[numTags]S, back []uint8, out []uint8) {
	if n == 0 {
		return
	}
	var cur, prev [numTags]S
	const ninf = -1 << 30
	for t := range numTags {
		if canStart(t) {
			prev[t] = em[t] + start[t]
		} else {
			prev[t] = ninf
		}
	}
	for i := 1; i < n; i++ {
		row := em[i*stride : i*stride+numTags]
		bk := back[i*numTags : i*numTags+numTags]
		// O, B-x, U-x: after a closed tag.
		for k := 0; k < len(openTags); k++ {
			c := int(openTags[k])
			tr := trans[c*numTags : c*numTags+numTags] // transposed: [cur][prev]
			bestP, bestS := uint8(0), prev[0]+tr[0]
			for j := 1; j < len(closedTags); j++ {
				p := closedTags[j]
				if s := prev[p] + tr[p]; s > bestS {
					bestP, bestS = p, s
				}
			}
			cur[c] = bestS + row[c]
			bk[c] = bestP
		}
		// I-x, L-x: after B-x or I-x.
		for ty := 0; ty < numTypes; ty++ {
			b, in := uint8(tagOf(ty, partB)), uint8(tagOf(ty, partI))
			for _, c := range [2]int{tagOf(ty, partI), tagOf(ty, partL)} {
				sb := prev[b] + trans[c*numTags+int(b)]
				si := prev[in] + trans[c*numTags+int(in)]
				if sb >= si {
					cur[c], bk[c] = sb+row[c], b
				} else {
					cur[c], bk[c] = si+row[c], in
				}
			}
		}
		prev = cur
		// Keep integer scores far from overflow on long lines: only
		// differences matter, and O is always reachable.
		if prev[0] > 1<<28 || prev[0] < -(1<<28) {
			base := prev[0]
			for t := range numTags {
				prev[t] -= base
			}
		}
	}
	best, bestS := 0, S(ninf)
	for t := range numTags {
		if !canEnd(t) {
			continue
		}
		if s := prev[t] + end[t]; s > bestS {
			best, bestS = t, s
		}
	}
	out[n-1] = uint8(best)
	for i := n - 1; i > 0; i-- {
		out[i-1] = back[i*numTags+int(out[i])]
	}
}

// transTable is one pass's transition scores laid out for fastViterbi:
// the closed-to-open block as a dense 9×9 matrix and the four moves
// inside each type's span.
type transTable struct {
	open       [len(openTags)][len(closedTags)]int32 // [open k][closed j]
	inner      [numTypes][4]int32                    // B→I, I→I, B→L, I→L
	start, end [numTags]int32
	// oGap[j] is the most that coming from closed tag j instead of O
	// adds to any open tag's transition score: max over k of
	// open[k][j] - open[k][0]. When every closed tag's score falls
	// short of O's by at least its gap, O is the best tag before every
	// open tag.
	oGap [len(closedTags)]int32
	// fromO[k] is open[k][0], the transition from O to each open tag,
	// side by side for the step after a clear O.
	fromO [len(openTags)]int32
}

func newTransTable(trans *[numTags * numTags]int32, start, end *[numTags]int32) transTable {
	var tt transTable
	for k := 0; k < len(openTags); k++ {
		for j := 0; j < len(closedTags); j++ {
			tt.open[k][j] = trans[int(openTags[k])*numTags+int(closedTags[j])]
		}
	}
	for ty := range numTypes {
		b, in, l := tagOf(ty, partB), tagOf(ty, partI), tagOf(ty, partL)
		tt.inner[ty] = [4]int32{trans[in*numTags+b], trans[in*numTags+in], trans[l*numTags+b], trans[l*numTags+in]}
	}
	tt.start, tt.end = *start, *end
	for k := range openTags {
		tt.fromO[k] = tt.open[k][0]
	}
	for j := 1; j < len(closedTags); j++ {
		tt.oGap[j] = tt.open[0][j] - tt.open[0][0]
		for k := 1; k < len(openTags); k++ {
			tt.oGap[j] = max(tt.oGap[j], tt.open[k][j]-tt.open[k][0])
		}
	}
	return tt
}

// viterbi is viterbi for int32 scores in rows rowStride apart, unrolled
// over the BILOU structure. The forward pass keeps only maxima, which
// compile to conditional moves, and stores every step's scores in delta
// (n*numTags); the backward pass recomputes the one argmax it needs per
// step. The last row of em needs only numTags scores.
//
// Until the backward pass overwrites it, out[i-1] records whether step
// i followed a clear O, so that the backward pass need not test it
// again.
func (tt *transTable) viterbi(em []int32, n int, delta []int32, out []uint8) {
	if n == 0 {
		return
	}
	out = out[:n]
	const ninf = -1 << 30
	prev := (*[numTags]int32)(delta[:numTags])
	for t := range numTags {
		if canStart(t) {
			prev[t] = em[t] + tt.start[t]
		} else {
			prev[t] = ninf
		}
	}
	for i := 1; i < n; i++ {
		row := (*[numTags]int32)(em[i*rowStride:])
		cur := (*[numTags]int32)(delta[i*numTags:])
		// The step is written out tag by tag, with constant indexes:
		// the closed tags' scores stay in registers, and no index is
		// loaded from the tag lists or checked against bounds.
		p0 := prev[0]
		g := &tt.oGap
		// Most tokens follow one that is clearly O: then O is the best
		// tag before each open tag (see oGap), and its maxima need not
		// be taken. The scores are the same either way.
		if max(
			max(max(prev[3]+g[1], prev[4]+g[2]), max(prev[7]+g[3], prev[8]+g[4])),
			max(max(prev[11]+g[5], prev[12]+g[6]), max(prev[15]+g[7], prev[16]+g[8]))) <= p0 {
			o := &tt.fromO
			cur[0] = p0 + o[0] + row[0]
			cur[1] = p0 + o[1] + row[1]
			cur[4] = p0 + o[2] + row[4]
			cur[5] = p0 + o[3] + row[5]
			cur[8] = p0 + o[4] + row[8]
			cur[9] = p0 + o[5] + row[9]
			cur[12] = p0 + o[6] + row[12]
			cur[13] = p0 + o[7] + row[13]
			cur[16] = p0 + o[8] + row[16]
			out[i-1] = 1
		} else {
			pc := [len(closedTags)]int32{p0, prev[3], prev[4], prev[7], prev[8], prev[11], prev[12], prev[15], prev[16]}
			tt.openMaxima(&pc, row, cur)
			out[i-1] = 0
		}
		in := &tt.inner
		cur[2] = max(prev[1]+in[0][0], prev[2]+in[0][1]) + row[2]
		cur[3] = max(prev[1]+in[0][2], prev[2]+in[0][3]) + row[3]
		cur[6] = max(prev[5]+in[1][0], prev[6]+in[1][1]) + row[6]
		cur[7] = max(prev[5]+in[1][2], prev[6]+in[1][3]) + row[7]
		cur[10] = max(prev[9]+in[2][0], prev[10]+in[2][1]) + row[10]
		cur[11] = max(prev[9]+in[2][2], prev[10]+in[2][3]) + row[11]
		cur[14] = max(prev[13]+in[3][0], prev[14]+in[3][1]) + row[14]
		cur[15] = max(prev[13]+in[3][2], prev[14]+in[3][3]) + row[15]
		// Keep the scores far from overflow on long lines: only
		// differences matter, and O is always reachable.
		if base := cur[0]; base > 1<<28 || base < -(1<<28) {
			for t := range numTags {
				cur[t] -= base
			}
		}
		prev = cur
	}
	best, bestS := 0, int32(ninf)
	for t := range numTags {
		if canEnd(t) {
			if s := prev[t] + tt.end[t]; s > bestS {
				best, bestS = t, s
			}
		}
	}
	out[n-1] = uint8(best)
	for i := n - 1; i > 0; i-- {
		c := int(out[i])
		if out[i-1] != 0 && innerTags>>c&1 == 0 {
			// An open tag after a clear O: O is the best before it.
			out[i-1] = 0
			continue
		}
		out[i-1] = tt.argPrev(delta[(i-1)*numTags:i*numTags], c)
	}
}

// innerTags has bit t set for the I and L tags, the tags that follow B
// or I of their type.
const innerTags = 1<<2 | 1<<3 | 1<<6 | 1<<7 | 1<<10 | 1<<11 | 1<<14 | 1<<15

// openMaxima sets cur's open tags: each the best of the closed tags'
// scores pc with the transition, plus the tag's emission score in row.
func (tt *transTable) openMaxima(pc *[len(closedTags)]int32, row, cur *[numTags]int32) {
	var best [len(openTags)]int32
	for k := range best {
		tr := &tt.open[k]
		// A tree of maxima, not a chain: four steps of latency instead
		// of eight.
		best[k] = max(
			max(max(pc[0]+tr[0], pc[1]+tr[1]), max(pc[2]+tr[2], pc[3]+tr[3])),
			max(max(pc[4]+tr[4], pc[5]+tr[5]), max(pc[6]+tr[6], pc[7]+tr[7])),
			pc[8]+tr[8])
	}
	// Written out tag by tag, with constant indexes (see viterbi).
	cur[0], cur[1], cur[4] = best[0]+row[0], best[1]+row[1], best[2]+row[4]
	cur[5], cur[8], cur[9] = best[3]+row[5], best[4]+row[8], best[5]+row[9]
	cur[12], cur[13], cur[16] = best[6]+row[12], best[7]+row[13], best[8]+row[16]
}

// argPrev returns the best tag before tag c given the previous step's
// scores p, with the first of equals winning, as the forward pass had it.
// Open tags after a clear O are left to the caller.
func (tt *transTable) argPrev(ps []int32, c int) uint8 {
	p := (*[numTags]int32)(ps)
	if tagPart(c) == partI || tagPart(c) == partL {
		ty := tagType(c)
		b := 1 + 4*ty
		k := 0
		if tagPart(c) == partL {
			k = 2
		}
		if p[b+1]+tt.inner[ty][k+1] > p[b]+tt.inner[ty][k] {
			return uint8(b + 1)
		}
		return uint8(b)
	}
	tr := &tt.open[openIndex[c]]
	best, arg := p[0]+tr[0], 0
	for j := 1; j < len(closedTags); j++ {
		if s := p[closedTags[j]] + tr[j]; s > best {
			best, arg = s, j
		}
	}
	return closedTags[arg]
}
