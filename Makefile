# Two entry points, both working on a fresh machine (see README):
#   make handbook   install and build the example organization's handbook
#   make test       install the test dependencies (Chromium included) and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: handbook test install install-test system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

handbook: install
	$(BIN)/handbook build org_data/red-ciudadana.yaml --out site
	@echo "Abre site/red-ciudadana/index.html en tu navegador."

test: system-deps install-test
	$(BIN)/python -m pytest
