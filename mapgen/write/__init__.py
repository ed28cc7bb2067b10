"""Writing what a build makes: the HTML page, exports, the embed snippet and snapshots, each file
through one atomic_output so that a failure never replaces a good file."""

from __future__ import annotations

from ..util.files import atomic_output, write_text
from .beside import write_beside
from .embed import write_embed_snippet
from .exports import export_incidents
from .options import SnapshotOptions, WriteOptions
from .snapshot import snapshot

__all__ = ["SnapshotOptions", "WriteOptions", "atomic_output", "export_incidents", "snapshot", "write_beside", "write_embed_snippet", "write_text"]
