# Ignition backend: `make run` for a local server, `make test` for the whole suite (CI).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_PG := $(CURDIR)/.data/pg
CLIENT := clients/typescript
CLIENT_STAMP := $(CLIENT)/node_modules/.installed
# PostgreSQL refuses to run as root: the dev cluster belongs to the postgres user then.
AS_PG  := $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)

.PHONY: venv run test unit lint clean system-deps client-deps

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -e '.[test]'
	touch $@

run: venv
	$(BIN)/ignition dev

# Programs the tests start or drive themselves but that must be installed: redis-server, and
# Debian's chromium for the browser login test (tests/browser); node and npm come with the machine.
system-deps:
	@missing=""; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "missing:$$missing (apt-get install$$missing)" >&2; exit 1; fi; fi
	@command -v npm >/dev/null 2>&1 || { echo "node and npm are missing (Node.js 20 or newer)" >&2; exit 1; }

# The TypeScript client's tools (tsc, openapi-typescript, playwright-core), exactly as locked.
client-deps: $(CLIENT_STAMP)

$(CLIENT_STAMP): $(CLIENT)/package.json $(CLIENT)/package-lock.json
	cd $(CLIENT) && npm ci --no-audit --no-fund
	touch $@

# pytest exits 5 when it collects no tests: a suite that ran nothing has not passed.
test: venv system-deps client-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n auto; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

unit: venv
	$(BIN)/python -m pytest tests/unit -q

lint: venv
	$(BIN)/lint-imports

clean:
	if [ -f "$(DEV_PG)/PG_VERSION" ] && $(AS_PG) pg_ctl -D "$(DEV_PG)" status >/dev/null; then \
		$(AS_PG) pg_ctl -D "$(DEV_PG)" -m fast -w stop; \
	fi
	rm -rf .data

# Peak RSS growth of a gunicorn worker while it streams a 200 MB track (target < 30 MB); not a test.
.PHONY: bench-stream
bench-stream: venv
	$(BIN)/python bench/stream_memory.py

.PHONY: bench-export
bench-export: venv
	$(BIN)/python bench/export_memory.py

# D1 import rows/s beside a plain COPY of the same converted rows, 1,000,000-row dump (target ≥ half); not a test.
.PHONY: bench-d1
bench-d1: venv
	$(BIN)/python bench/d1_import.py

# Requests/s and p50/p99 of the hot endpoints under wrk, beside a raw-psycopg ceiling, with
# production settings (about 5 minutes; BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_OUT); not a test.
.PHONY: bench-load
bench-load: venv system-deps
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; \
	  else echo "wrk is missing: install it (apt-get install wrk)" >&2; exit 1; fi; }
	$(BIN)/python bench/load.py $(if $(BENCH_OUT),--out $(BENCH_OUT))

# schemathesis over every operation, the long search (CI's short one is part of `make test`): FUZZ_EXAMPLES
# random cases per operation and every boundary case, a new seed each run (FUZZ_SEED=… replays one),
# interrupted after FUZZ_TIMEOUT seconds (SIGINT, so the test cluster is still stopped). Not a test.
.PHONY: fuzz
FUZZ_EXAMPLES ?= 200
FUZZ_TIMEOUT ?= 2400
fuzz: venv
	@seed=$(or $(FUZZ_SEED),$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')); \
	echo "fuzz: $(FUZZ_EXAMPLES) examples per operation, seed $$seed"; \
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SEED=$$seed timeout --signal=INT --kill-after=60 $(FUZZ_TIMEOUT) \
		$(BIN)/python -m pytest -q -n 2 tests/fuzz
