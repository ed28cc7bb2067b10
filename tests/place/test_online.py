"""The online path through geopy's Nominatim against a server of our own on 127.0.0.1."""

from __future__ import annotations

import csv
import socket

import pandas as pd
import pytest
from geopy.distance import great_circle

import mapgen
from mapgen.place import Locator
from mapgen.place.cache import GeocodeCache
from mapgen.place.online import OnlineLookup, make_geocoder
from tests.place.nominatim_server import FakeNominatim

USER_AGENT = "mapgen-tests/0.1 (tests@example.org)"


@pytest.fixture
def server():
    with FakeNominatim() as fake:
        yield fake


def lookup(server_url: str, cache_path, *, timeout: float = 5, retries: int = 3) -> OnlineLookup:
    geocoder = make_geocoder("nominatim", user_agent=USER_AGENT, url=server_url, timeout=timeout)
    return OnlineLookup(geocoder, "nominatim", GeocodeCache(cache_path), min_delay=0, max_retries=retries, backoff=0.05)


def incidents(*places: tuple[str, str, str]) -> pd.DataFrame:
    rows = [{"id": str(i), "date": "2025-04-16", "category": "arson", "place": p, "region": r, "country": c} for i, (p, r, c) in enumerate(places)]
    return mapgen.incidents_from_frame(pd.DataFrame(rows)).incidents


def write_table(path, places):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "date", "category", "place", "region", "country"])
        for index, (place, region, country) in enumerate(places):
            writer.writerow([index, "2025-04-16", "arson", place, region, country])


def test_online_run_is_polite_and_a_second_run_asks_nothing(server, run, tmp_path):
    table, cache = tmp_path / "in.csv", tmp_path / "cache.sqlite"
    # Four rows, three unique places: each is asked once.
    write_table(table, [("Brussels", "", "BE"), ("Villepinte prison", "", "FR"), ("Seine-et-Marne", "", "FR"), ("Brussels", "", "BE")])
    args = ["geocode", table, "-o", tmp_path / "out.csv", "--online", "--geocoder-url", server.url, "--user-agent", USER_AGENT, "--cache", cache, "--places", tmp_path / "none.csv"]
    (tmp_path / "none.csv").write_text("name,latitude,longitude\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 3
    times = [moment for moment, _ in server.requests]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.95  # at most one request a second
    params = [p for _, p in server.requests]
    assert {p["countrycodes"] for p in params} == {"be", "fr"}
    assert all(p["user_agent"] == USER_AGENT and p["format"] == "json" for p in params)
    with (tmp_path / "out.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["geocoder"] for r in rows] == ["nominatim"] * 4
    assert [r["location_precision"] for r in rows] == ["town", "exact", "region", "town"]

    second = run(*args)
    assert second.exit_code == 0, second.output
    assert len(server.requests) == 3  # nothing more was asked
    assert "0 request(s), 3 answer(s) from the cache" in second.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8") as stream:
        assert {r["geocoder"] for r in csv.DictReader(stream)} == {"cache:nominatim"}


def test_an_offline_run_reuses_the_cache_of_an_online_one(server, tmp_path):
    cache = tmp_path / "cache.sqlite"
    online = Locator(online=lookup(server.url, cache))
    assert online.place("Villepinte prison").geocoder == "nominatim"
    offline = Locator(cache=GeocodeCache(cache))
    placed = offline.place("Villepinte prison")
    assert placed.geocoder == "cache:nominatim" and placed.precision == "exact"


def test_429_waits_as_told_then_succeeds(server, tmp_path):
    server.faults = ["429"]
    online = lookup(server.url, tmp_path / "c.sqlite")
    answer = online.lookup("Brussels", country="BE")
    assert answer is not None and answer.precision == "town"
    (first, _), (second, _) = server.requests
    assert second - first >= 0.95  # Retry-After: 1 was honoured


@pytest.mark.parametrize("faults", [["503"], ["500", "503"], ["garbage"], ["slow"]])
def test_passing_faults_are_retried(server, tmp_path, faults):
    server.faults = list(faults)
    online = lookup(server.url, tmp_path / "c.sqlite", timeout=0.5)
    answer = online.lookup("Brussels", country="BE")
    assert answer is not None
    assert len(server.requests) == len(faults) + 1
    assert online.stats.failures == []


def test_a_service_that_keeps_failing_falls_back_to_the_gazetteer_and_is_not_cached(server, tmp_path):
    cache = tmp_path / "c.sqlite"
    server.faults = ["503"] * 3
    online = lookup(server.url, cache, retries=2)
    located = mapgen.locate(incidents(("Brussels", "", "BE")), locator=Locator(online=online))
    row = located.iloc[0]
    assert row["geocoder"] == "gazetteer" and row["matched_name"] == "Brussels"
    assert great_circle((row["latitude"], row["longitude"]), (50.85045, 4.34878)).km < 1
    assert len(online.stats.failures) == 1
    assert len(GeocodeCache(cache)) == 0  # a failure is never stored as if it were an answer
    # The next run asks again, and gets the service's answer.
    again = lookup(server.url, cache)
    assert again.lookup("Brussels", country="BE") is not None
    assert len(GeocodeCache(cache)) == 1


def test_connection_refused_falls_back_with_a_warning(run, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    table = tmp_path / "in.csv"
    write_table(table, [("Brussels", "", "BE")])
    result = run("geocode", table, "-o", tmp_path / "out.csv", "--online", "--geocoder-url", f"http://127.0.0.1:{port}",
                 "--user-agent", USER_AGENT, "--cache", tmp_path / "c.sqlite")
    assert result.exit_code == 0, result.output
    assert "the offline gazetteer was used instead" in result.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8") as stream:
        assert next(csv.DictReader(stream))["geocoder"] == "gazetteer"


def test_online_without_a_user_agent_is_refused(run, tmp_path):
    result = run("build", "--online", "-o", tmp_path / "map.html")
    assert result.exit_code == 2
    assert "--user-agent" in result.stderr and "MAPGEN_USER_AGENT" in result.stderr
    assert not (tmp_path / "map.html").exists()
