# `make run` takes a machine with only Python 3.11+ to the running product; `make test` runs the
# whole test suite. Both create and fill the virtual environment in .venv when it is missing or
# older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
DEMO_CLERK := griffier
DEMO_PASSWORD := griffier-demo

.PHONY: install run test lint format bench bench-database bench-reminders bench-dashboard bench-api bench-tk

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py create_clerk $(DEMO_CLERK) --password $(DEMO_PASSWORD)
	@echo
	@echo "  The commitment tracker runs on http://127.0.0.1:8000/"
	@echo "  Log in at http://127.0.0.1:8000/admin/ as $(DEMO_CLERK) / $(DEMO_PASSWORD)"
	@echo
	PATH="$(BIN):$$PATH" $(BIN)/honcho start --procfile Procfile

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks run on PostgreSQL and Redis, in a database of their own, and rewrite BENCHMARKS.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tracker_bench

BENCH_REDIS_URL ?= redis://127.0.0.1:6379/1

bench: bench-reminders bench-dashboard bench-api bench-tk

bench-database:
	psql -X -q -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'tracker_bench'" | grep -q 1 \
		|| psql -X -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE tracker_bench"

bench-reminders: install bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/reminders.py

bench-dashboard: install bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python bench/dashboard.py

bench-api: install bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python bench/api.py

bench-tk: install bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/tk_import.py
