"""Bytes of the written page for the seed table and a 10,000-incident synthetic table.

    python benchmarks/page_size.py

Run it at two commits to compare (benchmarks/README.md has the figures)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_table  # noqa: E402

import mapgen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tables = {"seed map (6 incidents)": ROOT / "data" / "incidents.csv",
                  "10,000 incidents": write_table(Path(folder) / "synthetic.csv", 10_000)}
        for name, table in tables.items():
            report = mapgen.build(table, Path(folder) / "map.html", title="Attacks on French prisons, April 2025",
                                  subtitle="Arson and gunfire against prisons and prison staff, 13-16 April 2025")
            print(f"{name}: {report.output_bytes:,} bytes")


if __name__ == "__main__":
    main()
