// Command train-ner trains the named-entity model of internal/ner on
// CoNLL-2003: an averaged perceptron over BILOU tags in two passes, the
// number of epochs of each chosen on the dev set. It writes the quantized
// model to -out and prints its dev scores. Training is deterministic: the
// same data, flags and -seed give the same model (the file differs only
// in the -date it records).
//
//	go run ./cmd/train-ner -train ../shared/data/conll2003/train.conll \
//	    -dev ../shared/data/conll2003/dev.conll -out internal/ner/model/ner.model
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/wirestream/wirestream/internal/gazetteer"
	"github.com/wirestream/wirestream/internal/ner"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

// config is the command line.
type config struct {
	Train, Dev, Out string
	Epochs          int
	Seed            uint64
	Folds           int
	Date            string
	Quiet           bool
}

// Validate checks the flags.
func (c *config) Validate() error {
	if c.Train == "" || c.Dev == "" || c.Out == "" {
		return errors.New("-train, -dev and -out are required")
	}
	if c.Epochs < 1 {
		return fmt.Errorf("-epochs %d: want at least 1", c.Epochs)
	}
	if c.Folds < 2 {
		return fmt.Errorf("-folds %d: want at least 2", c.Folds)
	}
	if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
		return fmt.Errorf("-date %q: want YYYY-MM-DD", c.Date)
	}
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "train-ner:", err)
		os.Exit(1)
	}
}

func parse(args []string) (config, error) {
	fs := flag.NewFlagSet("train-ner", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.Train, "train", "", "training corpus (.conll or .jsonl)")
	fs.StringVar(&c.Dev, "dev", "", "dev corpus (.conll or .jsonl): chooses the epochs, reports the scores")
	fs.StringVar(&c.Out, "out", "", "model file to write")
	fs.IntVar(&c.Epochs, "epochs", 30, "most epochs per pass (early stopping on dev picks the best)")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed: document order and jackknife folds")
	fs.IntVar(&c.Folds, "folds", 5, "jackknife folds for the second pass's features")
	fs.StringVar(&c.Date, "date", time.Now().UTC().Format(time.DateOnly), "creation date recorded in the model")
	fs.BoolVar(&c.Quiet, "q", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	return c, c.Validate()
}

func run(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parse(args)
	if err != nil {
		return err
	}
	train, err := conll.ReadFile(cfg.Train)
	if err != nil {
		return err
	}
	dev, err := conll.ReadFile(cfg.Dev)
	if err != nil {
		return err
	}
	g, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	logf := func(format string, a ...any) { fmt.Fprintf(out, format+"\n", a...) }
	if cfg.Quiet {
		logf = func(string, ...any) {}
	}
	tc := ner.TrainConfig{Epochs: cfg.Epochs, Seed: cfg.Seed, Folds: cfg.Folds, Logf: logf}
	m, rep, err := ner.Train(ctx, train, dev, g, tc)
	if err != nil {
		return err
	}

	// Score the quantized model, the one that ships, on dev.
	t, err := ner.NewTagger(m, ner.WithGazetteer(g))
	if err != nil {
		return err
	}
	var sc conll.Scorer
	var ents []conll.Entity
	for _, d := range dev {
		ents = t.Find(d.Text, ents[:0])
		sc.Add(d.Entities, ents)
	}
	scores := map[string]float64{}
	for _, ty := range conll.Types() {
		scores[ty] = round4(sc.Type(ty).PRF().F1)
	}
	scores["micro_PER_LOC_ORG"] = round4(sc.Micro(conll.PER, conll.LOC, conll.ORG).PRF().F1)
	all := round4(sc.Micro(conll.Types()...).PRF().F1)
	scores["micro_all"] = all

	m.Meta = ner.Meta{
		Created:   cfg.Date,
		Command:   "train-ner " + strings.Join(normalizeArgs(args), " "),
		Seed:      cfg.Seed,
		Epochs1:   rep.Epochs1,
		Epochs2:   rep.Epochs2,
		Features:  rep.Features,
		Kept:      m.Features(),
		DevF1:     all,
		DevScores: scores,
	}
	if err := writeModel(cfg.Out, m); err != nil {
		return err
	}
	st, err := os.Stat(cfg.Out)
	if err != nil {
		return fmt.Errorf("stat model: %w", err)
	}
	fmt.Fprintf(out, "trained in %v: pass 1 %d epochs, pass 2 %d epochs; %d features, %d kept\n",
		rep.Duration.Round(time.Second), rep.Epochs1, rep.Epochs2, rep.Features, m.Features())
	fmt.Fprintf(out, "dev F1 (quantized model, tagger alone): PER %.4f LOC %.4f ORG %.4f MISC %.4f; micro PER/LOC/ORG %.4f, all %.4f\n",
		scores["PER"], scores["LOC"], scores["ORG"], scores["MISC"], scores["micro_PER_LOC_ORG"], all)
	fmt.Fprintf(out, "wrote %s: %d bytes, %.2f MB in memory\n", cfg.Out, st.Size(), float64(m.MemoryBytes())/(1<<20))
	return nil
}

func round4(f float64) float64 { return float64(int(f*10000+0.5)) / 10000 }

// normalizeArgs keeps only file names of path flags, so that the command
// recorded in the model does not depend on where it was run.
func normalizeArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok && strings.ContainsRune(v, os.PathSeparator) {
			a = k + "=" + filepath.Base(v)
		} else if strings.ContainsRune(a, os.PathSeparator) {
			a = filepath.Base(a)
		}
		out[i] = a
	}
	return out
}

// writeModel writes m to path through a temporary file, so that a failed
// run never leaves half a model.
func writeModel(path string, m *ner.Model) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ner-model-*")
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := m.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}
