"""Reading incident tables: files and DataFrames into validated incidents and reported rejections.

>>> table = read_incidents("data/incidents.csv")
>>> len(table.incidents), table.rejected
(6, [])
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .columns import normalise_header
from .files import MAX_PROBLEMS, cell_text, cells_from_records, read_cells
from .schema import IncidentTable, Rejection, validate

__all__ = ["IncidentTable", "Rejection", "incidents_from_frame", "incidents_from_records", "load_incidents",
           "raise_for_rejections", "read_incidents"]


def read_incidents(path: str | Path, *, dayfirst: bool = False, sheet: str | None = None) -> IncidentTable:
    """Read an incident table file into valid incidents and reported rejections.

    Raises InputError when the file as a whole cannot be used (missing, empty, binary,
    without the required columns, duplicate ids).
    """
    path = Path(path)
    cells = read_cells(path, sheet=sheet)
    return validate(cells.frame, cells.numbers, source=str(path), unit=cells.unit, dayfirst=dayfirst)


def load_incidents(path: str | Path, *, dayfirst: bool = False, sheet: str | None = None) -> pd.DataFrame:
    """Read an incident table and return its incidents; any invalid row raises InputError."""
    table = read_incidents(path, dayfirst=dayfirst, sheet=sheet)
    raise_for_rejections(table)
    return table.incidents


def raise_for_rejections(table: IncidentTable) -> None:
    """Raise one InputError listing every problem of every rejected row (up to a limit)."""
    problems = table.problems()
    if problems:
        raise InputError(problems[:MAX_PROBLEMS], more=max(0, len(problems) - MAX_PROBLEMS))


def incidents_from_frame(frame: pd.DataFrame, *, source: str = "<DataFrame>", dayfirst: bool = False) -> IncidentTable:
    """Validate an in-memory table (for example one built in a notebook); its rows are
    numbered as a spreadsheet would number them, the header being row 1."""
    cells = frame.map(cell_text) if len(frame) else frame.astype(object)
    cells.columns = normalise_header(Path(source), [str(name) for name in frame.columns])
    return validate(cells, list(range(2, len(frame) + 2)), source=source, unit="row", dayfirst=dayfirst)


def incidents_from_records(records: list[tuple[int, dict[str, str]]], *, source: str, unit: str = "row",
                           dayfirst: bool = False) -> IncidentTable:
    """Validate (row number, record) pairs: each becomes an incident or a Rejection."""
    cells = cells_from_records(records, unit)
    return validate(cells.frame, cells.numbers, source=source, unit=unit, dayfirst=dayfirst)
