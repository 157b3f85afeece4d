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
RACE_PKGS := ./internal/pipeline/... ./internal/worker/... ./internal/natsx/... ./internal/publish/... \
             ./internal/dedup/... ./internal/stages/...
FUZZTIME  ?= 10s
# Each fuzz target's share of `make test`: its seed corpus plus 500 new inputs.
# A count, not a duration: with a duration, a loaded CI machine can still be
# gathering baseline coverage when the deadline fires and Go's fuzz coordinator
# then fails the target with a bare "context deadline exceeded".
FUZZTIME_SMOKE ?= 500x

.PHONY: help build run test test-race test-unit bench fmt fmt-check vet lint fuzz clean

help: ## List the targets.
	@awk 'BEGIN{FS=":.*## "} /^[a-zA-Z_-]+:.*## /{printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Build bin/worker, bin/publisher and bin/tail.
	@mkdir -p $(BIN)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/ ./cmd/worker ./cmd/publisher ./cmd/tail

run: build ## Demo: embedded JetStream, a worker, the samples published, the first event printed. Ctrl-C stops.
	./scripts/demo.sh

test: fmt-check vet ## Everything CI runs: gofmt, vet, all tests (race detector on the concurrent packages), then 500 new inputs for every fuzz target.
	@# promtool (Debian's prometheus package) for the deploy/ checks; without
	@# it those tests skip loudly, or fail when CI=true.
	bash scripts/ensure-promtool.sh || true
	$(GO) test -count=1 -race $(RACE_PKGS)
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZTIME_SMOKE)

test-unit: ## Fast tests only (skips integration tests).
	$(GO) test -count=1 -short ./...

bench: bench-micro bench-load ## Micro-benchmarks (bench.out), then the end-to-end load scenarios (bench-load.out); sized for about 10 minutes.

.PHONY: bench-micro bench-load bench-backlog
bench-micro: ## Stage and pipeline micro-benchmarks (benchstat-friendly output in bench.out).
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./... | tee bench.out

# Sizes of `make bench-load`; docs/BENCHMARKS.md has the exact commands
# behind its tables. -quiet-wait bounds the wait for an idle machine.
LOADBENCH_FLAGS ?= -scenario all -n 100000 -replicas-n 10000 -full-n 10000 -publisher-n 50000 -reps 2 -latency-duration 20s -quiet-wait 20s
bench-load: ## End-to-end load scenarios (cmd/loadbench): nats-server, worker and publisher as subprocesses; tables in bench-load.out.
	$(GO) run ./cmd/loadbench $(LOADBENCH_FLAGS) | tee bench-load.out

# A full drain of a million articles takes about an hour at today's full
# pipeline rate; -backlog-for 5m measures the first five minutes only.
BACKLOG_FLAGS ?= -backlog-n 1000000 -drain-timeout 3h
bench-backlog: ## A one-million-article backlog (about 5 GB of temporary store) drained by the full worker, RSS sampled; takes up to an hour.
	$(GO) run ./cmd/loadbench -scenario backlog $(BACKLOG_FLAGS) | tee bench-backlog.out

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

.PHONY: model eval eval-ner
model: ## Retrain the NER model (internal/ner/model/ner.model) on CoNLL-2003 in $(CONLL); deterministic, ~25 s.
	$(GO) run ./cmd/train-ner -train $(CONLL)/train.conll -dev $(CONLL)/dev.conll -seed 1 -out internal/ner/model/ner.model

eval: eval-ner ## Same as eval-ner.

eval-ner: ## Score the entities stage with the NER tagger on the CoNLL-2003 dev set in $(CONLL).
	$(GO) run ./cmd/eval -tagger ner $(CONLL)/dev.conll

CONTAINER_ENGINE ?= docker
IMAGE            ?= ghcr.io/wirestream/worker

.PHONY: image
image: ## Build the container image $(IMAGE):$(VERSION) with $(CONTAINER_ENGINE) (docker or podman).
	$(CONTAINER_ENGINE) build --build-arg VERSION=$(VERSION) -t $(IMAGE):$(VERSION) .

.PHONY: test-faults
test-faults: ## Fault-injection tests at full size (internal/faults -faults.full: 20,000 articles per run); about 5 minutes.
	$(GO) test -count=1 -timeout 30m -v ./internal/faults -args -faults.full
