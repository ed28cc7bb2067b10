"""What to write besides the page: the options the write room takes, in one object each."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 800


@dataclass(frozen=True)
class SnapshotOptions:
    """How to take a still picture of a page: its size in CSS pixels and pixel ratio, the browser,
    whether the interactive controls stay, whether the network is cut (no tiles), and whether the
    picture numbers the incidents (whatever the page was built as)."""

    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    scale: float = 1.0
    browser: str | Path | None = None
    controls: bool = False
    offline: bool = False
    numbered: bool = False


@dataclass(frozen=True)
class WriteOptions:
    """What a build writes besides the page: a picture (PNG, PDF or SVG by suffix) taken as
    ``snapshot`` says, an iframe snippet for embedding, and whether to open the page."""

    picture: Path | None = None
    snapshot: SnapshotOptions = field(default_factory=SnapshotOptions)
    embed: bool = False
    open_browser: bool = False
