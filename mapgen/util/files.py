"""Writing files so that a failure never leaves half a file or replaces a good one."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConfigurationError, MapgenError

OUTPUT_FIX = "choose another output path with -o"


@contextmanager
def atomic_output(path: str | Path, mode: str | None = "w", *, error: type[MapgenError] = ConfigurationError,
                  fix: str = OUTPUT_FIX):
    """Write to a temporary file beside path and rename it into place only when the block ends
    without error, so a failed run never leaves a half-written file or replaces a good one.

    With a mode ("w", "wb"), the block gets an open stream; with mode=None, the temporary file's
    path, for writers that open files themselves (SQLite). A path that cannot be written raises
    ``error`` naming the path and ``fix``.
    """
    path = _target(Path(path), error)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as failure:
        raise error(f"{path}: cannot write there ({failure.strerror}); {fix}.") from None
    try:
        if mode is None:
            os.close(handle)
            yield Path(temporary)
        else:
            text = "b" not in mode
            with os.fdopen(handle, mode, **({"encoding": "utf-8", "newline": ""} if text else {})) as stream:
                yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as failure:
        if failure.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):
            # The temporary file goes below; whatever stood at path is untouched.
            raise error(f"{path}: {failure.strerror} in {path.parent}; free some room there or {fix}.") from None
        raise
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _target(path: Path, error: type[MapgenError]) -> Path:
    """Where to write: through a symbolic link to the file it names (renaming a new file onto the
    link would replace the link); never onto a folder, a device or a pipe."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise error(f"{path}: is a folder; name a file to write, e.g. {path / 'map.html'}.")
    if path.exists() and not path.is_file():
        raise error(f"{path}: is not a regular file (a device or a pipe); name a file to write.")
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Write a text file atomically and return its path."""
    with atomic_output(path) as stream:
        stream.write(text)
    return Path(path)
