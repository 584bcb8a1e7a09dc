# factcheck: `make run` serves the API, `make demo` serves it with demo data, `make test` runs
# the whole suite. Any Python from 3.11 on: PYTHON=python3.13 make run picks another one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run demo test install install-dev migrate seed lint lock docs clean bench bench-matching

# Demo users and fact-checks only when asked: FACTCHECK_DEMO=1 (in the environment or .env).
run: install migrate
	@$(FLASK) seed --if-demo
	@$(FLASK) config
	@echo "Serving factcheck on http://$${HOST:-127.0.0.1}:$${PORT:-8000}/api/v1 (docs: /api/v1/docs)"
	@echo "First admin: $(FLASK) users create NAME --role admin   (prints its API token)"
	$(BIN)/gunicorn wsgi:app

demo:
	FACTCHECK_DEMO=1 $(MAKE) run

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "$(PYTHON) is missing or older than 3.11: factcheck needs Python 3.11 or newer (PYTHON=python3.12 make ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Exact versions from the lock files (any Python from 3.11 on), then the project itself.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

# Rewrites the lock files from pyproject.toml's ranges, for every Python from 3.11 on.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 pyproject.toml
lock: install-dev
	$(LOCK) -o requirements.lock
	$(LOCK) --extra dev -o requirements-dev.lock

migrate: install
	$(FLASK) db upgrade

seed: install
	$(FLASK) seed

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The docs site (mkdocs-material, in the dev extra) into site/: no network needed to build or read.
docs: install-dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) instance .pytest_cache site

# Benchmarks (not part of `make test`): gunicorn as `make run` serves it, against a bare Flask
# app, on scratch PostgreSQL and SQLite databases; see docs/benchmarks.md.
# BENCH_CLAIMS=1000000 for the full run; BENCH_ARGS for bench/run.py's other flags.
BENCH_CLAIMS ?= 100000
bench: install
	BENCH_CLAIMS=$(BENCH_CLAIMS) $(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/profile_requests.py

# Claim matching on CheckThat! 2022 Task 2A, the product beside BM25 (docs/matching.md).
MATCHING_DATA ?= ../shared/data/matching/ct2022-2a
MATCHING_SPLIT ?= dev
bench-matching: install
	$(BIN)/pip install --quiet -e '.[evaluate]'
	$(BIN)/python bench/retrieval.py $(MATCHING_DATA) --split $(MATCHING_SPLIT) $(MATCHING_ARGS)
