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
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/drillbook check --strict
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

bench: install
	$(BIN)/python -m benchmarks.bench

clean:
	rm -rf site .site-* .pytest_cache
