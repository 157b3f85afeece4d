// Package deploy_test checks the observability deliverables next to it:
// the Grafana dashboard (grafana/), the Prometheus recording and alerting
// rules with their unit tests (prometheus/) and the runbook they link to
// (docs/runbook.md). Every metric name they use must exist in a real
// scrape of a running worker, and promtool must accept the scrape, the
// rules and the dashboard's queries. promtool comes from
// scripts/ensure-promtool.sh; without it those checks skip, or fail when
// CI=true.
package deploy_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	dashboardPath = "grafana/wirestream-dashboard.json"
	rulesPath     = "prometheus/wirestream-rules.yaml"
	rulesTestPath = "prometheus/wirestream-rules.test.yaml"
	runbookPath   = "../docs/runbook.md"
	metricsDoc    = "../docs/metrics.md"
	// runbookURL is where alerts link to; anchors are GitHub's heading slugs.
	runbookURL = "https://github.com/wirestream/wirestream/blob/main/docs/runbook.md"
)

// syntheticMetrics are series Prometheus itself attaches to every target,
// so they are not in a worker's scrape.
var syntheticMetrics = map[string]bool{"up": true}

// ---- dashboard model --------------------------------------------------

type datasourceRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

type gridPos struct {
	H, W, X, Y int
}

type target struct {
	Datasource *datasourceRef `json:"datasource"`
	Expr       string         `json:"expr"`
	RefID      string         `json:"refId"`
}

type panel struct {
	ID         int            `json:"id"`
	Type       string         `json:"type"`
	Title      string         `json:"title"`
	Datasource *datasourceRef `json:"datasource"`
	GridPos    *gridPos       `json:"gridPos"`
	Targets    []target       `json:"targets"`
	Panels     []panel        `json:"panels"` // a collapsed row's panels
}

type variable struct {
	Type       string          `json:"type"`
	Name       string          `json:"name"`
	Query      json.RawMessage `json:"query"` // a string, or an object with "query"
	Definition string          `json:"definition"`
	Datasource *datasourceRef  `json:"datasource"`
	Multi      bool            `json:"multi"`
	IncludeAll bool            `json:"includeAll"`
}

// QueryText returns the variable's query whichever form it is stored in.
func (v variable) QueryText() string {
	var s string
	if json.Unmarshal(v.Query, &s) == nil {
		return s
	}
	var obj struct {
		Query string `json:"query"`
	}
	if json.Unmarshal(v.Query, &obj) == nil && obj.Query != "" {
		return obj.Query
	}
	return v.Definition
}

type dashboard struct {
	UID           string  `json:"uid"`
	Title         string  `json:"title"`
	SchemaVersion int     `json:"schemaVersion"`
	Panels        []panel `json:"panels"`
	Templating    struct {
		List []variable `json:"list"`
	} `json:"templating"`
}

// row is a dashboard row with the panels under it, collapsed or not.
type row struct {
	Title  string
	Panels []panel
}

// Rows groups the dashboard's panels by row, in order; panels before the
// first row go in a row with an empty title.
func (d dashboard) Rows() []row {
	var rows []row
	for _, p := range d.Panels {
		if p.Type == "row" {
			rows = append(rows, row{Title: p.Title, Panels: p.Panels})
			continue
		}
		if len(rows) == 0 {
			rows = append(rows, row{})
		}
		rows[len(rows)-1].Panels = append(rows[len(rows)-1].Panels, p)
	}
	return rows
}

// query is one PromQL expression of the dashboard or the rules, with
// where it comes from for error messages.
type query struct {
	Where string
	Expr  string
}

// Queries returns every panel target's expression and the metric
// selector of every label_values() variable query.
func (d dashboard) Queries() []query {
	var out []query
	for _, r := range d.Rows() {
		for _, p := range r.Panels {
			for _, tg := range p.Targets {
				out = append(out, query{fmt.Sprintf("panel %d %q target %s", p.ID, p.Title, tg.RefID), tg.Expr})
			}
		}
	}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		if m := labelValues.FindStringSubmatch(v.QueryText()); m != nil && m[1] != "" {
			out = append(out, query{fmt.Sprintf("variable $%s", v.Name), m[1]})
		}
	}
	return out
}

// labelValues matches Grafana's label_values(selector, label) and
// label_values(label) variable queries.
var labelValues = regexp.MustCompile(`^\s*label_values\(\s*(?:(.*?)\s*,\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$`)

func loadDashboard(t *testing.T) dashboard {
	t.Helper()
	data, err := os.ReadFile(dashboardPath)
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("%s does not parse: %v", dashboardPath, err)
	}
	return d
}

// ---- dashboard --------------------------------------------------------

var wantRows = []string{"Overview", "Backpressure", "Latency", "Errors", "Connection", "Resources"}

var panelTypes = map[string]bool{"timeseries": true, "stat": true, "gauge": true, "state-timeline": true, "table": true}

func TestDashboardModel(t *testing.T) {
	d := loadDashboard(t)
	if d.SchemaVersion < 39 {
		t.Errorf("schemaVersion %d; want the Grafana 11+ model (39 or later)", d.SchemaVersion)
	}
	if d.UID == "" || d.Title == "" {
		t.Errorf("uid %q, title %q: both are needed for provisioning", d.UID, d.Title)
	}

	vars := map[string]variable{}
	for _, v := range d.Templating.List {
		vars[v.Name] = v
	}
	if ds, ok := vars["datasource"]; !ok || ds.Type != "datasource" || ds.QueryText() != "prometheus" {
		t.Errorf("want a variable datasource of type datasource with query prometheus, got %+v", ds)
	}
	for _, name := range []string{"job", "instance"} {
		v, ok := vars[name]
		if !ok {
			t.Errorf("no $%s variable", name)
			continue
		}
		m := labelValues.FindStringSubmatch(v.QueryText())
		if v.Type != "query" || m == nil || m[2] != name || !isDatasourceVar(v.Datasource) {
			t.Errorf("$%s: want type query, label_values(..., %s) on ${datasource}; got %+v query %q", name, name, v, v.QueryText())
		}
		if !v.Multi || !v.IncludeAll {
			t.Errorf("$%s: want multi-value with All", name)
		}
	}
	if q := vars["instance"].QueryText(); !strings.Contains(q, `job=~"$job"`) {
		t.Errorf("$instance query %q does not follow $job", q)
	}

	var titles []string
	for _, r := range d.Rows() {
		titles = append(titles, r.Title)
	}
	if !slices.Equal(titles, wantRows) {
		t.Errorf("rows %q, want %q", titles, wantRows)
	}

	ids := map[int]string{}
	var placed []panel
	for _, p := range d.Panels {
		if p.Type == "row" {
			checkGrid(t, p, ids)
		}
	}
	for _, r := range d.Rows() {
		if len(r.Panels) == 0 {
			t.Errorf("row %q has no panels", r.Title)
		}
		for _, p := range r.Panels {
			name := fmt.Sprintf("row %q panel %d %q", r.Title, p.ID, p.Title)
			checkGrid(t, p, ids)
			if p.GridPos != nil {
				placed = append(placed, p)
			}
			if !panelTypes[p.Type] {
				t.Errorf("%s: type %q, want one of timeseries, stat, gauge, state-timeline, table", name, p.Type)
			}
			if p.Title == "" {
				t.Errorf("%s: no title", name)
			}
			if !isDatasourceVar(p.Datasource) {
				t.Errorf("%s: datasource %+v, want ${datasource}", name, p.Datasource)
			}
			if len(p.Targets) == 0 {
				t.Errorf("%s: no queries", name)
			}
			refs := map[string]bool{}
			for _, tg := range p.Targets {
				if strings.TrimSpace(tg.Expr) == "" || tg.RefID == "" || refs[tg.RefID] {
					t.Errorf("%s: target %+v lacks an expression or a unique refId", name, tg)
				}
				refs[tg.RefID] = true
				if tg.Datasource != nil && !isDatasourceVar(tg.Datasource) {
					t.Errorf("%s: target %s datasource %+v, want ${datasource}", name, tg.RefID, tg.Datasource)
				}
			}
		}
	}
	for i, a := range placed {
		for _, b := range placed[i+1:] {
			if overlap(*a.GridPos, *b.GridPos) {
				t.Errorf("panels %d %q and %d %q overlap", a.ID, a.Title, b.ID, b.Title)
			}
		}
	}
}

func isDatasourceVar(ds *datasourceRef) bool {
	return ds != nil && ds.Type == "prometheus" && ds.UID == "${datasource}"
}

// checkGrid checks a panel's id is unique and it lies within the 24-column grid.
func checkGrid(t *testing.T, p panel, ids map[int]string) {
	t.Helper()
	if other, dup := ids[p.ID]; dup || p.ID <= 0 {
		t.Errorf("panel %q: id %d is not unique and positive (also %q)", p.Title, p.ID, other)
	}
	ids[p.ID] = p.Title
	if g := p.GridPos; g == nil || g.W <= 0 || g.H <= 0 || g.X < 0 || g.Y < 0 || g.X+g.W > 24 {
		t.Errorf("panel %d %q: gridPos %+v outside the 24-column grid", p.ID, p.Title, g)
	}
}

func overlap(a, b gridPos) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// TestDashboardRowsShowRequiredMetrics keeps what SREs look for in each
// row: the metric (or recording rule) names that must appear in it.
func TestDashboardRowsShowRequiredMetrics(t *testing.T) {
	tests := []struct {
		row  string
		want []string
	}{
		{"Overview", []string{"wirestream_messages_received_total", "wirestream_messages_processed_total",
			"wirestream_dead_letters_total", "wirestream_consumer_pending_messages",
			"wirestream_consumer_ack_pending_messages", "wirestream_nats_connected"}},
		{"Backpressure", []string{"wirestream_stage_queue_length_items", "wirestream_stage_queue_capacity_items",
			"wirestream_stage_blocked_seconds_total", "wirestream_in_flight_messages", "wirestream_publish_pending_messages"}},
		{"Latency", []string{"wirestream_stage_duration_seconds_bucket", "wirestream_end_to_end_latency_seconds_bucket",
			"wirestream_publish_duration_seconds_bucket", "histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,"}},
		{"Errors", []string{"wirestream_dead_letters_total", "wirestream_redeliveries_total",
			"wirestream_publish_errors_total", `outcome=~"retried|duplicate"`}},
		{"Connection", []string{"wirestream_nats_connected", "wirestream_nats_reconnects_total", "wirestream_nats_disconnects_total"}},
		{"Resources", []string{"process_cpu_seconds_total", "process_resident_memory_bytes",
			"go_memstats_heap_alloc_bytes", "go_goroutines"}},
	}
	d := loadDashboard(t)
	exprs := map[string]string{}
	for _, r := range d.Rows() {
		for _, p := range r.Panels {
			for _, tg := range p.Targets {
				exprs[r.Title] += tg.Expr + "\n"
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.row, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(exprs[tt.row], w) {
					t.Errorf("row %s shows no %s", tt.row, w)
				}
			}
		})
	}
}

// TestDashboardSelectorsUseVariables: every series the dashboard reads is
// filtered by $job and $instance, so the variables mean what they say.
func TestDashboardSelectorsUseVariables(t *testing.T) {
	d := loadDashboard(t)
	for _, q := range d.Queries() {
		if strings.HasPrefix(q.Where, "variable") {
			continue
		}
		sels := promqlSelectors(q.Expr)
		if len(sels) == 0 {
			t.Errorf("%s: no metric in %q", q.Where, q.Expr)
		}
		for _, s := range sels {
			if !strings.Contains(s.Matchers, `job=~"$job"`) || !strings.Contains(s.Matchers, `instance=~"$instance"`) {
				t.Errorf("%s: %s{%s} is not filtered by job=~\"$job\" and instance=~\"$instance\"", q.Where, s.Name, s.Matchers)
			}
		}
	}
}

// ---- metric names against a real scrape -------------------------------

// exportedNames returns the series names of a text-format scrape
// (histograms as their _bucket, _sum and _count series).
func exportedNames(body string) map[string]bool {
	names := map[string]bool{}
	for _, line := range strings.Split(body, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.IndexAny(line, "{ "); i > 0 {
			names[line[:i]] = true
		}
	}
	return names
}

// unknownMetrics returns the names in expr that are neither in the scrape
// (exported), nor synthetic, nor recorded by the rules.
func unknownMetrics(expr string, exported, recorded map[string]bool) []string {
	var bad []string
	for _, s := range promqlSelectors(expr) {
		switch {
		case s.Name == "":
			bad = append(bad, "{"+s.Matchers+"} (a selector without a metric name cannot be checked)")
		case strings.Contains(s.Name, ":"):
			if !recorded[s.Name] {
				bad = append(bad, s.Name+" (no recording rule defines it)")
			}
		case syntheticMetrics[s.Name]:
		case !exported[s.Name]:
			bad = append(bad, s.Name)
		}
	}
	return bad
}

func recordedNames(rules []rule) map[string]bool {
	out := map[string]bool{}
	for _, r := range rules {
		if r.Record != "" {
			out[r.Record] = true
		}
	}
	return out
}

func TestDashboardAndRulesUseOnlyExportedMetrics(t *testing.T) {
	body := realScrape(t)
	exported := exportedNames(body)
	for _, must := range []string{"wirestream_build_info", "wirestream_stage_duration_seconds_bucket", "go_goroutines", "process_resident_memory_bytes"} {
		if !exported[must] {
			t.Fatalf("the scrape lacks %s; is the fixture broken?\n%s", must, body)
		}
	}
	rules := readRules(t, rulesPath)
	recorded := recordedNames(rules)

	queries := loadDashboard(t).Queries()
	for _, r := range rules {
		queries = append(queries, query{fmt.Sprintf("%s:%d %s", rulesPath, r.Line, r.Name()), r.Expr})
	}
	used := map[string]bool{}
	for _, q := range queries {
		if len(promqlSelectors(q.Expr)) == 0 {
			t.Errorf("%s: no metric found in %q", q.Where, q.Expr)
		}
		for _, name := range unknownMetrics(q.Expr, exported, recorded) {
			t.Errorf("%s: unknown metric %s in %q", q.Where, name, q.Expr)
		}
		for _, s := range promqlSelectors(q.Expr) {
			used[s.Name] = true
		}
	}

	// Not an error: a metric may be for ad-hoc queries only. Listed so
	// that a new metric is a conscious omission.
	var unused []string
	for name := range exported {
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if strings.HasPrefix(name, "wirestream_") && !used[name] && !used[base+"_bucket"] && !usedInRecorded(base, recorded) {
			unused = append(unused, name)
		}
	}
	sort.Strings(unused)
	t.Logf("wirestream series on neither the dashboard nor in the rules: %v", unused)
}

func usedInRecorded(base string, recorded map[string]bool) bool {
	for r := range recorded {
		if strings.Contains(r, ":"+base) {
			return true
		}
	}
	return false
}

// ---- rule conventions ---------------------------------------------------

var (
	recordName = regexp.MustCompile(`^[a-z]+(_[a-z]+)*:wirestream_[a-z0-9_]+:[a-z0-9_]+$`)
	alertName  = regexp.MustCompile(`^Wirestream[A-Z][A-Za-z0-9]+$`)
)

// wantAlerts are the alerts SREs asked for; more are allowed.
var wantAlerts = []string{
	"WirestreamConsumerLagHigh", "WirestreamConsumerLagGrowing", "WirestreamNoThroughput",
	"WirestreamDeadLetterRateHigh", "WirestreamStageBackpressure", "WirestreamPublishErrors",
	"WirestreamDisconnected", "WirestreamRedeliveriesHigh", "WirestreamEndToEndLatencyHigh",
	"WirestreamWorkerDown",
}

func TestRuleConventions(t *testing.T) {
	rules := readRules(t, rulesPath)
	runbook, err := os.ReadFile(runbookPath)
	if err != nil {
		t.Fatal(err)
	}
	anchors := headingAnchors(string(runbook))
	unitTests, err := os.ReadFile(rulesTestPath)
	if err != nil {
		t.Fatal(err)
	}

	seen := map[string]bool{}
	defined := map[string]bool{}
	for _, r := range rules {
		where := fmt.Sprintf("%s:%d %s", rulesPath, r.Line, r.Name())
		if seen[r.Name()] {
			t.Errorf("%s: defined twice", where)
		}
		seen[r.Name()] = true
		if r.Record != "" {
			if !recordName.MatchString(r.Record) {
				t.Errorf("%s: want level:metric:operations with a wirestream_ metric", where)
			}
			// A recorded series used before its rule would be read one
			// evaluation late.
			for _, s := range promqlSelectors(r.Expr) {
				if strings.Contains(s.Name, ":") && !defined[s.Name] {
					t.Errorf("%s: uses %s before it is recorded", where, s.Name)
				}
			}
			defined[r.Record] = true
			continue
		}
		if !alertName.MatchString(r.Alert) {
			t.Errorf("%s: alert names are WirestreamCamelCase", where)
		}
		if d, err := time.ParseDuration(r.For); err != nil || d < 0 {
			t.Errorf("%s: for %q, want an explicit duration", where, r.For)
		}
		if sev := r.Labels["severity"]; sev != "critical" && sev != "warning" {
			t.Errorf("%s: severity %q, want critical or warning", where, sev)
		}
		for _, a := range []string{"summary", "description"} {
			if strings.TrimSpace(r.Annotations[a]) == "" {
				t.Errorf("%s: no %s annotation", where, a)
			}
		}
		anchor := strings.ToLower(r.Alert)
		if want := runbookURL + "#" + anchor; r.Annotations["runbook_url"] != want {
			t.Errorf("%s: runbook_url %q, want %q", where, r.Annotations["runbook_url"], want)
		}
		if !anchors[anchor] {
			t.Errorf("%s: %s has no section ## %s", where, runbookPath, r.Alert)
		}
		if !strings.Contains(string(unitTests), "alertname: "+r.Alert+"\n") {
			t.Errorf("%s: no promtool unit test in %s", where, rulesTestPath)
		}
	}
	for _, a := range wantAlerts {
		if !seen[a] {
			t.Errorf("no alert %s", a)
		}
	}
	for anchor := range anchors {
		if strings.HasPrefix(anchor, "wirestream") && !slices.ContainsFunc(rules, func(r rule) bool { return strings.ToLower(r.Alert) == anchor }) {
			t.Errorf("%s: section #%s has no alert", runbookPath, anchor)
		}
	}
}

// headingAnchors returns the GitHub anchors of a Markdown file's headings.
func headingAnchors(md string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(title) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		out[b.String()] = true
	}
	return out
}

func TestMetricsDocPointsToDashboardAndAlerts(t *testing.T) {
	doc, err := os.ReadFile(metricsDoc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Dashboard and alerts", "deploy/grafana/wirestream-dashboard.json",
		"deploy/prometheus/wirestream-rules.yaml", "runbook.md"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("%s lacks %q", metricsDoc, want)
		}
	}
}

// ---- promtool -------------------------------------------------------------

// promtool returns promtool's path. Without it the test skips, loudly, or
// fails when CI=true, so that CI cannot pass without running the checks.
func promtool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("promtool")
	if err == nil {
		return path
	}
	const msg = "promtool is not on PATH, so this promtool check DID NOT RUN. " +
		"Install it with scripts/ensure-promtool.sh (Debian/Ubuntu package `prometheus`, via apt-get) " +
		"or put promtool from https://prometheus.io/download/ on PATH."
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " CI=true requires it.")
	}
	t.Skip("!!! SKIPPED !!! " + msg)
	return ""
}

// runPromtool runs promtool with args (and stdin, if any) and returns its
// combined output.
func runPromtool(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	bin := promtool(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, bin, "--version").CombinedOutput(); err == nil {
		t.Logf("%s", strings.SplitN(string(out), "\n", 2)[0])
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	t.Logf("promtool %s:\n%s", strings.Join(args, " "), out)
	return string(out), err
}

func TestScrapePassesPromtoolCheckMetrics(t *testing.T) {
	promtool(t) // skip before starting a worker
	body := realScrape(t)
	out, err := runPromtool(t, body, "check", "metrics")
	if err != nil || strings.TrimSpace(out) != "" {
		t.Errorf("promtool check metrics on a real scrape: %v\n%s", err, out)
	}
}

var rulesFound = regexp.MustCompile(`SUCCESS: (\d+) rules found`)

func TestRulesPassPromtoolCheck(t *testing.T) {
	out, err := runPromtool(t, "", "check", "rules", "--lint=all", "--lint-fatal", rulesPath)
	if err != nil {
		t.Fatalf("promtool check rules: %v\n%s", err, out)
	}
	m := rulesFound.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("promtool check rules: no rule count in\n%s", out)
	}
	// The line parser of these tests must see what Prometheus sees.
	if n, _ := strconv.Atoi(m[1]); n != len(readRules(t, rulesPath)) {
		t.Errorf("promtool found %d rules, readRules %d", n, len(readRules(t, rulesPath)))
	}
}

func TestRulesPromtoolUnitTests(t *testing.T) {
	out, err := runPromtool(t, "", "test", "rules", rulesTestPath)
	if err != nil || !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool test rules: %v\n%s", err, out)
	}
	if n := strings.Count(readFile(t, rulesTestPath), "alertname: "); n < 3 {
		t.Errorf("%s tests %d alert evaluations, want at least 3", rulesTestPath, n)
	}
}

// grafanaIntervals replaces Grafana's interval variables with durations;
// grafanaVar matches any other variable, which is used as a label regex.
var (
	grafanaIntervals = strings.NewReplacer("$__rate_interval", "5m", "${__rate_interval}", "5m",
		"$__interval", "1m", "${__interval}", "1m", "$__range", "1h", "${__range}", "1h")
	grafanaVar = regexp.MustCompile(`\$\{[A-Za-z0-9_]+(?::[a-z]+)?\}|\$[A-Za-z0-9_]+`)
)

// TestDashboardQueriesParseWithPromtool has promtool parse every dashboard
// query (with Grafana variables replaced) as a recording rule.
func TestDashboardQueriesParseWithPromtool(t *testing.T) {
	promtool(t)
	type recordRule struct {
		Record string `json:"record"`
		Expr   string `json:"expr"`
	}
	type group struct {
		Name  string       `json:"name"`
		Rules []recordRule `json:"rules"`
	}
	g := group{Name: "dashboard"}
	var where strings.Builder
	for i, q := range loadDashboard(t).Queries() {
		expr := grafanaVar.ReplaceAllString(grafanaIntervals.Replace(q.Expr), ".+")
		g.Rules = append(g.Rules, recordRule{Record: fmt.Sprintf("dashboard:query_%d:expr", i), Expr: expr})
		fmt.Fprintf(&where, "dashboard:query_%d:expr is %s\n", i, q.Where)
	}
	// JSON is YAML, and promtool reads rule files as YAML.
	data, err := json.MarshalIndent(map[string][]group{"groups": {g}}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dashboard-queries.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runPromtool(t, "", "check", "rules", "--lint=none", path)
	if err != nil {
		t.Errorf("dashboard queries do not parse: %v\n%s\n%s", err, out, where.String())
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
