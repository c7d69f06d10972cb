# Set-up and everyday commands. `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate seed scan worker beat lint messages clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps make a second run reuse what is installed until a requirements file changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(PY) manage.py load_seeds

# The seeds are dated years ago: one scan flags what lags today, so a first look shows it. Re-runs change nothing.
scan: seed
	DEBUG=1 $(PY) manage.py flag_lagging

run: scan
	DEBUG=1 $(PY) manage.py ensure_admin
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest -n auto --dist loadgroup

worker: install
	$(VENV)/bin/celery -A xzkf_tracker worker --loglevel=INFO --concurrency=2

beat: install
	$(VENV)/bin/celery -A xzkf_tracker beat --loglevel=INFO

lint: install-dev
	$(VENV)/bin/ruff check .

# Regenerates the Chinese catalogue from the source after UI strings change (needs GNU gettext).
messages: install-dev
	DEBUG=1 $(PY) manage.py makemessages --locale zh_Hans --ignore .venv --ignore staticfiles
	DEBUG=1 $(PY) manage.py compilemessages --locale zh_Hans --ignore .venv

clean:
	rm -rf $(VENV) staticfiles
