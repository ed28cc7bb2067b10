"""What a build writes beside its page, when asked: a picture, an embed snippet; and opening it."""

from __future__ import annotations

import webbrowser
from pathlib import Path

from .embed import write_embed_snippet
from .options import WriteOptions
from .snapshot import snapshot


def write_beside(page: Path, options: WriteOptions, title: str) -> list[str]:
    """Write what options ask for beside a written page; a line for each file written."""
    written = []
    if options.embed:
        snippet = write_embed_snippet(page, title)
        written.append(f"Wrote {snippet} (paste it where the map should appear; keep {page.name} beside the page)")
    if options.picture is not None:
        written.append(f"Wrote {snapshot(page, options.picture, options.snapshot)}")
    if options.open_browser:
        written.append(_opened(page))
    return written


def _opened(page: Path) -> str:
    """Open a page in the default browser; the line says so, or says that none was found and how to open it."""
    try:
        opened = webbrowser.open(page.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if opened:
        return f"Opened {page} in your web browser"
    return (f"--open: no web browser could be started on this machine; open {page} by hand"
            " (or name one in the BROWSER environment variable)")
