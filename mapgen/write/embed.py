"""An iframe snippet for pasting a map into a report's page."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from ..util.files import write_text

EMBED_ASPECT_RATIO = "4 / 3"


def write_embed_snippet(map_path: str | Path, title: str) -> Path:
    """Write MAP.embed.html beside a map: an iframe that takes the width of its column and keeps
    a fixed aspect ratio, for pasting into a report's page."""
    map_path = Path(map_path)
    snippet = (
        f'<iframe src="{escape(map_path.name)}" title="{escape(title)}" loading="lazy"'
        f' style="width: 100%; aspect-ratio: {EMBED_ASPECT_RATIO}; border: 0;" allowfullscreen></iframe>\n'
    )
    return write_text(map_path.with_suffix(".embed.html"), snippet)
