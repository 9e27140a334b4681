# Gongkai: `make demo` runs the site with demo data; `make test` runs the whole suite.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongkai
export PIP_DISABLE_PIP_VERSION_CHECK=1
# Debian packages: chromium for browser tests, CJK fonts and pango for PDF output (WeasyPrint).
SYSTEM_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0

.PHONY: demo install install-test test test-sqlite test-postgres test-scale scale-deps worker lint bench browser-deps serve clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python browser-deps
	$(BIN)/pip install -q -e ".[test]"

# Browser tests drive Debian's chromium (never a downloaded browser); CJK fonts for screenshots and PDFs.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] || ! ldconfig -p | grep -q libpangoft2; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; fi; \
	fi
	@if [ -f package.json ] && [ ! -d node_modules/axe-core ]; then npm ci --no-audit --no-fund --silent; fi

demo: install
	$(BIN)/gongkai migrate --noinput -v 0
	$(BIN)/gongkai demo
	$(BIN)/gongkai serve

serve: install
	$(BIN)/gongkai serve

# ruff, then the import contracts of docs/architecture.md (pyproject.toml [tool.importlinter]).
lint: install-test
	$(BIN)/ruff check gongkai tests bench
	$(BIN)/lint-imports

test: lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# tests/scale starts its own servers (bench/topology.py); `make test-scale` runs it once, not per engine.
test-sqlite:
	$(BIN)/pytest -n 2 --dist loadfile --ignore=tests/scale

test-postgres:
	GONGKAI_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadfile --ignore=tests/scale

# Several servers on this machine: nginx (Debian) balancing two gunicorns, a private PostgreSQL cluster,
# Redis and two RQ workers, on ports 18400-18499 (GONGKAI_TOPOLOGY_PORT moves them).
test-scale: install-test scale-deps
	$(BIN)/pytest tests/scale -p no:xdist

scale-deps:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] || ! command -v redis-server >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light redis-server >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light redis-server >/dev/null; fi; \
	fi

# Background tasks beside `make serve` when the engine is RQ (GONGKAI_REDIS_URL set).
worker: install
	$(BIN)/gongkai worker

bench: install-test
	$(BIN)/python -m bench.run

clean:
	rm -rf var/cache var/test*.sqlite3
