# The README's commands. `make demo` and `make test` work from a fresh clone:
# they create .venv and install the locked dependencies first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint ui ui-screenshots chromium lock clean

$(BIN)/ownergraph: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'uv>=0.9,<1'
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock -e .
	touch $@

setup: $(BIN)/ownergraph

demo: setup
	$(BIN)/ownergraph demo
	$(BIN)/ownergraph run --config config/demo.yaml

lint: setup
	$(BIN)/ruff check pipelines tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

ui: setup
	DAGSTER_HOME=$(CURDIR) $(BIN)/dagster dev -h 127.0.0.1 -p 3000

# Debian's Chromium for the browser test (tests/test_ui_browser.py); Playwright never
# downloads a browser. Does nothing when /usr/bin/chromium is already there.
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium)

# Regenerate the README's screenshots (docs/ui/*.png) from the browser test.
ui-screenshots: setup chromium
	OWNERGRAPH_UI_SCREENSHOTS=$(CURDIR)/docs/ui $(BIN)/pytest tests/test_ui_browser.py

# Re-resolve the pinned dependency set after editing pyproject.toml.
lock: setup
	$(BIN)/uv pip compile --quiet --python $(BIN)/python pyproject.toml --extra dev -o requirements.lock

clean:
	rm -rf data/raw data/staging data/warehouse.duckdb data/published data/demo data/dagster
