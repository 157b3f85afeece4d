package faults

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

var fullSize = flag.Bool("faults.full", false, "run the fault tests at full size (20,000 articles per run; make test-faults)")

// size picks the default (reduced) or the -faults.full figure.
func size(reduced, full int) int {
	if *fullSize {
		return full
	}
	return reduced
}

// skipShort skips the subprocess tests under -short.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("fault test: starts nats-server and worker subprocesses")
	}
}

// binaries are the programs the tests run, built once per test binary.
type binaries struct {
	server, worker string
}

var (
	buildOnce sync.Once
	built     binaries
	buildErr  error
	buildDir  string // removed by TestMain
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// bins builds nats-server (from the nats-server module go.mod requires)
// and ./cmd/worker once, for every test of the run.
func bins(t *testing.T) binaries {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "wirestream-faults-")
		if buildErr != nil {
			return
		}
		for _, b := range []struct {
			out *string
			pkg string
		}{
			{&built.server, "github.com/nats-io/nats-server/v2"},
			{&built.worker, "./cmd/worker"},
		} {
			out := filepath.Join(buildDir, filepath.Base(b.pkg))
			if b.pkg == "github.com/nats-io/nats-server/v2" {
				out = filepath.Join(buildDir, "nats-server")
			}
			// go test puts its own GOROOT/bin first in PATH: the go that runs the test.
			cmd := exec.Command("go", "build", "-o", out, b.pkg)
			cmd.Dir = "../.." // the module root, from internal/faults
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
			if msg, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("go build %s: %v\n%s", b.pkg, err, msg)
				return
			}
			*b.out = out
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

// proc is a subprocess in its own process group; the test's cleanup kills
// the group, whatever happened.
type proc struct {
	name string
	log  string
	cmd  *exec.Cmd
	done chan struct{} // closed once reaped
	err  error         // Wait's result, valid after done
}

func startProc(t *testing.T, name, bin string, args ...string) *proc {
	t.Helper()
	return startProcEnv(t, name, nil, bin, args...)
}

// startProcEnv is startProc with env added to the test's environment.
func startProcEnv(t *testing.T, name string, env []string, bin string, args ...string) *proc {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	p := &proc{name: name, log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() { // owned by p: reaps the process; cleanup waits for it
		p.err = cmd.Wait()
		logf.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill(syscall.SIGKILL)
		if t.Failed() {
			t.Logf("last lines of %s's log:\n%s", name, p.tail(3000))
		}
	})
	return p
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

// signal sends sig to p's process group.
func (p *proc) signal(sig syscall.Signal) {
	select {
	case <-p.done:
	default:
		_ = syscall.Kill(-p.pid(), sig)
	}
}

// kill sends sig to p's process group and waits until p is reaped.
func (p *proc) kill(sig syscall.Signal) {
	p.signal(sig)
	if sig == syscall.SIGSTOP {
		return
	}
	<-p.done
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func (p *proc) tail(n int) string {
	b, _ := os.ReadFile(p.log)
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// peakRSS is the process's VmHWM (peak resident set size) in bytes.
func (p *proc) peakRSS(t *testing.T) int64 {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.pid()))
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("VmHWM %q: %v", v, err)
			}
			return kb << 10
		}
	}
	t.Fatalf("%s: no VmHWM in /proc/%d/status", p.name, p.pid())
	return 0
}

// server is a nats-server subprocess with JetStream; restart runs it again
// on the same ports and store.
type server struct {
	*proc
	t    *testing.T
	bin  string
	name string
	conf string
	url  string
}

// serverSpec describes one server of a test: alone when routes is empty.
type serverSpec struct {
	name        string
	port        int
	clusterPort int
	routes      []int // cluster ports of the other nodes
	// maxPayload is the server's max_payload; "" means 8MB.
	maxPayload string
}

// startServers starts one server per spec with JetStream on file storage
// in t.TempDir(), by default an 8 MB max_payload (so that payloads just
// over the worker's 1 MiB --max-payload reach the worker), and waits until
// JetStream answers on every one.
func startServers(t *testing.T, specs ...serverSpec) []*server {
	t.Helper()
	b := bins(t)
	var out []*server
	for _, sp := range specs {
		dir := t.TempDir()
		var conf strings.Builder
		if sp.maxPayload == "" {
			sp.maxPayload = "8MB"
		}
		fmt.Fprintf(&conf, "server_name: %s\nlisten: \"127.0.0.1:%d\"\nmax_payload: %s\n", sp.name, sp.port, sp.maxPayload)
		fmt.Fprintf(&conf, "jetstream { store_dir: %q }\n", filepath.Join(dir, "store"))
		if len(sp.routes) > 0 {
			var routes []string
			for _, r := range sp.routes {
				routes = append(routes, fmt.Sprintf("\"nats-route://127.0.0.1:%d\"", r))
			}
			fmt.Fprintf(&conf, "cluster { name: faults, listen: \"127.0.0.1:%d\", routes: [%s] }\n", sp.clusterPort, strings.Join(routes, ", "))
		}
		path := filepath.Join(dir, "server.conf")
		if err := os.WriteFile(path, []byte(conf.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		s := &server{t: t, bin: b.server, name: sp.name, conf: path, url: fmt.Sprintf("nats://127.0.0.1:%d", sp.port)}
		s.proc = startProc(t, "nats-server-"+sp.name, s.bin, "-c", path)
		out = append(out, s)
	}
	for _, s := range out {
		s.waitJetStream()
	}
	return out
}

func startServer(t *testing.T) *server {
	t.Helper()
	return startServers(t, serverSpec{name: "solo", port: natstest.FreePort(t)})[0]
}

// restart starts the server again with the same configuration and store.
func (s *server) restart() {
	s.t.Helper()
	s.proc = startProc(s.t, "nats-server-"+s.name+"-restarted", s.bin, "-c", s.conf)
	s.waitJetStream()
}

// waitJetStream waits until the server's JetStream answers an account
// info request (in a cluster: until there is a meta leader).
func (s *server) waitJetStream() {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		if s.exited() {
			s.t.Fatalf("%s exited at start: %v\n%s", s.name, s.err, s.tail(2000))
		}
		nc, err := nats.Connect(s.url, nats.Timeout(time.Second))
		if err == nil {
			js, _ := jetstream.New(nc)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			_, err = js.AccountInfo(ctx)
			cancel()
			nc.Close()
			if err == nil {
				return
			}
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("%s: JetStream not ready after 60s: %v", s.name, last)
}

// workerProc is a worker subprocess serving /metrics on http.
type workerProc struct {
	*proc
	http string
}

// startWorker starts the worker binary against url (comma-separated for
// a cluster) and waits for /readyz.
func startWorker(t *testing.T, name, url string, extra ...string) *workerProc {
	t.Helper()
	return startWorkerEnv(t, name, url, nil, extra...)
}

// startWorkerEnv is startWorker with env added to the environment.
func startWorkerEnv(t *testing.T, name, url string, env []string, extra ...string) *workerProc {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", natstest.FreePort(t))
	args := append([]string{"--nats-url", url, "--http-addr", addr, "--log-level", "warn",
		"--consumer-poll", "500ms", "--nats-reconnect-wait", "50ms", "--nats-max-reconnect-wait", "500ms"}, extra...)
	w := &workerProc{proc: startProcEnv(t, name, env, bins(t).worker, args...), http: addr}
	deadline := time.Now().Add(60 * time.Second)
	for readyStatus(addr) != http.StatusOK {
		if w.exited() {
			t.Fatalf("%s exited at start: %v\n%s", name, w.err, w.tail(2000))
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready on %s after 60s\n%s", name, addr, w.tail(2000))
		}
		time.Sleep(50 * time.Millisecond)
	}
	return w
}

func readyStatus(addr string) int {
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// metric reads one sample from the worker's /metrics: series is the
// metric name with its labels as exposed, e.g.
// `wirestream_messages_processed_total{outcome="enriched"}`. It returns
// -1 when the worker does not answer or lacks the series.
func (w *workerProc) metric(series string) float64 {
	resp, err := http.Get("http://" + w.http + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return -1
	}
	for line := range strings.SplitSeq(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

// client connects the test to the servers at url (comma-separated) with
// unlimited reconnects, so that it survives the faults it injects.
func client(t *testing.T, url string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(url, nats.MaxReconnects(-1), nats.ReconnectWait(50*time.Millisecond), nats.Timeout(2*time.Second))
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// streamMsgs returns the number of messages in a stream, or an error
// while the server is away.
func streamMsgs(js jetstream.JetStream, name string) (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, name)
	if err != nil {
		return 0, err
	}
	return s.CachedInfo().State.Msgs, nil
}

func consumerInfo(js jetstream.JetStream) (*jetstream.ConsumerInfo, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, err := js.Consumer(ctx, "ARTICLES_RAW", "enrich")
	if err != nil {
		return nil, err
	}
	return c.CachedInfo(), nil
}

// waitFor polls cond every 50 ms until it holds or d has passed.
func waitFor(t *testing.T, d time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s (%s)", d, what, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitEnriched waits until the enriched stream holds at least n events.
func waitEnriched(t *testing.T, js jetstream.JetStream, n uint64, d time.Duration) uint64 {
	t.Helper()
	var got uint64
	waitFor(t, d, fmt.Sprintf("%d enriched events", n), func() (bool, string) {
		e, err := streamMsgs(js, "ARTICLES_ENRICHED")
		got = e
		return err == nil && e >= n, fmt.Sprintf("%d enriched, err %v", e, err)
	})
	return got
}

// waitSettled waits until the enriched and dead-letter streams hold as
// many messages between them as the raw stream and the consumer has
// nothing pending and nothing unacknowledged.
func waitSettled(t *testing.T, js jetstream.JetStream, d time.Duration) {
	t.Helper()
	waitFor(t, d, "every raw article settled", func() (bool, string) {
		raw, err1 := streamMsgs(js, "ARTICLES_RAW")
		e, err2 := streamMsgs(js, "ARTICLES_ENRICHED")
		q, err3 := streamMsgs(js, "ARTICLES_DLQ")
		ci, err4 := consumerInfo(js)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			return false, fmt.Sprintf("errors %v %v %v %v", err1, err2, err3, err4)
		}
		state := fmt.Sprintf("raw %d, enriched %d, dlq %d, pending %d, ack pending %d", raw, e, q, ci.NumPending, ci.NumAckPending)
		return e+q >= raw && ci.NumPending == 0 && ci.NumAckPending == 0, state
	})
}

// waitConsumerIdle waits until the consumer has delivered everything and
// has nothing unacknowledged, whatever the output streams hold.
func waitConsumerIdle(t *testing.T, js jetstream.JetStream, d time.Duration) {
	t.Helper()
	waitFor(t, d, "the consumer idle", func() (bool, string) {
		ci, err := consumerInfo(js)
		if err != nil {
			return false, err.Error()
		}
		return ci.NumPending == 0 && ci.NumAckPending == 0, fmt.Sprintf("pending %d, ack pending %d", ci.NumPending, ci.NumAckPending)
	})
}

// publishGenerated publishes n synthetic articles of about 1 KB (small
// articles keep the runs short on two cores) with the real publisher,
// in-process, and returns how many it published.
func publishGenerated(t *testing.T, url, source string, n int) int {
	t.Helper()
	cfg, _, err := config.LoadPublisher([]string{"--nats-url", url, "--progress", "never", "--source", source,
		"--generate", strconv.Itoa(n), "--generate-size", "1000"}, func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	st, err := app.RunPublisher(context.Background(), cfg, zap.NewNop(), app.PublisherIO{Stdout: io.Discard})
	if err != nil || st.Published != n {
		t.Fatalf("publisher: %+v, err %v; want %d published", st, err, n)
	}
	return st.Published
}

// ledger is what the three streams hold, message by message.
type ledger struct {
	raw      map[uint64]string // raw stream sequence → Nats-Msg-Id
	enriched int
	dlq      int
	// settled counts, per raw sequence, the enriched events and dead
	// letters that refer to it.
	settled map[uint64]int
	// eventIDs counts each Nats-Msg-Id of the enriched stream.
	eventIDs map[string]int
	// reasons counts the dead letters by Wirestream-Error-Reason.
	reasons map[string]int
	// dlqBySeq is the dead letter's reason by raw sequence (the record
	// has its own Nats-Msg-Id; Wirestream-Original-Sequence links it).
	dlqBySeq map[uint64]string
	// eventBySeq is the enriched event's id by raw sequence.
	eventBySeq map[uint64]string
}

// readStream calls fn for every message stored in stream.
func readStream(t *testing.T, js jetstream.JetStream, stream string, fn func(jetstream.Msg)) int {
	t.Helper()
	// Right after a node loss the cluster may still answer "JetStream
	// system temporarily unavailable" (503) for a few seconds: retry.
	var want uint64
	waitFor(t, time.Minute, "the size of "+stream, func() (bool, string) {
		var err error
		want, err = streamMsgs(js, stream)
		return err == nil, fmt.Sprint(err)
	})
	if want == 0 {
		return 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var it jetstream.MessagesContext
	waitFor(t, time.Minute, "a reader of "+stream, func() (bool, string) {
		cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{})
		if err == nil {
			it, err = cons.Messages(jetstream.PullMaxMessages(1000))
		}
		return err == nil, fmt.Sprint(err)
	})
	defer it.Stop()
	n := 0
	for uint64(n) < want {
		msg, err := it.Next()
		if err != nil {
			t.Fatalf("read %s after %d of %d messages: %v", stream, n, want, err)
		}
		fn(msg)
		n++
	}
	return n
}

// account reads every message of the three streams.
func account(t *testing.T, js jetstream.JetStream) *ledger {
	t.Helper()
	l := &ledger{raw: map[uint64]string{}, settled: map[uint64]int{}, eventIDs: map[string]int{},
		reasons: map[string]int{}, dlqBySeq: map[uint64]string{}, eventBySeq: map[uint64]string{}}
	readStream(t, js, "ARTICLES_RAW", func(m jetstream.Msg) {
		md, err := m.Metadata()
		if err != nil {
			t.Fatal(err)
		}
		l.raw[md.Sequence.Stream] = m.Headers().Get("Nats-Msg-Id")
	})
	l.enriched = readStream(t, js, "ARTICLES_ENRICHED", func(m jetstream.Msg) {
		var ev struct {
			ID  string `json:"id"`
			Raw struct {
				Sequence uint64 `json:"sequence"`
			} `json:"raw"`
		}
		if err := json.Unmarshal(m.Data(), &ev); err != nil {
			t.Fatalf("enriched event does not decode: %v", err)
		}
		id := m.Headers().Get("Nats-Msg-Id")
		if id != ev.ID {
			t.Errorf("Nats-Msg-Id %q differs from the event id %q", id, ev.ID)
		}
		l.eventIDs[id]++
		l.settled[ev.Raw.Sequence]++
		l.eventBySeq[ev.Raw.Sequence] = id
	})
	l.dlq = readStream(t, js, "ARTICLES_DLQ", func(m jetstream.Msg) {
		h := m.Headers()
		seq, err := strconv.ParseUint(h.Get("Wirestream-Original-Sequence"), 10, 64)
		if err != nil {
			t.Fatalf("dead letter without an original sequence: %v", h)
		}
		reason := h.Get("Wirestream-Error-Reason")
		l.reasons[reason]++
		l.settled[seq]++
		l.dlqBySeq[seq] = reason
	})
	return l
}

// figures are the counts a fault test reports.
type figures struct {
	raw, enriched, dlq, lost, doubled, duplicateIDs int
}

func (f figures) String() string {
	return fmt.Sprintf("raw %d, enriched %d, dead-lettered %d, lost %d, settled twice %d, Nats-Msg-Id twice %d",
		f.raw, f.enriched, f.dlq, f.lost, f.doubled, f.duplicateIDs)
}

// check asserts that every raw article is settled exactly once: raw =
// enriched + dead-lettered, no raw sequence settled twice or never, no
// Nats-Msg-Id twice in the enriched stream. It returns the figures.
func (l *ledger) check(t *testing.T, wantRaw int) figures {
	t.Helper()
	f := figures{raw: len(l.raw), enriched: l.enriched, dlq: l.dlq}
	for seq := range l.raw {
		switch n := l.settled[seq]; {
		case n == 0:
			f.lost++
		case n > 1:
			f.doubled++
		}
	}
	for seq := range l.settled {
		if _, ok := l.raw[seq]; !ok {
			t.Errorf("an output refers to raw sequence %d, which the raw stream does not hold", seq)
		}
	}
	for _, n := range l.eventIDs {
		if n > 1 {
			f.duplicateIDs++
		}
	}
	if f.raw != wantRaw {
		t.Errorf("raw stream holds %d articles, want %d", f.raw, wantRaw)
	}
	if f.enriched+f.dlq != f.raw || f.lost != 0 || f.doubled != 0 || f.duplicateIDs != 0 {
		t.Errorf("not exactly once: %s", f)
	}
	return f
}

const mib = 1 << 20
