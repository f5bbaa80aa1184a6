# Closed Set — every task a newcomer or CI needs. Two commands matter: `make run`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export CLOSEDSET_DATA_DIR ?= $(CURDIR)/var
CLOSEDSET_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
PYTEST_ARGS ?= -n 2

.PHONY: run install dev test lint type test-sqlite test-postgres browser-deps bench cov ci clean openapi migrations-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

## make run: install, migrate, load the demo production, serve on http://127.0.0.1:8000
run: install
	CLOSEDSET_DEBUG=true $(BIN)/closedset demo
	CLOSEDSET_DEBUG=true $(BIN)/closedset serve --host 127.0.0.1 --port 8000

## make test: lint, types, the whole suite on SQLite, then on PostgreSQL
test: dev browser-deps lint type migrations-check test-sqlite test-postgres

lint: dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

type: dev
	CLOSEDSET_DEBUG=true $(BIN)/mypy src

migrations-check: dev
	CLOSEDSET_DEBUG=true CLOSEDSET_DATA_DIR=$$(mktemp -d) $(BIN)/closedset manage makemigrations --check --dry-run

test-sqlite: dev
	@echo "== tests on SQLite =="
	CLOSEDSET_URL_COVERAGE=1 $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: dev
	@if $(BIN)/python scripts/postgres_reachable.py "$(CLOSEDSET_TEST_POSTGRES_URL)"; then \
		echo "== tests on PostgreSQL =="; \
		DATABASE_URL="$(CLOSEDSET_TEST_POSTGRES_URL)" CLOSEDSET_URL_COVERAGE=1 $(BIN)/pytest $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(CLOSEDSET_TEST_POSTGRES_URL); CI needs it." >&2; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(CLOSEDSET_TEST_POSTGRES_URL): skipped =="; \
	fi

## Debian's Chromium for the browser tests (never a downloaded browser)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || scripts/install_chromium.sh

bench: dev
	$(BIN)/python bench/breakdown_speed.py
	$(BIN)/python bench/breakdown_quality.py
	$(BIN)/python bench/audit_verify.py
	$(BIN)/python bench/choreography.py
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/shoot_state.py

cov: dev
	$(BIN)/coverage run -m pytest $(PYTEST_ARGS)
	$(BIN)/coverage report

ci: test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

## the published OpenAPI schema (tests/test_openapi.py compares against it)
openapi: dev
	CLOSEDSET_DEBUG=true $(BIN)/python -c "import django, json, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'closedset.settings'); django.setup(); from closedset.api import api; print(json.dumps(api.get_openapi_schema(path_prefix='/api/v1'), indent=2, sort_keys=True))" > docs/openapi.json
