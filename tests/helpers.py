"""What the tests share besides fixtures: the project's paths and the Chromium to drive."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_INCIDENTS = ROOT / "data" / "incidents.csv"
SEED_PLACES = ROOT / "data" / "places.csv"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def chromium_path() -> str:
    """Debian's chromium (or $MAPGEN_CHROMIUM); a browser test fails, never skips, without it."""
    path = os.environ.get("MAPGEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium (CI's .ci/run does this).")
    return path


class FakeClock:
    """Time for the online path that moves only when it sleeps: waits are recorded, not spent."""

    def __init__(self, start: float = 1000.0):
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def km_from(placement, point) -> float:
    """The great-circle distance in km from where a row was placed to a (latitude, longitude) point."""
    from geopy.distance import great_circle

    return great_circle((placement.latitude, placement.longitude), point).km
