# Two commands: `make test` (every check) and `make demo` (the SDK against the fake platform).
# Both install what they need into .venv first: `make demo` only the runtime and the
# `testing` extra (seconds), `make test` the `redis` extra and the `dev` dependency group
# (pyproject.toml's [dependency-groups], PEP 735: tools that are never published).
# `make matrix` runs the tests on Python 3.11, 3.12 and 3.13 (noxfile.py); CI runs both.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
STAMP := $(VENV)/.installed-stamp
DEMO_STAMP := $(VENV)/.demo-stamp

.PHONY: install generate check-generated lint typecheck pytest docs test matrix demo bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# everything make test needs; it includes the demo's extra, so it stamps that too
# pip >= 25.1 reads dependency groups (--group); a new venv may bring an older one
$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) 'pip>=25.1'
	$(PIP) -e '.[redis,testing]' --group dev
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
	$(BIN)/mypy --strict mailru_sdk codegen tests examples benchmarks noxfile.py

pytest: install
	$(BIN)/python -m pytest --cov=mailru_sdk --cov-report=term-missing:skip-covered

# the docs site, warnings (broken links included) as errors; output in site/; then no page
# may show raw markup (a Sphinx role mkdocstrings does not render)
docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m tests.docs_rendered site

test: check-generated lint typecheck docs pytest

# the test group's pytest run on every supported Python found here (pyenv's included)
matrix: install
	$(BIN)/nox --no-color --sessions tests

demo: $(DEMO_STAMP)
	$(BIN)/mailru-sdk demo

bench: install
	$(PIP) --group bench
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .coverage .nox site build dist
