package deploy_test

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// rule is one rule of a Prometheus rule file, as far as these tests need
// it. The file is parsed by lines (the module has no YAML library and
// adding one is not this package's call); promtool parses it for real and
// TestRulesPassPromtoolCheck checks that both found the same rules.
type rule struct {
	Record, Alert string
	Expr          string
	For           string
	Labels        map[string]string
	Annotations   map[string]string
	Line          int
}

// Name returns the recorded metric or the alert name.
func (r rule) Name() string { return r.Record + r.Alert }

var (
	ruleStart = regexp.MustCompile(`^(\s*)- (record|alert):\s*(\S+)\s*$`)
	keyValue  = regexp.MustCompile(`^(\s*)([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$`)
)

// readRules parses the rules of a rule file written in the layout of
// deploy/prometheus: `- record:`/`- alert:` items with `expr` (inline or a
// block scalar), `for`, and `labels`/`annotations` maps of one-line values.
func readRules(t *testing.T, path string) []rule {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := parseRules(string(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rules
}

func parseRules(text string) ([]rule, error) {
	lines := strings.Split(text, "\n")
	var rules []rule
	for i := 0; i < len(lines); i++ {
		m := ruleStart.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		r := rule{Line: i + 1, Labels: map[string]string{}, Annotations: map[string]string{}}
		if m[2] == "record" {
			r.Record = m[3]
		} else {
			r.Alert = m[3]
		}
		keyCol := len(m[1]) + 2 // the column of "record:" and of its siblings
		var section map[string]string
		for i+1 < len(lines) {
			line := lines[i+1]
			trimmed := strings.TrimSpace(line)
			if trimmed == "" || strings.HasPrefix(trimmed, "#") {
				i++
				continue
			}
			kv := keyValue.FindStringSubmatch(line)
			indent := len(line) - len(strings.TrimLeft(line, " "))
			if indent < keyCol || kv == nil && indent == keyCol {
				break // the next rule or group
			}
			i++
			if indent > keyCol {
				if section == nil || kv == nil {
					return nil, fmt.Errorf("line %d: unexpected %q", i+1, trimmed)
				}
				v, err := scalar(kv[3])
				if err != nil {
					return nil, fmt.Errorf("line %d: %w", i+1, err)
				}
				section[kv[2]] = v
				continue
			}
			section = nil
			switch key, value := kv[2], kv[3]; key {
			case "expr":
				if strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">") {
					var block []string
					for i+1 < len(lines) {
						next := lines[i+1]
						if strings.TrimSpace(next) != "" && len(next)-len(strings.TrimLeft(next, " ")) <= keyCol {
							break
						}
						block = append(block, strings.TrimSpace(next))
						i++
					}
					r.Expr = strings.TrimSpace(strings.Join(block, "\n"))
				} else {
					v, err := scalar(value)
					if err != nil {
						return nil, fmt.Errorf("line %d: %w", i+1, err)
					}
					r.Expr = v
				}
			case "for":
				v, err := scalar(value)
				if err != nil {
					return nil, fmt.Errorf("line %d: %w", i+1, err)
				}
				r.For = v
			case "labels":
				section = r.Labels
			case "annotations":
				section = r.Annotations
			default:
				return nil, fmt.Errorf("line %d: unknown rule key %q", i+1, key)
			}
		}
		if r.Expr == "" {
			return nil, fmt.Errorf("line %d: rule %s has no expr", r.Line, r.Name())
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// scalar decodes a one-line YAML scalar: plain, 'single' or "double" quoted.
func scalar(v string) (string, error) {
	switch {
	case strings.HasPrefix(v, "'"):
		if len(v) < 2 || !strings.HasSuffix(v, "'") {
			return "", fmt.Errorf("unterminated single-quoted value %s", v)
		}
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'"), nil
	case strings.HasPrefix(v, `"`):
		return strconv.Unquote(v)
	default:
		if i := strings.Index(v, " #"); i >= 0 {
			v = v[:i]
		}
		return strings.TrimSpace(v), nil
	}
}

func TestParseRules(t *testing.T) {
	const text = `groups:
  - name: g
    rules:
      # a comment
      - record: job:x:rate5m
        expr: sum by (job) (rate(x_total[5m]))
      - alert: A
        expr: |
          job:x:rate5m
            > 1
        for: 5m # comment
        labels:
          severity: warning
        annotations:
          summary: 'it''s {{ $labels.job }}'
          runbook_url: https://example.com/r.md#a
  - name: h
    rules:
      - alert: B
        expr: up == 0
`
	got, err := parseRules(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []rule{
		{Record: "job:x:rate5m", Expr: "sum by (job) (rate(x_total[5m]))", Line: 5},
		{Alert: "A", Expr: "job:x:rate5m\n> 1", For: "5m", Line: 7,
			Labels:      map[string]string{"severity": "warning"},
			Annotations: map[string]string{"summary": "it's {{ $labels.job }}", "runbook_url": "https://example.com/r.md#a"}},
		{Alert: "B", Expr: "up == 0", Line: 19},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rules %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name() != w.Name() || g.Expr != w.Expr || g.For != w.For || g.Line != w.Line ||
			fmt.Sprint(g.Labels) != fmt.Sprint(orEmpty(w.Labels)) || fmt.Sprint(g.Annotations) != fmt.Sprint(orEmpty(w.Annotations)) {
			t.Errorf("rule %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
