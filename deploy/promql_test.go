package deploy_test

import (
	"slices"
	"strings"
	"testing"
)

// selector is one vector selector of a PromQL expression: a metric name
// and the text between its braces (empty when it has none).
type selector struct {
	Name     string
	Matchers string
}

// labelListKeywords are followed by a parenthesised list of label names,
// which must not be taken for metric names (go_version is a label of
// wirestream_build_info, not a metric).
var labelListKeywords = map[string]bool{
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
}

// notMetrics are identifiers that are never metric names when not followed
// by "(": binary operators, modifiers and number literals.
var notMetrics = map[string]bool{
	"and": true, "or": true, "unless": true, "bool": true, "offset": true, "atan2": true,
	"inf": true, "nan": true, "Inf": true, "NaN": true,
}

// aggregations may be followed by their by/without clause before "(".
var aggregations = map[string]bool{
	"sum": true, "min": true, "max": true, "avg": true, "group": true, "stddev": true, "stdvar": true,
	"count": true, "count_values": true, "bottomk": true, "topk": true, "quantile": true,
	"limitk": true, "limit_ratio": true,
}

// promqlSelectors lexes expr just enough to find its vector selectors:
// it skips string literals, range and subquery brackets, numbers and
// durations, Grafana variables, function and aggregation names, and the
// label lists of by/without/on/ignoring/group_left/group_right. A regular
// expression over the raw text would also match label names (go_version)
// and label values; promtool, not this lexer, checks the syntax.
func promqlSelectors(expr string) []selector {
	var out []selector
	s := expr
	i := 0
	skipSpace := func(j int) int {
		for j < len(s) && strings.ContainsRune(" \t\r\n", rune(s[j])) {
			j++
		}
		return j
	}
	// closing returns the index after the bracket that closes the one at
	// s[j], skipping string literals inside.
	closing := func(j int, open, close byte) int {
		depth := 0
		for j < len(s) {
			switch c := s[j]; {
			case c == '"' || c == '\'' || c == '`':
				j = skipString(s, j)
				continue
			case c == open:
				depth++
			case c == close:
				depth--
				if depth == 0 {
					return j + 1
				}
			}
			j++
		}
		return j
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"' || c == '\'' || c == '`':
			i = skipString(s, i)
		case c == '#': // comment to end of line
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '[':
			i = closing(i, '[', ']')
		case c == '{': // a selector without a metric name
			end := closing(i, '{', '}')
			out = append(out, selector{Matchers: strings.TrimSpace(s[i+1 : max(i+1, end-1)])})
			i = end
		case c == '$': // Grafana variable: $name or ${name}
			i++
			if i < len(s) && s[i] == '{' {
				i = closing(i, '{', '}')
			} else {
				for i < len(s) && isIdentChar(s[i]) {
					i++
				}
			}
		case c >= '0' && c <= '9' || c == '.':
			for i < len(s) && (isIdentChar(s[i]) || s[i] == '.') {
				i++
			}
		case isIdentStart(c):
			start := i
			for i < len(s) && isIdentChar(s[i]) {
				i++
			}
			word := s[start:i]
			next := skipSpace(i)
			switch {
			case labelListKeywords[word]:
				if next < len(s) && s[next] == '(' {
					i = closing(next, '(', ')')
				}
			case next < len(s) && s[next] == '(':
				// A function or aggregation; its arguments are lexed next.
			case aggregations[word] && (hasWord(s[next:], "by") || hasWord(s[next:], "without")):
				// sum by (job) (...): the clause is skipped next.
			case notMetrics[word]:
			default:
				sel := selector{Name: word}
				if next < len(s) && s[next] == '{' {
					end := closing(next, '{', '}')
					sel.Matchers = strings.TrimSpace(s[next+1 : max(next+1, end-1)])
					i = end
				}
				out = append(out, sel)
			}
		default:
			i++
		}
	}
	return out
}

// skipString returns the index after the string literal starting at s[i].
func skipString(s string, i int) int {
	quote := s[i]
	i++
	for i < len(s) && s[i] != quote {
		if s[i] == '\\' && quote != '`' {
			i++
		}
		i++
	}
	return i + 1
}

// hasWord reports whether s starts with the identifier word.
func hasWord(s, word string) bool {
	return strings.HasPrefix(s, word) && (len(s) == len(word) || !isIdentChar(s[len(word)]))
}

func isIdentStart(c byte) bool {
	return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func TestPromQLSelectors(t *testing.T) {
	tests := []struct {
		name string
		expr string
		want []selector
	}{
		{"bare metric", "go_goroutines", []selector{{Name: "go_goroutines"}}},
		{"rate with matchers and Grafana interval",
			`sum by (outcome) (rate(wirestream_messages_processed_total{job=~"$job", outcome!="retried"}[$__rate_interval]))`,
			[]selector{{Name: "wirestream_messages_processed_total", Matchers: `job=~"$job", outcome!="retried"`}}},
		{"label names and values are not metrics",
			`count by (version, go_version) (wirestream_build_info{go_version="go_x", version="process_y"})`,
			[]selector{{Name: "wirestream_build_info", Matchers: `go_version="go_x", version="process_y"`}}},
		{"recorded names, on/group_left and bool",
			`job:wirestream_dead_letters:rate5m / on (job) group_left (reason) job:x:y > bool 0.05`,
			[]selector{{Name: "job:wirestream_dead_letters:rate5m"}, {Name: "job:x:y"}}},
		{"and, or, absent, numbers and durations",
			`up{job=~".*wirestream.*"} == 0 or absent(up{job=~"a|b"}) and deriv(x[30m:1m]) > 1e3 offset 5m`,
			[]selector{{Name: "up", Matchers: `job=~".*wirestream.*"`}, {Name: "up", Matchers: `job=~"a|b"`}, {Name: "x"}}},
		{"selector without a name, braces inside strings",
			`{__name__="go_threads", x="}"} + process_open_fds / process_max_fds{a="{"}`,
			[]selector{{Matchers: `__name__="go_threads", x="}"`}, {Name: "process_open_fds"}, {Name: "process_max_fds", Matchers: `a="{"`}}},
		{"aggregation with the by clause after the arguments",
			`max(wirestream_stage_queue_length_items) without (instance)`,
			[]selector{{Name: "wirestream_stage_queue_length_items"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := promqlSelectors(tt.expr); !slices.Equal(got, tt.want) {
				t.Errorf("promqlSelectors(%q)\n got %q\nwant %q", tt.expr, got, tt.want)
			}
		})
	}
}
