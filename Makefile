# Two commands set everything up on a machine with Python 3.11+ and make:
#   make run    install, migrate, load courts and demo data, serve on HOST:PORT
#   make test   install the test dependencies and run the whole suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
APPS := core courts workdays accounts notifications petitions api

.PHONY: run test setup install install-test messages bench worker check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required, found " + sys.version.split()[0])'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime

install-test: $(VENV)/.installed-test

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo

# The demo server runs with DEBUG on unless DJANGO_DEBUG says otherwise.
run: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

worker: install
	$(BIN)/python manage.py db_worker

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate and compile translations (needs GNU gettext; the .mo files are committed).
messages: install
	for app in $(APPS); do \
		(cd $$app && mkdir -p locale && PYTHONPATH=.. DJANGO_SETTINGS_MODULE=config.settings \
			../$(BIN)/django-admin makemessages -l zh_Hans --ignore 'tests/*' --no-obsolete) || exit 1; \
	done
	for app in $(APPS); do \
		(cd $$app && PYTHONPATH=.. DJANGO_SETTINGS_MODULE=config.settings ../$(BIN)/django-admin compilemessages -l zh_Hans) || exit 1; \
	done

# Working-day index against a day-by-day loop; needs a migrated database.
.PHONY: bench-workdays
bench-workdays: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python bench/workdays_bench.py

# Petition pages on 100,000 petitions; needs PostgreSQL on 127.0.0.1 (see docs/benchmarks.md).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/petitions_bench
bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/petitions_bench.py $(BENCH_ARGS)

# The REST API under concurrent load through gunicorn, on the same database (see docs/benchmarks.md).
.PHONY: bench-api
bench-api: install-test
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/api_bench.py $(BENCH_ARGS)
