# wirestream — build, run and test. `make help` lists the targets.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c

GO        ?= go
BIN       := bin
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/wirestream/wirestream/internal/app.Version=$(VERSION)
# Pinned tool versions (fetched through the Go module proxy on first use).
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT   := golang.org/x/perf/cmd/benchstat@v0.0.0-20250813145418-2f7363a06fe1
# Packages whose concurrency the race detector must see.
RACE_PKGS := ./internal/pipeline/... ./internal/worker/... ./internal/natsx/... ./internal/publish/...
FUZZTIME  ?= 10s

.PHONY: help build run test test-race test-unit bench fmt fmt-check vet lint fuzz clean

help: ## List the targets.
	@awk 'BEGIN{FS=":.*## "} /^[a-zA-Z_-]+:.*## /{printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Build bin/worker, bin/publisher and bin/tail.
	@mkdir -p $(BIN)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/ ./cmd/worker ./cmd/publisher ./cmd/tail

run: build ## Demo: embedded JetStream, a worker, the samples published, the first event printed. Ctrl-C stops.
	./scripts/demo.sh

test: fmt-check vet ## Everything CI runs: gofmt, vet, all tests (race detector on the concurrent packages).
	@# promtool (Debian's prometheus package) for the deploy/ checks; without
	@# it those tests skip loudly, or fail when CI=true.
	bash scripts/ensure-promtool.sh || true
	$(GO) test -count=1 -race $(RACE_PKGS)
	$(GO) test -count=1 ./...

test-unit: ## Fast tests only (skips integration tests).
	$(GO) test -count=1 -short ./...

bench: ## Stage and pipeline micro-benchmarks (benchstat-friendly output in bench.out).
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./... | tee bench.out

fuzz: ## Run every fuzz target for FUZZTIME each (default 10s).
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

fmt: ## Format the code.
	gofmt -w $$(git ls-files '*.go')

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet: ## go vet.
	$(GO) vet ./...

lint: vet fmt-check ## vet, gofmt and staticcheck (pinned).
	$(GO) run $(STATICCHECK) ./...

clean: ## Remove build output and the demo's JetStream store.
	rm -rf $(BIN) data bench.out

CONLL ?= ../shared/data/conll2003

.PHONY: model eval-ner
model: ## Retrain the NER model (internal/ner/model/ner.model) on CoNLL-2003 in $(CONLL); deterministic, ~25 s.
	$(GO) run ./cmd/train-ner -train $(CONLL)/train.conll -dev $(CONLL)/dev.conll -seed 1 -out internal/ner/model/ner.model

eval-ner: ## Score the entities stage with the NER tagger on the CoNLL-2003 dev set in $(CONLL).
	$(GO) run ./cmd/eval -tagger ner $(CONLL)/dev.conll

CONTAINER_ENGINE ?= docker
IMAGE            ?= ghcr.io/wirestream/worker

.PHONY: image
image: ## Build the container image $(IMAGE):$(VERSION) with $(CONTAINER_ENGINE) (docker or podman).
	$(CONTAINER_ENGINE) build --build-arg VERSION=$(VERSION) -t $(IMAGE):$(VERSION) .
