# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
# Each installs what it needs: a .venv from the lock file requirements.txt and, for `make test`, the
# Debian packages the tests use (chromium, nodejs, npm): itself when run as root, else it names them.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Every Python package, pinned with its hashes; written from pyproject.toml's ranges by `make lock`.
LOCK := requirements.txt
# Same input, same bytes: the build's dates come from the last commit unless set.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: site site-properdocs test test-fast lint lock system-packages clean

# More options for the build, as the workflows pass them: `make site BUILD_ARGS="--reuse-readings-from URL"`.
BUILD_ARGS ?=

site: $(INSTALLED)
	$(PY) -m generator build --stories stories --site-dir site $(BUILD_ARGS)

# The same site built by ProperDocs, the maintained MkDocs 1.x fork (after `make site`): it may
# differ only in the tag that names the program. CI runs it, so the way off MkDocs stays open.
site-properdocs: $(INSTALLED)
	$(PY) -m generator build --stories stories --site-dir site-properdocs --engine properdocs
	diff -r -I '<meta name="generator"' site site-properdocs

LIGHTHOUSE := tests/lighthouse/node_modules/.bin/lighthouse

test: $(INSTALLED) system-packages $(LIGHTHOUSE) lint
	$(PY) -m pytest

# Everything but the browser, Lighthouse and whole-site builds (the markers in pyproject.toml):
# under a minute, with no chromium or Node needed. `make test` is still the one that counts.
test-fast: $(INSTALLED)
	$(PY) -m pytest -m "not browser and not lighthouse and not build"

# Lighthouse, pinned by tests/lighthouse/package-lock.json; it drives Debian's chromium. npm comes
# from system-packages, which runs first but, being order-only, never makes this out of date.
$(LIGHTHOUSE): tests/lighthouse/package-lock.json | system-packages
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's chromium (Playwright never downloads a browser here), the path
# tests/browser.py launches; Lighthouse runs on Node and installs with npm (Debian's 18 is enough).
CHROMIUM := /usr/bin/chromium
# The films of featured stories are drawn in DejaVu Sans (generator/audio/film.py); a build without
# it publishes those stories without their films and says so.
FILM_FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

# Installs only the packages that are missing, and only as root; anyone else is told what to run.
system-packages:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	[ -f $(FILM_FONT) ] || missing="$$missing fonts-dejavu-core"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Testerna behöver Debian-paketen$$missing (chromium till webbläsartesterna, nodejs och npm till Lighthouse, fonts-dejavu-core till filmerna). Installera dem med: sudo apt-get install$$missing" >&2; \
			exit 1; \
		fi; \
	fi

# lint-imports checks the layers of generator/ and which module may import which library
# (pyproject.toml's [tool.importlinter]).
lint: $(INSTALLED)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m ruff format --check generator tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
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
	rm -rf site site-ljud site-properdocs .site.* $(VENV) .cache .import_linter_cache artifacts tests/lighthouse/node_modules docs/.generated.json \
		docs/berattelser docs/grunder docs/arenor docs/upplevelser docs/planen docs/statistik \
		docs/sprak docs/en docs/ar docs/vi docs/bs docs/index.md docs/dialog.md docs/skriv-ut utskrifter
