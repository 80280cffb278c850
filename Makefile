# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
# Each installs what it needs: a .venv from the lock file requirements.txt and, when run as root,
# the Debian packages the tests use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Every Python package, pinned with its hashes; written from pyproject.toml's ranges by `make lock`.
LOCK := requirements.txt
# Same input, same bytes: the build's dates come from the last commit unless set.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: site site-properdocs test lint lock system-packages clean

site: $(INSTALLED)
	$(PY) -m generator build --stories stories --site-dir site

# The same site built by ProperDocs, the maintained MkDocs 1.x fork (after `make site`): it may
# differ only in the tag that names the program. CI runs it, so the way off MkDocs stays open.
site-properdocs: $(INSTALLED)
	$(PY) -m generator build --stories stories --site-dir site-properdocs --engine properdocs
	diff -r -I '<meta name="generator"' site site-properdocs

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
	$(VENV)/bin/zizmor --offline --quiet --min-severity medium .github/

# Exactly the lock, in a cleared venv: only wheels whose hashes are in it, and pip stops if any of
# them needs a package the lock lacks. The project itself goes in last, built by the setuptools
# from the lock (no build isolation, so nothing is downloaded without a hash).
$(INSTALLED): $(LOCK) pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Writes the lock again after a change to pyproject.toml, keeping every pin that still fits;
# `make lock LOCK_ARGS=--upgrade` takes the newest versions the ranges allow.
lock: | $(INSTALLED)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --quiet --output-file $(LOCK) $(LOCK_ARGS)

clean:
	rm -rf site site-ljud site-properdocs .site.* $(VENV) .cache artifacts tests/lighthouse/node_modules docs/.generated.json \
		docs/berattelser docs/grunder docs/arenor docs/upplevelser docs/planen docs/statistik
