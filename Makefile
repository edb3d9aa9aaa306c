# Every target that needs the environment creates .venv and installs what it needs first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-llm lint sysdeps clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,llm,postgres]'
	touch $(STAMP)

# LibreOffice (for .doc/.wps) and poppler are optional. On CI, or with INTAKE_SYSDEPS=1, install
# them with apt-get when we are root so the tests that need them really run instead of skipping.
sysdeps:
	@sh scripts/sysdeps.sh

DEMO := build/demo

# The whole job on the sample batch with the offline rules extractor. The bulk acceptance is a
# stand-in for a reviewer's work (`intake review`), and is recorded as such in the audit log.
# The store is set once, as a reviewer would (INTAKE_DB, or `db = ...` in intake.toml); only
# `intake run` creates it, every other command refuses a store that does not exist.
demo: export INTAKE_DB := $(DEMO)/intake.db
demo: $(STAMP)
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/intake check samples/batch
	$(BIN)/intake run samples/batch --rubric hebei-ou-2024-collective
	$(BIN)/intake metrics import samples/metrics.csv
	$(BIN)/intake review --accept-all --reviewer 演示复核人 --rubric hebei-ou-2024-collective
	$(BIN)/intake score --rubric hebei-ou-2024-collective
	$(BIN)/intake report --rubric hebei-ou-2024-collective --xlsx $(DEMO)/汇总表.xlsx --html $(DEMO)/html
	@echo "报告: $(DEMO)/汇总表.xlsx  $(DEMO)/html/index.html  (数据库: $$INTAKE_DB)"

test: $(STAMP) sysdeps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# Needs a model server already running (README, "The LLM extractor"), e.g.
#   make bench-llm INTAKE_BENCH_MODEL=openai:qwen2.5-1.5b-instruct OPENAI_BASE_URL=http://127.0.0.1:8080/v1
bench-llm: $(STAMP)
	$(BIN)/python scripts/bench_llm.py --n 3 --results bench-results.md

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
