# `make run` takes a machine with only Python 3.11+ to the running product; `make test` runs the
# whole test suite. Both create and fill the virtual environment in .venv when it is missing or
# older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
DEMO_CLERK := griffier
DEMO_PASSWORD := griffier-demo

.PHONY: install run test test-fault lint format screenshots bench bench-database bench-reminders bench-web bench-tk bench-extraction

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py flag_overdue
	$(BIN)/python manage.py create_clerk $(DEMO_CLERK) --password $(DEMO_PASSWORD)
	@echo
	@echo "  The commitment tracker runs on http://127.0.0.1:8000/"
	@echo "  Log in at http://127.0.0.1:8000/admin/ as $(DEMO_CLERK) / $(DEMO_PASSWORD)"
	@echo
	PATH="$(BIN):$$PATH" $(BIN)/honcho start --procfile Procfile

test: install
	$(BIN)/python -m pytest

# The fault suite (tests/fault): the real stack of its own under faults, on PostgreSQL and Redis.
test-fault: install
	$(BIN)/python -m pytest -m fault tests/fault

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every public page at 1366 and 360 px in Dutch and English, on the seed letter in a throwaway
# database, into docs/screenshots/ (needs Debian's chromium besides the virtual environment).
screenshots: install
	$(BIN)/python scripts/screenshots.py

# Benchmarks run on PostgreSQL and Redis, in a database of their own that each starts afresh
# (so it has the current migrations), and rewrite their sections of BENCHMARKS.md; `make bench`
# runs them all and then writes the summary of targets at the top.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tracker_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/1
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL)

bench: bench-reminders bench-web bench-tk bench-extraction
	$(BENCH_ENV) $(BIN)/python bench/summary.py

bench-database:
	psql -X -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS tracker_bench WITH (FORCE)"
	psql -X -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE tracker_bench"

bench-reminders: install bench-database
	$(BENCH_ENV) $(BIN)/python bench/reminders.py

bench-web: install bench-database
	$(BENCH_ENV) $(BIN)/python bench/web.py

bench-tk: install bench-database
	$(BENCH_ENV) $(BIN)/python bench/tk_import.py

bench-extraction: install
	$(BIN)/python bench/extraction.py
