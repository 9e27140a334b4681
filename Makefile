# Gongkai: `make demo` runs the site with demo data; `make test` runs the whole suite.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongkai
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: demo install install-test test test-sqlite test-postgres lint bench browser-deps serve clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"

demo: install
	$(BIN)/gongkai migrate --noinput -v 0
	$(BIN)/gongkai demo
	$(BIN)/gongkai serve

serve: install
	$(BIN)/gongkai serve

lint: install-test
	$(BIN)/ruff check gongkai tests bench

test: install-test
	$(BIN)/ruff check gongkai tests bench
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	$(BIN)/pytest -n 2 --dist loadfile

test-postgres:
	GONGKAI_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadfile

bench: install-test
	$(BIN)/python -m bench.run

clean:
	rm -rf var/cache var/test*.sqlite3
