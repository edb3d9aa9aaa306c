# Every target that needs the environment creates .venv and installs what it needs first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-llm lint sysdeps clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,llm,postgres,desk,ocr]'
	touch $(STAMP)

# LibreOffice (for .doc/.wps) and poppler are optional. On CI, or with INTAKE_SYSDEPS=1, install
# them with apt-get when we are root so the tests that need them really run instead of skipping.
sysdeps:
	@sh scripts/sysdeps.sh

DEMO := build/demo

# The whole job on the sample batch with the offline rules extractor. The bulk acceptance is a
# stand-in for a reviewer's work (`intake review`), and is recorded as such in the audit log.
# The collective batch's store is set once, as a reviewer would (INTAKE_DB, or `db = ...` in
# intake.toml); the 先进个人 and Xunke stores are named with --db. Only `intake run` creates a
# store, every other command refuses one that does not exist.
demo: export INTAKE_DB := $(DEMO)/intake.db
demo: $(STAMP)
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/intake check samples/batch
	$(BIN)/intake run samples/batch --rubric hebei-ou-2024-collective
	$(BIN)/intake metrics import samples/metrics.csv
	$(BIN)/intake review --accept-all --reviewer 演示复核人 --rubric hebei-ou-2024-collective
	$(BIN)/intake review export $(DEMO)/集体待评分.xlsx --rubric hebei-ou-2024-collective
	$(BIN)/python samples/fill_review.py $(DEMO)/集体待评分.xlsx samples/collective-judged.csv $(DEMO)/集体评审给分.xlsx
	$(BIN)/intake review import $(DEMO)/集体评审给分.xlsx --reviewer 评审组 --rubric hebei-ou-2024-collective
	$(BIN)/intake score --rubric hebei-ou-2024-collective
	$(BIN)/intake report --rubric hebei-ou-2024-collective --xlsx $(DEMO)/汇总表.xlsx --html $(DEMO)/html
	@echo "报告: $(DEMO)/汇总表.xlsx  $(DEMO)/html/index.html  (数据库: $$INTAKE_DB)"
	# 先进个人: the person is the unit; conditions confirmed (bulk, audited), 推荐名单 per city.
	$(BIN)/intake check samples/individuals
	$(BIN)/intake run samples/individuals --rubric hebei-ou-2024-individual --db $(DEMO)/individuals.db
	$(BIN)/intake review --accept-all --reviewer 演示复核人 --rubric hebei-ou-2024-individual --db $(DEMO)/individuals.db
	$(BIN)/intake score --rubric hebei-ou-2024-individual --db $(DEMO)/individuals.db
	$(BIN)/intake report --rubric hebei-ou-2024-individual --db $(DEMO)/individuals.db --xlsx $(DEMO)/先进个人推荐名单.xlsx --html $(DEMO)/html-individuals
	# Xunke 2018: school reports; the bulk acceptance leaves the judged points (酌情记分) pending,
	# the panel's points are entered through the review workbook (audited, source excel).
	$(BIN)/intake check samples/xunke --rubric xunke-2018
	$(BIN)/intake run samples/xunke --rubric xunke-2018-school --db $(DEMO)/xunke.db
	$(BIN)/intake metrics import samples/xunke-metrics.csv --rubric xunke-2018-school --db $(DEMO)/xunke.db
	$(BIN)/intake review --accept-all --reviewer 演示复核人 --rubric xunke-2018-school --db $(DEMO)/xunke.db
	$(BIN)/intake review export $(DEMO)/逊克待评分.xlsx --rubric xunke-2018-school --db $(DEMO)/xunke.db
	$(BIN)/python samples/fill_review.py $(DEMO)/逊克待评分.xlsx samples/xunke-judged.csv $(DEMO)/逊克评审给分.xlsx
	$(BIN)/intake review import $(DEMO)/逊克评审给分.xlsx --reviewer 县评审组 --rubric xunke-2018-school --db $(DEMO)/xunke.db
	$(BIN)/intake score --rubric xunke-2018-school --db $(DEMO)/xunke.db
	$(BIN)/intake report --rubric xunke-2018-school --db $(DEMO)/xunke.db --xlsx $(DEMO)/逊克汇总表.xlsx --html $(DEMO)/html-xunke
	@echo "报告: $(DEMO)/先进个人推荐名单.xlsx  $(DEMO)/逊克汇总表.xlsx  $(DEMO)/html-individuals/  $(DEMO)/html-xunke/"

test: $(STAMP) sysdeps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench_corpus.py
	$(BIN)/python scripts/bench.py

# Needs a model server already running (README, "The LLM extractor"), e.g.
#   make bench-llm INTAKE_BENCH_MODEL=openai:qwen2.5-1.5b-instruct OPENAI_BASE_URL=http://127.0.0.1:8080/v1
bench-llm: $(STAMP)
	$(BIN)/python scripts/bench_llm.py --n 3 --results bench-results.md

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
