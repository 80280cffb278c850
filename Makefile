# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
# Each installs what it needs: a .venv from pyproject.toml and, when run as root, the Debian
# packages the tests use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Same input, same bytes: the build's dates come from the last commit unless set.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: site test lint system-packages clean

site: $(INSTALLED)
	$(PY) -m generator build --stories stories --site-dir site

LIGHTHOUSE := tests/lighthouse/node_modules/.bin/lighthouse

test: $(INSTALLED) system-packages $(LIGHTHOUSE) lint
	$(PY) -m pytest

# Lighthouse, pinned by tests/lighthouse/package-lock.json; it drives Debian's chromium.
$(LIGHTHOUSE): tests/lighthouse/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
system-packages:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Webbläsartesterna behöver chromium: kör 'sudo apt-get install chromium'." >&2; exit 1; \
		fi; \
	fi

lint: $(INSTALLED)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m ruff format --check generator tests benchmarks
	$(PY) -m mypy

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf site site-ljud .site.* $(VENV) .cache artifacts tests/lighthouse/node_modules docs/.generated.json \
		docs/berattelser docs/grunder docs/arenor docs/upplevelser docs/planen docs/statistik
