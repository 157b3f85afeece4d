package config

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wirestream/wirestream/internal/natsx"
)

// Publisher is the publisher binary's configuration.
type Publisher struct {
	NATS     natsx.ConnConfig
	Topology natsx.Topology
	// Paths are files, directories, .jsonl files or "-" for stdin.
	Paths    []string
	Source   string
	Generate int
	Seed     int64
	// GenerateSize is the mean size of generated articles in bytes.
	GenerateSize int
	Rate         float64
	MaxPending   int
	MaxPayload   int
	AckTimeout   time.Duration
	// Progress is auto (a bar when stdout is a terminal), always or never.
	Progress  string
	LogFormat string
	LogLevel  string
}

// LoadPublisher parses args with env fallbacks; positional arguments are
// the inputs.
func LoadPublisher(args []string, env LookupEnv) (*Publisher, []Flag, error) {
	c := &Publisher{Topology: natsx.DefaultTopology()}
	f := newFlags("publisher", env)
	var nf natsFlags
	nf.register(f, "wirestream-publisher")
	var seed int
	f.String(&c.Source, "source", "WIRESTREAM_SOURCE", "wire", "feed name; messages go to articles.raw.<source>")
	f.Int(&c.Generate, "generate", "WIRESTREAM_GENERATE", 0, "publish N synthetic wire articles instead of (or after) the inputs")
	f.Int(&seed, "seed", "WIRESTREAM_SEED", 1, "seed of the synthetic article generator")
	f.Int(&c.GenerateSize, "generate-size", "WIRESTREAM_GENERATE_SIZE", 5000, "mean size of synthetic articles in bytes")
	f.Float(&c.Rate, "rate", "WIRESTREAM_RATE", 0, "messages per second; 0 = as fast as the server acks")
	f.Int(&c.MaxPending, "max-pending", "WIRESTREAM_MAX_PENDING", 1024, "unacknowledged publishes in flight")
	f.Int(&c.MaxPayload, "max-payload", "WIRESTREAM_MAX_PAYLOAD", 1<<20, "largest article in bytes; a larger input is an error")
	f.Duration(&c.AckTimeout, "ack-timeout", "WIRESTREAM_ACK_TIMEOUT", 30*time.Second, "time to wait for each publish acknowledgement")
	f.String(&c.Progress, "progress", "WIRESTREAM_PROGRESS", "auto", "progress bar: auto (when stdout is a terminal), always or never")
	f.String(&c.LogFormat, "log-format", "WIRESTREAM_LOG_FORMAT", "console", "json or console")
	f.String(&c.LogLevel, "log-level", "WIRESTREAM_LOG_LEVEL", "warn", "debug, info, warn or error")
	f.fs.Usage = func() {
		fmt.Fprintf(f.fs.Output(), "usage: publisher [flags] [PATH|-]...\n")
		f.fs.PrintDefaults()
	}
	if err := f.parse(args); err != nil {
		return nil, f.docs, err
	}
	c.Paths = f.fs.Args()
	c.Seed = int64(seed)
	if err := nf.resolve(); err != nil {
		return nil, f.docs, err
	}
	c.NATS = nf.conn
	return c, f.docs, c.Validate()
}

// Validate checks the whole configuration.
func (c *Publisher) Validate() error {
	var errs []error
	if len(c.Paths) == 0 && c.Generate == 0 {
		errs = append(errs, errors.New("nothing to publish: give paths, - for stdin, or --generate N"))
	}
	if c.Source == "" || strings.ContainsAny(c.Source, ".*> \t") {
		errs = append(errs, fmt.Errorf("source %q: want one subject token (no dots, spaces or wildcards)", c.Source))
	}
	if c.Generate < 0 || c.MaxPending < 1 || c.MaxPayload < 1 || c.Rate < 0 || c.GenerateSize < 500 {
		errs = append(errs, errors.New("--generate, --rate must be >= 0; --max-pending, --max-payload >= 1; --generate-size >= 500"))
	}
	switch c.Progress {
	case "auto", "always", "never":
	default:
		errs = append(errs, fmt.Errorf("progress %q: want auto, always or never", c.Progress))
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		errs = append(errs, fmt.Errorf("log format %q: want json or console", c.LogFormat))
	}
	return errors.Join(errs...)
}
