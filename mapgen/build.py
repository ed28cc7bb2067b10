"""From an incident table to a written map, with a report that accounts for every row."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .geocoding import LOCATION_PRECISIONS, Locator, locate
from .incidents import IncidentTable, Rejection
from .outputs import write_text
from .render import map_html, render_map


@dataclass
class BuildReport:
    """What a build read, placed, could not place and rejected; read always equals the sum."""

    source: str
    located: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)
    output: Path | None = None
    output_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def placed(self) -> pd.DataFrame:
        return self.located.dropna(subset=["latitude", "longitude"])

    @property
    def not_placed(self) -> pd.DataFrame:
        return self.located[self.located["latitude"].isna() | self.located["longitude"].isna()]

    @property
    def read(self) -> int:
        return len(self.located) + len(self.rejected)

    def by_precision(self) -> dict[str, int]:
        counts = Counter(self.placed["location_precision"])
        return {precision: counts[precision] for precision in LOCATION_PRECISIONS if counts.get(precision)}

    def summary(self) -> str:
        """One screen: counts that balance, then each incident that is not on the map."""
        placed, not_placed = len(self.placed), len(self.not_placed)
        precision = ", ".join(f"{name} {count}" for name, count in self.by_precision().items())
        lines = [
            f"Read {self.read} incident(s) from {self.source}",
            f"  placed:     {placed}" + (f" ({precision})" if precision else ""),
            f"  not placed: {not_placed}",
            f"  rejected:   {len(self.rejected)}",
            f"  {self.read} read = {placed} placed + {not_placed} not placed + {len(self.rejected)} rejected",
        ]
        for row in self.not_placed.itertuples():
            lines.append(f"  not placed: id {row.id} (row {row.row}): {row.place!r} matches no known place; add it to data/places.csv or give coordinates")
        for rejection in self.rejected:
            lines.append(f"  rejected: id {rejection.id} (row {rejection.row}): {rejection.messages[0]}")
        lines.extend(f"  note: {note}" for note in self.notes)
        if self.output is not None:
            lines.append(f"Wrote {self.output} ({self.output_bytes / 1024:,.0f} KB)")
        return "\n".join(lines)


def build_map(table: IncidentTable, output: str | Path, *, locator: Locator | None = None, progress=None, **render_options) -> BuildReport:
    """Locate a table's incidents, draw them and write the page atomically."""
    located = locate(table.incidents, locator=locator, progress=progress)
    html = map_html(render_map(located, **render_options))
    path = write_text(output, html)
    return BuildReport(table.source, located, table.rejected, path, len(html.encode("utf-8")))
