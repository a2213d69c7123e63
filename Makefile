# Two commands: `make test` (every check) and `make demo` (the SDK against the fake platform).
# Both install what they need into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install generate check-generated lint typecheck pytest test demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

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

test: check-generated lint typecheck pytest

demo: install
	$(BIN)/mailru-sdk demo

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .coverage
