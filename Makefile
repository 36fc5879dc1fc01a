# Trade Point. `make run` and `make test` work on a fresh machine: they create .venv and install the
# locked dependencies (requirements.lock) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
N ?= 1000000
FAIRS ?= 200000
WITS ?= 10000000

.PHONY: help install run test lint bench airflow clean

help:  ## list the targets
	@grep -hE '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed  ## create .venv with the locked dependencies

run: $(VENV)/.installed  ## the whole pipeline, offline replay, into data/warehouse/tradepoint.duckdb
	$(BIN)/tradepoint run

test: $(VENV)/.installed  ## lint and the full test suite
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed  ## ruff
	$(BIN)/ruff check .

bench: $(VENV)/.installed  ## fair dedup (FAIRS), pipeline vs raw load on N UK-like then WITS WITS-like measures
	$(BIN)/python -m bench.fair_dedup --records $(FAIRS)
	$(BIN)/python -m bench.pipeline --rows $(N)
	$(BIN)/python -m bench.pipeline --source wits_trains --rows $(WITS)

clean:  ## remove the data directory (landing, runs, warehouse)
	rm -rf data

-include airflow.mk
