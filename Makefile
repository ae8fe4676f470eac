# Two commands for a new user: `make run` and `make test`. Nothing else is needed first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# `make test` runs the tests in one process per core (pytest-xdist), each with its own test
# database and cache keys. Tests marked xdist_group run on one worker, one after another.
# TEST_WORKERS=0 runs them all in this one process.
TEST_WORKERS ?= auto

.PHONY: run test install install-test lint format assets check-migrations clean demo bench prod-check

$(PY):
	@interpreter=$$(bin/find-python) || exit 1; \
	echo "Creating $(VENV) with $$interpreter"; \
	"$$interpreter" -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The demo loads the first time only, so what you change in the admin stays; `make demo` reloads it.
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_content --once
	@echo
	@echo "  The portal is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Demo accounts (demo only - their passwords are public, in README.md):"
	@echo "    editor@example.org / demo-editor-2026        member@example.org / demo-member-2026"
	@echo "    facilitator@example.org / demo-facilitator-2026   board@example.org / demo-board-2026"
	@echo
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_content

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: install-test lint check-migrations
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=20 $(PYTEST_ARGS)

# Every script in bench/ (the files run as __main__; the others are modules the scripts use).
bench: install-test
	@for script in bench/*.py; do grep -q '__name__ == "__main__"' $$script || continue; \
		echo "== $$script"; $(PY) $$script || exit 1; done

# The README's deployment, run for real: nginx over HTTPS, two app servers, the worker, faults,
# backup and restore (deploy/prod_check.py). Needs nginx, redis-server and openssl.
prod-check: install-test
	$(PY) deploy/prod_check.py

# Rebuild static/css/portal.css from govuk-frontend. Needs Node.js; running the site does not.
assets:
	npm install --no-audit --no-fund
	npm run build:css

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
