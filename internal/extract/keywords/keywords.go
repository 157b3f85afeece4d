package keywords

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "keywords"

// Extractor is the keywords stage: it sets Event.Keywords and
// Event.Topic. It is immutable after [New] and safe for concurrent use by
// several goroutines, each with its own Document; it keeps no state
// between articles apart from pooled scratch memory.
type Extractor struct {
	lex                *lexicon
	sections           map[string]string // normalised section → label ("" = not a topic)
	maxKeywords        int
	maxWords           int
	minTopicConfidence float64
	pool               sync.Pool // *scratch
}

var _ extract.Stage = (*Extractor)(nil)

// scratch is the per-article working memory, reused through a pool.
type scratch struct {
	paras        []event.Paragraph
	sents        []event.Span
	words        []word
	arena        []byte  // lower-case forms of the words
	slots        []int32 // open-addressing table of surfaces, then of terms: 1 + id, 0 empty
	surfs        []surface
	foldArena    []byte
	pendingBreak bool
	terms        []termStat
	next         []int32
	edges        pairTable // a<<32|b → index in edgeList
	edgeList     []edge
	edgeAt       []int32 // per word: the pair it ends, or -1
	uniCand      []int32 // per term: its one-word candidate, or -1
	biCand       []int32 // per pair: its two-word candidate, or -1
	cands        []cand
	triCand      pairTable // packKey(term ids) → index in cands
	order        []rankKey
	chosen       []int32
	occ          []occurrence
	posCache     []float64 // position by twice the median sentence; pure, kept across articles
	logCache     []float64 // ln by term frequency; pure, kept across articles
	mentions     []mention
	topicAcc     []float64
	touched      []int32
}

func newScratch() *scratch {
	return &scratch{}
}

func (st *scratch) reset() {
	st.paras, st.sents, st.words, st.arena = st.paras[:0], st.sents[:0], st.words[:0], st.arena[:0]
	st.surfs, st.foldArena = st.surfs[:0], st.foldArena[:0]
	st.pendingBreak = false
	st.terms, st.cands, st.order, st.chosen = st.terms[:0], st.cands[:0], st.order[:0], st.chosen[:0]
	st.mentions = st.mentions[:0]
}

// New returns the keywords stage with the defaults changed by opts. It
// fails only on an invalid option.
func New(opts ...Option) (*Extractor, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("new keywords stage: %w", err)
		}
	}
	lex, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("new keywords stage: %w", err)
	}
	x := &Extractor{
		lex:                lex,
		sections:           cfg.sections,
		maxKeywords:        cfg.maxKeywords,
		maxWords:           cfg.maxWords,
		minTopicConfidence: cfg.minTopicConfidence,
	}
	x.pool.New = func() any { return newScratch() }
	return x, nil
}

// put returns st to the pool. A scratch holds copies of the article's
// offsets and words, never references into it, so a pooled scratch
// keeps no text alive.
func (x *Extractor) put(st *scratch) {
	x.pool.Put(st)
}

// Name implements [extract.Stage].
func (x *Extractor) Name() string { return StageName }

// Process implements [extract.Stage]. It sets Event.Topic from the feed's
// section when the section table knows it, for any language. For English
// articles it sets Event.Keywords and, when the section gave no topic,
// Event.Topic from the rule classifier (nil below the confidence
// threshold); other languages are marked skipped. It never fails on any
// text; it returns an error only when ctx is done.
func (x *Extractor) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract keywords: %w", err)
	}
	doc.Event.Keywords = nil
	doc.Event.Topic = x.feedTopic(doc.Event.Section)
	if !doc.English() {
		doc.MarkSkipped(StageName, "language "+doc.Event.Language.Code)
		return nil
	}
	st := x.pool.Get().(*scratch)
	defer x.put(st)
	complete := x.analyze(st, doc)
	doc.Event.Keywords = st.selectKeywords(doc.Event.Text, x.maxKeywords)
	if doc.Event.Topic == nil {
		doc.Event.Topic = x.classify(st)
	}
	if !complete {
		doc.Warn(StageName, "text longer than "+strconv.Itoa(x.maxWords)+" words: only the first were used")
	}
	return nil
}

// Keywords returns the key phrases of doc's text, best first, whatever
// its language; nil when it has none. It reads doc and does not change
// it.
func (x *Extractor) Keywords(doc *extract.Document) []event.Keyword {
	st := x.pool.Get().(*scratch)
	defer x.put(st)
	x.analyze(st, doc)
	return st.selectKeywords(doc.Event.Text, x.maxKeywords)
}

// Topic returns doc's topic: from the feed's section when the table
// knows it, else from the rule classifier, or nil when the classifier's
// confidence is below the threshold. It reads doc and does not change
// it.
func (x *Extractor) Topic(doc *extract.Document) *event.Topic {
	if t := x.feedTopic(doc.Event.Section); t != nil {
		return t
	}
	st := x.pool.Get().(*scratch)
	defer x.put(st)
	x.segmentOnly(st, doc)
	return x.classify(st)
}

// analyze runs everything up to the scored candidates into st. It
// returns false when the text had more than maxWords words.
func (x *Extractor) analyze(st *scratch, doc *extract.Document) bool {
	complete := x.segmentOnly(st, doc)
	st.markMentions(doc.Event.Entities, len(doc.Event.Text))
	st.cooccur()
	st.scoreTerms()
	st.candidates()
	st.markFragments()
	st.scoreCandidates()
	return complete
}

// segmentOnly resets st, splits doc into words and interns them.
func (x *Extractor) segmentOnly(st *scratch, doc *extract.Document) bool {
	st.reset()
	complete := x.segment(st, doc)
	x.intern(st)
	return complete
}
