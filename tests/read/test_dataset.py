"""Tables larger than memory: read, placed and counted into bins by DuckDB (mapgen build FOLDER,
or --engine duckdb), with the same rules and the same accounting as a table read into memory."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from mapgen.draw import contract
from mapgen.draw.data import column_positions, page_data
from tests.helpers import SEED_INCIDENTS

TOWNS = [("Agen", "Lot-et-Garonne"), ("Toulon", "Var"), ("Nanterre", "Hauts-de-Seine"), ("Tarascon", "Bouches-du-Rhône")]


def _dataset(folder):
    """Three Parquet files: 40 rows over four towns by name, 8 with their own coordinates (Lyon),
    one with a date no one can read and one with neither place nor coordinates."""
    rows = [{"event_date": f"2025-04-{1 + n % 20:02d}", "event_type": ("arson", "shooting")[n % 2], "location": TOWNS[n % 4][0],
             "admin1": TOWNS[n % 4][1], "country": "France", "latitude": None, "longitude": None} for n in range(40)]
    rows += [{"event_date": "2025-04-03", "event_type": "protest", "location": "", "admin1": "", "country": "France",
              "latitude": 45.7578, "longitude": 4.832} for _ in range(8)]
    rows += [{"event_date": "the thirty-second of May", "event_type": "arson", "location": "Agen", "admin1": "", "country": "France",
              "latitude": None, "longitude": None},
             {"event_date": "2025-04-05", "event_type": "arson", "location": "", "admin1": "", "country": "France", "latitude": None,
              "longitude": None}]
    frame = pd.DataFrame(rows)
    folder.mkdir()
    for number, part in enumerate((frame.iloc[:20], frame.iloc[20:40], frame.iloc[40:])):
        part.to_parquet(folder / f"part-{number}.parquet")
    return folder


def _config(html: str) -> dict:
    return json.loads(re.search(r"mapgen\.start\(\w+, (\{.*\})\);", html)[1])


def test_a_folder_of_parquet_files_is_read_through_the_engine_and_every_row_accounted_for(run, tmp_path):
    folder, page = _dataset(tmp_path / "dataset"), tmp_path / "map.html"
    result = run("build", folder, "-o", page)
    assert result.exit_code == 0, result.output
    assert "through DuckDB" in result.stdout
    assert "50 read = 48 placed + 0 not placed + 2 rejected" in result.stdout
    assert "'the thirty-second of May'" in result.stdout and "no place and no coordinates" in result.stdout
    config = _config(page.read_text(encoding="utf-8"))
    assert config["mode"] == "bins" and config["weight"] == "incidents"
    counts = {c["key"]: c["count"] for c in config["categories"]}
    assert counts == {"arson": 20, "shooting": 20, "protest": 8}  # incidents, not groups


def test_the_engine_places_as_the_in_memory_path_does(run, tmp_path):
    table = pd.read_csv(SEED_INCIDENTS, dtype=str, keep_default_na=False)
    csv_path = tmp_path / "seed.csv"
    table.to_csv(csv_path, index=False)
    assert run("export", csv_path, "-o", tmp_path / "memory.csv").exit_code == 0
    memory = pd.read_csv(tmp_path / "memory.csv")
    result = run("build", csv_path, "-o", tmp_path / "engine.html", "--engine", "duckdb")
    assert result.exit_code == 0, result.output
    engine = sorted(column_positions(page_data((tmp_path / "engine.html").read_text(encoding="utf-8"))))
    expected = sorted(zip(memory["latitude"].round(5), memory["longitude"].round(5)))
    assert len(engine) == len(expected) == 6  # six incidents, six days and places: six groups of one
    assert all(abs(a[0] - b[0]) < 1e-4 and abs(a[1] - b[1]) < 1e-4 for a, b in zip(engine, expected))


def test_an_unknown_engine_is_refused(run, tmp_path):
    result = run("build", SEED_INCIDENTS, "-o", tmp_path / "map.html", "--engine", "spark")
    assert result.exit_code == 2 and "--engine 'spark'" in result.stderr


@pytest.mark.browser
def test_the_page_counts_each_group_for_its_incidents(run, open_map, tmp_path):
    folder, page_path = _dataset(tmp_path / "dataset"), tmp_path / "map.html"
    assert run("build", folder, "-o", page_path, "--lang", "en").exit_code == 0
    opened = open_map(page_path)
    page = opened.page
    page.wait_for_selector(contract.DRAWN_SELECTOR)
    assert opened.errors == []
    assert page.inner_text("#mapgen-count").startswith("48 of 48 incidents")
    counts = page.eval_on_selector_all(".mapgen-legend-count", "nodes => nodes.map(n => n.textContent)")
    assert sorted(counts) == ["20", "20", "8"]
    page.uncheck("input[data-category=arson]")
    assert page.inner_text("#mapgen-count").startswith("28 of 48 incidents")
    binned = page.eval_on_selector_all(".mapgen-bin span, .mapgen-cluster span", "nodes => nodes.map(n => +n.textContent)")
    marked = page.evaluate("document.querySelectorAll('.mapgen-marker').length")
    assert (sum(binned), marked) == (28, 0)  # at the opening zoom, bins: each counts its groups' incidents
