"""Fuzzing the readers through the command line: any bytes, any JSON, any geometry. Whatever
comes in, mapgen ends with 0 (written) or 2 (one message), never an internal error, and a failed
run leaves the file already at the output as it was. `make test` tries a few cases of each;
`make fuzz` (HYPOTHESIS_PROFILE=fuzz) thousands."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SEED_INCIDENTS

SEED = SEED_INCIDENTS.read_bytes()
KEEP = b"the export of an earlier run"
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

edits = st.lists(st.tuples(st.integers(0, len(SEED)), st.integers(0, 40), st.binary(max_size=12)), min_size=1, max_size=6)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=False), st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=5)),
                           max_leaves=25)
positions = st.lists(st.one_of(st.floats(-200, 200), st.text(max_size=5), st.none()), min_size=0, max_size=3)
geometries = st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection", "Circle"]),
    "coordinates": st.recursive(positions, lambda inner: st.lists(inner, max_size=3), max_leaves=12),
})
records = st.dictionaries(st.sampled_from(["date", "place", "category", "latitude", "longitude", "country", "source_url", "time"]),
                          json_values, max_size=8)


def _survives(run, tmp_path, name: str, data: bytes) -> None:
    source, output = tmp_path / name, tmp_path / "out.csv"
    source.write_bytes(data)
    output.write_bytes(KEEP)
    result = run("export", source, "-o", output)
    assert result.exit_code in (0, 2), result.output
    assert "internal error" not in result.output and "Traceback" not in result.output, result.output
    if result.exit_code == 2:
        assert output.read_bytes() == KEEP and len(result.stderr.strip().splitlines()) <= 26


@FUZZ
@given(edits)
def test_the_seed_table_with_bytes_cut_inserted_and_changed(run, tmp_path, changes):
    data = bytearray(SEED)
    for at, cut, inserted in changes:
        data[at:at + cut] = inserted
    _survives(run, tmp_path, "seed.csv", bytes(data))


@FUZZ
@given(st.one_of(json_values, st.lists(records, min_size=1, max_size=5)))
def test_any_json(run, tmp_path, value):
    _survives(run, tmp_path, "table.json", json.dumps(value).encode())


@FUZZ
@given(st.lists(st.fixed_dictionaries({"type": st.just("Feature"), "geometry": st.one_of(st.none(), geometries),
                                       "properties": st.one_of(records, json_values)}), min_size=1, max_size=4))
def test_any_geojson_feature(run, tmp_path, features):
    _survives(run, tmp_path, "table.geojson", json.dumps({"type": "FeatureCollection", "features": features}).encode())
