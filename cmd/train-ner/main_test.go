package main

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		ok   bool
	}{
		{"ok", []string{"-train", "t.conll", "-dev", "d.conll", "-out", "m"}, true},
		{"missing out", []string{"-train", "t.conll", "-dev", "d.conll"}, false},
		{"bad epochs", []string{"-train", "t", "-dev", "d", "-out", "m", "-epochs", "0"}, false},
		{"bad folds", []string{"-train", "t", "-dev", "d", "-out", "m", "-folds", "1"}, false},
		{"bad date", []string{"-train", "t", "-dev", "d", "-out", "m", "-date", "yesterday"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse(tt.args); (err == nil) != tt.ok {
				t.Errorf("parse(%q) error %v, want ok=%v", tt.args, err, tt.ok)
			}
		})
	}
}

func TestNormalizeArgs(t *testing.T) {
	got := normalizeArgs([]string{"-train", "../data/train.conll", "-out=internal/ner/model/ner.model", "-seed", "1"})
	want := []string{"-train", "train.conll", "-out=ner.model", "-seed", "1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
