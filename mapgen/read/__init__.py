"""Reading incident tables: files and DataFrames into validated incidents and reported rejections.

>>> table = read_incidents("data/incidents.csv")
>>> len(table.incidents), table.rejected
(6, [])
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..util.columns import arrow_strings, renumbered
from ..util.memory import release_unused
from .columns import ColumnPlan, apply, clean_header, recognise
from .dates import day_order
from .files import MAX_PROBLEMS, Cells, cell_text, cells_from_records, is_large, read_cells, read_chunks
from .options import ReadOptions
from .schema import AsWritten, IncidentTable, Rejection, prepare, same_as_read, validate

__all__ = ["IncidentTable", "ReadOptions", "Rejection", "incidents_from_frame", "incidents_from_records", "load_incidents",
           "raise_for_rejections", "read_incidents", "read_table"]


def read_incidents(path: str | Path, options: ReadOptions | None = None, **fields) -> IncidentTable:
    """Read an incident table file into valid incidents and reported rejections.

    options (or its fields as keywords: dayfirst=True, columns={"place": "city"}) says how; see
    ReadOptions. Raises InputError when the file as a whole cannot be used (missing, empty,
    binary, with no date or no place column, duplicate ids).
    """
    options = _options(options, fields)
    path = Path(path)
    if path.is_file() and is_large(path):
        return _validated_chunks(path, options)
    return _validated(read_cells(path, sheet=options.sheet, skip_rows=options.skip_rows), str(path), options)


def read_table(path: str | Path, options: ReadOptions | None = None) -> IncidentTable:
    """Read an incident table; unless options.skip_invalid, any invalid row stops here with every problem."""
    options = options or ReadOptions()
    table = read_incidents(path, options)
    if not options.skip_invalid:
        raise_for_rejections(table)
    return table


def load_incidents(path: str | Path, options: ReadOptions | None = None, **fields) -> pd.DataFrame:
    """Read an incident table and return its incidents; any invalid row raises InputError."""
    table = read_incidents(path, _options(options, fields))
    raise_for_rejections(table)
    return table.incidents


def raise_for_rejections(table: IncidentTable) -> None:
    """Raise one InputError listing every problem of every rejected row (up to a limit)."""
    problems = table.problems()
    if problems:
        rows = len(table.rejected)
        hint = (f"{rows} of {table.read} row(s) cannot be used as they are: correct them, or pass --skip-invalid to map the"
                f" other {len(table.incidents)} and list these as rejected.")
        raise InputError([*problems[:MAX_PROBLEMS], hint], more=max(0, len(problems) - MAX_PROBLEMS))


def incidents_from_frame(frame: pd.DataFrame, options: ReadOptions | None = None, *, source: str = "<DataFrame>", **fields) -> IncidentTable:
    """Validate an in-memory table (for example one built in a notebook); its rows are
    numbered as a spreadsheet would number them, the header being row 1."""
    cells = frame.map(cell_text) if len(frame) else frame.astype(object)
    cells.columns = clean_header([str(name) for name in frame.columns])
    return _validated(Cells(cells, list(range(2, len(frame) + 2)), "row"), source, _options(options, fields))


def incidents_from_records(records: list[tuple[int, dict[str, str]]], *, source: str, unit: str = "row",
                           dayfirst: bool = False) -> IncidentTable:
    """Validate (row number, record) pairs: each becomes an incident or a Rejection."""
    return _validated(cells_from_records(records, unit), source, ReadOptions(dayfirst=dayfirst))


def _options(options: ReadOptions | None, fields: dict) -> ReadOptions:
    if options is not None and fields:
        return replace(options, **fields)
    return options or ReadOptions(**fields)


def _validated_chunks(path: Path, options: ReadOptions) -> IncidentTable:
    """A large table validated chunk by chunk with the columns read from its first chunk; each
    chunk's text is kept in Arrow strings (a tenth of Python's), so two million ACLED-sized rows
    fit in memory. The day order the first chunk shows holds for the whole file."""
    plan, parts, written, rejected, notes = None, [], [], [], []
    for cells in read_chunks(path, skip_rows=options.skip_rows):
        if plan is None:
            plan = recognise(path, cells.frame, options.columns)
            options = options.with_order(day_order(cells.frame[plan.roles["date"]].tolist()) if "date" in plan.roles else None)
        table = _validated(cells, str(path), options, plan)
        parts.append(compact(table.incidents))
        same = same_as_read(table.written.cells, table.incidents, plan.roles)
        written.append((compact(table.written.cells.drop(columns=sorted(same))), same))
        rejected.extend(table.rejected)
        notes.extend(table.notes)
    if plan is None:
        raise InputError([f"{path}: the table has no rows. Add one row per incident."])
    as_written = _written_once(table.written.columns, written, parts, plan)
    incidents = pd.concat(parts, ignore_index=True)
    del parts, written
    release_unused()
    duplicate = incidents["id"].duplicated(keep="first")
    if duplicate.any():  # ids repeated across chunks: the same rule as within one
        incidents.loc[duplicate, "id"] = incidents.loc[duplicate, "id"].astype(str) + " (row " + incidents.loc[duplicate, "row"].astype(str) + ")"
        notes.append(f"column 'id': {int(duplicate.sum())} cell(s) repeat an earlier row's id in another part of the file:"
                     " kept under the id and their row number")
    return IncidentTable(incidents, sorted(rejected, key=lambda r: r.row), str(path), plan, notes, as_written)


def _written_once(columns: list[str], written: list[tuple[pd.DataFrame, set[str]]], parts: list[pd.DataFrame],
                  plan: ColumnPlan) -> AsWritten:
    """The cells as written, of all chunks, without the columns every chunk read unchanged; a
    column one chunk read unchanged and another did not gets its cells back from that chunk's
    reading (the same text)."""
    everywhere = set.intersection(*(same for _, same in written))
    role_of = {column: role for role, column in plan.roles.items()}
    frames = []
    for (cells, same), incidents in zip(written, parts):
        for column in sorted(same - everywhere):
            reading = incidents.set_index("row")[role_of[column]].fillna("").astype("string[pyarrow]")
            cells[column] = reading.reindex(cells["row"].to_numpy()).to_numpy()
        frames.append(cells)
    return AsWritten(columns, pd.concat(frames, ignore_index=True), dict(plan.roles), frozenset(everywhere))


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table with its text columns in Arrow strings."""
    frame = frame.copy(deep=False)
    for column in [c for c in frame.columns if frame[c].dtype == object]:
        frame[column] = arrow_strings(frame[column])
    return frame


def _validated(cells: Cells, source: str, options: ReadOptions, plan: ColumnPlan | None = None) -> IncidentTable:
    plan = plan or recognise(Path(source), cells.frame, options.columns)
    frame = prepare(apply(cells.frame, plan), plan)
    table = validate(frame, cells.numbers, source=source, unit=cells.unit, dayfirst=options.dayfirst, monthfirst=options.monthfirst,
                     excel=cells.excel, plan=plan)
    table.columns = plan
    table.notes = [*cells.notes, *table.notes]
    playing = [c for c in cells.frame.columns if c in plan.renames]
    written = renumbered(cells.frame[playing].astype(str))
    written.insert(0, "row", cells.numbers)
    table.written = AsWritten([str(c) for c in cells.frame.columns], written, dict(plan.roles))
    return table
