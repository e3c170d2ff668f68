# Two entry points, both working on a fresh machine (see README):
#   make handbook   install and build the example organization's handbook
#   make test       install the test dependencies (Chromium included) and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: handbook test install install-test print-deps system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

# Debian packages. The PDFs need Pango and the fonts WeasyPrint embeds; the tests also need
# Chromium (Playwright drives it; it never downloads one), poppler-utils and LibreOffice Calc
# (tests/test_workbook.py saves workbooks with it), the last without its recommended packages.
PRINT_PACKAGES = fonts-liberation fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES  = $(PRINT_PACKAGES) chromium poppler-utils
LEAN_TEST_PACKAGES = libreoffice-calc

print-deps: PACKAGES = $(PRINT_PACKAGES)
system-deps: PACKAGES = $(TEST_PACKAGES)
system-deps: LEAN_PACKAGES = $(LEAN_TEST_PACKAGES)
print-deps system-deps:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@lean=$$(for p in $(LEAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$lean" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$lean >/dev/null; \
	fi

handbook: print-deps install
	$(BIN)/handbook build org_data/red-ciudadana.yaml --out site --pdf
	@echo "Abre site/red-ciudadana/index.html en tu navegador."

# axe-core for the accessibility tests, from the npm registry (versions pinned by package-lock.json).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

test: system-deps install-test node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest
