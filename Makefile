# The two promises of the README: `make run` and `make test` on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LOCAL := DJANGO_SETTINGS_MODULE=newsroom.settings.local

.PHONY: install messages setup run test lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

# Compiled with Babel, so a machine without GNU gettext still gets the catalogues:
# ours and the ones we keep for the apps the admin shows (locale/apps/).
messages: install
	for catalogue in locale/lo/LC_MESSAGES/*.po locale/apps/*/lo/LC_MESSAGES/*.po; do \
		$(BIN)/pybabel compile --statistics --locale lo \
			--input-file $$catalogue --output-file $${catalogue%.po}.mo || exit 1; \
	done

setup: messages
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_initial_data
	$(LOCAL) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup
	$(LOCAL) $(BIN)/gunicorn --config newsroom/gunicorn.conf.py newsroom.wsgi

test: messages
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-artifacts var
