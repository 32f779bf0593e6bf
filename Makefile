# OneWindow (一窗通) — plain entry points. `make run`, `make test`, `make demo`, `make check`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Debian packages the desk app needs (a CJK font and the fonts for rare characters of
# CJK Ext A–G, Qt's xcb pieces) and the tests
# use (poppler-utils to inspect PDFs, zbar-tools to decode QR codes; PostgreSQL
# and headless Chromium for the county server's tests; openssl makes the
# certificates of the sync TLS test).
APP_DEBS  := fonts-wqy-microhei fonts-hanazono fonts-babelstone-han libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
TEST_DEBS := poppler-utils zbar-tools postgresql chromium chromium-driver openssl
# The county server (`make county`): embedded SQLite in this folder unless
# COUNTY_DATABASE_URL names a PostgreSQL database.
COUNTY_DATA_DIR ?= $(HOME)/.local/share/OneWindowCounty
COUNTY_PORT     ?= 8700

.PHONY: run demo check test test-fast bench bench-search translations system-deps system-deps-test clean county test-county bench-county bench-sync bench-county-attack bundle test-bundle bench-bundle

run: $(VENV)/.installed system-deps
	$(PY) main.py

demo: $(VENV)/.installed system-deps
	$(PY) main.py --demo

# The checks every test run starts with: lint, types, and the layer contracts
# (import-linter, [tool.importlinter] in pyproject.toml). `make test CHECKS=`
# runs the tests without them.
CHECKS ?= check

check: $(VENV)/.installed-test
	$(VENV)/bin/ruff check app county_server tests bench tools main.py
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The suite runs on every core (pytest-xdist; `make test TEST_WORKERS=0` runs it
# in one process). Each worker has its own databases, PostgreSQL role and ports.
TEST_WORKERS ?= auto

test: $(VENV)/.installed-test system-deps system-deps-test $(CHECKS)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(TEST_WORKERS) --durations=25

# Everything but the slow end-to-end tests, while working.
test-fast: $(VENV)/.installed-test system-deps $(CHECKS)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow"

bench: $(VENV)/.installed-test system-deps
	QT_QPA_PLATFORM=offscreen $(PY) bench/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/receipt.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/intake_keys.py
	$(PY) bench/daily_steps.py

# Generates 300,000 residents and 1,000,000 cases once (cached), then times the lookups.
bench-search: $(VENV)/.installed-test
	$(PY) bench/search.py

# The county server on http://127.0.0.1:8700/admin/ (first: create an admin,
# see README "County server").
county: $(VENV)/.installed-county
	COUNTY_DATA_DIR="$(COUNTY_DATA_DIR)" $(PY) -m county_server serve --host 127.0.0.1 --port $(COUNTY_PORT)

# Only the county server's tests (PostgreSQL and SQLite).
test-county: $(VENV)/.installed-test system-deps-test
	$(PY) -m pytest tests/county

bench-county: $(VENV)/.installed-test system-deps-test
	$(PY) bench/county_ingest.py

# Four clients send gzip bombs and deep JSON; /healthz, pushes and memory are measured (about a minute).
bench-county-attack: $(VENV)/.installed-test system-deps-test
	$(PY) bench/county_attack.py

# 10,000 desk operations pushed on loopback, then over a 2 KB/s link with random cuts (about 15 minutes).
bench-sync: $(VENV)/.installed-test system-deps-test
	$(PY) bench/sync.py

# Re-extract UI strings into the .ts and compile the .qm after editing the UI;
# translate new strings in the .ts (Qt Linguist: .venv/bin/pyside6-linguist).
translations: $(VENV)/.installed
	$(VENV)/bin/pyside6-lupdate $$(find app/ui -name '*.py' | sort) -ts app/i18n/onewindow_zh_CN.ts -no-obsolete
	$(VENV)/bin/pyside6-lrelease app/i18n/onewindow_zh_CN.ts -qm app/i18n/onewindow_zh_CN.qm

# A venv made while PySide6 6.12 was allowed holds its separate QtPdf wheel,
# which pins 6.12; it goes before the 6.11 Addons bring QtPdf back.
DROP_QT612 = $(PY) -m pip uninstall --quiet --yes PySide6-Pdf 2>/dev/null || true

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(DROP_QT612)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(DROP_QT612)
	$(PY) -m pip install --quiet -e '.[test,county-test]'
	touch $(VENV)/.installed $(VENV)/.installed-county $@

$(VENV)/.installed-county: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(DROP_QT612)
	$(PY) -m pip install --quiet -e '.[county]'
	touch $(VENV)/.installed $@

system-deps:
	@sh tools/ensure-debs.sh $(APP_DEBS)

system-deps-test:
	@sh tools/ensure-debs.sh $(TEST_DEBS)

# The desk as a folder that needs no Python (PyInstaller onedir, packaging/onewindow.spec)
# and the .deb for x86_64 统信UOS / 麒麟 / Debian: dist/onewindow_<version>_amd64.deb.
# Takes about 3 minutes; see docs/delivery.md.
$(VENV)/.installed-bundle: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(DROP_QT612)
	$(PY) -m pip install --quiet -e '.[bundle]'
	touch $(VENV)/.installed $@

bundle: $(VENV)/.installed-bundle system-deps
	rm -rf dist/onewindow build/pyinstaller
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/onewindow.spec
	$(PY) packaging/linux/build_deb.py --dist dist/onewindow --out dist

# Builds the .deb, then installs it here, starts it under xvfb and removes it (as root).
test-bundle: bundle $(VENV)/.installed-test
	ONEWINDOW_DEB=$$(ls -t dist/onewindow_*_amd64.deb | head -1) QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/delivery

# The installed bundle's start against the venv's (needs the .deb installed, or installs it).
bench-bundle: bundle
	$(PY) bench/bundle_start.py --deb $$(ls -t dist/onewindow_*_amd64.deb | head -1)

clean:
	rm -rf $(VENV) build dist *.egg-info
