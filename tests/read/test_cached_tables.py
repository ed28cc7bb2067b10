"""Tables kept in the cache folder (mapgen/util/kept.py): made once, read back, made again when
the packages or the code that make them change, and never a reason for a build to fail."""

from __future__ import annotations

import json

import pytest

from mapgen.util.kept import kept

MONTHS = {"janvier": 1, "février": 2}


def _maker(calls: list):
    def make():
        calls.append(1)
        return dict(MONTHS)
    return make


@pytest.fixture
def module(tmp_path, monkeypatch):
    """A module that makes the table, and a cache folder of the test's own."""
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path / "cache"))
    made_by = tmp_path / "maker.py"
    made_by.write_text("MONTHS = 1\n", encoding="utf-8")
    return made_by


def test_a_table_is_made_once_then_read_back(tmp_path, module):
    calls: list = []
    assert kept("months", str(module), ("babel",), _maker(calls)) == MONTHS
    assert kept("months", str(module), ("babel",), _maker(calls)) == MONTHS
    assert len(calls) == 1
    (stored,) = (tmp_path / "cache").glob("months-*.json")
    assert json.loads(stored.read_text(encoding="utf-8")) == MONTHS


def test_an_edit_to_the_code_makes_it_again_and_only_the_newest_is_kept(tmp_path, module):
    calls: list = []
    kept("months", str(module), ("babel",), _maker(calls))
    module.write_text("MONTHS = 2\n", encoding="utf-8")
    kept("months", str(module), ("babel",), _maker(calls))
    assert len(calls) == 2
    assert len(list((tmp_path / "cache").glob("months-*.json"))) == 1


def test_a_cache_folder_that_cannot_be_written_only_costs_the_time(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(blocked / "cache"))
    module = tmp_path / "maker.py"
    module.write_text("MONTHS = 1\n", encoding="utf-8")
    calls: list = []
    assert kept("months", str(module), ("babel",), _maker(calls)) == MONTHS
    assert kept("months", str(module), ("babel",), _maker(calls)) == MONTHS
    assert len(calls) == 2


def test_a_damaged_kept_table_is_made_again(tmp_path, module):
    calls: list = []
    kept("months", str(module), ("babel",), _maker(calls))
    (stored,) = (tmp_path / "cache").glob("months-*.json")
    stored.write_text("{half a tab", encoding="utf-8")
    assert kept("months", str(module), ("babel",), _maker(calls)) == MONTHS
    assert len(calls) == 2
