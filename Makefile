# Two commands: `make test` (every check) and `make demo` (the SDK against the fake platform).
# Both install what they need into .venv first: `make demo` only the runtime and the
# `testing` extra (seconds), `make test` the `dev` and `docs` extras as well.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
STAMP := $(VENV)/.installed-stamp
DEMO_STAMP := $(VENV)/.demo-stamp

.PHONY: install generate check-generated lint typecheck pytest docs test demo bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# everything make test needs; it includes the demo's extra, so it stamps that too
$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) -e '.[dev,docs]'
	touch $(STAMP) $(DEMO_STAMP)

# what the demo needs: the runtime and the testing extra, no dev tools
$(DEMO_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) -e '.[testing]'
	touch $(DEMO_STAMP)

install: $(STAMP)

generate: install
	$(BIN)/python -m codegen

check-generated: install
	$(BIN)/python -m codegen --check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy --strict mailru_sdk codegen tests examples benchmarks

pytest: install
	$(BIN)/python -m pytest --cov=mailru_sdk --cov-report=term-missing:skip-covered

# the docs site, warnings (broken links included) as errors; output in site/
docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: check-generated lint typecheck docs pytest

demo: $(DEMO_STAMP)
	$(BIN)/mailru-sdk demo

bench: install
	$(PIP) -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .coverage site
