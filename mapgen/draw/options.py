"""How to draw the page: the options the draw room takes, in one object."""

from __future__ import annotations

from dataclasses import dataclass

from ..defaults import DEFAULT_TILES, DEFAULT_TITLE
from .extent import Box, parse_extent
from .i18n import check_language

# Up to this many placed incidents, the page carries them as GeoJSON that any tool can read
# back; beyond it, as compact columns (a third of the size): `mapgen export` gives the GeoJSON.
GEOJSON_LIMIT = 20_000
# Beyond this many, clustering a marker per incident costs too much each time the dates or the
# categories change (at 20,000 in Chromium a time-filter change takes about 0.19 s, at 100,000
# 0.7 s; benchmarks/scale.py): the page counts the incidents in view in bins on a screen grid
# instead (0.05 s at 20,000, 0.13 s at 100,000), each drawn as a cluster's ring, and clusters the
# incidents themselves once few enough are in view.
MARKER_LIMIT = 20_000
# Up to this many, every category shares one set of clusters; beyond it each clusters apart, since
# taking a category's markers out of shared clusters costs about 5 ms a thousand in Chromium (a
# toggle of 40,000 of 100,000: 0.5 s, against 0.1 s for a layer of its own; benchmarks/scale.py).
MIXED_LIMIT = 20_000


@dataclass(frozen=True)
class DrawOptions:
    """How to draw the map.

    title, subtitle: the heading; as_of: the day the data is current to (default: the latest
    incident's); tiles: an xyzservices provider, a URL template or 'none', with tiles_key for one
    that needs a key; cdn: link Leaflet instead of carrying it; heatmap, basemap: the heatmap
    layer and the offline base map; popup_columns: other columns shown in popups; color_by: the
    column the incidents are coloured by (it plays the category's part); extent: the opening
    frame ('auto', a country, or west,south,east,north; read at once, so a mistake is told before
    any work); numbered: the picture numbers every incident by date, with a key; geojson_limit,
    marker_limit, mixed_limit: where the page's data, markers and clusters change form (see above). lang: the page's
    language (a file of mapgen/draw/static/i18n; None: the language of the country that dominates
    the data, else English); by_region: open with the areas (departments, or countries) coloured by
    their number of incidents; size_by: a number column the symbols' areas follow; filter_by:
    columns the reader can filter by, each a legend of its values.
    """

    title: str = DEFAULT_TITLE
    subtitle: str = ""
    as_of: str | None = None
    tiles: str = DEFAULT_TILES
    tiles_key: str | None = None
    cdn: bool = False
    heatmap: bool = True
    basemap: bool = True
    popup_columns: tuple[str, ...] = ()
    color_by: str | None = None
    extent: str | Box | None = None
    numbered: bool = False
    geojson_limit: int = GEOJSON_LIMIT
    marker_limit: int = MARKER_LIMIT
    mixed_limit: int = MIXED_LIMIT
    lang: str | None = None
    by_region: bool = False
    size_by: str | None = None
    filter_by: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "lang", check_language(self.lang))
        object.__setattr__(self, "size_by", (self.size_by or "").strip() or None)
        object.__setattr__(self, "filter_by", _names(self.filter_by))
        if isinstance(self.extent, str) or self.extent is None:
            object.__setattr__(self, "extent", parse_extent(self.extent))
        else:
            object.__setattr__(self, "extent", tuple(float(v) for v in self.extent))
        object.__setattr__(self, "popup_columns", _names(self.popup_columns))


def _names(columns: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """Column names given as "a,b" or as a list, blanks and spaces around them left out."""
    columns = columns.split(",") if isinstance(columns, str) else (columns or ())
    return tuple(c.strip() for c in columns if c and c.strip())
