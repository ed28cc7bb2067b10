"""The exceptions mapgen raises. The CLI turns each into one message and an exit code."""

from __future__ import annotations


class MapgenError(Exception):
    """Base class of every error mapgen raises on purpose."""

    exit_code = 2


class InputError(MapgenError):
    """Raised when an incident table cannot be read or holds rows that break the schema.

    ``problems`` lists every problem found (up to a limit), each already naming file, row,
    column and fix, so that a user can mend them all in one pass.
    """

    def __init__(self, problems: list[str], *, more: int = 0):
        self.problems = list(problems)
        self.more = more
        lines = list(self.problems)
        if more:
            lines.append(f"... and {more} more problem(s) of the same kinds.")
        super().__init__("\n".join(lines))


class ConfigurationError(MapgenError):
    """Raised when an option or setting is wrong before any work starts (a missing user agent,
    an unknown tile provider, an output path that is a folder)."""


class CacheError(MapgenError):
    """Raised when a cache file can be neither used nor set aside."""


class BrowserNotFound(MapgenError):
    """Raised when no Chromium can be found to take a snapshot."""


class NotPlacedError(MapgenError):
    """Raised under ``--strict`` when some incidents could not be placed on the map; ``report``
    is the build's report (the map was written), for the summary."""

    exit_code = 1

    def __init__(self, message: str, *, report=None):
        super().__init__(message)
        self.report = report
