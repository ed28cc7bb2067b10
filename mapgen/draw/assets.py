"""Leaflet's files for the page: inlined from Python packages so that a map works with no network,
or linked to a CDN when a smaller file matters more (``--cdn``)."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources

import rcssmin
import rjsmin
import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

LEAFLET_VERSION = xstatic_leaflet.VERSION
MARKERCLUSTER_VERSION = xstatic_markercluster.VERSION
CDN = "https://unpkg.com"
LEAFLET_HEAT_VERSION = "0.2.0"  # static/vendor/leaflet-heat.js is this release's dist/leaflet-heat.js, byte for byte


def _read(package, name: str) -> str:
    return (resources.files(package.__name__) / "data" / name).read_text(encoding="utf-8")


def _static(name: str) -> str:
    return (resources.files("mapgen.draw") / "static" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images as data URIs, so that nothing is fetched."""
    css = _read(xstatic_leaflet, "leaflet.css")
    images = resources.files(xstatic_leaflet.__name__) / "data" / "images"

    def inline(match: re.Match) -> str:
        data = base64.b64encode((images / match[1]).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\(images/([\w.\-]+\.png)\)", inline, css)


@lru_cache(maxsize=1)
def inline_parts() -> tuple[list[str], list[str]]:
    """(stylesheets, scripts) for a page with everything inside it."""
    styles = [
        leaflet_css(),
        _read(xstatic_markercluster, "MarkerCluster.css"),
        _read(xstatic_markercluster, "MarkerCluster.Default.css"),
        rcssmin.cssmin(_static("mapgen.css")),
    ]
    # mapgen's own script and style go in without their comments and spaces (a third of the script):
    # every page carries them, and the sources keep the comments.
    scripts = [
        _read(xstatic_leaflet, "leaflet.js"),
        _read(xstatic_markercluster, "leaflet.markercluster.js"),
        _static("vendor/leaflet-heat.js"),
        rjsmin.jsmin(_static("mapgen.js")),
    ]
    return styles, scripts


class Verbatim(Element):
    """Text that goes into the page exactly as given.

    branca's Element compiles its text as a Jinja template, and MacroElement wraps what its
    macros render in such an Element, so text from the data would be evaluated a second time:
    a description holding "{{ 7 * 7 }}" would show 49 (and worse could run). Everything mapgen
    puts in the page goes through this class instead.
    """

    def __init__(self, text: str):
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class VerbatimMacroElement(MacroElement):
    """A MacroElement whose rendered header, html and script macros are placed verbatim."""

    def render(self, **kwargs):
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        for part, parent in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                parent.add_child(Verbatim(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def _safe_script(code: str) -> str:
    # A script element ends at the first "</script": keep library code from closing it early.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


class PageAssets(VerbatimMacroElement):
    """Puts Leaflet, Leaflet.markercluster, leaflet.heat and mapgen's own code in the page head."""

    _template = Template("")

    def __init__(self, cdn: bool = False):
        super().__init__()
        self._name = "PageAssets"
        self.cdn = cdn

    def render(self, **kwargs):
        figure = self.get_root()
        assert isinstance(figure, Figure), "PageAssets must be added to a map in a Figure."
        styles, scripts = inline_parts()
        if self.cdn:
            links = [
                f'<link rel="stylesheet" href="{CDN}/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"/>',
                f'<link rel="stylesheet" href="{CDN}/leaflet.markercluster@{MARKERCLUSTER_VERSION}/dist/MarkerCluster.css"/>',
                f'<link rel="stylesheet" href="{CDN}/leaflet.markercluster@{MARKERCLUSTER_VERSION}/dist/MarkerCluster.Default.css"/>',
                f'<script src="{CDN}/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"></script>',
                f'<script src="{CDN}/leaflet.markercluster@{MARKERCLUSTER_VERSION}/dist/leaflet.markercluster.js"></script>',
                f'<script src="{CDN}/leaflet.heat@{LEAFLET_HEAT_VERSION}/dist/leaflet-heat.js"></script>',
            ]
            styles, scripts = styles[3:], scripts[3:]
        else:
            links = []
        head = links + [f"<style>{css}</style>" for css in styles] + [f"<script>{_safe_script(js)}</script>" for js in scripts]
        figure.header.add_child(Verbatim("\n".join(head)), name="mapgen_assets")
        super().render(**kwargs)
