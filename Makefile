# Every developer task has one entry point here. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_DIR := demo
PG_READY := pg_isready -h 127.0.0.1 -p 5432 -q

.PHONY: demo test lint format docs check-postgres browser serve clean

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(INSTALLED)

## demo: set up, build the demo org in a SQLite file (once) and serve it on http://127.0.0.1:8000
demo: $(INSTALLED)
	$(BIN)/pacesetter demo --dir $(DEMO_DIR)

## test: set up, then lint and run the whole suite on SQLite, then every test that opens a
## database again on PostgreSQL
test: $(INSTALLED) browser check-postgres lint
	$(BIN)/pytest -n 2 --db sqlite
	$(BIN)/pytest -n 2 --db postgresql --skip-db-free

## docs: rewrite the generated reference pages (docs/cli.md); a test fails when they are stale
docs: $(INSTALLED)
	$(BIN)/python -m pacesetter.cli.reference > docs/cli.md

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The browser tests drive Debian's Chromium; never a browser downloaded by a test tool.
browser:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

# Start the local cluster when it is down; fail loudly when it cannot be reached.
check-postgres:
	@$(PG_READY) || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true
	@for i in $$(seq 1 30); do $(PG_READY) && exit 0; sleep 1; done; \
	  echo "PostgreSQL is not reachable on 127.0.0.1:5432: the suite must run on it too." >&2; exit 1

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .ruff_cache

## bench: install the harness's own pins (bench/requirements.lock: DuckDB, pandas) into the venv,
## then run the issue-10 harness (BENCH_ARGS, e.g. BENCH_ARGS="--reps 1000 --db sqlite")
BENCH_INSTALLED := $(VENV)/.bench-installed
BENCH_ARGS ?= --reps 5000
.PHONY: bench
$(BENCH_INSTALLED): bench/requirements.lock $(INSTALLED)
	$(BIN)/pip install -q --require-hashes -r bench/requirements.lock
	touch $(BENCH_INSTALLED)

bench: $(BENCH_INSTALLED) check-postgres
	$(BIN)/python bench/org_bench.py $(BENCH_ARGS)
