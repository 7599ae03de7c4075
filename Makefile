# Medborgarlöften: the two commands in README.md are `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build preview test lint types unit browser bench clean system-deps

help:
	@echo "make serve   bygg och visa webbplatsen på http://127.0.0.1:8000"
	@echo "make build   bygg den statiska webbplatsen till site/"
	@echo "make preview bygg en förhandsversion med utkast till site-preview/"
	@echo "make test    kör alla kontroller och tester"
	@echo "make lint    ruff"
	@echo "make types   mypy --strict"
	@echo "make bench   mät prestanda (skriver bench/RESULTS.md)"

$(STAMP): pyproject.toml requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

preview: $(STAMP)
	MEDBORGARLOFTEN_UTKAST=1 $(BIN)/mkdocs build --strict --clean --site-dir site-preview

lint: $(STAMP)
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -m "not browser" -n 2

browser: $(STAMP)
	$(BIN)/pytest -m browser

test: system-deps lint types $(STAMP)
	$(BIN)/pytest -n 2

bench: $(STAMP)
	$(BIN)/python bench/run.py

system-deps:
	bash scripts/install-system-deps.sh

clean:
	rm -rf site site-preview test-artifacts .pytest_cache .mypy_cache .ruff_cache
