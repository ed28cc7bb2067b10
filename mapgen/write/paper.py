"""Sheets of paper a snapshot can be laid out on (mapgen snapshot --paper): their sizes, margins,
and the area left for the map, in the CSS pixels the browser lays the page out in."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import ConfigurationError

CSS_PX_PER_INCH = 96  # CSS fixes the pixel at 1/96 inch, whatever the screen
MM_PER_INCH = 25.4
MARGIN_MM = 12  # wide enough for any office printer's unprintable edge, narrow enough to leave the map most of the sheet


def css_px(mm: float) -> float:
    """A length in millimetres as CSS pixels."""
    return mm * CSS_PX_PER_INCH / MM_PER_INCH


@dataclass(frozen=True)
class Paper:
    """A sheet: its name, its width and height in millimetres as it is held (landscape is wider
    than tall), and the margin left blank on each side."""

    name: str
    width_mm: float
    height_mm: float
    margin_mm: float = MARGIN_MM

    @property
    def size_px(self) -> tuple[float, float]:
        """The whole sheet in CSS pixels (A4: 793.7 x 1122.5)."""
        return css_px(self.width_mm), css_px(self.height_mm)

    @property
    def margin_px(self) -> float:
        return css_px(self.margin_mm)

    @property
    def printable_px(self) -> tuple[int, int]:
        """The area inside the margins in whole CSS pixels, rounded down so that the map never
        runs past the margin onto a second page (A4: 702 x 1031)."""
        return (math.floor(css_px(self.width_mm - 2 * self.margin_mm)), math.floor(css_px(self.height_mm - 2 * self.margin_mm)))

    def pdf_layout(self) -> dict:
        """Playwright's page.pdf arguments for this sheet: its size and margins, in inches, the unit
        Chromium takes them in (Playwright's own millimetres are 3.78 pixels, a letter sheet a
        point too wide)."""
        def inches(mm: float) -> str:
            return f"{mm / MM_PER_INCH:.6f}in"

        margin = inches(self.margin_mm)
        return {"width": inches(self.width_mm), "height": inches(self.height_mm),
                "margin": {"top": margin, "right": margin, "bottom": margin, "left": margin}}


PAPERS = {paper.name: paper for paper in (
    Paper("a4", 210, 297),
    Paper("a4-landscape", 297, 210),
    Paper("letter", 215.9, 279.4),  # 8.5 x 11 inches
    Paper("letter-landscape", 279.4, 215.9),
)}


def paper_named(name: str) -> Paper:
    """The sheet of that name (a4, letter, a4-landscape, letter-landscape), whatever its case."""
    paper = PAPERS.get(name.strip().lower())
    if paper is None:
        raise ConfigurationError(f"--paper {name!r}: choose {', '.join(PAPERS)}.")
    return paper
