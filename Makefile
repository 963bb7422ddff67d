# Ignition backend: `make run` for a local server, `make test` for the whole suite (CI).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_PG := $(CURDIR)/.data/pg
# PostgreSQL refuses to run as root: the dev cluster belongs to the postgres user then.
AS_PG  := $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)

.PHONY: venv run test unit lint clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -e '.[test]'
	touch $@

run: venv
	$(BIN)/ignition dev

# pytest exits 5 when it collects no tests: a suite that ran nothing has not passed.
test: venv
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q; status=$$?; \
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
