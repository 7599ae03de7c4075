# Medborgarlöften: the two commands in README.md are `make serve` and `make test`.
# Python: PYTHON=python3.12 (or a path) chooses one; without it scripts/python.sh takes the newest
# supported python3.x here (3.13, 3.12, 3.11 from 3.11.4). .venv follows the chosen interpreter.
export PYTHON
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build preview test lint types unit browser fuzz bench bench-national \
	clean distclean system-deps

# KOMMUN=robertsfors (or LAN=vasterbottens-lan) builds and serves only that part of the site,
# with the shared pages, at any national size (macros/site/partition.py).
export MEDBORGARLOFTEN_DEL := $(if $(KOMMUN),kommun/$(KOMMUN),$(if $(LAN),lan/$(LAN),))

help:
	@echo "make serve   bygg och visa webbplatsen på http://127.0.0.1:8000"
	@echo "make build   bygg den statiska webbplatsen till site/"
	@echo "make preview bygg en förhandsversion med utkast till site-preview/"
	@echo "             KOMMUN=robertsfors (eller LAN=vasterbottens-lan) efter serve, build"
	@echo "             eller preview: bara den kommunen (det länet) och de gemensamma sidorna"
	@echo "make test    kör alla kontroller och tester"
	@echo "make lint    ruff"
	@echo "make types   mypy --strict"
	@echo "make fuzz    djupare slumptester av trasiga datafiler (ingår inte i make test)"
	@echo "make bench   mät prestanda (skriver bench/RESULTS.md)"
	@echo "make bench-national  mät också 290 kommuner och KOMMUN=-förhandsvisningen (tar tid)"
	@echo "make clean   ta bort byggen; make distclean tar också bort .venv"
	@echo "Välj Python med PYTHON=python3.12 (3.11 från 3.11.4, 3.12 och 3.13 stöds)."

# Always asked: the script is quick when .venv already fits (same interpreter, same lock) and
# rebuilds it when it does not. It installs with pip --require-hashes from requirements/lock.txt.
install:
	@bash scripts/venv.sh

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/python -m macros.site.builder --site-dir site

preview: install
	MEDBORGARLOFTEN_UTKAST=1 $(BIN)/python -m macros.site.builder --site-dir site-preview

lint: install
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench

types: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -m "not browser" -n 2

browser: install
	$(BIN)/pytest -m browser

test: system-deps lint types install
	$(BIN)/pytest -n 2

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -n 2 tests/test_robustness.py tests/test_generated.py

bench: install
	$(BIN)/python bench/run.py

bench-national: install
	$(BIN)/python bench/run.py --national

system-deps:
	bash scripts/install-system-deps.sh

clean:
	rm -rf site site-preview .site.delar* .site-preview.delar* .site.lock .site-preview.lock test-artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis

distclean: clean
	rm -rf $(VENV) *.egg-info
	find macros tests bench -name __pycache__ -type d -prune -exec rm -rf {} +
