# Drillbook: the two commands a fresh machine needs are `make serve` and `make test`.
# Each creates .venv and installs what it needs; `make test` also installs the Debian and
# npm packages the browser tests use (see scripts/system-deps.sh).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING = 1

.PHONY: install serve build check test lint format bench clean system-deps runtime-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

runtime-deps:
	bash scripts/system-deps.sh runtime

build: install runtime-deps
	$(BIN)/drillbook build

serve: install runtime-deps
	$(BIN)/drillbook serve

check: install
	$(BIN)/drillbook check --strict

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install system-deps
	@echo "== 1/4 lint (ruff)"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "== 2/4 import contracts (lint-imports)"
	$(BIN)/lint-imports --no-cache
	@echo "== 3/4 data check (drillbook check --strict)"
	$(BIN)/drillbook check --strict
	@echo "== 4/4 tests (pytest on 2 cores: about 750 tests, 5-10 minutes; the slowest are listed at the end)"
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -p no:cacheprovider --durations=5

bench: install
	$(BIN)/python -m benchmarks.bench

clean:
	rm -rf site .site-* .pytest_cache
