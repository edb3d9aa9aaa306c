# Every target that needs the environment creates .venv and installs what it needs first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint sysdeps clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,llm]'
	touch $(STAMP)

# LibreOffice (for .doc/.wps) and poppler are optional. On CI, or with INTAKE_SYSDEPS=1, install
# them with apt-get when we are root so the tests that need them really run instead of skipping.
sysdeps:
	@sh scripts/sysdeps.sh

demo: $(STAMP)
	$(BIN)/intake check samples/

test: $(STAMP) sysdeps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
