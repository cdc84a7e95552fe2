# arsflow: two commands do all set-up on a fresh machine.
#   make run   start arsflow serve on the embedded default and ingest the demo cases
#   make test  every test
.PHONY: run test setup build fuzz bench bench-e2e eval

GO ?= go
BIN := bin/arsflow

setup:
	@bash .ci/setup

# arsflow, and arsflow-extract: the offline reader alone, quicker to start,
# which serve also runs as its parser child. Both carry the same stamp, so
# serve knows the child beside it is of its own build.
STAMP := $(shell git rev-parse --short HEAD 2>/dev/null || echo nogit)-$(shell date +%s)
LDSTAMP := -ldflags "-X arsflow/extract/pdftext.stamp=$(STAMP)"
build:
	$(GO) build $(LDSTAMP) -o $(BIN) ./cmd/arsflow
	$(GO) build $(LDSTAMP) -o bin/arsflow-extract ./cmd/arsflow-extract

# The demo: embedded NATS, rule-based summaries, the first three corpus cases.
DEMO ?= $(sort $(wildcard testdata/cases/0[1-3]-*))
run: setup build
	ARSFLOW_COOKIE_SECURE=$${ARSFLOW_COOKIE_SECURE:-false} \
	ARSFLOW_ADMIN_PASSWORD=$${ARSFLOW_ADMIN_PASSWORD:-demo-forvaltning-2026} \
	$(BIN) serve --demo "$(DEMO)"

test: setup
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 12m ./...
	$(MAKE) --no-print-directory fuzz

# Each fuzz target runs briefly on top of its seed corpus.
FUZZTIME ?= 5s
fuzz:
	@$(GO) list -f '{{.ImportPath}}' ./... | while read -r pkg; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep -E '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg >/dev/null || { echo "fuzz $$f failed"; exit 1; }; \
	  done; \
	done

bench: setup
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./...

# The end-to-end benchmark: BENCH_CASES generated cases of about 20 pages
# (into a temporary directory, removed afterwards) through everything
# `arsflow serve` runs, against the goal of 1 000 cases in 5 minutes.
BENCH_CASES ?= 1000
bench-e2e: setup build
	$(GO) build -o bin/arsgen ./cmd/arsgen
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	  bin/arsgen -bulk $(BENCH_CASES) -out "$$d" && \
	  ARSFLOW_LOG_LEVEL=$${ARSFLOW_LOG_LEVEL:-warn} $(BIN) bench $(BENCH_FLAGS) "$$d"

eval: build
	$(BIN) eval testdata/cases
