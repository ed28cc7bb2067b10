# make map: set up .venv and build output/map.html from data/incidents.csv, offline.
# make test: set up the same and run every test.
# make fuzz: the property tests with many examples.
# make lint: ruff's checks and import order.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: map test fuzz lint bench docs clean

map: $(STAMP)
	$(BIN)/mapgen build data/incidents.csv -o output/map.html --title "Attacks on French prisons, April 2025" --subtitle "Arson and gunfire against prisons and prison staff, 13-16 April 2025"

test: $(STAMP)
	$(BIN)/python -m pytest

# The property tests with many more examples each (make test runs a few of each).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m "not browser" tests/read/test_hostile_input.py tests/security/test_fuzz_files.py

# Lint and import order, as configured in pyproject.toml (CI runs it beside the tests).
lint: $(STAMP)
	$(BIN)/ruff check .

# The README's pictures, from the real seed map and a made-up world-wide table, in headless Chromium (network blocked: no tiles).
docs: map
	$(BIN)/mapgen snapshot output/map.html -o docs/seed-map.png --controls --offline
	$(BIN)/mapgen snapshot output/map.html -o docs/seed-map-phone.png --controls --offline --width 375 --height 740
	$(BIN)/mapgen snapshot output/map.html -o docs/seed-map-snapshot.png --offline --width 1200 --height 800
	$(BIN)/mapgen snapshot output/map.html -o docs/seed-map-numbered.png --offline --numbered --width 1200 --height 800
	$(BIN)/mapgen build tests/data/wide/company_sites.csv -o output/wide.html --title "Attacks on a company's sites (made-up table)"
	$(BIN)/mapgen snapshot output/wide.html -o docs/wide-numbered.png --offline --numbered --width 1280 --height 800
	$(BIN)/mapgen snapshot output/wide.html -o docs/wide-phone.png --offline --controls --width 375 --height 740

# Figures, each against a baseline measured in the same run (needs Debian's chromium for scale.py).
bench: $(STAMP)
	$(BIN)/python benchmarks/geocoding.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/scale.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) output/*.html output/*.png
