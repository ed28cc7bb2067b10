"""The online path through geopy's Nominatim against a server of our own on 127.0.0.1."""

from __future__ import annotations

import csv
import socket

import pandas as pd
import pytest
from geopy.distance import great_circle

import mapgen
from mapgen.pipeline import export
from mapgen.place import Locator, PlaceOptions
from mapgen.place.cache import GeocodeCache
from mapgen.place.online import OnlineLookup, make_geocoder
from tests.helpers import FakeClock
from tests.place.nominatim_server import FakeNominatim

USER_AGENT = "mapgen-tests/0.1 (tests@example.org)"


@pytest.fixture
def server():
    with FakeNominatim() as fake:
        yield fake


def lookup(server_url: str, cache_path, *, timeout: float = 5, retries: int = 3, clock: FakeClock | None = None) -> OnlineLookup:
    geocoder = make_geocoder("nominatim", user_agent=USER_AGENT, url=server_url, timeout=timeout)
    clock = clock or FakeClock()
    return OnlineLookup(geocoder, "nominatim", GeocodeCache(cache_path), max_retries=retries, clock=clock, sleep=clock.sleep)


def incidents(*places: tuple[str, str, str]) -> pd.DataFrame:
    rows = [{"id": str(i), "date": "2025-04-16", "category": "arson", "place": p, "region": r, "country": c} for i, (p, r, c) in enumerate(places)]
    return mapgen.incidents_from_frame(pd.DataFrame(rows)).incidents


def write_table(path, places):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "date", "category", "place", "region", "country"])
        for index, (place, region, country) in enumerate(places):
            writer.writerow([index, "2025-04-16", "arson", place, region, country])


def test_online_run_is_polite_and_a_second_run_asks_nothing(server, tmp_path):
    table, cache, out = tmp_path / "in.csv", tmp_path / "cache.sqlite", tmp_path / "out.csv"
    # Four rows, three unique places: each is asked once.
    write_table(table, [("Brussels", "", "BE"), ("Villepinte prison", "", "FR"), ("Seine-et-Marne", "", "FR"), ("Brussels", "", "BE")])
    (tmp_path / "none.csv").write_text("name,latitude,longitude\n", encoding="utf-8")
    clock = FakeClock()
    geocoding = PlaceOptions(places=tmp_path / "none.csv", online=True, url=server.url, user_agent=USER_AGENT, cache=cache,
                          clock=clock, sleep=clock.sleep)
    report = export(table, out, place=geocoding)
    assert len(server.requests) == 3
    assert clock.sleeps == [1.0, 1.0]  # at most one request a second: the clock stood still, so a full second each
    params = [p for _, p in server.requests]
    assert {p["countrycodes"] for p in params} == {"be", "fr"}
    assert all(p["user_agent"] == USER_AGENT and p["format"] == "json" for p in params)
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["geocoder"] for r in rows] == ["nominatim"] * 4
    assert [r["location_precision"] for r in rows] == ["town", "exact", "region", "town"]
    assert report.warnings == ["Online geocoding: 3 request(s), 0 answer(s) from the cache"]

    second = export(table, out, place=geocoding)
    assert len(server.requests) == 3  # nothing more was asked
    assert second.warnings == ["Online geocoding: 0 request(s), 3 answer(s) from the cache"]
    with out.open(encoding="utf-8") as stream:
        assert {r["geocoder"] for r in csv.DictReader(stream)} == {"cache:nominatim"}


def test_the_command_line_reports_the_online_run(server, run, tmp_path):
    table = tmp_path / "in.csv"
    write_table(table, [("Brussels", "", "BE")])
    result = run("geocode", table, "-o", tmp_path / "out.csv", "--online", "--geocoder-url", server.url,
                 "--user-agent", USER_AGENT, "--cache", tmp_path / "c.sqlite")
    assert result.exit_code == 0, result.output
    assert "Online geocoding: 1 request(s), 0 answer(s) from the cache" in result.stderr
    assert "1 read = 1 placed + 0 not placed + 0 rejected" in result.stdout


def test_an_offline_run_reuses_the_cache_of_an_online_one(server, tmp_path):
    cache = tmp_path / "cache.sqlite"
    online = Locator(online=lookup(server.url, cache))
    assert online.place("Villepinte prison").geocoder == "nominatim"
    offline = Locator(cache=GeocodeCache(cache))
    placed = offline.place("Villepinte prison")
    assert placed.geocoder == "cache:nominatim" and placed.precision == "exact"


def test_429_waits_as_told_then_succeeds(server, tmp_path):
    server.faults = ["429"]
    server.retry_after = 7
    clock = FakeClock()
    online = lookup(server.url, tmp_path / "c.sqlite", clock=clock)
    answer = online.lookup("Brussels", country="BE")
    assert answer is not None and answer.precision == "town"
    assert len(server.requests) == 2
    assert clock.sleeps == [7.0]  # Retry-After: 7 was honoured before asking again


@pytest.mark.parametrize("faults", [["503"], ["500", "503"], ["garbage"], ["slow"]])
def test_passing_faults_are_retried(server, tmp_path, faults):
    server.faults = list(faults)
    online = lookup(server.url, tmp_path / "c.sqlite", timeout=0.2)
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
    assert "no answer after 3 tries" in online.stats.stopped
    assert len(GeocodeCache(cache)) == 0  # a failure is never stored as if it were an answer
    # The next run asks again, and gets the service's answer.
    again = lookup(server.url, cache)
    assert again.lookup("Brussels", country="BE") is not None
    assert len(GeocodeCache(cache)) == 1


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_is_noticed_once_and_the_rest_placed_offline(run, tmp_path):
    table = tmp_path / "in.csv"
    write_table(table, [("Brussels", "", "BE"), ("Agen", "", "FR"), ("Toulon", "", "FR"), ("Brussels", "", "BE")])
    result = run("geocode", table, "-o", tmp_path / "out.csv", "--online", "--geocoder-url", f"http://127.0.0.1:{free_port()}",
                 "--user-agent", USER_AGENT, "--cache", tmp_path / "c.sqlite")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, result.stderr
    assert "cannot be reached" in warnings[0] and "stopped asking for the rest of this run" in warnings[0]
    assert "Online geocoding: 1 request(s)" in result.stderr  # the first place only: nobody was there
    with (tmp_path / "out.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["geocoder"] for r in rows] == ["gazetteer"] * 4
    assert [r["matched_name"] for r in rows] == ["Brussels", "Agen", "Toulon", "Brussels"]


def test_a_stopped_server_is_noticed_once(tmp_path):
    """The test server answers one place, then stops: the next place finds nobody and the run
    asks nothing more; every row is still placed."""
    cache = tmp_path / "c.sqlite"
    with FakeNominatim() as server:
        online = lookup(server.url, cache)
        assert online.lookup("Brussels", country="BE") is not None
    for place in ("Villepinte prison", "Seine-et-Marne", "Agen"):
        assert online.lookup(place, country="FR") is None
    assert online.stats.requests == 2  # Brussels, then the first try after the stop
    assert online.stats.not_asked == 2 and "cannot be reached" in online.stats.stopped


def test_a_service_that_keeps_failing_stops_being_asked(server, tmp_path):
    server.faults = ["503"] * 10
    clock = FakeClock()
    online = lookup(server.url, tmp_path / "c.sqlite", retries=2, clock=clock)
    located = mapgen.locate(incidents(("Brussels", "", "BE"), ("Agen", "", "FR"), ("Toulon", "", "FR")), locator=Locator(online=online))
    assert len(server.requests) == 3  # three tries for the first place; the others were not asked
    assert clock.sleeps == [2.0, 4.0]  # backing off, as injected time
    assert list(located["geocoder"]) == ["gazetteer"] * 3
    assert "no answer after 3 tries" in online.stats.stopped and online.stats.not_asked == 2


def test_online_without_a_user_agent_is_refused(run, tmp_path):
    result = run("build", "--online", "-o", tmp_path / "map.html")
    assert result.exit_code == 2
    assert "--user-agent" in result.stderr and "MAPGEN_USER_AGENT" in result.stderr
    assert not (tmp_path / "map.html").exists()


def test_answers_outside_the_rows_country_are_refused_not_kept_and_placed_offline(tmp_path):
    cache = tmp_path / "c.sqlite"
    rows = incidents(("Paris", "", "FR"), ("Toulon", "Var", ""), ("Agen", "", "FR"), ("Brussels", "", "BE"))
    with FakeNominatim(lying=True) as server:
        online = lookup(server.url, cache)
        located = mapgen.locate(rows, locator=Locator(online=online))
    assert list(located["geocoder"]) == ["gazetteer"] * 4
    assert list(located["matched_name"]) == ["Paris", "Toulon", "Agen", "Brussels"]
    assert all("was refused" in note and "placed offline" in note for note in located["location_note"]), list(located["location_note"])
    assert len(GeocodeCache(cache)) == 0  # a refused answer is not kept for the next run
    assert len(online.stats.failures) == 4 and all("refused" in failure for failure in online.stats.failures)


def test_a_wrong_answer_already_in_the_cache_is_refused_offline_and_dropped(tmp_path):
    cache_path = tmp_path / "c.sqlite"
    cache = GeocodeCache(cache_path)
    cache.put("nominatim", "agen", {"country_codes": "fr"}, [{"lat": "-75.1", "lon": "123.3", "display_name": "Agen, Antarctica",
                                                               "class": "place", "type": "city", "addresstype": "city"}])
    located = mapgen.locate(incidents(("Agen", "", "FR")), locator=Locator(cache=cache))
    assert located.iloc[0]["geocoder"] == "gazetteer" and "was refused" in located.iloc[0]["location_note"]
    assert len(GeocodeCache(cache_path)) == 0


def test_a_service_asking_to_wait_an_hour_is_given_up_for_the_run_at_once(tmp_path):
    clock = FakeClock()
    with FakeNominatim(retry_after=3600) as server:
        server.faults = ["429"] * 10
        online = lookup(server.url, tmp_path / "c.sqlite", clock=clock)
        located = mapgen.locate(incidents(("Brussels", "", "BE"), ("Agen", "", "FR"), ("Toulon", "", "FR")), locator=Locator(online=online))
    assert len(server.requests) == 1 and clock.sleeps == []  # no six minutes a place: asked once, then no more
    assert "3600" in online.stats.stopped and online.stats.not_asked == 2
    assert list(located["geocoder"]) == ["gazetteer"] * 3
