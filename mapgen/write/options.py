"""What to write besides the page: the options the write room takes, in one object each."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..defaults import DEFAULT_HEIGHT, DEFAULT_WIDTH
from .paper import Paper, paper_named


@dataclass(frozen=True)
class SnapshotOptions:
    """How to take a still picture of a page: its size in CSS pixels and pixel ratio, the browser,
    whether the interactive controls stay, whether the network is cut (no tiles), whether the
    picture numbers the incidents (whatever the page was built as), and the sheet of paper a PDF or
    SVG is laid out on (a name in paper.PAPERS). A sheet sets the size: the map fills the area
    inside its margins, and width and height are not used."""

    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    scale: float = 1.0
    browser: str | Path | None = None
    controls: bool = False
    offline: bool = False
    numbered: bool = False
    paper: str | None = None

    def __post_init__(self):
        if self.paper is not None:
            object.__setattr__(self, "paper", self.sheet.name)  # a mistyped name is told here, before any work

    @property
    def sheet(self) -> Paper | None:
        """The sheet the picture is laid out on, if any."""
        return paper_named(self.paper) if self.paper is not None else None

    @property
    def frame(self) -> tuple[int, int]:
        """The size the page is laid out at, in CSS pixels: the area inside the sheet's margins, or width by height."""
        return self.sheet.printable_px if self.paper is not None else (self.width, self.height)


@dataclass(frozen=True)
class WriteOptions:
    """What a build writes besides the page: a picture (PNG, PDF or SVG by suffix) taken as
    ``snapshot`` says, an iframe snippet for embedding, and whether to open the page."""

    picture: Path | None = None
    snapshot: SnapshotOptions = field(default_factory=SnapshotOptions)
    embed: bool = False
    open_browser: bool = False
