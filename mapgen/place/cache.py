"""A persistent cache of online geocoding answers, so that a second run asks the service nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

from ..errors import CacheError

CACHE_FIX = "set MAPGEN_CACHE_DIR or --cache to a folder you can write to"
LOCK_WAIT_SECONDS = 2.0  # how long to wait for another run that holds the cache
CACHE_SCHEMA = "CREATE TABLE IF NOT EXISTS answers (service TEXT, query TEXT, params TEXT, answer TEXT, stored REAL, PRIMARY KEY (service, query, params))"


class GeocodeCache:
    """Raw answers keyed by service, normalised query and parameters, in one SQLite file.

    Each answer is committed as soon as it arrives, so a run that is interrupted keeps what it
    had already learnt and the next run resumes where it stopped.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._connection = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=LOCK_WAIT_SECONDS)
            connection.execute(CACHE_SCHEMA)
            connection.execute("SELECT COUNT(*) FROM answers").fetchone()
            return connection
        except sqlite3.OperationalError as error:
            if "locked" in str(error):
                raise CacheError(f"{self.path}: the geocode cache is locked by another mapgen run;"
                                 " wait for it to finish, or pass --cache with another file.") from None
            if "readonly" in str(error) or "unable to open" in str(error):
                raise CacheError(f"{self.path}: the geocode cache cannot be written ({error});"
                                 f" {CACHE_FIX}.") from None
            return self._set_aside(error)
        except sqlite3.DatabaseError as error:
            return self._set_aside(error)
        except OSError as error:
            raise CacheError(f"{self.path}: cannot create the geocode cache ({error.strerror}); {CACHE_FIX}.") from None

    def _set_aside(self, error: Exception) -> sqlite3.Connection:
        aside = self.path.with_name(self.path.name + f".corrupt-{int(time.time())}")
        try:
            os.replace(self.path, aside)
        except OSError as move_error:
            raise CacheError(f"{self.path}: the geocode cache is damaged ({error}) and cannot be moved aside ({move_error.strerror}); delete it.") from None
        print(f"mapgen: warning: the geocode cache {self.path} was damaged ({error}); set aside as {aside.name}, starting a new one.", file=sys.stderr)
        connection = sqlite3.connect(self.path, timeout=LOCK_WAIT_SECONDS)
        connection.execute(CACHE_SCHEMA)
        return connection

    def get(self, service: str, query: str, params: dict) -> list | None:
        """The cached raw answer (a list of candidates, perhaps empty), or None when never asked."""
        row = self._connection.execute(
            "SELECT answer FROM answers WHERE service = ? AND query = ? AND params = ?",
            (service, query, json.dumps(params, sort_keys=True)),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, service: str, query: str, params: dict, answer: list) -> None:
        """Store one answer; only answers go here, never failures."""
        try:
            self._connection.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                (service, query, json.dumps(params, sort_keys=True), json.dumps(answer), time.time()),
            )
            self._connection.commit()
        except sqlite3.OperationalError as error:
            raise CacheError(f"{self.path}: cannot store a geocoding answer ({error}); check the folder's permissions or free space.") from None

    def forget(self, service: str, query: str, params: dict) -> None:
        """Drop one answer (one found to be wrong), so that no later run repeats it."""
        try:
            self._connection.execute("DELETE FROM answers WHERE service = ? AND query = ? AND params = ?",
                                     (service, query, json.dumps(params, sort_keys=True)))
            self._connection.commit()
        except sqlite3.OperationalError as error:
            raise CacheError(f"{self.path}: cannot drop a wrong geocoding answer ({error}); check the folder's permissions.") from None

    def __len__(self) -> int:
        return self._connection.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._connection.close()
