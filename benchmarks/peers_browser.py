"""The browser half of benchmarks/peers.py: pages opened in Debian's headless Chromium with every
non-local request refused (a page that links its scripts from a CDN gets them from the Python
packages that carry the same files), and timed with the page's own clock (performance.now)."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

# The frame after the first marker (or cluster, or bin) element appears: the same watch on every page.
FIRST_MARKER = """
new MutationObserver((changes, watch) => {
    if (document.querySelector('.leaflet-marker-icon')) {
        watch.disconnect();
        requestAnimationFrame(() => { window.__firstMarker = performance.now(); });
    }
}).observe(document, { childList: true, subtree: true });"""

# A change on mapgen's page, timed until two frames have been drawn after the page settled (the
# drawn signal back, the markers' work done): the time filter moved to its first half, and back;
# a category switched off, and back.
CHANGE = """async (kind) => {
    const settle = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const drawn = async () => { while (document.body.getAttribute('DRAWN') !== '1') await settle(); await settle(); };
    const act = () => {
        if (kind === 'toggle') { document.querySelector('input[data-category]').click(); return; }
        const to = document.getElementById('mapgen-time-to'), from = document.getElementById('mapgen-time-from');
        to.value = to.value === to.max ? String(Math.round((+from.min + +to.max) / 2)) : to.max;
        to.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const start = performance.now();
    act();
    await drawn();
    const took = performance.now() - start;
    act();
    await drawn();
    return took;
}"""


def _cdn_files() -> dict[str, Path]:
    """Leaflet and Leaflet.markercluster as the Python packages carry them, for pages that link a CDN."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as cluster

    files = {name: Path(leaflet.BASE_DIR) / name for name in ("leaflet.js", "leaflet.css")}
    files.update({name: Path(cluster.BASE_DIR) / name for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")})
    files.update({image.name: image for image in (Path(leaflet.BASE_DIR) / "images").glob("*.png")})
    return files


def _open(playwright, page: Path):
    browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    local = _cdn_files()

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:")):
            return request_route.continue_()
        name = url.rsplit("/", 1)[-1].split("?")[0]
        if name in local:
            return request_route.fulfill(path=str(local[name]))
        return request_route.abort()

    tab.route("**/*", route)
    tab.add_init_script(FIRST_MARKER)
    tab.goto(page.resolve().as_uri(), wait_until="commit", timeout=600_000)
    tab.wait_for_function("window.__firstMarker !== undefined", timeout=900_000, polling=50)
    return browser, tab


def browser_figures(page: Path, runs: int) -> float:
    """The median time until the first marker, cluster or bin is on screen, in a new browser each run."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        for _ in range(runs):
            browser, tab = _open(playwright, page)
            times.append(tab.evaluate("window.__firstMarker"))
            browser.close()
    return statistics.median(times)


def page_figures(page: Path, runs: int) -> dict[str, float]:
    """Medians of a time-filter change and of a category toggle on a mapgen page, once it is drawn."""
    from playwright.sync_api import sync_playwright

    from mapgen.draw import contract

    found: dict[str, list[float]] = {"range": [], "toggle": []}
    with sync_playwright() as playwright:
        browser, tab = _open(playwright, page)
        tab.wait_for_selector(contract.DRAWN_SELECTOR, timeout=900_000)
        for _ in range(runs):
            for kind in found:
                found[kind].append(tab.evaluate(CHANGE.replace("DRAWN", contract.DRAWN), kind))
        browser.close()
    return {kind: statistics.median(times) for kind, times in found.items()}
