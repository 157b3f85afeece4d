// Package k8s_test checks the Kubernetes deployment in deploy/k8s: every
// manifest decodes strictly into its API type, every kustomization renders,
// and the manifests agree with the code they deploy (flags, ports, probe
// paths, stream and consumer settings, alert rules, dashboard, image build).
// It needs no cluster and no network.
package k8s_test

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

var update = flag.Bool("update", false, "rewrite base/prometheusrule.yaml and base/wirestream-dashboard.json from deploy/prometheus and deploy/grafana")

// Paths relative to this package's directory.
const (
	rulesSource     = "../prometheus/wirestream-rules.yaml"
	dashboardSource = "../grafana/wirestream-dashboard.json"
	rulesCopy       = "base/prometheusrule.yaml"
	dashboardCopy   = "base/wirestream-dashboard.json"
	dashboardKey    = "wirestream-dashboard.json"
	exampleOverlay  = "overlays/example"
	tlsOverlay      = "overlays/example-tls"
	replayOverlay   = "overlays/replay"
	noKEDAOverlay   = "overlays/no-keda"
	namespace       = "wirestream"
)

// newObject returns an empty typed object for an apiVersion and kind, the
// only kinds deploy/k8s may contain.
var newObject = map[string]func() any{
	"v1/ConfigMap":                                  func() any { return &corev1.ConfigMap{} },
	"v1/Namespace":                                  func() any { return &corev1.Namespace{} },
	"v1/Service":                                    func() any { return &corev1.Service{} },
	"v1/ServiceAccount":                             func() any { return &corev1.ServiceAccount{} },
	"apps/v1/Deployment":                            func() any { return &appsv1.Deployment{} },
	"autoscaling/v2/HorizontalPodAutoscaler":        func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"networking.k8s.io/v1/NetworkPolicy":            func() any { return &networkingv1.NetworkPolicy{} },
	"policy/v1/PodDisruptionBudget":                 func() any { return &policyv1.PodDisruptionBudget{} },
	"monitoring.coreos.com/v1/ServiceMonitor":       func() any { return &serviceMonitor{} },
	"monitoring.coreos.com/v1/PrometheusRule":       func() any { return &prometheusRule{} },
	"keda.sh/v1alpha1/ScaledObject":                 func() any { return &scaledObject{} },
	"jetstream.nats.io/v1beta2/Stream":              func() any { return &nackStream{} },
	"jetstream.nats.io/v1beta2/Consumer":            func() any { return &nackConsumer{} },
	"jetstream.nats.io/v1beta2/Account":             func() any { return &nackAccount{} },
	"kustomize.config.k8s.io/v1beta1/Kustomization": func() any { return &types.Kustomization{} },
	"kustomize.config.k8s.io/v1alpha1/Component":    func() any { return &types.Kustomization{} },
}

// doc is one YAML document of a manifest file or of a kustomize build.
type doc struct {
	origin string // file or build, and the document's index
	key    string // apiVersion/kind
	name   string
	ns     string
	data   []byte
}

// decode decodes d strictly into a new object of its kind: unknown or
// duplicate fields are errors.
func (d doc) decode() (any, error) {
	mk, ok := newObject[d.key]
	if !ok {
		return nil, fmt.Errorf("%s: kind %s is not one deploy/k8s may contain", d.origin, d.key)
	}
	obj := mk()
	if err := yaml.UnmarshalStrict(d.data, obj); err != nil {
		return nil, fmt.Errorf("%s (%s %s): %w", d.origin, d.key, d.name, err)
	}
	return obj, nil
}

// splitDocs splits a multi-document YAML stream, skipping empty documents.
func splitDocs(origin string, data []byte) ([]doc, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs []doc
	for i := 0; ; i++ {
		b, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", origin, err)
		}
		var head struct {
			metav1.TypeMeta `json:",inline"`
			Metadata        metav1.ObjectMeta `json:"metadata"`
		}
		if err := yaml.Unmarshal(b, &head); err != nil {
			return nil, fmt.Errorf("%s#%d: %w", origin, i, err)
		}
		if head.Kind == "" && head.APIVersion == "" && len(bytes.TrimSpace(stripComments(b))) == 0 {
			continue
		}
		docs = append(docs, doc{
			origin: fmt.Sprintf("%s#%d", origin, i),
			key:    head.APIVersion + "/" + head.Kind,
			name:   head.Metadata.Name,
			ns:     head.Metadata.Namespace,
			data:   b,
		})
	}
}

func stripComments(b []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			out = append(out, line...)
		}
	}
	return out
}

// render runs kustomize on dir, as `kubectl kustomize dir` would.
func render(t *testing.T, dir string) []doc {
	t.Helper()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	m, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", dir, err)
	}
	out, err := m.AsYaml()
	if err != nil {
		t.Fatalf("kustomize build %s: %v", dir, err)
	}
	docs, err := splitDocs("build "+dir, out)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// manifestFiles lists every YAML file of deploy/k8s that kubectl or
// kustomize reads (the Helm values and test fixtures are not manifests).
func manifestFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "testdata" || path == "nats") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

func TestManifestFilesDecodeStrictly(t *testing.T) {
	files := manifestFiles(t)
	if len(files) < 15 {
		t.Fatalf("found only %d manifest files: %v", len(files), files)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := splitDocs(f, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) == 0 {
				t.Fatal("no documents")
			}
			for _, d := range docs {
				if _, err := d.decode(); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// TestKustomizationsRender builds every kustomization and decodes what it
// renders, which is what kubectl would apply.
func TestKustomizationsRender(t *testing.T) {
	tests := []struct {
		dir       string
		wantKinds []string
		noKinds   []string
		namespace string
	}{
		{"base", []string{"Deployment", "Service", "ServiceAccount", "ServiceMonitor", "PrometheusRule", "ConfigMap",
			"ScaledObject", "PodDisruptionBudget", "NetworkPolicy"}, []string{"Secret", "Stream"}, ""},
		{"jetstream", []string{"Account", "Stream", "Consumer"}, []string{"Deployment"}, ""},
		{exampleOverlay, []string{"Namespace", "Deployment", "ScaledObject", "Stream", "Consumer", "PrometheusRule"},
			[]string{"Secret", "HorizontalPodAutoscaler"}, namespace},
		{tlsOverlay, []string{"Namespace", "Deployment", "ScaledObject", "Account", "Stream", "Consumer"},
			[]string{"Secret", "HorizontalPodAutoscaler"}, namespace},
		{noKEDAOverlay, []string{"Deployment", "HorizontalPodAutoscaler"}, []string{"ScaledObject", "Secret"}, namespace},
		{replayOverlay, []string{"Deployment", "ScaledObject", "Service", "ServiceMonitor", "NetworkPolicy"},
			[]string{"PrometheusRule", "ConfigMap", "Secret", "Stream"}, namespace},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			kinds := map[string]int{}
			for _, d := range render(t, tt.dir) {
				if _, err := d.decode(); err != nil {
					t.Error(err)
				}
				kind := d.key[strings.LastIndex(d.key, "/")+1:]
				kinds[kind]++
				if tt.namespace != "" && kind != "Namespace" && d.ns != tt.namespace {
					t.Errorf("%s %s: namespace %q, want %q", kind, d.name, d.ns, tt.namespace)
				}
			}
			for _, k := range tt.wantKinds {
				if kinds[k] == 0 {
					t.Errorf("no %s rendered (got %v)", k, kinds)
				}
			}
			for _, k := range tt.noKinds {
				if kinds[k] != 0 {
					t.Errorf("%s rendered, want none", k)
				}
			}
		})
	}
}

// fleet holds the objects of one rendered overlay, decoded.
type fleet struct {
	deployment appsv1.Deployment
	service    corev1.Service
	account    corev1.ServiceAccount
	monitor    serviceMonitor
	rule       prometheusRule
	dashboard  corev1.ConfigMap
	scaler     *scaledObject
	hpa        *autoscalingv2.HorizontalPodAutoscaler
	pdb        policyv1.PodDisruptionBudget
	netpol     networkingv1.NetworkPolicy
	streams    map[string]nackStream // by JetStream stream name
	consumers  []nackConsumer
	nackAcct   nackAccount
}

// loadFleet renders dir and sorts the objects into a fleet.
func loadFleet(t *testing.T, dir string) *fleet {
	t.Helper()
	f := &fleet{streams: map[string]nackStream{}}
	seen := map[string]bool{}
	for _, d := range render(t, dir) {
		obj, err := d.decode()
		if err != nil {
			t.Fatal(err)
		}
		switch o := obj.(type) {
		case *appsv1.Deployment:
			f.deployment = *o
		case *corev1.Service:
			f.service = *o
		case *corev1.ServiceAccount:
			f.account = *o
		case *serviceMonitor:
			f.monitor = *o
		case *prometheusRule:
			f.rule = *o
		case *corev1.ConfigMap:
			f.dashboard = *o
		case *scaledObject:
			f.scaler = o
		case *autoscalingv2.HorizontalPodAutoscaler:
			f.hpa = o
		case *policyv1.PodDisruptionBudget:
			f.pdb = *o
		case *networkingv1.NetworkPolicy:
			f.netpol = *o
		case *nackStream:
			f.streams[o.Spec.Name] = *o
			continue
		case *nackConsumer:
			f.consumers = append(f.consumers, *o)
			continue
		case *nackAccount:
			f.nackAcct = *o
		}
		if seen[d.key] {
			t.Fatalf("%s: more than one %s; the checks expect one", dir, d.key)
		}
		seen[d.key] = true
	}
	return f
}

// TestPrometheusRuleEqualsRuleFile keeps the PrometheusRule a wrapper of
// deploy/prometheus/wirestream-rules.yaml: the file is generated from it
// (-update), and the rendered rule groups equal the rule file's.
func TestPrometheusRuleEqualsRuleFile(t *testing.T) {
	src := readFile(t, rulesSource)
	want := prometheusRuleManifest(src)
	if *update {
		writeFile(t, rulesCopy, want)
	}
	if got := readFile(t, rulesCopy); !bytes.Equal(got, want) {
		t.Fatalf("%s is not generated from %s; run: go test ./deploy/k8s -update", rulesCopy, rulesSource)
	}
	var file ruleFile
	if err := yaml.UnmarshalStrict(src, &file); err != nil {
		t.Fatalf("%s: %v", rulesSource, err)
	}
	if len(file.Groups) == 0 {
		t.Fatalf("%s: no rule groups", rulesSource)
	}
	f := loadFleet(t, exampleOverlay)
	if !equalJSON(t, f.rule.Spec, file) {
		t.Errorf("rendered PrometheusRule %s differs from %s", f.rule.Metadata.Name, rulesSource)
	}
	if f.rule.Metadata.Labels["release"] == "" || f.monitor.Metadata.Labels["release"] != f.rule.Metadata.Labels["release"] {
		t.Errorf("example overlay: ServiceMonitor and PrometheusRule need the same Prometheus selector label, got %q and %q",
			f.monitor.Metadata.Labels["release"], f.rule.Metadata.Labels["release"])
	}
}

// prometheusRuleManifest wraps a Prometheus rule file into a PrometheusRule,
// keeping its comments.
func prometheusRuleManifest(rules []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`# GENERATED from deploy/prometheus/wirestream-rules.yaml by
# "go test ./deploy/k8s -update"; edit that file, not this one.
# deploy/k8s/k8s_test.go fails when the two differ.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: wirestream
  labels:
    app.kubernetes.io/name: wirestream-worker
    app.kubernetes.io/component: worker
spec:
`)
	for _, line := range strings.Split(strings.TrimRight(string(rules), "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("  " + line)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// TestDashboardConfigMapEqualsDashboard checks the kustomize copy of the
// dashboard and the ConfigMap generated from it.
func TestDashboardConfigMapEqualsDashboard(t *testing.T) {
	src := readFile(t, dashboardSource)
	if *update {
		writeFile(t, dashboardCopy, src)
	}
	if got := readFile(t, dashboardCopy); !bytes.Equal(got, src) {
		t.Fatalf("%s differs from %s; run: go test ./deploy/k8s -update", dashboardCopy, dashboardSource)
	}
	f := loadFleet(t, exampleOverlay)
	cm := f.dashboard
	if got := cm.Data[dashboardKey]; got != string(src) {
		t.Errorf("ConfigMap %s: key %s does not hold %s", cm.Name, dashboardKey, dashboardSource)
	}
	if cm.Labels["grafana_dashboard"] != "1" {
		t.Errorf("ConfigMap %s: labels %v, want grafana_dashboard=1 for the Grafana sidecar", cm.Name, cm.Labels)
	}
}

// equalJSON compares two values by their JSON encoding.
func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err := yaml.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := yaml.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
