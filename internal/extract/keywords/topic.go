package keywords

import (
	"bytes"
	"math"
	"strings"

	"github.com/wirestream/wirestream/event"
)

// Topic labels: the top level of the IPTC Media Topics vocabulary
// (https://cv.iptc.org/newscodes/mediatopic/), one short label each.
// IPTC's "human interest" has no label of its own: its stories are
// filed under society or lifestyle.
const (
	LabelArts        = "arts"        // medtop:01000000 arts, culture, entertainment and media
	LabelCrime       = "crime"       // medtop:02000000 crime, law and justice
	LabelDisaster    = "disaster"    // medtop:03000000 disaster, accident and emergency incident
	LabelEconomy     = "economy"     // medtop:04000000 economy, business and finance
	LabelEducation   = "education"   // medtop:05000000 education
	LabelEnvironment = "environment" // medtop:06000000 environment
	LabelHealth      = "health"      // medtop:07000000 health
	LabelLabour      = "labour"      // medtop:09000000 labour
	LabelLifestyle   = "lifestyle"   // medtop:10000000 lifestyle and leisure
	LabelPolitics    = "politics"    // medtop:11000000 politics (and government, diplomacy)
	LabelReligion    = "religion"    // medtop:12000000 religion
	LabelScience     = "science"     // medtop:13000000 science and technology
	LabelSociety     = "society"     // medtop:14000000 society
	LabelSport       = "sport"       // medtop:15000000 sport
	LabelConflict    = "conflict"    // medtop:16000000 conflict, war and peace
	LabelWeather     = "weather"     // medtop:17000000 weather
)

// Topic sources, the values of event.Topic.Source.
const (
	SourceFeed  = "feed"  // the feed's section named the label
	SourceRules = "rules" // the term lexicon chose it from the text
)

type labelInfo struct {
	name string
	iptc string // IPTC Media Topic code
}

// numLabels is the size of the label set.
const numLabels = 16

// labelSet returns the fixed label set in IPTC code order; a label's
// index is its number in the classifier. It is a function, not a
// package variable, so that nothing can change it.
func labelSet() [numLabels]labelInfo {
	return [numLabels]labelInfo{
		{LabelArts, "medtop:01000000"},
		{LabelCrime, "medtop:02000000"},
		{LabelDisaster, "medtop:03000000"},
		{LabelEconomy, "medtop:04000000"},
		{LabelEducation, "medtop:05000000"},
		{LabelEnvironment, "medtop:06000000"},
		{LabelHealth, "medtop:07000000"},
		{LabelLabour, "medtop:09000000"},
		{LabelLifestyle, "medtop:10000000"},
		{LabelPolitics, "medtop:11000000"},
		{LabelReligion, "medtop:12000000"},
		{LabelScience, "medtop:13000000"},
		{LabelSociety, "medtop:14000000"},
		{LabelSport, "medtop:15000000"},
		{LabelConflict, "medtop:16000000"},
		{LabelWeather, "medtop:17000000"},
	}
}

// Labels returns the topic label set in IPTC code order. The caller owns
// the slice.
func Labels() []string {
	set := labelSet()
	out := make([]string, len(set))
	for i, l := range set {
		out[i] = l.name
	}
	return out
}

// IPTCCode returns the IPTC Media Topic code ("medtop:04000000") of a
// label, and false for a label outside the set.
func IPTCCode(label string) (string, bool) {
	if i := labelIndex(label); i >= 0 {
		return labelSet()[i].iptc, true
	}
	return "", false
}

func labelIndex(name string) int {
	for i, l := range labelSet() {
		if l.name == name {
			return i
		}
	}
	return -1
}

// DefaultSectionTopics returns the table that maps a feed's section
// names to labels, keyed by the normalised name (see [NormalizeSection]).
// Regional and format sections ("World News", "Middle East", "Opinion")
// are deliberately absent: they say where or how, not what, and fall
// through to the rules. The caller owns the map; extend it with
// [WithSectionTopics].
func DefaultSectionTopics() map[string]string {
	m := map[string]string{}
	add := func(label string, names ...string) {
		for _, n := range names {
			m[NormalizeSection(n)] = label
		}
	}
	add(LabelEconomy, "Business", "Economy", "Economics", "Markets", "Market", "Finance",
		"Financial", "Money", "Companies", "Business & Economy", "Business & Finance",
		"Economy & Business", "Personal Finance", "Investing", "Industry", "Trade",
		"Energy", "Commodities", "Banking", "Real Estate", "Property", "Deals")
	add(LabelPolitics, "Politics", "US Politics", "UK Politics", "Government",
		"Elections", "Election", "Diplomacy", "Policy")
	add(LabelConflict, "Conflict", "War", "War & Conflict", "Conflicts", "Defence",
		"Defense", "Military")
	add(LabelCrime, "Crime", "Crime & Justice", "Law", "Legal", "Courts", "Justice",
		"Law & Order")
	add(LabelDisaster, "Disasters", "Disaster", "Emergencies", "Accidents")
	add(LabelHealth, "Health", "Medicine", "Health & Science", "Health & Medicine",
		"Coronavirus", "Global Health")
	add(LabelScience, "Science", "Technology", "Tech", "Science & Technology", "Sci-Tech",
		"SciTech", "Space", "Science & Environment", "Innovation", "Artificial Intelligence",
		"AI", "Digital", "Internet")
	add(LabelEnvironment, "Environment", "Climate", "Climate & Environment",
		"Environment & Climate", "Climate Change", "Nature", "Energy & Environment")
	add(LabelSport, "Sport", "Sports", "Football", "Soccer", "Cricket", "Tennis", "Rugby",
		"Golf", "Basketball", "Baseball", "Formula 1", "Formula One", "F1", "Motorsport",
		"Athletics", "Olympics", "Cycling", "Boxing", "Hockey", "Ice Hockey", "NFL", "NBA")
	add(LabelArts, "Arts", "Culture", "Arts & Culture", "Culture & Arts", "Entertainment",
		"Arts & Entertainment", "Entertainment & Arts", "Music", "Film", "Movies", "Books",
		"Media", "TV", "Television", "TV & Radio", "Theatre", "Theater", "Celebrity", "Showbiz")
	add(LabelSociety, "Society", "Social Affairs", "Immigration", "Human Rights",
		"Community", "Communities")
	add(LabelReligion, "Religion", "Faith", "Religion & Belief", "Faith & Religion",
		"Religion & Faith")
	add(LabelEducation, "Education", "Schools", "Higher Education", "Universities")
	add(LabelLabour, "Labour", "Labor", "Jobs", "Work", "Careers", "Employment",
		"Workplace", "Work & Careers", "Unions")
	add(LabelWeather, "Weather")
	add(LabelLifestyle, "Lifestyle", "Life & Style", "Living", "Travel", "Food & Drink",
		"Food", "Fashion", "Style", "Leisure", "Wellness", "Home & Garden", "Motoring",
		"Cars", "Autos", "Beauty", "Travel & Leisure", "Food & Wine")
	return m
}

// NormalizeSection folds a section name for the section table: lower
// case, "&" as "and", hyphens and runs of white space as one space, and a
// trailing "news" dropped ("Business News" is "business").
func NormalizeSection(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "&", " and ")
	s = strings.ReplaceAll(s, "-", " ")
	s = strings.Join(strings.Fields(s), " ")
	if t, ok := strings.CutSuffix(s, " news"); ok && t != "" {
		s = t
	}
	return s
}

// feedTopic returns the topic the feed's section names, or nil.
func (x *Extractor) feedTopic(section string) *event.Topic {
	if section == "" {
		return nil
	}
	label, ok := x.sections[NormalizeSection(section)]
	if !ok || label == "" {
		return nil
	}
	return &event.Topic{Label: label, Source: SourceFeed, Confidence: 1}
}

// Rule classifier constants, calibrated on the project's samples and
// the shared wire article (see doc.go).
const (
	// zone weights of a term occurrence
	weightHeadline   = 3
	weightStandfirst = 2
	weightBody       = 1
	// topicHalfScore is the label score at which the strength part of
	// the confidence is one half.
	topicHalfScore = 15.0
)

// classify scores every label over st.words and returns the best one
// with its confidence, or nil when the confidence is below the
// threshold.
func (x *Extractor) classify(st *scratch) *event.Topic {
	scores := x.labelScores(st)
	best, second := -1, -1
	for i, s := range scores {
		switch {
		case s <= 0:
		case best < 0 || s > scores[best]:
			best, second = i, best
		case second < 0 || s > scores[second]:
			second = i
		}
	}
	if best < 0 {
		return nil
	}
	var runnerUp float64
	if second >= 0 {
		runnerUp = scores[second]
	}
	conf := topicConfidence(scores[best], runnerUp)
	if conf < x.minTopicConfidence {
		return nil
	}
	return &event.Topic{Label: labelSet()[best].name, Source: SourceRules, Confidence: conf}
}

// labelScores sums, for every label, its terms' weights over the words
// of st, each term saturating with the number and place of its
// occurrences.
func (x *Extractor) labelScores(st *scratch) [numLabels]float64 {
	lex := x.lex
	if cap(st.topicAcc) < len(lex.topics) {
		st.topicAcc = make([]float64, len(lex.topics))
	}
	acc := st.topicAcc[:len(lex.topics)]
	st.touched = st.touched[:0]
	words := st.words
	for i := 0; i < len(words); i++ {
		for _, ti := range st.terms[words[i].term].topics {
			t := &lex.topics[ti]
			if !st.matches(i, t) {
				continue
			}
			if acc[ti] == 0 {
				st.touched = append(st.touched, ti)
			}
			switch words[i].zone {
			case zoneHeadline:
				acc[ti] += weightHeadline
			case zoneStandfirst:
				acc[ti] += weightStandfirst
			default:
				acc[ti] += weightBody
			}
			i += t.n - 1
			break
		}
	}
	var scores [numLabels]float64
	// Each term saturates: its fifth mention adds far less than its
	// first, so one repeated word cannot carry a label alone. The sum
	// runs in first-occurrence order, which the text fixes.
	for _, ti := range st.touched {
		t := &lex.topics[ti]
		scores[t.label] += t.weight * math.Log2(1+acc[ti])
		acc[ti] = 0
	}
	return scores
}

// topicConfidence turns the best and second-best label scores into a
// confidence in [0,1): the strength of the evidence (top/(top+half)),
// scaled down by up to a half when the runner-up is close.
func topicConfidence(top, runnerUp float64) float64 {
	if top <= 0 {
		return 0
	}
	strength := top / (top + topicHalfScore)
	margin := (top - runnerUp) / top
	return round3(strength * (0.5 + 0.5*margin))
}

// matches reports whether the words from i on spell the topic term t
// inside one sentence.
func (st *scratch) matches(i int, t *topicTerm) bool {
	if i+t.n > len(st.words) {
		return false
	}
	for k := 1; k < t.n; k++ {
		w := &st.words[i+k]
		if w.sent != st.words[i].sent || !bytes.EqualFold(st.termBytes(w.term), []byte(t.words[k])) {
			return false
		}
	}
	return true
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
