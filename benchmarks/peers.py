"""mapgen beside its peers, in one interleaved run on the same incidents: building the page, and
opening it in headless Chromium.

The peers are what a journalist or analyst would otherwise use to put a large table on a map:
plain folium (one folium.Marker with a popup per incident, in a MarkerCluster), folium's
FastMarkerCluster, pydeck (a ScatterplotLayer saved with to_html) and kepler.gl (save_to_html).
They are given the incidents' coordinates; mapgen is given the table as written (place names,
geocoded offline) and, in a second run, the same table with its coordinates. Each build runs in a
process of its own, the runs of every tool taken in turn (a, b, c, a, b, c...), so that a slow
moment of the machine falls on all of them; the figures are the median of the runs.

In the browser (Debian's chromium, the network cut): the time until the first marker or bin is
on screen, for mapgen's page, FastMarkerCluster's and the page of an older mapgen (the commit
given with --old, built by its own checkout); and on mapgen's page, the time a change of the time
filter and a category toggle take until the map has settled.

The peers live in a virtual environment of their own (--peers-python): they are not mapgen's
dependencies. Make it with:
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install keplergl==0.4.0 pydeck==0.9.3 folium==0.20.0 pandas==2.3.3

Run: .venv/bin/python benchmarks/peers.py --peers-python /tmp/peers/bin/python [--sizes 100000 1000000] [--runs 3]
     [--old-page OLD.html]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

PLAIN_FOLIUM_SIZE = 2_000  # plain folium at 100,000 takes many minutes: measured here, compared per incident

TIMED = """
import resource, sys, time
start = time.perf_counter()
{body}
# The peak of this program's own memory: VmHWM, which exec starts afresh; ru_maxrss keeps the
# parent's size at the fork (a parent holding a million rows made every tool "peak" at 2.2 GB).
try:
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(time.perf_counter() - start, peak)
"""
BUILDS = {
    "mapgen (place names)": "import mapgen\nmapgen.build(sys.argv[1], sys.argv[3], draw=mapgen.DrawOptions(title='Benchmark', lang='en'))",
    "mapgen (coordinates)": "import mapgen\nmapgen.build(sys.argv[2], sys.argv[3], draw=mapgen.DrawOptions(title='Benchmark', lang='en'))",
    "folium FastMarkerCluster": (
        "import folium, pandas as pd\nfrom folium.plugins import FastMarkerCluster\n"
        "t = pd.read_csv(sys.argv[2], usecols=['latitude', 'longitude'])\n"
        "m = folium.Map(location=[46.5, 2.5], zoom_start=6)\n"
        # Leaflet's own marker: the default callback draws Font Awesome markers, a CDN file the offline browser does not have.
        "FastMarkerCluster(t[['latitude', 'longitude']].values.tolist(),"
        " callback='function (row) { return L.marker(new L.LatLng(row[0], row[1])); }').add_to(m)\nm.save(sys.argv[3])"),
    "pydeck ScatterplotLayer": (
        "import pydeck, pandas as pd\nt = pd.read_csv(sys.argv[2], usecols=['latitude', 'longitude', 'category', 'place'])\n"
        "layer = pydeck.Layer('ScatterplotLayer', t, get_position='[longitude, latitude]', get_radius=200, pickable=True)\n"
        "pydeck.Deck(layers=[layer], initial_view_state=pydeck.ViewState(latitude=46.5, longitude=2.5, zoom=5),"
        " map_style=None).to_html(sys.argv[3], open_browser=False)"),
    "kepler.gl save_to_html": (
        "import pandas as pd\nfrom keplergl import KeplerGl\n"
        "t = pd.read_csv(sys.argv[2], usecols=['latitude', 'longitude', 'category', 'place', 'date'])\n"
        "KeplerGl(data={'incidents': t}).save_to_html(file_name=sys.argv[3], read_only=True)"),
}
PLAIN_FOLIUM = (
    "import folium, pandas as pd\nfrom folium.plugins import MarkerCluster\nt = pd.read_csv(sys.argv[2])\n"
    "m = folium.Map(location=[46.5, 2.5], zoom_start=6)\ncluster = MarkerCluster().add_to(m)\n"
    "for row in t.itertuples():\n"
    "    folium.Marker([row.latitude, row.longitude], popup=folium.Popup(f'<b>{row.category}</b><br>{row.date}<br>{row.place}', max_width=300),"
    " tooltip=row.place).add_to(cluster)\nm.save(sys.argv[3])")
MAPGEN_BUILDS = ("mapgen (place names)", "mapgen (coordinates)")


def tables(folder: Path, size: int) -> tuple[Path, Path]:
    """The synthetic table as written (place names), and the same incidents with their coordinates."""
    from benchmarks.synthetic import write_table
    from mapgen.pipeline import export

    named, placed = folder / f"incidents-{size}.csv", folder / f"incidents-{size}-placed.csv"
    if not named.exists():
        write_table(named, size, towns=2000)
    if not placed.exists():
        export(named, placed)
    return named, placed


def timed(python: str, body: str, *paths: Path) -> tuple[float, float]:
    done = subprocess.run([python, "-c", TIMED.format(body=body), *map(str, paths)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"  failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}", flush=True)
        return float("nan"), float("nan")
    seconds, megabytes = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(megabytes)


def builds(folder: Path, size: int, peers_python: str, runs: int) -> dict[str, dict]:
    """Every tool's build of the same incidents, interleaved: median seconds, peak memory, page bytes."""
    named, placed = tables(folder, size)
    figures: dict[str, dict] = {name: {"seconds": [], "megabytes": [], "bytes": 0} for name in BUILDS}
    for run in range(runs):
        for name, body in BUILDS.items():
            python = sys.executable if name in MAPGEN_BUILDS else peers_python
            page = folder / f"{name.split()[0]}-{size}.html"
            seconds, megabytes = timed(python, body, named, placed, page)
            figures[name]["seconds"].append(seconds)
            figures[name]["megabytes"].append(megabytes)
            figures[name]["bytes"] = page.stat().st_size if page.exists() else 0
            figures[name]["page"] = page
            print(f"  {size:,} run {run + 1}: {name}: {seconds:.2f} s, {megabytes:,.0f} MB", flush=True)
    return figures


def plain_folium_per_incident(folder: Path, peers_python: str, runs: int) -> float:
    _, placed = tables(folder, PLAIN_FOLIUM_SIZE)
    seconds = [timed(peers_python, PLAIN_FOLIUM, placed, placed, folder / "plain-folium.html")[0] for _ in range(runs)]
    return statistics.median(seconds) / PLAIN_FOLIUM_SIZE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers-python", required=True, help="the Python of a venv with folium, pydeck and keplergl")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "mapgen-peers")
    parser.add_argument("--old-page", type=Path, help="the 100k page an older mapgen built (its first view is measured)")
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    from benchmarks.peers_browser import browser_figures, page_figures

    plain = plain_folium_per_incident(arguments.folder, arguments.peers_python, arguments.runs)
    print(f"plain folium: {plain * 1000:.3f} ms per incident (at {PLAIN_FOLIUM_SIZE:,})")
    for size in arguments.sizes:
        figures = builds(arguments.folder, size, arguments.peers_python, arguments.runs)
        print(f"\n### {size:,} incidents\n")
        print("| tool | build, median (s) | per incident (ms) | vs plain folium per incident | peak memory (MB) | page (MB) | bytes per incident |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, figure in figures.items():
            seconds = statistics.median(figure["seconds"])
            print(f"| {name} | {seconds:.2f} | {seconds / size * 1000:.4f} | {plain / (seconds / size):.0f}x faster |"
                  f" {statistics.median(figure['megabytes']):,.0f} | {figure['bytes'] / 2**20:,.1f} | {figure['bytes'] / size:,.0f} |")
        pages = {"mapgen": figures["mapgen (place names)"]["page"], "folium FastMarkerCluster": figures["folium FastMarkerCluster"]["page"]}
        if arguments.old_page and size == 100_000:
            pages["mapgen, older page"] = arguments.old_page
        print("\n| page | first marker or bin, median (ms) |\n| --- | ---: |")
        for name, page in pages.items():
            print(f"| {name} | {browser_figures(page, arguments.runs):,.0f} |")
        changes = page_figures(pages["mapgen"], arguments.runs)
        print(f"\nOn mapgen's page: a time-filter change {changes['range']:,.0f} ms, a category toggle {changes['toggle']:,.0f} ms (medians).")


if __name__ == "__main__":
    main()
