"""What the place tests share: a locator with no curated places, one per test module."""

from __future__ import annotations

import pytest

from mapgen.place import Locator
from mapgen.place.places import PlacesTable


@pytest.fixture(scope="module")
def locator(cache_folder):
    return Locator(places=PlacesTable.empty())
