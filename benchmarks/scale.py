"""How mapgen scales, measured side by side with the plain folium way, in one run.

For synthetic tables of 1k, 10k and 100k incidents over up to 5,000 real French towns (fixed
random seed), it measures: build wall time and peak memory (each build in a fresh process, as a
user runs it); HTML bytes per incident beyond the incident's own text; in headless Chromium with
the network blocked, the time until the first markers are drawn and the time a category toggle
takes. The baseline is the plain folium way (a folium.Marker with popup and tooltip per incident)
at 2,000 incidents, and geopandas' explore() when geopandas is installed.

Run: .venv/bin/python benchmarks/scale.py [--million]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import COLUMNS, write_table  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
BASELINE_SIZE = 2_000
OWN_TEXT_COLUMNS = COLUMNS

BUILD_CHILD = """
import resource, sys, time
start = time.perf_counter()
import mapgen
table = mapgen.read_incidents(sys.argv[1])
report = mapgen.build(table, sys.argv[2], draw=mapgen.DrawOptions(title="Benchmark"))
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(report.placed))
"""

FOLIUM_CHILD = """
import csv, resource, sys, time
start = time.perf_counter()
import folium
import mapgen
incidents = mapgen.locate(mapgen.load_incidents(sys.argv[1]))
located = time.perf_counter()
m = folium.Map(location=[46.5, 2.5], zoom_start=6)
for row in incidents.itertuples():
    popup = f"<b>{row.category}</b><br>{row.date} {row.time}<br>{row.place}<br>{row.description}<br>{row.source}"
    folium.Marker([row.latitude, row.longitude], popup=folium.Popup(popup, max_width=300), tooltip=row.place).add_to(m)
m.save(sys.argv[2])
done = time.perf_counter()
print(done - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(incidents), done - located)
"""

EXPLORE_CHILD = """
import resource, sys, time
start = time.perf_counter()
import geopandas, mapgen
incidents = mapgen.locate(mapgen.load_incidents(sys.argv[1]))
located = time.perf_counter()
frame = geopandas.GeoDataFrame(incidents, geometry=geopandas.points_from_xy(incidents.longitude, incidents.latitude), crs=4326)
frame.explore(column="category").save(sys.argv[2])
done = time.perf_counter()
print(done - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(incidents), done - located)
"""


def own_text_bytes(table: Path) -> int:
    with table.open(encoding="utf-8") as stream:
        return sum(len(row[c].encode("utf-8")) for row in csv.DictReader(stream) for c in OWN_TEXT_COLUMNS)


def run_child(code: str, *args) -> list[float]:
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(done.stderr)
    return [float(x) for x in done.stdout.split()]


def one_incident(folder: Path, code: str) -> tuple[int, float]:
    """(page bytes, build wall time) for a table of one incident: what a build costs before any
    incident is counted (Python starting, imports, the page's fixed parts)."""
    table = write_table(folder / "one.csv", 1)
    page = folder / "one.html"
    wall = time.perf_counter()
    run_child(code, table, page)
    return page.stat().st_size, time.perf_counter() - wall


def browser_figures(page: Path, baseline: bool = False) -> tuple[float, float | None]:
    """(ms until the first marker is drawn, ms for a category toggle) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    leaflet = None
    if baseline:
        import xstatic.pkg.leaflet as xl

        leaflet = Path(xl.BASE_DIR) / "leaflet.js", Path(xl.BASE_DIR) / "leaflet.css"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": 1280, "height": 800})

        def route(request_route):
            url = request_route.request.url
            if url.startswith("file:"):
                return request_route.continue_()
            if leaflet and url.endswith("/leaflet.js"):  # the baseline's CDN Leaflet, served from disk
                return request_route.fulfill(path=str(leaflet[0]))
            if leaflet and url.endswith("/leaflet.css"):
                return request_route.fulfill(path=str(leaflet[1]))
            return request_route.abort()

        tab.route("**/*", route)
        # The same watch on both pages: the frame after the first marker element appears.
        tab.add_init_script("""
            new MutationObserver((changes, watch) => {
                if (document.querySelector('.leaflet-marker-icon')) {
                    watch.disconnect();
                    requestAnimationFrame(() => { window.__firstMarker = performance.now(); });
                }
            }).observe(document, { childList: true, subtree: true });""")
        tab.goto(page.resolve().as_uri(), wait_until="commit", timeout=600_000)
        tab.wait_for_function("window.__firstMarker !== undefined", timeout=900_000, polling=100)
        first = tab.evaluate("window.__firstMarker")
        toggle = None
        if not baseline:
            tab.wait_for_selector("body[data-mapgen-drawn]", timeout=600_000)
            toggle = tab.evaluate("""async () => {
                const box = document.querySelector('input[data-category]');
                const start = performance.now();
                box.click();
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const took = performance.now() - start;
                box.click();
                return took; }""")
        browser.close()
    return first, toggle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--million", action="store_true", help="also build 1,000,000 incidents (about a minute)")
    options = parser.parse_args()
    sizes = SIZES + ((1_000_000,) if options.million else ())
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        empty, mapgen_fixed = one_incident(folder, BUILD_CHILD)
        _, folium_fixed = one_incident(folder, FOLIUM_CHILD)
        for size in sizes:
            table = write_table(folder / f"t{size}.csv", size)
            page = folder / f"m{size}.html"
            wall = time.perf_counter()
            seconds, peak_kb, placed = run_child(BUILD_CHILD, table, page)
            wall = time.perf_counter() - wall
            extra = (page.stat().st_size - empty - own_text_bytes(table)) / size
            first, toggle = browser_figures(page)
            rows.append(("mapgen", size, wall, seconds, peak_kb / 1024, page.stat().st_size / size, extra, first, toggle))
            print(f"mapgen {size}: built in {wall:.2f} s, {peak_kb / 1024:.0f} MB, {extra:.0f} bytes/incident beyond its text", flush=True)
        table = write_table(folder / "baseline.csv", BASELINE_SIZE)
        page = folder / "folium.html"
        wall = time.perf_counter()
        seconds, peak_kb, placed, drawing = run_child(FOLIUM_CHILD, table, page)
        wall = time.perf_counter() - wall
        extra = (page.stat().st_size - own_text_bytes(table)) / BASELINE_SIZE
        first, _ = browser_figures(page, baseline=True)
        rows.append(("plain folium", BASELINE_SIZE, wall, seconds, peak_kb / 1024, page.stat().st_size / BASELINE_SIZE, extra, first, None))
        baseline_per_incident = drawing / BASELINE_SIZE
        try:
            import geopandas  # noqa: F401

            page = folder / "explore.html"
            seconds, peak_kb, placed, drawing = run_child(EXPLORE_CHILD, table, page)
            rows.append(("geopandas explore", BASELINE_SIZE, seconds, seconds, peak_kb / 1024, page.stat().st_size / BASELINE_SIZE,
                         (page.stat().st_size - own_text_bytes(table)) / BASELINE_SIZE, browser_figures(page, baseline=True)[0], None))
        except ImportError:
            print("geopandas is not installed: explore() not measured")

    print()
    print(f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    print()
    print("| what | incidents | build wall (s) | build per incident (ms) | peak memory (MB) | HTML bytes per incident"
          " | bytes beyond own text | first markers (ms) | category toggle (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, size, wall, _seconds, peak, per, extra, first, toggle in rows:
        first_text = f"{first:,.0f}" if first is not None else "not measured"
        toggle_text = f"{toggle:,.0f}" if toggle is not None else "-"
        print(f"| {name} | {size:,} | {wall:.2f} | {wall / size * 1000:.3f} | {peak:,.0f} | {per:,.0f} | {extra:,.0f} | {first_text} | {toggle_text} |")
    mapgen_100k = next(r for r in rows if r[0] == "mapgen" and r[1] == 100_000)
    folium_row = next(r for r in rows if r[0] == "plain folium")
    speedup = (folium_row[2] / folium_row[1]) / (mapgen_100k[2] / mapgen_100k[1])
    marginal = ((folium_row[2] - folium_fixed) / (folium_row[1] - 1)) / ((mapgen_100k[2] - mapgen_fixed) / (mapgen_100k[1] - 1))
    print()
    print(f"Fixed cost of a build (one incident): mapgen {mapgen_fixed:.2f} s, plain folium {folium_fixed:.2f} s.")
    print(f"Build per incident: mapgen at 100k is {speedup:.0f} times faster than plain folium at 2k, whole runs compared;"
          f" {marginal:.0f} times, counting only what each incident adds beyond the fixed cost (goal: at least 50).")
    print(f"Plain folium's marker loop alone costs {baseline_per_incident * 1000:.2f} ms per incident.")
    print(f"Bytes beyond own text at 100k: {mapgen_100k[6]:.0f} (goal: at most 150). Peak memory: {mapgen_100k[4]:.0f} MB (goal: at most 1,536).")
    print(f"At 100k: first markers after {mapgen_100k[7]:,.0f} ms (goal 3,000), category toggle {mapgen_100k[8]:,.0f} ms (goal 500).")


if __name__ == "__main__":
    main()
