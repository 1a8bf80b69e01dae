# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
# Test processes (pytest-xdist): one per core by default; each has its own test database and indexes.
TEST_WORKERS ?= auto
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint check venv messages bench-units services clean checkers

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# The accessibility and HTML checkers of the test suite (package.json: axe-core,
# vnu-jar). Without npm the tests that need them are skipped (failed under
# REQUIRE_SERVICES=1); vnu-jar's own Java download is not run (--ignore-scripts).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm is missing: the accessibility checks will be skipped (apt-get install nodejs npm)"; fi

checkers: $(NODE_STAMP)

messages: $(STAMP)
	$(BIN)/python scripts/compile_messages.py

## make run: SQLite + database search backend + demo data on http://127.0.0.1:8000/
RUN_PORT ?= 8000
run: $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(RUN_PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=site_config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=site_config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

## make test: the whole suite; DATABASE_URL / SEARCH_BACKEND / REQUIRE_SERVICES select real services
test: $(STAMP) messages lint check checkers
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

bench-units: $(STAMP) messages
	$(BIN)/python scripts/bench_units.py

## services: start local PostgreSQL and OpenSearch like CI does (see .ci/run)
services:
	bash scripts/postgres.sh start
	bash scripts/opensearch.sh start

clean:
	rm -rf $(VENV) .cache db.sqlite3 media static_collected node_modules

.PHONY: bench-reporters
bench-reporters: $(STAMP) messages
	$(BIN)/python scripts/bench_reporters.py

## bench-pages: pages, page cache, nginx and the search API against the raw engine (issue 16).
## Needs PostgreSQL and OpenSearch (make services); installs Debian's wrk and nginx if missing.
.PHONY: bench-pages
bench-pages: $(STAMP) messages
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null \
		|| [ ! -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			wrk nginx-light libnginx-mod-http-cache-purge >/dev/null; fi
	$(BIN)/python scripts/bench_pages.py --nginx
