# Innsteg: `make run` serves the demo at http://127.0.0.1:8000, `make test` runs the whole suite.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# `make run PORT=8001` serves on another port; links in messages follow it (INNSTEG_SITE_URL).
PORT ?= 8000
RUN_ENV := DJANGO_DEBUG=true MFA_TOTP_INSECURE_BYPASS_CODE=$${MFA_TOTP_INSECURE_BYPASS_CODE:-000000} \
	INNSTEG_SITE_URL=$${INNSTEG_SITE_URL:-http://127.0.0.1:$(PORT)} \
	NOTIFICATION_SCAN_INTERVAL_SECONDS=$${NOTIFICATION_SCAN_INTERVAL_SECONDS:-60}
# The tests run on PostgreSQL and Redis on localhost unless DATABASE_URL / REDIS_URL say otherwise.
TEST_ENV := DJANGO_SETTINGS_MODULE=config.settings.test

.PHONY: run test test-deps check lint typecheck worker beat messages services clean lighthouse

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Innsteg needs Python 3.11 or newer.")'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create .venv: install the venv module (Debian: apt-get install python3-venv)."; exit 1; }
	@$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo "Serving http://127.0.0.1:$(PORT), with the scheduled jobs beside it (stop with Ctrl-C)"
	@$(RUN_ENV) bash deploy/dev/run-embedded.sh $(PORT)

# With REDIS_URL set, tasks go to Redis: run these two beside `make run`.
worker: $(VENV)/.installed
	$(PY) -m celery -A worker.celery_app worker --loglevel=INFO
beat: $(VENV)/.installed
	$(PY) -m celery -A worker.celery_app beat --loglevel=INFO

# PostgreSQL, Redis, Chromium, gettext and npm on a bare Debian/Ubuntu machine (root or sudo).
test-deps:
	@bash deploy/dev/install-test-deps.sh

services: test-deps
	@bash deploy/dev/ensure-services.sh

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy

check: lint typecheck

# axe-core and Lighthouse for the page checks, from the npm registry, pinned by package-lock.json.
TOOLS := frontend/tools
$(TOOLS)/node_modules/.installed: $(TOOLS)/package.json $(TOOLS)/package-lock.json | test-deps
	cd $(TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: test-deps $(VENV)/.installed-dev $(TOOLS)/node_modules/.installed services check
	$(TEST_ENV) $(PY) -m pytest

# Lighthouse's mobile scores of the search and listing pages, printed.
lighthouse: $(VENV)/.installed-dev $(TOOLS)/node_modules/.installed services
	$(TEST_ENV) $(PY) -m pytest tests/browser/test_lighthouse.py -s

# Extract the strings to translate into backend/locale/<lang>/LC_MESSAGES/django.po, then compile
# them; the compiled .mo files are committed so that running needs no gettext tools.
messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=tests --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
