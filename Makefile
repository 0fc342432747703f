# `make run` and `make test` work on a fresh machine with Python 3.11: they create .venv,
# install the project, build the translation catalogs, then start the bot / run the tests.
# `make install` alone also builds the catalogs: an installed bot speaks Hindi.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MO := locales/hi/LC_MESSAGES/messages.mo locales/en/LC_MESSAGES/messages.mo

.PHONY: run chat test bench lint install catalogs extract clean

run: $(INSTALLED) catalogs
	$(BIN)/seller-bot run

chat: $(INSTALLED) catalogs
	$(BIN)/seller-bot chat

test: $(INSTALLED) catalogs
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED) catalogs
	$(BIN)/seller-bot bench $(BENCH_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check bot handlers tests

install: $(INSTALLED) catalogs

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# Compile .po -> .mo (the .mo files are built, not committed); again whenever a .po is
# newer. (The bot also compiles a missing or stale catalog in memory at start-up, for an
# install without make: bot/i18n.py.)
catalogs: $(MO)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(INSTALLED)
	$(BIN)/pybabel compile -d locales -D messages -l $*

# After changing user-facing text: refresh messages.pot and both catalogs, then translate
# the new Hindi entries in locales/hi/LC_MESSAGES/messages.po.
extract: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
	  --project=Haat -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages \
	  --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache
	find locales -name '*.mo' -delete
