"""How quickly a large mapgen page answers, beside folium's FastMarkerCluster on the same incidents,
in one interleaved run: the page's bytes, the first marker (or bin) on screen, a time-filter change
and a category toggle. Each page is opened in Debian's headless Chromium with every non-local
request refused (benchmarks/peers_browser.py has the watches).

    .venv/bin/python benchmarks/interaction.py              # 100,000 incidents
    .venv/bin/python benchmarks/interaction.py --million    # and 1,000,000 (about five minutes)

FastMarkerCluster is given the coordinates mapgen placed (it cannot geocode); its build is timed
the same way, in a process of its own. The browser figures are medians; this machine's timings
move by 10 to 15% from run to run, so the two pages are opened in turn, not one after the other.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.peers import BUILDS, TIMED  # noqa: E402
from benchmarks.peers_browser import browser_figures, page_figures  # noqa: E402
from benchmarks.synthetic import write_table  # noqa: E402

TOWNS = 2_000  # the synthetic incidents' distinct French towns


def build(name: str, table: Path, coordinates: Path, page: Path) -> float:
    """Seconds one build takes, in a process of its own."""
    done = subprocess.run([sys.executable, "-c", TIMED.format(body=BUILDS[name]), str(table), str(coordinates), str(page)],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.split()[0])


def measure(size: int, folder: Path, runs: int) -> list[dict]:
    import mapgen

    table = write_table(folder / f"incidents-{size}.csv", size, towns=TOWNS)
    coordinates = folder / f"coordinates-{size}.csv"
    mapgen.locate(mapgen.load_incidents(table)).to_csv(coordinates, index=False)
    pages = {"mapgen": folder / f"mapgen-{size}.html", "FastMarkerCluster": folder / f"fmc-{size}.html"}
    builds = {"mapgen": build("mapgen (place names)", table, coordinates, pages["mapgen"]),
              "FastMarkerCluster": build("folium FastMarkerCluster", table, coordinates, pages["FastMarkerCluster"])}
    first = {name: [] for name in pages}
    for _ in range(runs):  # in turn, so that both pages meet the same moments of a noisy machine
        for name, page in pages.items():
            first[name].append(browser_figures(page, 1))
    changes = page_figures(pages["mapgen"], runs)
    rows = []
    for name, page in pages.items():
        rows.append({"page": name, "incidents": size, "build (s)": round(builds[name], 2), "bytes per incident": round(page.stat().st_size / size, 1),
                     "first view (ms)": round(statistics.median(first[name])),
                     "time filter (ms)": round(changes["range"]) if name == "mapgen" else None,
                     "category toggle (ms)": round(changes["toggle"]) if name == "mapgen" else None})
    ratio = statistics.median(first["mapgen"]) / statistics.median(first["FastMarkerCluster"])
    rows[0]["first view / FastMarkerCluster's"] = round(ratio, 2)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 incidents")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "mapgen-interaction")
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in [100_000] + ([1_000_000] if arguments.million else []):
        rows += measure(size, arguments.folder, arguments.runs)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    print("| " + " | ".join(columns) + " |")
    print("| " + " | ".join("---" if c == "page" else "---:" for c in columns) + " |")
    for row in rows:
        print("| " + " | ".join("-" if row.get(c) is None else f"{row[c]:,}" if isinstance(row[c], (int, float)) else str(row[c])
                                for c in columns) + " |")


if __name__ == "__main__":
    main()
