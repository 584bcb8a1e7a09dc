# factcheck: `make run` serves the API, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test install install-dev migrate seed lint clean bench bench-matching

run: install migrate seed
	@echo "Serving factcheck on http://$${HOST:-127.0.0.1}:$${PORT:-8000}/api/v1 (docs: /api/v1/docs)"
	@echo "First admin token: $(FLASK) users create NAME --role admin   (or: $(FLASK) seed --print-tokens)"
	$(BIN)/gunicorn wsgi:app

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

migrate: install
	$(FLASK) db upgrade

seed: install
	$(FLASK) seed

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) instance .pytest_cache

# Benchmarks (not part of `make test`): gunicorn as `make run` serves it, against a bare Flask
# app, on scratch PostgreSQL and SQLite databases; see docs/benchmarks.md.
# BENCH_CLAIMS=1000000 for the full run; BENCH_ARGS for bench/run.py's other flags.
BENCH_CLAIMS ?= 100000
bench: install
	BENCH_CLAIMS=$(BENCH_CLAIMS) $(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/profile_requests.py

# Claim matching on CheckThat! 2022 Task 2A, the product beside BM25 (docs/publishing.md).
MATCHING_DATA ?= ../shared/data/matching/ct2022-2a
MATCHING_SPLIT ?= dev
bench-matching: install
	$(BIN)/pip install --quiet -e '.[evaluate]'
	$(BIN)/python bench/retrieval.py $(MATCHING_DATA) --split $(MATCHING_SPLIT) $(MATCHING_ARGS)
