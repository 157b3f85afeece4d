// Package config loads the worker's and the publisher's configuration
// from command-line flags with environment-variable fallbacks, applies
// defaults and validates the result. It reads the environment only
// through the lookup function its caller passes in.
package config

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// LookupEnv has the signature of os.LookupEnv; tests pass a map's lookup.
type LookupEnv func(string) (string, bool)

// Flag documents one flag, for --help and the README's table.
type Flag struct {
	Name    string
	Env     string
	Default string
	Usage   string
	Secret  bool
}

// flags registers flags whose default comes from an env var when set.
type flags struct {
	fs   *flag.FlagSet
	env  LookupEnv
	errs []error
	docs []Flag
}

func newFlags(name string, env LookupEnv) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	return &flags{fs: fs, env: env}
}

func (f *flags) doc(name, env, def, usage string, secret bool) string {
	f.docs = append(f.docs, Flag{Name: name, Env: env, Default: def, Usage: usage, Secret: secret})
	if env != "" {
		return usage + " (env " + env + ")"
	}
	return usage
}

func (f *flags) fromEnv(env string) (string, bool) {
	if env == "" || f.env == nil {
		return "", false
	}
	v, ok := f.env(env)
	return v, ok && v != ""
}

func (f *flags) String(p *string, name, env, def, usage string) {
	f.str(p, name, env, def, usage, false)
}

// Secret is a string flag whose value is never printed: its default in
// help output is blank even when the env var holds one.
func (f *flags) Secret(p *string, name, env, usage string) {
	f.str(p, name, env, "", usage, true)
}

func (f *flags) str(p *string, name, env, def, usage string, secret bool) {
	v := def
	if e, ok := f.fromEnv(env); ok {
		v = e
	}
	*p = v
	f.fs.Func(name, f.doc(name, env, def, usage, secret), func(s string) error { *p = s; return nil })
}

func (f *flags) Int(p *int, name, env string, def int, usage string) {
	v := def
	if e, ok := f.fromEnv(env); ok {
		n, err := strconv.Atoi(e)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("env %s=%q: not an integer", env, e))
		} else {
			v = n
		}
	}
	f.fs.IntVar(p, name, v, f.doc(name, env, strconv.Itoa(def), usage, false))
}

func (f *flags) Float(p *float64, name, env string, def float64, usage string) {
	v := def
	if e, ok := f.fromEnv(env); ok {
		n, err := strconv.ParseFloat(e, 64)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("env %s=%q: not a number", env, e))
		} else {
			v = n
		}
	}
	f.fs.Float64Var(p, name, v, f.doc(name, env, strconv.FormatFloat(def, 'g', -1, 64), usage, false))
}

func (f *flags) Duration(p *time.Duration, name, env string, def time.Duration, usage string) {
	v := def
	if e, ok := f.fromEnv(env); ok {
		d, err := time.ParseDuration(e)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("env %s=%q: not a duration", env, e))
		} else {
			v = d
		}
	}
	f.fs.DurationVar(p, name, v, f.doc(name, env, def.String(), usage, false))
}

func (f *flags) Bool(p *bool, name, env string, def bool, usage string) {
	v := def
	if e, ok := f.fromEnv(env); ok {
		b, err := strconv.ParseBool(e)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("env %s=%q: not a boolean", env, e))
		} else {
			v = b
		}
	}
	f.fs.BoolVar(p, name, v, f.doc(name, env, strconv.FormatBool(def), usage, false))
}

func (f *flags) parse(args []string) error {
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	if len(f.errs) > 0 {
		return f.errs[0]
	}
	return nil
}

// readSecretFile returns the trimmed content of path, for --x-file flags
// that keep secrets out of the process list and the environment.
func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read secret file: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// MarkdownTable renders flags as the README's configuration table.
func MarkdownTable(fl []Flag) string {
	var b strings.Builder
	b.WriteString("| flag | env | default | meaning |\n|---|---|---|---|\n")
	for _, f := range fl {
		def := f.Default
		if def == "" {
			def = " "
		} else {
			def = "`" + def + "`"
		}
		env := ""
		if f.Env != "" {
			env = "`" + f.Env + "`"
		}
		fmt.Fprintf(&b, "| `--%s` | %s | %s | %s |\n", f.Name, env, def, f.Usage)
	}
	return b.String()
}
