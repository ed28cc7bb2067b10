"""The page's contract: every name that Python (snapshot, tests) and mapgen.js share.

The page is given these names in its config (under CONTRACT_KEY) and reads them from there, so a
name changes here and nowhere else; mapgen.css names SNAPSHOT_CLASS too (tests check it does).
"""

from __future__ import annotations

# Elements of the page that carry data, by id.
INCIDENTS_ID = "mapgen-incidents"  # the placed incidents: GeoJSON, or compact columns
INCIDENT_TEXTS_ID = "mapgen-incident-texts"  # a large map's long text fields (descriptions), read after the first view
UNPLACED_ID = "mapgen-unplaced"  # the incidents that could not be placed, listed under the map
BASEMAP_ID = "mapgen-basemap"  # the offline base map, packed
LABELS_ID = "mapgen-labels"  # the town names the offline map may show
REGIONS_ID = "mapgen-regions"  # with --by-region: the areas' outlines and which area each incident counts for

# Attributes the page sets on <body> as it goes: what a snapshot and the tests wait on.
READY = "data-mapgen-ready"  # the page has started: its parts exist
FIRST_DRAWN = "data-mapgen-first-drawn"  # the first markers (or bins) are on screen
DRAWN = "data-mapgen-drawn"  # "1" once every marker is drawn
TILES = "data-mapgen-tiles"  # "none" until a tile has loaded, then "loaded"
KEY_CUT = "data-mapgen-key-cut"  # a numbered picture whose key could not list every incident: how many it left out
PILLS_CROWDED = "data-mapgen-pills-crowded"  # a numbered picture's pills that found no free spot: how many

# A class on <body> that hides the interactive controls, for a still picture.
SNAPSHOT_CLASS = "mapgen-snapshot"

# Window properties: set before the page runs (hooks asking for a mode), or set by it (answers).
NUMBERED_HOOK = "mapgenNumbered"  # true: draw the numbered picture, whatever the page was built as
EXPOSE_HOOK = "mapgenExpose"  # true: publish the page's state (tests only)
STATE_HOOK = "mapgenState"  # the published state: incidents, filters, markers, map
SVG_HOOK = "mapgenSvg"  # a function returning the picture as SVG text

# The parts of the URL's hash that keep what a reader looks at (a link opens the same map):
# view=zoom/latitude/longitude, off=a category switched off (repeated), since=/until= the first and
# last days shown, q= the search, incident= the id of the incident whose popup is open, areas=1 the
# areas layer on (0 off), and except<N>= a value switched off in the N-th --filter-by column (repeated).
HASH = {"view": "view", "hidden": "off", "from": "since", "to": "until", "search": "q", "incident": "incident",
        "areas": "areas", "except": "except"}

# The keys of the config that start() receives, each set by draw.render_map.
CONFIG_KEYS = ("categories", "listPageSize", "heatmap", "asOf", "basemap", "credits", "mode", "detailZoom", "popupColumns",
               "extent", "inset", "numbered", "lang", "text", "regions", "sizeBy", "filterBy", "weight")
CONTRACT_KEY = "contract"
CONTRACT = {
    "incidents": INCIDENTS_ID, "incidentTexts": INCIDENT_TEXTS_ID, "unplaced": UNPLACED_ID, "basemap": BASEMAP_ID, "labels": LABELS_ID, "regions": REGIONS_ID,
    "ready": READY, "firstDrawn": FIRST_DRAWN, "drawn": DRAWN, "tiles": TILES, "keyCut": KEY_CUT, "pillsCrowded": PILLS_CROWDED,
    "snapshotClass": SNAPSHOT_CLASS,
    "numberedHook": NUMBERED_HOOK, "exposeHook": EXPOSE_HOOK, "stateHook": STATE_HOOK, "svgHook": SVG_HOOK,
    "hash": HASH,
}

# What a driver of the page (Playwright) evaluates or waits for.
READY_SELECTOR = f"body[{READY}]"
DRAWN_SELECTOR = f"body[{DRAWN}='1']"
DRAWN_CONDITION = f"document.body.getAttribute('{DRAWN}') === '1'"
SNAPSHOT_SCRIPT = f"document.body.classList.add('{SNAPSHOT_CLASS}')"
STATE = f"window.{STATE_HOOK}"  # the published state, in an expression
CROWDING_SCRIPT = f"[document.body.getAttribute('{KEY_CUT}'), document.body.getAttribute('{PILLS_CROWDED}')]"
SVG_SCRIPT = f"typeof window.{SVG_HOOK} === 'function' ? window.{SVG_HOOK}() : null"


def hook_script(hook: str) -> str:
    """The init script that turns a hook on before the page runs."""
    return f"window.{hook} = true;"


def page_config(**values) -> dict:
    """The config start() receives: exactly CONFIG_KEYS, and the contract's names."""
    unknown, missing = set(values) - set(CONFIG_KEYS), set(CONFIG_KEYS) - set(values)
    if unknown or missing:
        raise ValueError(f"page config: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return {**{key: values[key] for key in CONFIG_KEYS}, CONTRACT_KEY: CONTRACT}
