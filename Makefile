# The two commands that matter: `make run` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test test-headless lint preview validate dist dist-check release deb clean soak

$(STAMP): pyproject.toml
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

## start the kiosk on the default content (full screen; `make run ARGS=--windowed`)
run: $(STAMP)
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh --display
	$(BIN)/kiosk run $(ARGS)

## the whole test suite, headless, on every core (the 15 slowest tests are named at the end);
## compiled tests are kept even where PYTHONDONTWRITEBYTECODE is set (each worker rewrote and
## compiled every test module again: 4.3 s of CPU to collect the suite, 1.5 s with them kept)
test: $(STAMP)
	@VENV=$(VENV) bash scripts/test-tools.sh
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist loadgroup --durations=15

## the model's tests (content, core, command line) where Qt is not installed at all
HEADLESS := .venv-headless
test-headless:
	@test -x $(HEADLESS)/bin/python || $(PYTHON) -m venv $(HEADLESS)
	$(HEADLESS)/bin/python -m pip install --quiet --upgrade pip
	$(HEADLESS)/bin/python -m pip install --quiet --no-deps -e .
	$(PYTHON) scripts/headless_deps.py > $(HEADLESS)/requirements.txt
	$(HEADLESS)/bin/python -m pip install --quiet -r $(HEADLESS)/requirements.txt
	@$(HEADLESS)/bin/python -c "import importlib.util as u, sys; \
		sys.exit('PySide6 is installed in $(HEADLESS)' if u.find_spec('PySide6') else 0)"
	$(HEADLESS)/bin/python -m pytest -c tests/headless.ini --rootdir=.

## ruff, mypy and the layers' import contracts (import-linter, in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## render every screen to previews/ (no display needed)
preview: $(STAMP)
	$(BIN)/kiosk preview --out previews
	$(BIN)/kiosk preview --out previews/portrait --size 1080x1920
	$(BIN)/kiosk preview --out previews/es --lang es
	$(BIN)/kiosk preview --out previews/largest-high-contrast --text-size 3 --high-contrast

validate: $(STAMP)
	$(BIN)/kiosk validate content.yaml

## a long day in one process: 10,000 visits (the suite runs 100); prints its figures
soak: $(STAMP)
	KIOSK_SOAK_VISITS=$${KIOSK_SOAK_VISITS:-10000} $(BIN)/pytest -q -p no:cacheprovider -s tests/soak

## benchmarks, offscreen: prints a table, writes bench/results.json (about 2 minutes);
## PEER=1 adds spawn to the settled first screen on Xvfb against Chromium --kiosk
.PHONY: bench
bench: $(STAMP)
	$(if $(PEER),@PYTHON=$(PYTHON) bash scripts/system-deps.sh --display)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(if $(PEER),--peer) $(ARGS)

## a one-folder build in dist/kiosk/ (ONEFILE=1: one file, dist/kiosk-onefile; slower start)
dist: $(STAMP)
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh --display
	@PYTHON=$(BIN)/python bash scripts/build-deps.sh
	ONEFILE=$(ONEFILE) $(BIN)/pyinstaller --noconfirm --clean build_spec.spec

## build dist/kiosk/ and run a copy of it from a clean folder with no Python on PATH
dist-check: override ONEFILE :=
dist-check: dist
	$(BIN)/python scripts/dist_check.py --source $(BIN)/kiosk $(ARGS)

## release/clinic-kiosk-<version>-linux-x86_64.tar.gz of the checked bundle, with INSTALL.txt
release: dist-check
	bash scripts/release.sh

## release/clinic-kiosk_<version>_<arch>.deb: the checked bundle under /opt/clinic-kiosk, the
## services and timers, the dashboard and alert rules (scripts/build-deb.sh; docs/fleet.md)
deb: dist-check
	bash scripts/build-deb.sh

clean:
	rm -rf build dist release previews .pytest_cache .mypy_cache .ruff_cache
