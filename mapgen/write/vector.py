"""The SVG the page draws of itself (mapgenSvg in mapgen.js), made ready for a file: the map's
drawing clipped to the map's frame, and the whole set on a sheet of paper when one is asked for.

The page draws land, borders, towns and markers as far as their shapes go, past the frame; a
browser showing the file alone hides what lies outside the canvas, but a report's layout program or
an SVG placed inline shows all of it. A clip path with the frame's rectangle keeps them inside."""

from __future__ import annotations

from xml.etree import ElementTree

from .paper import Paper

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# The ids vectorPicture (mapgen.js) gives the groups drawn on the map itself, as opposed to the
# panels (title, legend, key, credits) and the inset, which are placed inside the frame already.
MAP_GROUPS = ("land", "outlines", "departments", "towns", "incidents")
FRAME_CLIP_ID = "mapgen-frame"
SEA_ID = "sea"
MAP_ID = "map"
PAPER_ID = "paper"
PAPER_COLOUR = "#fff"

ElementTree.register_namespace("", SVG_NAMESPACE)


def _tag(name: str) -> str:
    return f"{{{SVG_NAMESPACE}}}{name}"


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def framed_svg(text: str, paper: Paper | None = None) -> str:
    """The page's SVG text with the map's groups clipped to the map's frame (the page's viewBox);
    on a sheet, the document measures the sheet in millimetres and the map sits inside its margins."""
    root = ElementTree.fromstring(text)
    _, _, width, height = (float(value) for value in root.get("viewBox").split())
    # The map's frame inside the canvas (the page says where when its key stands beside the map).
    x, y, frame_width, frame_height = (float(value) for value in (root.get("data-frame") or f"0 0 {width} {height}").split())
    if root.get("data-frame") is None:  # an older page: the sea fills the frame, not whatever viewport the map is placed in
        for sea in root.iter(_tag("rect")):
            if sea.get("id") == SEA_ID:
                sea.set("width", _number(width))
                sea.set("height", _number(height))
    clip = ElementTree.Element(_tag("clipPath"), {"id": FRAME_CLIP_ID})
    ElementTree.SubElement(clip, _tag("rect"), {"x": _number(x), "y": _number(y), "width": _number(frame_width), "height": _number(frame_height)})
    defs = ElementTree.Element(_tag("defs"))
    defs.append(clip)
    defs.tail = "\n"
    for group in root.iter(_tag("g")):
        if group.get("id") in MAP_GROUPS:
            group.set("clip-path", f"url(#{FRAME_CLIP_ID})")
    title = root.find(_tag("title"))
    root.insert(list(root).index(title) + 1 if title is not None else 0, defs)
    if paper is not None:
        _set_on(root, paper)
    return ElementTree.tostring(root, encoding="unicode") + "\n"


def _set_on(root: ElementTree.Element, paper: Paper) -> None:
    """Put the drawing on the sheet: the document's size in millimetres, its viewBox the sheet in
    CSS pixels, a white sheet behind, and the map moved inside the margins. The clip path's
    rectangle moves with the map, since the map's group is where it applies."""
    sheet_width, sheet_height = paper.size_px
    kept = [child for child in root if child.tag in (_tag("title"), _tag("defs"))]
    drawing = [child for child in root if child not in kept]
    for child in drawing:
        root.remove(child)
    margin = _number(paper.margin_px)
    group = ElementTree.SubElement(root, _tag("g"), {"id": MAP_ID, "transform": f"translate({margin} {margin})"})
    group.text = "\n"
    group.extend(drawing)
    group.tail = "\n"
    sheet = ElementTree.Element(_tag("rect"), {"id": PAPER_ID, "width": _number(sheet_width), "height": _number(sheet_height), "fill": PAPER_COLOUR})
    sheet.tail = "\n"
    root.insert(len(kept), sheet)
    root.set("width", f"{paper.width_mm:g}mm")
    root.set("height", f"{paper.height_mm:g}mm")
    root.set("viewBox", f"0 0 {_number(sheet_width)} {_number(sheet_height)}")
