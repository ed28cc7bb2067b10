"""Drawing located incidents as a self-contained folium (Leaflet) page.

The incidents travel once, as GeoJSON inside the page; markers, popups, the legend, the filters
and the list are made in the browser by mapgen.js, so a page of 100,000 incidents stays small
and quick, and no folium object is made per incident.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import replace

import folium
import numpy as np
import pandas as pd
import xyzservices
from branca.element import Figure
from jinja2 import Template

from ..defaults import DEFAULT_TITLE
from ..errors import ConfigurationError
from ..util.columns import distinct_rows
from .areas import area_layer
from .assets import PageAssets, Verbatim, VerbatimMacroElement
from .basemap import page_basemap, town_labels
from .categories import category_styles
from .contract import BASEMAP_ID, INCIDENT_TEXTS_ID, INCIDENTS_ID, LABELS_ID, REGIONS_ID, UNPLACED_ID, page_config
from .data import (
    COMPRESSED_DATA,
    config_json,
    incident_properties,
    incidents_geojson,
    packed_columns,
    placed_rows,
    script_json,
)
from .extent import incident_box, inset_locator
from .i18n import page_language, strings, text, written_day
from .options import GEOJSON_LIMIT, MARKER_LIMIT, DrawOptions
from .sizes import size_scale
from .values import value_filters

__all__ = ["DrawOptions", "GEOJSON_LIMIT", "MARKER_LIMIT", "render_map", "map_html", "group_categories"]

TILES_KEY_VARIABLE = "MAPGEN_TILES_KEY"
NO_TILES = "none"
LIST_PAGE_SIZE = 200
DETAIL_ZOOM = 10
MAX_SOURCES_IN_CAPTION = 4
NO_TILES_MAX_ZOOM = 18
OFFLINE_LINK = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
PLACES_LINK = '<a href="https://www.geonames.org/">GeoNames</a>'
LABELLED_INCIDENT_PLACES = 500  # beyond this many places the map is about density, not names
MAX_CATEGORIES = 9  # beyond nine colours and shapes a legend stops being read; the rest are "other"
GROUPED_COLUMN = "category as written"
WEIGHT_COLUMN = "incidents"  # how many incidents a row stands for (a dataset counted by the engine)
PYTHON_WORDS = ("panel", "caption", "credits", "countries", "language")  # the parts of a language's file only Python writes from
PART_WORDS = {"regions": "regions", "sizes": "sizeBy", "values": "filterBy"}  # the words of a part the page may not have
TILE_TEMPLATE = re.compile(r"https?://(?P<host>[A-Za-z0-9.\-{}]+(?::\d+)?)/[^\s<>\"'`\\]*")


# The opening view fits the incidents to a quarter of a zoom level, not a whole one (which can leave
# up to half the frame empty); the zoom buttons still step by whole levels.
ZOOM_SNAP = 0.25


class IncidentMap(folium.Map):
    """A folium Map that links no CDN: PageAssets puts Leaflet inside the page instead."""

    default_js: list = []
    default_css: list = []


class IncidentLayer(VerbatimMacroElement):
    """The incidents (GeoJSON in the page), the panels around the map, and the call that starts
    mapgen.js on them."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="{{ this.data_type }}" id="{{ this.ids.incidents }}"{{ this.encoding_attribute }}>{{ this.data }}</script>
        {%- if this.texts %}
        <script type="application/octet-stream" id="{{ this.ids.texts }}"{{ this.encoding_attribute }}>{{ this.texts }}</script>
        {%- endif %}
        <script type="application/json" id="{{ this.ids.unplaced }}">{{ this.unplaced }}</script>
        {%- if this.basemap %}
        <script type="application/json" id="{{ this.ids.basemap }}">{{ this.basemap }}</script>
        <script type="application/json" id="{{ this.ids.labels }}">{{ this.labels }}</script>
        {%- endif %}
        {%- if this.regions %}
        <script type="application/json" id="{{ this.ids.regions }}">{{ this.regions }}</script>
        {%- endif %}
        <header class="mapgen-title" id="mapgen-title">
          <h1>{{ this.title|e }}</h1>
          {%- if this.subtitle %}<p class="mapgen-subtitle">{{ this.subtitle|e }}</p>{% endif %}
          <p class="mapgen-caption">{{ this.caption|e }}</p>
        </header>
        <aside class="mapgen-panel" id="mapgen-panel" aria-label="{{ this.words.listName|e }}">
          <div class="mapgen-panel-head">
            <strong>{{ this.words.listHeading|e }}</strong> <span id="mapgen-count" role="status" aria-live="polite"></span>
            <button type="button" id="mapgen-sort" title="{{ this.words.sortTitle|e }}"
                    aria-label="{{ this.words.sortAscendingName|e }}">{{ this.words.sortAscending|e }}</button>
            <button type="button" id="mapgen-panel-close" class="mapgen-phone-only" aria-label="{{ this.words.closeList|e }}">×</button>
          </div>
          <ol id="mapgen-list" class="mapgen-list"></ol>
          <button type="button" id="mapgen-more" hidden>{{ this.words.more|e }}</button>
          <section id="mapgen-unplaced-section" hidden>
            <h2>{{ this.words.unplacedHeading|e }}</h2>
            <p class="mapgen-note">{{ this.words.unplacedNote|e }}</p>
            <ol id="mapgen-unplaced-list" class="mapgen-list"></ol>
          </section>
        </aside>
        <button type="button" id="mapgen-panel-open" class="mapgen-phone-only">{{ this.words.openList|e }}</button>
        {% endmacro %}

        {% macro script(this, kwargs) %}
        mapgen.start({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
        """
    )

    ids = {"incidents": INCIDENTS_ID, "texts": INCIDENT_TEXTS_ID, "unplaced": UNPLACED_ID, "basemap": BASEMAP_ID, "labels": LABELS_ID, "regions": REGIONS_ID}

    def __init__(self, data: str, unplaced: str, config: dict, heading: dict, basemap: str = "", labels: str = "[]", regions: str = "",
                 texts: str = ""):
        """heading: the title, subtitle and caption, and the words of the panels (the language's "page" texts);
        texts: a large map's deferred fields, packed (see data.packed_columns)."""
        super().__init__()
        self.texts = texts
        self._name = "IncidentLayer"
        self.basemap = basemap
        self.labels = labels
        self.regions = regions
        geojson = data.startswith('{"type":"FeatureCollection"')
        self.data_type = "application/geo+json" if geojson else "application/octet-stream"
        self.encoding_attribute = "" if geojson else f' data-encoding="{COMPRESSED_DATA}"'
        self.data = data
        self.unplaced = unplaced
        self.config = config
        self.config_json = config_json(config)
        self.title = heading["title"]
        self.subtitle = heading["subtitle"]
        self.caption = heading["caption"]
        self.words = heading["words"]


class PageFigure(Figure):
    """The page around the map, with its language on <html lang>, for screen readers, spelling and hyphenation."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
        "    {{this.header.render(**kwargs)}}\n"
        "</head>\n"
        "<body>\n"
        "    {{this.html.render(**kwargs)}}\n"
        "</body>\n"
        "<script>\n"
        "    {{this.script.render(**kwargs)}}\n"
        "</script>\n"
        "</html>\n")

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang


def render_map(located: pd.DataFrame, options: DrawOptions | None = None, **fields) -> folium.Map:
    """Draw located incidents (as ``locate`` returns them) on a folium Map, as options (or its
    fields as keywords: title="...", tiles="none") say; see DrawOptions. A frame small beside its
    country's mainland, or away from it, gets an inset locator map."""
    options = replace(options, **fields) if options is not None and fields else options or DrawOptions(**fields)
    # The --color-by column plays the category's part, which every popup shows already.
    popup_columns = _popup_columns(located, [c for c in options.popup_columns if c in located or c != options.color_by])
    located, grouped = group_categories(located)
    if grouped:
        popup_columns = [GROUPED_COLUMN, *popup_columns]
    placed = placed_rows(located)
    unplaced = located[located["latitude"].isna() | located["longitude"].isna()]
    as_of = options.as_of or _data_as_of(located)
    words = strings(page_language(options.lang, placed))
    provider = _tile_provider(options.tiles, options.tiles_key or os.environ.get(TILES_KEY_VARIABLE))
    # The deepest zoom: the tiles', or with none (--tiles none) a town's streets; clustering needs one.
    deepest = int(provider.get("max_zoom", NO_TILES_MAX_ZOOM)) if provider is not None else NO_TILES_MAX_ZOOM
    incident_map = IncidentMap(location=None, tiles=None, control_scale=True, prefer_canvas=False, zoom_control=True, maxZoom=deepest,
                               zoomSnap=ZOOM_SNAP)
    PageFigure(words["code"]).add_child(incident_map)
    if provider is not None:
        folium.TileLayer(tiles=provider, name=provider.name).add_to(incident_map)
    PageAssets(cdn=options.cdn).add_to(incident_map)
    bounds = options.extent or incident_box(placed)
    # A large map's columns travel gzipped, in base64 (a third of the bytes: faster to read and to parse).
    data, texts = (script_json(incidents_geojson(placed)), "") if len(placed) <= options.geojson_limit else packed_columns(placed)
    title = words["panel"]["defaultTitle"] if options.title == DEFAULT_TITLE else options.title
    heading = {"title": title, "subtitle": options.subtitle, "caption": _caption(located, as_of, words), "words": {**words["panel"], **words["page"]}}
    reading, areas = _reading(placed, options, bounds)
    # The columns a reader sizes or filters by are in each popup too, so that the number or value can be read.
    popup_columns = list(dict.fromkeys([*popup_columns, *filter(None, [options.size_by]), *options.filter_by]))
    config = _config(located, placed, options, popup_columns, as_of, bounds, words, reading)
    IncidentLayer(
        data,
        script_json([incident_properties(row) for row in unplaced.to_dict("records")]),
        config,
        heading,
        page_basemap(bounds, departments=_french(placed)) if options.basemap else "",
        script_json(_labels(placed, bounds)) if options.basemap else "",
        script_json(areas) if areas else "",
        texts,
    ).add_to(incident_map)
    incident_map.get_root().header.add_child(Verbatim(f"<title>{_escape(title)}</title>"), name="title")
    stabilise_ids(incident_map)
    return incident_map


def _marker_mode(count: int, options: DrawOptions) -> str:
    """How the page draws its incidents: "markers" in clusters shared by every category (a ring
    shows what each holds), "categories" in clusters of one category each (unticking one is then
    a layer off the map, not thousands of markers taken out of shared clusters), or "bins"."""
    if count > options.marker_limit:
        return "bins"
    return "markers" if count <= options.mixed_limit else "categories"


def _config(located: pd.DataFrame, placed: pd.DataFrame, options: DrawOptions, popup_columns: list[str], as_of: str, bounds,
            words: dict, reading: dict) -> dict:
    """What the page's start() is given (draw.contract names its keys): words are its language's
    texts; reading the parts for a reader's questions (areas, sizes, other columns' filters)."""
    styles = category_styles(located["category"]) if len(located) else []
    counts = placed.groupby("category")[WEIGHT_COLUMN].sum().to_dict() if WEIGHT_COLUMN in placed else placed["category"].value_counts().to_dict()
    return page_config(
        categories=[{"key": s.key, "label": s.label, "colour": s.colour, "shape": s.shape, "count": counts.get(s.key, 0)} for s in styles],
        listPageSize=LIST_PAGE_SIZE,
        heatmap=options.heatmap,
        asOf=as_of,
        basemap=options.basemap,
        credits=_credits(located, options.basemap, words),
        mode=_marker_mode(len(placed), options),
        detailZoom=DETAIL_ZOOM,
        popupColumns=popup_columns,
        extent=list(options.extent) if options.extent else None,
        inset=inset_locator(bounds, placed) if options.basemap else None,
        numbered=options.numbered,
        weight=WEIGHT_COLUMN if WEIGHT_COLUMN in placed else None,
        lang=words["code"],
        text=_page_words(words, reading),
        **reading,
    )


def _reading(placed: pd.DataFrame, options: DrawOptions, bounds) -> tuple[dict, dict | None]:
    """(the config of the parts that answer a reader's questions: areas by count, symbols by size,
    filters by other columns; the areas' data for their script element, or None). The columns
    asked for are checked first, before the areas are worked out."""
    reading = {"sizeBy": size_scale(placed, options.size_by), "filterBy": value_filters(placed, options.filter_by)}
    reading["regions"], areas = area_layer(placed, bounds) if options.by_region and len(placed) else (None, None)
    return reading, areas


def _page_words(words: dict, reading: dict) -> dict:
    """The parts of a language's file the page's script writes from: not Python's own, nor those of
    parts this page does not have (areas, sizes, other columns' filters)."""
    return {part: texts for part, texts in words.items()
            if part not in PYTHON_WORDS and (part not in PART_WORDS or reading[PART_WORDS[part]])}


def group_categories(located: pd.DataFrame, most: int = MAX_CATEGORIES) -> tuple[pd.DataFrame, bool]:
    """With more categories than a legend can tell apart, the most frequent `most` keep their own
    colour and the rest become "other" (the value as written kept in GROUPED_COLUMN)."""
    counts = located["category"].value_counts() if len(located) else pd.Series(dtype=int)
    if len(counts) <= most:
        return located, False
    kept = set(counts.index[:most])
    grouped = located.copy()
    grouped[GROUPED_COLUMN] = grouped["category"]
    grouped["category"] = grouped["category"].where(grouped["category"].isin(kept), "other")
    return grouped, True


def _popup_columns(located: pd.DataFrame, asked: list[str] | None) -> list[str]:
    missing = [column for column in asked or [] if column not in located.columns]
    if missing:
        shown = ", ".join(c for c in located.columns if c not in ("row", "latitude", "longitude"))
        raise ConfigurationError(f"--popup-columns: no column {missing[0]!r} in the table; its columns are {shown}.")
    return list(asked or [])


def map_html(incident_map: folium.Map) -> str:
    """The page's HTML, the same bytes for the same map."""
    return incident_map.get_root().render()


def stabilise_ids(incident_map: folium.Map) -> None:
    """Replace folium's random element ids with ones numbered in tree order, so that the same
    input gives byte-identical pages that can be diffed and kept under version control."""
    counter = 0

    def walk(element) -> None:
        nonlocal counter
        element._id = f"mapgen{counter:04d}"
        counter += 1
        for child in element._children.values():
            walk(child)

    walk(incident_map.get_root())


def _french(placed: pd.DataFrame) -> bool:
    """Department borders are drawn when the incidents are in France (by the country column)."""
    return "country" in placed and any(str(code).upper() == "FR" for code in pd.unique(placed["country"].dropna()))


def _labels(placed: pd.DataFrame, bounds) -> list[dict]:
    """Names for the offline map: each incident's place as the table writes it ("Bouches-du-Rhône",
    not the prefecture it is drawn at), the most frequent where several share a point, and town
    names from the gazetteer the geocoding already uses."""
    from ..place.gazetteer import OfflineGazetteer

    places = placed["place"].fillna("") if "place" in placed else pd.Series("", index=placed.index)
    codes, named = distinct_rows([placed["latitude"], placed["longitude"], places])  # each (point, place) once, as first given
    frequent = pd.DataFrame(named, columns=["latitude", "longitude", "place"]).assign(n=np.bincount(codes))
    frequent["place"] = frequent["place"].map(str)
    points = frequent[["latitude", "longitude"]].drop_duplicates()  # the points as the rows first give them
    frequent = frequent.sort_values("n", ascending=False, kind="stable").drop_duplicates(["latitude", "longitude"])
    points = points.merge(frequent, on=["latitude", "longitude"], how="left")
    incidents = list(points[["latitude", "longitude", "place"]].itertuples(index=False, name=None))[:LABELLED_INCIDENT_PLACES]
    return town_labels(OfflineGazetteer(), bounds, incidents)


def _credits(located: pd.DataFrame, basemap: bool, words: dict) -> dict:
    """What the corner credits besides the tiles: the offline base map while no tile has loaded,
    and GeoNames when any incident was placed by the offline gazetteer."""
    geocoders = set(located["geocoder"]) if "geocoder" in located else set()
    return {
        "offline": text(words, "credits.basemap", link=OFFLINE_LINK) if basemap else "",
        "places": text(words, "credits.places", link=PLACES_LINK) if any(str(g).startswith("gazetteer") for g in geocoders) else "",
    }


def _tile_provider(name: str, key: str | None = None):
    if not name or name.lower() == NO_TILES:
        return None
    if "{z}" in name and "{x}" in name and "{y}" in name:  # a tile server of one's own, by its URL template
        return xyzservices.TileProvider(name="custom", url=name, attribution=f"Tiles: {_escape(_template_host(name))}")
    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        examples = "OpenStreetMap.Mapnik, OpenTopoMap, Esri.WorldImagery"
        raise ConfigurationError(f"--tiles {name!r} is not a provider xyzservices knows; try {examples}, a URL template"
                                 " such as https://tiles.example.org/{z}/{x}/{y}.png, or 'none'.") from None
    if provider.requires_token():
        placeholder = next(k for k, v in provider.items() if isinstance(v, str) and v.lower().startswith("<insert your"))
        if not key:
            raise ConfigurationError(
                f"--tiles {name!r} needs an API key from its provider: pass --tiles-key KEY (or set {TILES_KEY_VARIABLE}),"
                " or choose a provider without one, such as OpenStreetMap.Mapnik."
            )
        provider = provider.copy()
        provider[placeholder] = key
    return provider


def _template_host(template: str) -> str:
    """The host of a tile server's URL template, which must be a plain http(s) address (it reaches
    Leaflet's attribution, which is HTML, and the page's requests)."""
    match = TILE_TEMPLATE.fullmatch(template)
    if not match:
        raise ConfigurationError(f"--tiles {template!r}: a URL template is an http:// or https:// address with {{z}}, {{x}} and {{y}},"
                                 " and none of the characters < > \" ' ` or spaces, such as https://tiles.example.org/{z}/{x}/{y}.png.")
    return match["host"]


def _data_as_of(located: pd.DataFrame) -> str:
    days = [d for column in ("date", "date_end") if column in located for d in pd.unique(located[column]) if isinstance(d, str) and d]
    return max(days) if days else ""


def _counted(values: pd.Series) -> Counter:
    """How often each text value of a column occurs, in the order the column first gives them
    (as a Counter of the cells would be: its most_common keeps that order between equals)."""
    codes, distinct = pd.factorize(values, sort=False)
    counts = np.bincount(codes[codes >= 0], minlength=len(distinct)) if len(distinct) else []
    return Counter({value: int(count) for value, count in zip(distinct, counts) if isinstance(value, str) and value})


def _caption(located: pd.DataFrame, as_of: str, words: dict) -> str:
    """The line under the title: who reported the incidents, and the day the data is current to."""
    sources = _counted(located.get("source", pd.Series(dtype=str)))
    named = [name for name, _ in sources.most_common(MAX_SOURCES_IN_CAPTION)]
    if not named:
        parts = [text(words, "caption.noSources")]
    elif len(sources) > len(named):
        parts = [text(words, "caption.sources", sources=text(words, "caption.moreSources", sources=", ".join(named),
                                                              count=len(sources) - len(named)))]
    else:
        parts = [text(words, "caption.sources", sources=", ".join(named))]
    if as_of:
        try:
            parts.append(text(words, "caption.asOf", date=written_day(as_of, words)))
        except ValueError:
            parts.append(text(words, "caption.asOf", date=as_of))
    return ". ".join(parts) + "."


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
