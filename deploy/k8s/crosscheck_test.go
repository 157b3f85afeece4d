package k8s_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"

	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/metrics"
	"github.com/wirestream/wirestream/internal/natsx"
)

// runtimeEnv are environment variables read by the Go runtime rather than
// by the worker's flags.
var runtimeEnv = map[string]bool{"GOMEMLIMIT": true, "GOMAXPROCS": true, "GOGC": true, "GODEBUG": true}

// workerContainer returns the Deployment's worker container.
func workerContainer(t *testing.T, d appsv1.Deployment) corev1.Container {
	t.Helper()
	for _, c := range d.Spec.Template.Spec.Containers {
		if c.Name == "worker" {
			return c
		}
	}
	t.Fatalf("Deployment %s has no container named worker", d.Name)
	return corev1.Container{}
}

// loadWorkerConfig runs the worker's own flag parsing (internal/config) on
// the container's args and env, as the binary would in the pod. Paths under
// a mounted Secret are redirected to files in a temporary directory, so the
// test also proves that every file flag points into a mounted volume.
func loadWorkerConfig(t *testing.T, d appsv1.Deployment) *config.Worker {
	t.Helper()
	c := workerContainer(t, d)
	pod := d.Spec.Template.Spec
	tmp := t.TempDir()
	mounts := map[string]string{} // mount path -> local directory
	for _, vm := range c.VolumeMounts {
		var vol *corev1.Volume
		for i := range pod.Volumes {
			if pod.Volumes[i].Name == vm.Name {
				vol = &pod.Volumes[i]
			}
		}
		if vol == nil {
			t.Fatalf("volume mount %s: no volume of that name", vm.Name)
		}
		dir := filepath.Join(tmp, vm.Name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if vol.Secret != nil {
			if len(vol.Secret.Items) == 0 {
				t.Errorf("secret volume %s: list its items so that file paths are explicit", vol.Name)
			}
			for _, it := range vol.Secret.Items {
				if err := os.WriteFile(filepath.Join(dir, it.Path), []byte("not-a-secret\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
		}
		mounts[strings.TrimSuffix(vm.MountPath, "/")+"/"] = dir + "/"
	}
	local := func(v string) string {
		for m, dir := range mounts {
			if strings.HasPrefix(v, m) {
				return dir + strings.TrimPrefix(v, m)
			}
		}
		return v
	}
	_, docs, _ := config.LoadWorker(nil, nil)
	byName, byEnv := map[string]config.Flag{}, map[string]config.Flag{}
	for _, f := range docs {
		byName[f.Name] = f
		if f.Env != "" {
			byEnv[f.Env] = f
		}
	}
	var args []string
	for _, a := range c.Args {
		name, val, ok := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !strings.HasPrefix(a, "--") || !ok {
			t.Errorf("arg %q: write flags as --name=value", a)
			continue
		}
		f, known := byName[name]
		if !known {
			t.Errorf("arg %q: the worker has no flag --%s", a, name)
			continue
		}
		if f.Secret {
			t.Errorf("arg %q: secrets go in files from a Secret (--%s-file), never in args", a, name)
		}
		if strings.HasSuffix(name, "-file") || strings.HasPrefix(name, "nats-tls-") && name != "nats-tls-first" {
			if local(val) == val {
				t.Errorf("arg %q: %s is not under a mounted volume", a, val)
			}
		}
		args = append(args, "--"+name+"="+local(val))
	}
	if len(c.Command) > 0 {
		t.Errorf("container sets command %v; the image's entrypoint is the worker", c.Command)
	}
	env := map[string]string{}
	for _, e := range c.Env {
		f, known := byEnv[e.Name]
		switch {
		case runtimeEnv[e.Name]:
			continue
		case !known:
			t.Errorf("env %s: the worker reads no such variable", e.Name)
			continue
		case f.Secret && e.ValueFrom == nil:
			t.Errorf("env %s: a secret must come from a Secret (valueFrom), never inline", e.Name)
		}
		if e.ValueFrom != nil {
			env[e.Name] = "from-" + e.Name
		} else {
			env[e.Name] = local(e.Value)
		}
	}
	if len(c.EnvFrom) > 0 {
		t.Errorf("envFrom hides which variables are set; list them under env")
	}
	cfg, _, err := config.LoadWorker(args, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatalf("the worker rejects the Deployment's configuration: %v", err)
	}
	return cfg
}

// TestDeploymentMatchesWorker checks the worker Deployment against the
// worker's flags, HTTP server and shutdown bound, and the hardening the
// deployment promises.
func TestDeploymentMatchesWorker(t *testing.T) {
	for _, dir := range []string{exampleOverlay, tlsOverlay, noKEDAOverlay, replayOverlay} {
		t.Run(dir, func(t *testing.T) { checkDeployment(t, loadFleet(t, dir)) })
	}
}

func checkDeployment(t *testing.T, f *fleet) {
	d := f.deployment
	cfg := loadWorkerConfig(t, d)
	c := workerContainer(t, d)
	pod := d.Spec.Template.Spec

	t.Run("ports and probes", func(t *testing.T) {
		_, port, err := net.SplitHostPort(cfg.HTTPAddr)
		if err != nil {
			t.Fatalf("--http-addr %q: %v", cfg.HTTPAddr, err)
		}
		httpPort := containerPort(t, c, "http")
		if strconv.Itoa(int(httpPort)) != port {
			t.Errorf("container port http = %d, worker listens on %s", httpPort, cfg.HTTPAddr)
		}
		paths := map[string]int{}
		for name, p := range map[string]*corev1.Probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe} {
			if p == nil || p.HTTPGet == nil {
				t.Errorf("%s probe: want an httpGet probe", name)
				continue
			}
			if got := containerPort(t, c, p.HTTPGet.Port.String()); got != httpPort {
				t.Errorf("%s probe port %s is not the worker's HTTP port", name, p.HTTPGet.Port.String())
			}
			paths[p.HTTPGet.Path] = http.StatusOK
		}
		if c.LivenessProbe != nil && c.LivenessProbe.HTTPGet != nil && c.LivenessProbe.HTTPGet.Path != "/healthz" {
			t.Errorf("liveness probe on %s: it must not depend on NATS; use /healthz", c.LivenessProbe.HTTPGet.Path)
		}
		if c.ReadinessProbe != nil && c.ReadinessProbe.HTTPGet != nil && c.ReadinessProbe.HTTPGet.Path != "/readyz" {
			t.Errorf("readiness probe on %s, want /readyz", c.ReadinessProbe.HTTPGet.Path)
		}
		for _, ep := range f.monitor.Spec.Endpoints {
			paths[ep.Path] = http.StatusOK
		}
		// The worker's real HTTP server must answer every path the
		// manifests use.
		for path, want := range paths {
			if got := getFromMetricsServer(t, path); got != want {
				t.Errorf("GET %s on the worker's HTTP server: %d, want %d", path, got, want)
			}
		}
	})

	t.Run("shutdown", func(t *testing.T) {
		grace := pod.TerminationGracePeriodSeconds
		if grace == nil || time.Duration(*grace)*time.Second < cfg.Loop.ShutdownTimeout+5*time.Second {
			t.Errorf("terminationGracePeriodSeconds %v must exceed --shutdown-timeout %s by at least 5s", deref(grace), cfg.Loop.ShutdownTimeout)
		}
	})

	t.Run("resources", func(t *testing.T) {
		limit := c.Resources.Limits.Memory()
		if limit.IsZero() || c.Resources.Requests.Memory().IsZero() || c.Resources.Requests.Cpu().IsZero() {
			t.Fatalf("resources %+v: want cpu and memory requests and a memory limit", c.Resources)
		}
		var gomemlimit string
		for _, e := range c.Env {
			if e.Name == "GOMEMLIMIT" {
				gomemlimit = e.Value
			}
		}
		n, err := parseGoMemLimit(gomemlimit)
		if err != nil {
			t.Fatalf("GOMEMLIMIT: %v", err)
		}
		if r := float64(n) / float64(limit.Value()); r < 0.8 || r > 0.95 {
			t.Errorf("GOMEMLIMIT %s is %.0f%% of the memory limit %s; keep it at 80-95%%", gomemlimit, 100*r, limit)
		}
	})

	t.Run("hardening", func(t *testing.T) {
		psc, sc := pod.SecurityContext, c.SecurityContext
		switch {
		case psc == nil || sc == nil:
			t.Fatal("pod and container need a securityContext")
		case !isTrue(psc.RunAsNonRoot) || psc.RunAsUser == nil || *psc.RunAsUser == 0:
			t.Error("pod must run as a non-root user")
		case !isTrue(sc.ReadOnlyRootFilesystem):
			t.Error("container root filesystem must be read-only")
		case sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation:
			t.Error("container must set allowPrivilegeEscalation: false")
		case sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL" || len(sc.Capabilities.Add) > 0:
			t.Error("container must drop ALL capabilities and add none")
		case psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault:
			t.Error("pod must use the RuntimeDefault seccomp profile")
		}
		if !isFalse(pod.AutomountServiceAccountToken) || !isFalse(f.account.AutomountServiceAccountToken) || pod.ServiceAccountName != f.account.Name {
			t.Errorf("pod and ServiceAccount %s must not automount a token", f.account.Name)
		}
		if len(pod.TopologySpreadConstraints) == 0 {
			t.Error("pod needs topology spread constraints")
		}
		if uid := dockerfileUser(t); psc != nil && psc.RunAsUser != nil && *psc.RunAsUser != uid {
			t.Errorf("runAsUser %d, Dockerfile USER %d", *psc.RunAsUser, uid)
		}
	})

	t.Run("selectors", func(t *testing.T) {
		podLabels := labels.Set(d.Spec.Template.Labels)
		for name, sel := range map[string]map[string]string{
			"Deployment":          d.Spec.Selector.MatchLabels,
			"Service":             f.service.Spec.Selector,
			"PodDisruptionBudget": f.pdb.Spec.Selector.MatchLabels,
			"NetworkPolicy":       f.netpol.Spec.PodSelector.MatchLabels,
		} {
			if len(sel) == 0 || !labels.SelectorFromSet(sel).Matches(podLabels) {
				t.Errorf("%s selector %v does not select the worker pods %v", name, sel, podLabels)
			}
		}
		if !labels.SelectorFromSet(f.monitor.Spec.Selector.MatchLabels).Matches(labels.Set(f.service.Labels)) {
			t.Errorf("ServiceMonitor selector %v does not select Service %s", f.monitor.Spec.Selector.MatchLabels, f.service.Name)
		}
		svcPorts := map[string]bool{}
		for _, p := range f.service.Spec.Ports {
			svcPorts[p.Name] = true
			if containerPort(t, c, p.TargetPort.String()) != p.Port {
				t.Errorf("Service port %s targets %s; keep port and container port equal", p.Name, p.TargetPort.String())
			}
		}
		for _, ep := range f.monitor.Spec.Endpoints {
			if !svcPorts[ep.Port] {
				t.Errorf("ServiceMonitor endpoint port %q is not a port of Service %s", ep.Port, f.service.Name)
			}
		}
		if !f.service.Spec.PublishNotReadyAddresses {
			t.Error("metrics Service must publish not-ready addresses, or a disconnected worker is not scraped")
		}
		// The job label is the Service name; the WorkerDown alert selects
		// jobs by regex.
		rules := string(readFile(t, rulesSource))
		for _, m := range regexp.MustCompile(`job=~"([^"$]+)"`).FindAllStringSubmatch(rules, -1) {
			if !regexp.MustCompile("^(?:" + m[1] + ")$").MatchString(f.service.Name) {
				t.Errorf("Service %s (the scrape job) does not match the rules' job=~%q", f.service.Name, m[1])
			}
		}
		if f.pdb.Spec.MaxUnavailable == nil && f.pdb.Spec.MinAvailable == nil {
			t.Error("PodDisruptionBudget sets no bound")
		}
	})

	t.Run("image", func(t *testing.T) {
		repo, _, _ := strings.Cut(c.Image, ":")
		if want := makeVar(t, "IMAGE"); repo != want {
			t.Errorf("image %s, want the repository `make image` builds, %s", c.Image, want)
		}
	})
}

// TestTopologyMatchesWorker checks the NACK streams and consumer against
// the topology the worker creates with the Deployment's configuration.
func TestTopologyMatchesWorker(t *testing.T) {
	f := loadFleet(t, exampleOverlay)
	cfg := loadWorkerConfig(t, f.deployment)
	topo, def := cfg.Loop.Topology, natsx.DefaultTopology()
	if topo.RawStream != def.RawStream || topo.Consumer != def.Consumer || topo.RawPrefix != def.RawPrefix ||
		topo.EnrichedStream != def.EnrichedStream || topo.DLQStream != def.DLQStream {
		t.Fatalf("the Deployment renames streams or the consumer (%+v); the docs and dashboards assume the defaults", topo)
	}
	if topo.Replicas != 3 {
		t.Errorf("worker --replicas %d, want 3 on the 3-node cluster", topo.Replicas)
	}
	wantStreams := []struct {
		name, prefix string
		age          time.Duration
	}{
		{topo.RawStream, topo.RawPrefix, topo.MaxAge},
		{topo.EnrichedStream, topo.EnrichedPrefix, topo.MaxAge},
		{topo.DLQStream, topo.DLQPrefix, topo.DLQMaxAge},
	}
	if len(f.streams) != len(wantStreams) {
		t.Errorf("%d NACK streams, want %d", len(f.streams), len(wantStreams))
	}
	for _, w := range wantStreams {
		s, ok := f.streams[w.name]
		if !ok {
			t.Errorf("no NACK Stream for %s", w.name)
			continue
		}
		sp := s.Spec
		// Storage, retention and discard as in natsx.Topology.streamConfigs.
		if len(sp.Subjects) != 1 || sp.Subjects[0] != w.prefix+".>" || sp.Storage != "file" || sp.Retention != "limits" ||
			sp.Discard != "old" || sp.Replicas != topo.Replicas || sp.Description != "" {
			t.Errorf("Stream %s: %+v", w.name, sp)
		}
		if got := mustDuration(t, sp.MaxAge); got != w.age {
			t.Errorf("Stream %s maxAge %s, worker %s", w.name, got, w.age)
		}
		if got := mustDuration(t, sp.DuplicateWindow); got != topo.DuplicateWindow {
			t.Errorf("Stream %s duplicateWindow %s, worker %s", w.name, got, topo.DuplicateWindow)
		}
	}
	if len(f.consumers) != 1 {
		t.Fatalf("%d NACK consumers, want 1", len(f.consumers))
	}
	cs := f.consumers[0].Spec
	if cs.StreamName != topo.RawStream || cs.DurableName != topo.Consumer || cs.AckPolicy != "explicit" ||
		cs.DeliverPolicy != "all" || cs.DeliverSubject != "" || cs.FilterSubject != topo.RawPrefix+".>" ||
		cs.MaxDeliver != topo.MaxDeliver || cs.MaxAckPending != topo.MaxAckPending || cs.Replicas != topo.Replicas {
		t.Errorf("Consumer %+v does not match the worker's %+v", cs, topo)
	}
	if got := mustDuration(t, cs.AckWait); got != topo.AckWait {
		t.Errorf("Consumer ackWait %s, worker %s", got, topo.AckWait)
	}
	// NACK connects like the worker: same servers, same Secret.
	acct := f.nackAcct
	for name, a := range map[string]string{"Consumer": cs.Account} {
		if a != acct.Metadata.Name {
			t.Errorf("%s account %q, want the Account %q", name, a, acct.Metadata.Name)
		}
	}
	for name, s := range f.streams {
		if s.Spec.Account != acct.Metadata.Name {
			t.Errorf("Stream %s account %q, want the Account %q", name, s.Spec.Account, acct.Metadata.Name)
		}
	}
	if strings.Join(acct.Spec.Servers, ",") != cfg.NATS.URL {
		t.Errorf("Account servers %v, worker --nats-url %s", acct.Spec.Servers, cfg.NATS.URL)
	}
	if u := acct.Spec.User; u == nil || u.Secret.Name != secretOf(t, f.deployment, "--nats-password-file") {
		t.Errorf("Account %s must read the worker's Secret (%s)", acct.Metadata.Name, secretOf(t, f.deployment, "--nats-password-file"))
	} else if u.Password != secretKeyOf(t, f.deployment, "--nats-password-file") {
		t.Errorf("Account password key %q, the worker reads key %q", u.Password, secretKeyOf(t, f.deployment, "--nats-password-file"))
	}
	// The description is part of what the worker applies; a different one
	// would make NACK and the worker undo each other's updates.
	src := string(readFile(t, "../../internal/natsx/topology.go"))
	m := regexp.MustCompile(`Description:\s+"([^"]*)"`).FindStringSubmatch(src)
	if m == nil || m[1] != cs.Description {
		t.Errorf("Consumer description %q, internal/natsx sets %v", cs.Description, m)
	}
}

// TestTLSOverlay checks that the worker and NACK verify NATS with the same
// CA from the same Secret.
func TestTLSOverlay(t *testing.T) {
	f := loadFleet(t, tlsOverlay)
	cfg := loadWorkerConfig(t, f.deployment)
	if cfg.NATS.TLSCAFile == "" {
		t.Fatal("the TLS overlay does not give the worker a CA (--nats-tls-ca)")
	}
	tls := f.nackAcct.Spec.TLS
	if tls == nil || tls.Secret.Name != secretOf(t, f.deployment, "--nats-tls-ca") || tls.CA != secretKeyOf(t, f.deployment, "--nats-tls-ca") {
		t.Errorf("NACK Account TLS %+v: want the worker's CA Secret %s, key %s", tls,
			secretOf(t, f.deployment, "--nats-tls-ca"), secretKeyOf(t, f.deployment, "--nats-tls-ca"))
	}
	if plain := loadFleet(t, exampleOverlay); plain.nackAcct.Spec.TLS != nil {
		t.Error("the plain example overlay configures TLS for NACK but not for the worker")
	}
}

// TestReplayOverlay checks that the replay fleet runs a new pipeline
// version on its own consumer, scales on that consumer's lag, and shares no
// selector with the live fleet.
func TestReplayOverlay(t *testing.T) {
	live, replay := loadFleet(t, exampleOverlay), loadFleet(t, replayOverlay)
	liveCfg := loadWorkerConfig(t, live.deployment)
	cfg := loadWorkerConfig(t, replay.deployment)
	topo := cfg.Loop.Topology
	if cfg.Loop.PipelineVersion == liveCfg.Loop.PipelineVersion {
		t.Errorf("replay runs pipeline version %q like the live fleet; a replay needs a new one", cfg.Loop.PipelineVersion)
	}
	if topo.StartSequence == 0 && topo.StartTime.IsZero() {
		t.Error("replay sets no start (--replay-from)")
	}
	if topo.Consumer == liveCfg.Loop.Topology.Consumer {
		t.Errorf("replay reads the live consumer %s", topo.Consumer)
	}
	so := replay.scaler
	if so == nil || len(so.Spec.Triggers) != 1 {
		t.Fatal("replay overlay: want a ScaledObject with one trigger")
	}
	if md := so.Spec.Triggers[0].Metadata; md["consumer"] != topo.Consumer || md["stream"] != topo.RawStream {
		t.Errorf("replay trigger watches %s/%s, the replay workers read %s/%s", md["stream"], md["consumer"], topo.RawStream, topo.Consumer)
	}
	if so.Spec.ScaleTargetRef.Name != replay.deployment.Name {
		t.Errorf("replay ScaledObject scales %s, want %s", so.Spec.ScaleTargetRef.Name, replay.deployment.Name)
	}
	fleets := map[string]*fleet{"live": live, "replay": replay}
	for name, f := range fleets {
		other := replay
		if name == "replay" {
			other = live
		}
		if f.deployment.Name == other.deployment.Name {
			t.Errorf("both fleets name their Deployment %s", f.deployment.Name)
		}
		otherPods := labels.Set(other.deployment.Spec.Template.Labels)
		for kind, sel := range map[string]map[string]string{
			"Deployment":          f.deployment.Spec.Selector.MatchLabels,
			"Service":             f.service.Spec.Selector,
			"PodDisruptionBudget": f.pdb.Spec.Selector.MatchLabels,
		} {
			if labels.SelectorFromSet(sel).Matches(otherPods) {
				t.Errorf("%s %s selects the other fleet's pods", kind, name)
			}
		}
		if labels.SelectorFromSet(f.monitor.Spec.Selector.MatchLabels).Matches(labels.Set(other.service.Labels)) {
			t.Errorf("the %s ServiceMonitor scrapes the other fleet's Service", name)
		}
	}
}

// TestAutoscalingMatchesWorker checks the KEDA trigger against the worker's
// stream and consumer, the NATS Helm values and the consumer's limits.
func TestAutoscalingMatchesWorker(t *testing.T) {
	f := loadFleet(t, exampleOverlay)
	cfg := loadWorkerConfig(t, f.deployment)
	topo := cfg.Loop.Topology
	so := f.scaler
	if so == nil {
		t.Fatal("no ScaledObject")
	}
	ref := so.Spec.ScaleTargetRef
	if ref.Name != f.deployment.Name || (ref.Kind != "" && ref.Kind != "Deployment") {
		t.Errorf("ScaledObject targets %+v, want Deployment %s", ref, f.deployment.Name)
	}
	if f.deployment.Spec.Replicas != nil {
		t.Error("Deployment sets spec.replicas; the autoscaler owns the replica count")
	}
	lo, hi := deref(so.Spec.MinReplicaCount), deref(so.Spec.MaxReplicaCount)
	if lo < 2 || hi < lo {
		t.Errorf("replicas %d..%d: want at least 2 and max >= min", lo, hi)
	}
	if int(hi)*cfg.Loop.MaxInFlight > topo.MaxAckPending {
		t.Errorf("maxReplicaCount %d × --max-in-flight %d exceeds --max-ack-pending %d: extra replicas would idle",
			hi, cfg.Loop.MaxInFlight, topo.MaxAckPending)
	}
	if fb := so.Spec.Fallback; fb == nil || fb.Replicas < lo || fb.Replicas > hi || fb.FailureThreshold < 1 {
		t.Errorf("fallback %+v: want replicas within %d..%d", fb, lo, hi)
	}
	if len(so.Spec.Triggers) != 1 || so.Spec.Triggers[0].Type != "nats-jetstream" {
		t.Fatalf("triggers %+v: want one nats-jetstream trigger", so.Spec.Triggers)
	}
	md := so.Spec.Triggers[0].Metadata
	for k := range md {
		if _, ok := natsJetStreamMetadata[k]; !ok {
			t.Errorf("trigger metadata %q is not a nats-jetstream scaler key", k)
		}
	}
	for k, required := range natsJetStreamMetadata {
		if _, ok := md[k]; required && !ok {
			t.Errorf("trigger metadata lacks %q", k)
		}
	}
	if md["stream"] != topo.RawStream || md["consumer"] != topo.Consumer {
		t.Errorf("trigger watches %s/%s, the worker consumes %s/%s", md["stream"], md["consumer"], topo.RawStream, topo.Consumer)
	}
	if n, err := strconv.Atoi(md["lagThreshold"]); err != nil || n < 1 {
		t.Errorf("lagThreshold %q: want a positive integer", md["lagThreshold"])
	}

	// NATS addresses: the worker's client URL and KEDA's monitoring
	// endpoint must both point at the Helm release of nats/values.yaml.
	values, chart := helmValues(t)
	u, err := url.Parse(strings.Split(cfg.NATS.URL, ",")[0])
	if err != nil {
		t.Fatal(err)
	}
	svc, ns, _ := strings.Cut(u.Hostname(), ".")
	ns, _, _ = strings.Cut(ns, ".")
	if want := fmt.Sprint(valueOr(values, chart, "config", "nats", "port")); u.Port() != want {
		t.Errorf("--nats-url port %s, the chart's client port is %s", u.Port(), want)
	}
	wantEndpoint := fmt.Sprintf("%s-headless.%s.svc.cluster.local:%v", svc, ns, valueOr(values, chart, "config", "monitor", "port"))
	if md["natsServerMonitoringEndpoint"] != wantEndpoint {
		t.Errorf("natsServerMonitoringEndpoint %q, want %q (headless Service of release %q in namespace %q)",
			md["natsServerMonitoringEndpoint"], wantEndpoint, svc, ns)
	}
	if md["account"] != accountOfUser(t, values, cfg.NATS.User) {
		t.Errorf("trigger account %q; the worker's user %q is in account %q", md["account"], cfg.NATS.User, accountOfUser(t, values, cfg.NATS.User))
	}

	// The CPU fallback keeps the same bounds.
	hpa := loadFleet(t, noKEDAOverlay).hpa
	switch {
	case hpa == nil:
		t.Errorf("%s renders no HorizontalPodAutoscaler", noKEDAOverlay)
	case deref(hpa.Spec.MinReplicas) != lo || hpa.Spec.MaxReplicas != hi || hpa.Spec.ScaleTargetRef.Name != f.deployment.Name:
		t.Errorf("fallback HPA scales %s %d..%d, want %s %d..%d", hpa.Spec.ScaleTargetRef.Name,
			deref(hpa.Spec.MinReplicas), hpa.Spec.MaxReplicas, f.deployment.Name, lo, hi)
	}
}

// TestNetworkPolicyAllowsOnlyNATSDNSAndScrapes checks the worker's network
// policy against its NATS URL and metrics port.
func TestNetworkPolicyAllowsOnlyNATSDNSAndScrapes(t *testing.T) {
	f := loadFleet(t, exampleOverlay)
	cfg := loadWorkerConfig(t, f.deployment)
	np := f.netpol.Spec
	if len(np.PolicyTypes) != 2 {
		t.Fatalf("policyTypes %v: want Ingress and Egress", np.PolicyTypes)
	}
	metricsPort := containerPort(t, workerContainer(t, f.deployment), "http")
	if len(np.Ingress) != 1 || len(np.Ingress[0].Ports) != 1 || np.Ingress[0].Ports[0].Port.IntValue() != int(metricsPort) || len(np.Ingress[0].From) == 0 {
		t.Errorf("ingress %+v: want only scrapes of port %d from selected peers", np.Ingress, metricsPort)
	}
	u, err := url.Parse(strings.Split(cfg.NATS.URL, ",")[0])
	if err != nil {
		t.Fatal(err)
	}
	var egress []string
	for _, r := range np.Egress {
		if len(r.To) == 0 {
			t.Errorf("egress rule %+v allows every destination", r)
		}
		for _, p := range r.Ports {
			egress = append(egress, fmt.Sprintf("%s/%d", *p.Protocol, p.Port.IntValue()))
		}
	}
	want := []string{"TCP/" + u.Port(), "UDP/53", "TCP/53"}
	if strings.Join(egress, " ") != strings.Join(want, " ") {
		t.Errorf("egress ports %v, want %v (NATS and DNS only)", egress, want)
	}
}

// TestHelmValuesUseChartKeys checks that every key path of the NATS Helm
// values exists in the chart's values (testdata/nats-chart-values.yaml)
// and that the cluster is the one the manifests expect.
func TestHelmValuesUseChartKeys(t *testing.T) {
	values, chart := helmValues(t)
	for _, p := range unknownKeyPaths(values, chart, "") {
		t.Errorf("nats/values.yaml: %s is not a key of the nats chart", p)
	}
	for _, c := range []struct {
		path []string
		want any
	}{
		{[]string{"config", "cluster", "enabled"}, true},
		{[]string{"config", "cluster", "replicas"}, float64(3)},
		{[]string{"config", "jetstream", "enabled"}, true},
		{[]string{"config", "jetstream", "fileStore", "enabled"}, true},
		{[]string{"config", "monitor", "enabled"}, true},
		{[]string{"promExporter", "enabled"}, true},
	} {
		if got := valueOr(values, chart, c.path...); got != c.want {
			t.Errorf("nats/values.yaml: %s = %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
}

// TestImageBuildMatchesMakefile checks the Dockerfile against `make build`.
func TestImageBuildMatchesMakefile(t *testing.T) {
	df := string(readFile(t, "../../Dockerfile"))
	ldflags := strings.ReplaceAll(makeVar(t, "LDFLAGS"), "$(VERSION)", "${VERSION}")
	for _, want := range []string{"CGO_ENABLED=0", "go build -trimpath", `-ldflags "` + ldflags + `"`, "./cmd/worker",
		"GOTOOLCHAIN=local", "FROM gcr.io/distroless/static", `ENTRYPOINT ["/usr/local/bin/worker"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	gomod := string(readFile(t, "../../go.mod"))
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(gomod)
	if m == nil || !strings.Contains(df, "ARG GO_VERSION="+m[1]+"\n") {
		t.Errorf("Dockerfile's GO_VERSION does not match go.mod's go %v", m)
	}
	ignore := string(readFile(t, "../../.dockerignore"))
	for _, want := range []string{".git", "bin", "data"} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(want) + `$`).MatchString(ignore) {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
	if !regexp.MustCompile(`(?m)^image:`).MatchString(string(readFile(t, "../../Makefile"))) {
		t.Error("Makefile has no image target")
	}
}

// getFromMetricsServer starts the worker's HTTP server (internal/metrics),
// ready, and returns the status of GET path.
func getFromMetricsServer(t *testing.T, path string) int {
	t.Helper()
	srv, err := metrics.NewServer("127.0.0.1:0", prometheus.NewRegistry(), func(context.Context) error { return nil }, zap.NewNop())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }() // owned here: stopped and waited for below
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://" + srv.Addr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// secretVolumeOf returns the Secret volume holding the file a flag names,
// and the item of that file.
func secretVolumeOf(t *testing.T, d appsv1.Deployment, flagName string) (*corev1.SecretVolumeSource, string) {
	t.Helper()
	c := workerContainer(t, d)
	var path string
	for _, a := range c.Args {
		if v, ok := strings.CutPrefix(a, flagName+"="); ok {
			path = v
		}
	}
	for _, vm := range c.VolumeMounts {
		rel, ok := strings.CutPrefix(path, strings.TrimSuffix(vm.MountPath, "/")+"/")
		if !ok {
			continue
		}
		for _, v := range d.Spec.Template.Spec.Volumes {
			if v.Name != vm.Name || v.Secret == nil {
				continue
			}
			for _, it := range v.Secret.Items {
				if it.Path == rel {
					return v.Secret, it.Key
				}
			}
		}
	}
	t.Fatalf("%s=%q is not a file of a mounted Secret", flagName, path)
	return nil, ""
}

func secretOf(t *testing.T, d appsv1.Deployment, flagName string) string {
	t.Helper()
	s, _ := secretVolumeOf(t, d, flagName)
	return s.SecretName
}

func secretKeyOf(t *testing.T, d appsv1.Deployment, flagName string) string {
	t.Helper()
	_, k := secretVolumeOf(t, d, flagName)
	return k
}

// containerPort returns the number of a named container port.
func containerPort(t *testing.T, c corev1.Container, name string) int32 {
	t.Helper()
	for _, p := range c.Ports {
		if p.Name == name || strconv.Itoa(int(p.ContainerPort)) == name {
			return p.ContainerPort
		}
	}
	t.Errorf("container %s has no port %q", c.Name, name)
	return -1
}

// parseGoMemLimit parses a GOMEMLIMIT value: bytes with an optional
// B, KiB, MiB, GiB or TiB suffix (runtime/debug.SetMemoryLimit's syntax).
func parseGoMemLimit(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a memory limit", s)
	}
	return n * mult, nil
}

// dockerfileUser returns the numeric user of the Dockerfile's USER line.
func dockerfileUser(t *testing.T) int64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^USER (\d+)`).FindStringSubmatch(string(readFile(t, "../../Dockerfile")))
	if m == nil {
		t.Fatal("Dockerfile has no numeric USER")
	}
	uid, _ := strconv.ParseInt(m[1], 10, 64)
	return uid
}

// makeVar returns a variable's value as the Makefile defines it.
func makeVar(t *testing.T, name string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + name + `\s*[?:]?=\s*(.*)$`)
	m := re.FindStringSubmatch(string(readFile(t, "../../Makefile")))
	if m == nil {
		t.Fatalf("Makefile defines no %s", name)
	}
	return strings.TrimSpace(m[1])
}

// helmValues returns the NATS Helm values and the chart's values skeleton.
func helmValues(t *testing.T) (values, chart map[string]any) {
	t.Helper()
	for path, into := range map[string]*map[string]any{"nats/values.yaml": &values, "testdata/nats-chart-values.yaml": &chart} {
		if err := yaml.UnmarshalStrict(readFile(t, path), into); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return values, chart
}

// unknownKeyPaths returns the key paths of values that chart lacks. An
// empty map in chart is free-form: anything below it is accepted.
func unknownKeyPaths(values, chart map[string]any, prefix string) []string {
	var out []string
	for k, v := range values {
		p := strings.TrimPrefix(prefix+"."+k, ".")
		cv, ok := chart[k]
		if !ok {
			out = append(out, p)
			continue
		}
		vm, vIsMap := v.(map[string]any)
		cm, cIsMap := cv.(map[string]any)
		switch {
		case !vIsMap:
		case cIsMap && len(cm) == 0:
		case cIsMap:
			out = append(out, unknownKeyPaths(vm, cm, p)...)
		case cv != nil:
			out = append(out, p+" (a map where the chart has a value)")
		}
	}
	return out
}

// valueOr returns the value at path in values, else the chart's default.
func valueOr(values, chart map[string]any, path ...string) any {
	if v, ok := lookup(values, path); ok {
		return v
	}
	v, _ := lookup(chart, path)
	return v
}

func lookup(m map[string]any, path []string) (any, bool) {
	var cur any = m
	for _, k := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = mm[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// accountOfUser returns the NATS account of user in the values' server
// config (config.merge.accounts), or "$G" (the global account) when the
// values define no accounts.
func accountOfUser(t *testing.T, values map[string]any, user string) string {
	t.Helper()
	accounts, ok := lookup(values, []string{"config", "merge", "accounts"})
	if !ok {
		return "$G"
	}
	b, err := yaml.Marshal(accounts)
	if err != nil {
		t.Fatal(err)
	}
	var accs map[string]struct {
		JetStream string `json:"jetstream"`
		Users     []struct {
			User     string `json:"user"`
			Password string `json:"password"`
		} `json:"users"`
	}
	if err := yaml.Unmarshal(b, &accs); err != nil {
		t.Fatalf("config.merge.accounts: %v", err)
	}
	for name, a := range accs {
		for _, u := range a.Users {
			if u.User == user {
				if a.JetStream != "enabled" {
					t.Errorf("account %s has no JetStream", name)
				}
				if !strings.HasPrefix(u.Password, "<< $") {
					t.Errorf("account %s user %s: password must come from the server's environment, not the values file", name, user)
				}
				return name
			}
		}
	}
	t.Errorf("no account in nats/values.yaml has user %q", user)
	return ""
}

func mustDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Errorf("duration %q: %v", s, err)
	}
	return d
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func isTrue(b *bool) bool  { return b != nil && *b }
func isFalse(b *bool) bool { return b != nil && !*b }
