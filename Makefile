# Ekoskolu portāls — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
WEB_PORT ?= 8000
# The PostgreSQL pass of the suite and the integration tests use these services.
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/postgres
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
export POSTGRES_TEST_URL REDIS_TEST_URL

.PHONY: help install install-dev messages run migrate demo test test-fast test-postgres \
        test-integration lint format system-deps audit bench clean

help: ## List the targets with what they do
	@grep -E '^[a-z][a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"

$(VENV)/.base-installed: requirements/base.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed messages ## Create .venv and install the locked dependencies

install-dev: $(VENV)/.dev-installed messages node_modules/.installed ## Install the locked dependencies with the test tools

# The HTML checker and Lighthouse; scripts stay off (vnu-jar's would fetch a Java).
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validity and Lighthouse checks will not run"; fi

messages: | $(BIN)/activate ## Compile the translations (.po to .mo)
	@$(BIN)/pybabel compile --domain django --directory locale --use-fuzzy --statistics 2>&1 | grep -v '^$$' || true
	@$(BIN)/pybabel compile --domain "django djangojs" --directory locale/vendor --use-fuzzy --statistics 2>&1 | grep -v '^$$' || true
	@test -f locale/lv/LC_MESSAGES/django.mo -a -f locale/vendor/lv/LC_MESSAGES/djangojs.mo || { echo "Latvian translations failed to compile"; exit 1; }

messages-extract: install-dev ## Collect new strings into locale/lv/LC_MESSAGES/django.po (needs gettext)
	$(MANAGE) makemessages --locale=lv --ignore=var --ignore=tests --ignore=node_modules --no-location

lock: | $(BIN)/activate ## Re-lock the dependencies after editing pyproject.toml
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo network (idempotent)
	$(MANAGE) load_demo

run: demo ## Install, migrate, load the demo and serve on http://127.0.0.1:8000 with a worker and beat
	@$(MANAGE) ensure_admin
	@echo "Serving http://127.0.0.1:$(WEB_PORT)/ (admin: /admin/). Ctrl-C stops everything."
	WEB_PORT=$(WEB_PORT) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho --procfile Procfile.dev start

# Four workers on two cores: many tests wait on browsers, subprocesses and mail;
# tests that share Redis and a Celery worker stay on one of them.
PARALLEL ?= -n 4 --dist loadgroup -p no:cacheprovider --durations=25

test: install-dev ## Run the whole suite: SQLite pass, then the PostgreSQL pass
	$(BIN)/pytest $(PARALLEL)
	DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest $(PARALLEL) -m "postgres or postgres_only"

test-fast: install-dev ## Run the SQLite pass without browser and integration tests
	$(BIN)/pytest $(PARALLEL) -m "not browser and not integration"

test-postgres: install-dev ## Run only the PostgreSQL pass
	DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest $(PARALLEL) -m "postgres or postgres_only"

test-integration: install-dev ## Run only the tests that use real Redis, workers and SMTP
	DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest -m integration

lint: install-dev ## Lint and check formatting, and that no migration is missing
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install-dev ## Format the code and fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

system-deps: ## Install Debian's chromium, docker-compose, wrk and hunspell-lv that some tests use (root or sudo)
	@missing=""; \
	[ -x /usr/lib/chromium/chromium ] || missing="$$missing chromium"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
	[ -f /usr/share/hunspell/lv_LV.dic ] && command -v hunspell >/dev/null || missing="$$missing hunspell hunspell-lv"; \
	if [ -n "$$missing" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			$$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

audit: install-dev system-deps ## Lighthouse scores of the main page types into var/audit/report.md
	$(PY) scripts/audit.py

# The benchmark's size: 1 is 200 schools and 20,000 events; 0.1 is 10 %.
SCALE ?= 1
bench: install-dev system-deps ## Load the portal at network scale on PostgreSQL (SCALE=0.1 for 10 %); table into the README
	$(PY) scripts/bench.py --scale $(SCALE) $(BENCH_ARGS)

clean: ## Remove .venv and var/ (the database, media, mail and queues)
	rm -rf $(VENV) var
