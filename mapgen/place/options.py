"""How to place rows: the options the place room takes, in one object."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..defaults import DEFAULT_PLACES, DEFAULT_SERVICE

PLACES_NAME = DEFAULT_PLACES.name


@dataclass(frozen=True)
class PlaceOptions:
    """How to place rows: the curated places table, and whether and how to ask an online service.

    places: the curated places table; None looks for places.csv beside the input table (or in a
    data/ folder beside it), then for data/places.csv in the working folder, as the CLI documents.
    online, service, url, user_agent: the online geocoder (geopy's name for it, its address, who
    asks); cache: where its answers are kept; strict: every incident must be placed (a run that
    leaves one unplaced ends in an error, once its outputs are written). clock and sleep are time as the online path sees
    it, for tests that never sleep.
    """

    places: Path | None = None
    online: bool = False
    service: str = DEFAULT_SERVICE
    url: str | None = None
    user_agent: str | None = None
    cache: Path | None = None
    strict: bool = False
    drafted: bool = False  # the rows were drafted from articles: see OfflineGazetteer.resolve
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def places_path(self, beside: Path | None = None) -> Path | None:
        """The curated places table to use: the one given, else places.csv beside the input table
        (or data/places.csv above it), else data/places.csv in the working folder; None when none exists."""
        if self.places is not None:
            return Path(self.places)
        folders = [beside.parent, beside.parent / "data"] if beside is not None else []
        for candidate in [*(folder / PLACES_NAME for folder in folders), DEFAULT_PLACES]:
            if candidate.is_file():
                return candidate
        return None

    def locator(self, beside: Path | None = None):
        """The resolution chain these options describe (a Locator); refuses online use without a
        user agent. ``beside`` is the input table, near which the curated table is looked for."""
        from . import Locator, default_cache_path
        from .cache import GeocodeCache
        from .online import OnlineLookup, make_geocoder
        from .places import PlacesTable, read_places

        path = self.places_path(beside)
        table = read_places(path) if path else PlacesTable.empty()
        cache_path = self.cache or default_cache_path()
        if self.online:
            service = make_geocoder(self.service, user_agent=self.user_agent, url=self.url)
            lookup = OnlineLookup(service, self.service, GeocodeCache(cache_path), clock=self.clock, sleep=self.sleep)
            return Locator(places=table, online=lookup, drafted=self.drafted)
        cache = GeocodeCache(cache_path) if cache_path.exists() else None
        return Locator(places=table, cache=cache, service=self.service, drafted=self.drafted)
