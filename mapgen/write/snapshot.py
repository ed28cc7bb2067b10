"""Still pictures of a map for reports: PNG, PDF or SVG, rendered by a real Chromium through Playwright.

A PDF keeps the page's vectors (base map, markers, text); an SVG is written by the page itself from
its data (mapgenSvg in mapgen.js): the offline base map, the town names shown, the markers, title,
legend, key and credits, as separate groups a designer can edit, the map's drawing clipped to its
frame (vector.framed_svg). Tiles are never part of an SVG. On a sheet of paper (options.paper), the
page is laid out for the area inside the sheet's margins and the PDF or SVG measures the sheet."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..draw import contract
from ..errors import BrowserNotFound, ConfigurationError, MapgenError
from ..util.files import atomic_output
from .options import SnapshotOptions
from .vector import framed_svg

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER_VARIABLE = "MAPGEN_CHROMIUM"
READY_TIMEOUT_MS = 60_000
TILES_TIMEOUT_MS = 10_000
SETTLE_MS = 400
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def find_chromium(explicit: str | Path | None = None) -> str:
    """The Chromium to use: the one given, $MAPGEN_CHROMIUM, or the first on the PATH."""
    candidates = [str(explicit)] if explicit else []
    if os.environ.get(BROWSER_VARIABLE):
        candidates.append(os.environ[BROWSER_VARIABLE])
    for candidate in candidates:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if not found:
            raise BrowserNotFound(f"{candidate}: no such browser. Give the path of a Chromium or Chrome with --browser.")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFound(
        "no Chromium found on the PATH to take the snapshot. Install one (Debian, Ubuntu: sudo apt-get install chromium)"
        f" or give its path with --browser or {BROWSER_VARIABLE}."
    )


def snapshot(page: str | Path, output: str | Path, options: SnapshotOptions | None = None, *,
             say: Callable[[str], None] | None = None, **fields) -> Path:
    """Render a map page to PNG (PDF or SVG by the output's suffix) once its markers are drawn,
    as options (or its fields as keywords: width=1200, numbered=True) say; see SnapshotOptions.
    The interactive controls are hidden unless asked for; title, legend and attribution stay.
    say: where a warning about the picture goes (a numbered key too long for the frame)."""
    options = replace(options, **fields) if options is not None and fields else options or SnapshotOptions(**fields)
    page, output = Path(page), Path(output)
    if not page.is_file():
        raise ConfigurationError(f"{page}: no such map. Build one first: mapgen build -o {page}")
    suffix = output.suffix.lower()
    if suffix not in (".png", ".pdf", ".svg"):
        raise ConfigurationError(f"{output}: a snapshot is a .png, a .pdf or an .svg; change the suffix.")
    if options.paper is not None and suffix == ".png":
        raise ConfigurationError(f"{output}: a PNG has no paper size; write a .pdf or an .svg for --paper, or drop --paper.")
    if min(options.frame) < 200 or not 0.5 <= options.scale <= 4:
        raise ConfigurationError("--width and --height must be at least 200 pixels and --scale between 0.5 and 4.")
    executable = find_chromium(options.browser)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                image = _picture(instance, page, suffix, options, say or (lambda line: None))
            finally:
                instance.close()
    except PlaywrightError as error:
        raise MapgenError(f"{page}: the browser could not render the map ({str(error).splitlines()[0]}).") from None
    with atomic_output(output, "wb") as stream:
        stream.write(image)
    return output


def _picture(instance, page: Path, suffix: str, options: SnapshotOptions, say: Callable[[str], None]) -> bytes:
    """The picture's bytes, from a tab that has opened the page and waited for its markers."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    width, height = options.frame  # on paper, the map is composed for the area inside the margins
    context = instance.new_context(viewport={"width": width, "height": height}, device_scale_factor=options.scale)
    tab = context.new_page()
    if options.numbered:
        tab.add_init_script(contract.hook_script(contract.NUMBERED_HOOK))
    if options.offline:
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort())
    tab.goto(page.resolve().as_uri(), wait_until="load")
    tab.wait_for_selector(contract.READY_SELECTOR, timeout=READY_TIMEOUT_MS)
    tab.wait_for_function(contract.DRAWN_CONDITION, timeout=READY_TIMEOUT_MS)
    try:
        tab.wait_for_load_state("networkidle", timeout=TILES_TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # tiles still coming: the snapshot shows what has arrived, over the offline base map
    if not options.controls:
        tab.evaluate(contract.SNAPSHOT_SCRIPT)
    tab.wait_for_timeout(SETTLE_MS)
    cut, crowded = tab.evaluate(contract.CROWDING_SCRIPT)
    width, height = options.frame
    room = "Give the picture more room (--width and --height, or --paper) or fewer incidents."
    if cut:
        say(f"warning: at {width}x{height} the key has no room for {cut} incident(s); the picture says so. {room}")
    if crowded:
        say(f"warning: at {width}x{height} {crowded} numbered marker(s) found no free spot and cover others. {room}")
    if suffix == ".svg":
        image = tab.evaluate(contract.SVG_SCRIPT)
        if image is None:
            raise ConfigurationError(f"{page}: this page cannot draw itself as SVG; build it again with this mapgen.")
        return framed_svg(image, options.sheet).encode("utf-8")
    if suffix == ".pdf":
        tab.emulate_media(media="screen")
        layout = options.sheet.pdf_layout() if options.sheet else {"width": f"{width}px", "height": f"{height}px"}
        return tab.pdf(**layout, print_background=True, page_ranges="1")
    return tab.screenshot(type="png")
