"""Table files as cells of text: CSV (any delimiter, UTF-8 or Windows-1252), Excel, JSON, GeoJSON.

Every reader gives the same three things: the cells as text under normalised column names, the
number of each row as a person would count it, and what a row is called in messages (row, record,
feature), so that every later message can name the file and the line to mend.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import InputError
from ..util.columns import renumbered
from .columns import clean_header, looks_like_header
from .layouts import MISSING, headerless_layout

MAX_PROBLEMS = 25
MAX_SHOWN_ROWS = 5  # rows named in a note before "..."


HEADER_SEARCH_ROWS = 20  # how far down a title block may push the header
LARGE_FILE_BYTES = 64 * 1024 * 1024  # beyond this a CSV is read in chunks, never whole in memory
CHUNK_ROWS = 200_000
# Bounds on what a table may ask of the reader: published tables have tens of columns (GDELT 58,
# ACLED 31); a sheet's XML is a few times its data. Past these a file is refused, not read for hours.
MAX_COLUMNS = 2_000
MAX_UNPACKED_BYTES = 1 << 30
JSON_TOO_DEEP = "nested too deeply"
# The first words of a note a spreadsheet keeps below its table ("Source: own compilation", padded
# with commas to the table's width when Excel or Sheets saves it as CSV).
_TRAILING_NOTE = re.compile(r"^\s*(?:sources?|notes?|data|données|fuentes?|quelle|compiled|compilé|updated|last updated|mise à jour|"
                            r"copyright|©|\*)", re.IGNORECASE)


class Cells(NamedTuple):
    """A table's cells as text, each row's number as a person counts it, and its unit's name;
    excel: day numbers in it may be Excel's dates; notes: what was set aside (title rows)."""

    frame: pd.DataFrame
    numbers: list[int]
    unit: str
    excel: bool = False
    notes: tuple[str, ...] = ()


def _records_frame(records: list[tuple[int, dict[str, str]]]) -> pd.DataFrame:
    frame = pd.DataFrame([record for _, record in records], dtype=object)
    return frame.drop(columns=[c for c in frame.columns if not c]).fillna("")


def cells_from_records(records: list[tuple[int, dict[str, str]]], unit: str) -> Cells:
    return Cells(_records_frame(records), [number for number, _ in records], unit)


def read_cells(path: Path, *, sheet: str | None = None, skip_rows: int | None = None) -> Cells:
    """The cells of a table file as text, with normalised column names, the number of each row
    as a person would count it, and what a row is called in messages (row, record, feature)."""
    if not path.exists():
        raise InputError([f"{path}: no such file. Check the path, or run `mapgen build` from the project folder."])
    if path.is_dir():
        raise InputError([f"{path}: is a folder, not a table. Name the CSV file inside it, e.g. {path / 'incidents.csv'}."])
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    if suffix == ".gz":
        raw = _gunzip(path, raw)
        suffix = Path(path.stem).suffix.lower()
    if not raw.strip():
        raise InputError([f"{path}: the file is empty. Add a header row (date,category,place,...) and one row per incident."])
    if suffix in (".xlsx", ".xlsm", ".xls"):
        _check_unpacked(path)
        return cells_from_records(_excel_records(path, sheet), "row")._replace(excel=True)
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([
            f"{path}: this is binary data, not a text table. Save it as CSV (UTF-8) or .xlsx and try again."
        ])
    text = _decode(raw)
    if _looks_binary(text):
        raise InputError([
            f"{path}: this is binary data, not a text table. Save it as CSV (UTF-8) or .xlsx and try again."
        ])
    if suffix in (".geojson",) or (suffix == ".json" and '"FeatureCollection"' in text[:2000]):
        return cells_from_records(_geojson_records(path, text), "feature")
    if suffix == ".json":
        return cells_from_records(_json_records(path, text), "record")
    _check_width(path, text[:1 << 20].split("\n", 1)[0])
    return _csv_table(path, text, skip_rows)


def _check_width(path: Path, first_line: str) -> None:
    """Refuse a table whose first line has more cells than any incident table needs."""
    cells = max(first_line.count(delimiter) for delimiter in ",;\t|") + 1
    if cells > MAX_COLUMNS:
        raise InputError([f"{path}: the first line has {cells:,} cells; mapgen reads tables of up to {MAX_COLUMNS:,} columns."
                          " Keep the columns the incidents need (date, place, category, ...) and save the table again."])


def _check_unpacked(path: Path) -> None:
    """Refuse a workbook that would unpack to more than MAX_UNPACKED_BYTES (a zip bomb, or a sheet
    of millions of empty styled cells), before any of it is unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as workbook:
            unpacked = sum(member.file_size for member in workbook.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # not a zip (an old .xls): the Excel reader says what is wrong
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError([f"{path}: the workbook unpacks to {unpacked / 2**30:,.1f} GiB; mapgen reads workbooks of up to"
                          f" {MAX_UNPACKED_BYTES / 2**30:,.0f} GiB unpacked. Save the sheet as CSV, or remove empty rows and columns."])


def is_large(path: Path) -> bool:
    """Whether a table is read in chunks: Parquet always, a CSV (or .csv.gz) beyond LARGE_FILE_BYTES."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return True
    return suffix in (".csv", ".tsv", ".txt", ".gz") and path.is_file() and path.stat().st_size > (
        LARGE_FILE_BYTES // 8 if suffix == ".gz" else LARGE_FILE_BYTES)


def read_chunks(path: Path, *, skip_rows: int | None = None, rows: int | None = None):
    """A large table's cells, CHUNK_ROWS rows at a time, each row numbered as a person counts it:
    Parquet batch by batch (pyarrow), CSV through pandas' C parser, gzip unpacked on the way."""
    rows = rows or CHUNK_ROWS
    if path.suffix.lower() == ".parquet":
        yield from _parquet_chunks(path, rows)
        return
    opener = _gzip_open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as stream:
        head = stream.read(1 << 20)
    encoding = _encoding_of(head)
    text = head.decode(encoding, errors="replace")
    delimiter = _sniff_delimiter(text)
    lines = text.splitlines()
    _check_width(path, lines[0] if lines else "")
    layout = headerless_layout(lines[0] if lines else "") if skip_rows is None else None
    start = skip_rows if skip_rows is not None else _header_row([line.split(delimiter) for line in lines[:HEADER_SEARCH_ROWS]])
    notes = (f"rows 1-{start} set aside as a title above the header (row {start + 1})",) if start else ()
    number = start + 2
    headerless = {}
    if layout is not None:  # GDELT's events: no header, the codebook's names
        delimiter, start, number = "\t", 0, 1
        headerless = {"header": None, "names": list(layout[1]), "quoting": csv.QUOTE_NONE}
        notes = (f"no header row: read as {layout[0]}, its {len(layout[1])} columns named as the codebook names them",)
    with opener(path, "rb") as stream:
        reader = pd.read_csv(stream, sep=delimiter, dtype=str, keep_default_na=False, skiprows=start, chunksize=rows,
                             encoding=encoding.replace("utf-8-sig", "utf-8"), encoding_errors="replace", engine="c",
                             skip_blank_lines=True, index_col=False, **headerless)
        try:
            for chunk in reader:
                chunk = chunk.replace(MISSING, "") if layout is not None else chunk
                chunk.columns = clean_header([str(c) for c in chunk.columns])
                yield Cells(chunk.reset_index(drop=True), list(range(number, number + len(chunk))), "row", notes=notes)
                number += len(chunk)
                notes = ()
        except pd.errors.ParserError as error:
            raise InputError([f"{path}: {str(error).strip()}. Check the quotes and delimiters there."]) from None


def _gzip_open(path, mode):
    import gzip

    return gzip.open(path, mode)


def _encoding_of(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start > len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
        return "cp1252"


def _parquet_chunks(path: Path, rows: int):
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise InputError([f"{path}: reading Parquet needs pyarrow (pip install pyarrow)."]) from None
    try:
        source = parquet.ParquetFile(path)
    except Exception as error:  # pyarrow raises many kinds on a damaged file
        raise InputError([f"{path}: cannot be read as Parquet ({str(error).splitlines()[0]}). Save it again, or as CSV."]) from None
    number = 2
    for batch in source.iter_batches(batch_size=rows):
        frame = batch.to_pandas()
        frame.columns = clean_header([str(c) for c in frame.columns])
        text = pd.DataFrame({column: _text_column(frame[column]) for column in frame.columns})
        yield Cells(text, list(range(number, number + len(text))), "row")
        number += len(text)


def _gunzip(path: Path, raw: bytes) -> bytes:
    import gzip

    try:
        return gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise InputError([f"{path}: not a readable gzip file ({error}). Compress it again, or give the plain CSV."]) from None


def _text_column(values: pd.Series) -> list[str]:
    if pd.api.types.is_datetime64_any_dtype(values):
        return ["" if pd.isna(v) else v.isoformat() for v in values]
    cells = values.tolist()
    listed = next((i for i, v in enumerate(cells) if isinstance(v, (list, tuple, dict)) or hasattr(v, "__array__")), None)
    if listed is not None:
        raise InputError([f"column {values.name!r}, row {listed + 2}: holds a list ({cells[listed]!r:.60}), not one value."
                          " Give one value per cell: one row per place."])
    return [cell_text(v) for v in cells]


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # A French Excel saves "CSV" in Windows-1252; Latin-1 decodes whatever is left.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t" or ch == "\ufffd")
    return controls > max(8, len(sample) // 20)


def _sniff_delimiter(text: str) -> str:
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample.splitlines() else ""
        return max(",;\t|", key=header.count)


def _csv_table(path: Path, text: str, skip_rows: int | None = None) -> Cells:
    """A CSV's cells: pandas' C parser reads a regular file quickly; anything irregular (a ragged
    row, a header with a blank or repeated name) goes through the csv module, which can say
    exactly what is wrong where."""
    layout = headerless_layout(text[:text.find("\n") + 1 or len(text)]) if not skip_rows else None
    if layout is not None:
        return _headerless_table(path, text, layout)
    delimiter = _sniff_delimiter(text)
    if skip_rows:
        return cells_from_records(*_csv_records(path, text, delimiter, skip_rows), "row")
    frame = _arrow_frame(text, delimiter)
    if frame is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", pd.errors.ParserWarning)  # pandas drops a ragged row's extra cells with a warning
                frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                                    skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL, index_col=False)
        except (pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError):
            frame = None
    if frame is not None:
        names = [str(name) for name in frame.columns]
        try:  # the header as written: pandas has made a repeated name distinct ("location.1")
            written = next(csv.reader(io.StringIO(text[:text.find("\n") + 1 or len(text)], newline=""), delimiter=delimiter), [])
        except csv.Error:
            written = names
        regular = len(set(written)) == len(written) and not any(n.startswith("Unnamed:") or not n.strip() for n in names)
        blank = _blank_rows(frame)
        short = frame.iloc[:, -1].isna() & ~blank if len(frame.columns) else blank  # a row with too few cells lacks its last
        if regular and not short.any() and len(frame.columns) and looks_like_header(names) and not _ends_with_note(frame[~blank]):
            frame.columns = clean_header(names)
            last = blank[~blank].index.max() if (~blank).any() else -1
            notes = _blank_rows_note((frame.index[blank & (frame.index < last)] + 2).tolist())  # inside the table, not after it
            frame = frame[~blank] if blank.any() else frame
            if frame.empty:
                raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
            numbers = (frame.index + 2).tolist()
            return Cells(renumbered(frame), numbers, "row", notes=notes)
    records, notes = _csv_records(path, text, delimiter)
    return cells_from_records(records, "row")._replace(notes=notes)


def _arrow_frame(text: str, delimiter: str) -> pd.DataFrame | None:
    """A regular CSV's cells through Arrow's reader (on two threads, about twice as fast as pandas'
    C parser on 100,000 rows): every cell text, none missing (a blank line is a row of empty cells,
    set aside as pandas' blank rows are), the header as written. None for anything irregular (a
    ragged row, a repeated or blank name in the header), which pandas' parser and then the csv
    module read as before, saying what is wrong where."""
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    try:
        header = next(csv.reader(io.StringIO(text[:text.find("\n") + 1 or len(text)], newline=""), delimiter=delimiter), [])
    except csv.Error:
        return None
    if not header or len(set(header)) < len(header) or not all(name.strip() for name in header):
        return None
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True, escape_char=False,
                                                 newlines_in_values=True, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False,
                                                     quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError):
        return None
    if table.column_names != header or table.num_rows == 0:
        return None
    return table.to_pandas()


def _blank_rows(frame: pd.DataFrame) -> pd.Series:
    """The rows whose every cell is missing (a blank line) or every cell empty (",,,"): only rows
    whose first cell is one or the other can be, so only those are looked at whole."""
    blank = pd.Series(False, index=frame.index)
    if not len(frame.columns):
        return blank
    first = frame.iloc[:, 0]
    maybe = (first.isna() | first.eq("")).to_numpy()
    if maybe.any():
        rows = frame[maybe]
        blank[maybe] = (rows.isna().all(axis=1) | rows.eq("").all(axis=1)).to_numpy()
    return blank


def _headerless_table(path: Path, text: str, layout: tuple[str, tuple[str, ...]]) -> Cells:
    """A published layout with no header (GDELT's events): tab-separated cells under its
    codebook's names, each row numbered from 1 as a person counts the file's lines."""
    name, columns = layout
    try:
        frame = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=list(columns), dtype=str, keep_default_na=False,
                            quoting=csv.QUOTE_NONE, engine="c", index_col=False)
    except (pd.errors.ParserError, ValueError) as error:
        raise InputError([f"{path}: read as {name} ({len(columns)} tab-separated columns, no header), but {str(error).strip()}."
                          " Check that every line has the same number of cells."]) from None
    frame = frame.replace(MISSING, "")
    note = f"no header row: read as {name}, its {len(columns)} columns named as the codebook names them"
    return Cells(frame, (frame.index + 1).tolist(), "row", notes=(note,))


def _csv_records(path: Path, text: str, delimiter: str, skip_rows: int | None = None) -> tuple[list[tuple[int, dict[str, str]]], tuple[str, ...]]:
    """The records of a CSV with the csv module, which can say what is wrong where. Title rows
    above the header (spreadsheet exports) are found and set aside, as are notes at the end
    ("Source: ..."), and said in the notes."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise InputError([f"{path}, line {reader.line_num}: {error}. Check the quotes on that line."]) from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError([f"{path}: the file is empty. Add a header row (date,category,place,...) and one row per incident."])
    notes: list[str] = []
    start = skip_rows if skip_rows is not None else _header_row(rows)
    if start >= len(rows):
        raise InputError([f"{path}: --skip-rows {start} skips every row; the file has {len(rows)}."])
    if start:
        notes.append(f"rows 1-{start} set aside as a title above the header (row {start + 1})")
    header, body = rows[start], rows[start + 1:]
    columns = clean_header(header)
    while body and _note_cell(body[-1]) is not None:
        notes.append(f"row {start + len(body) + 1} set aside as a note below the table: {_note_cell(body[-1])[:60]!r}")
        body.pop()
        while body and not any(cell.strip() for cell in body[-1]):
            body.pop()
    records: list[tuple[int, dict[str, str]]] = []
    ragged: list[str] = []
    blank: list[int] = []
    for index, cells in enumerate(body):
        row = start + index + 2
        if not "".join(cells).strip():
            blank.append(row)
            continue
        if len(cells) != len(columns):
            ragged.append(
                f"{path}, row {row}: {len(cells)} cells where the header has {len(columns)}."
                f" Check for {'a stray delimiter' if len(cells) > len(columns) else 'a missing cell'}"
                f" (the delimiter here is {delimiter!r}); quote cells that contain it."
            )
            continue
        records.append((row, dict(zip(columns, cells))))
    if ragged:
        raise InputError(ragged[:MAX_PROBLEMS], more=max(0, len(ragged) - MAX_PROBLEMS))
    if not records:
        raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
    return records, (*notes, *_blank_rows_note(blank))


def _note_cell(cells: list[str]) -> str | None:
    """The text of a row that is a note below a table: one cell written, saying "Source: ..."."""
    written = [cell for cell in cells if cell.strip()]
    return written[0] if len(written) == 1 and _TRAILING_NOTE.match(written[0]) else None


def _ends_with_note(frame: pd.DataFrame) -> bool:
    """Whether a table's last row is a note below it (read again row by row, to set it aside)."""
    return bool(len(frame)) and _note_cell([str(cell) for cell in frame.iloc[-1].tolist()]) is not None


def _blank_rows_note(rows: list[int]) -> tuple[str, ...]:
    """The note for blank rows inside a table (a spreadsheet's rows of commas), set aside."""
    if not rows:
        return ()
    shown = ", ".join(str(row) for row in rows[:MAX_SHOWN_ROWS]) + (", ..." if len(rows) > MAX_SHOWN_ROWS else "")
    return (f"{len(rows)} blank row(s) set aside ({'row' if len(rows) == 1 else 'rows'} {shown})",)


def _header_row(rows: list[list[str]]) -> int:
    """The first of the top rows that names columns mapgen knows; 0 when none does (the first
    row is then the header, and a missing column is said with --column and --skip-rows)."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if looks_like_header(cells):
            return index
    return 0


def _excel_records(path: Path, sheet: str | None) -> list[tuple[int, dict[str, str]]]:
    try:
        frame = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, dtype=str, keep_default_na=False)
    except ValueError as error:
        raise InputError([f"{path}: {error}. Name an existing sheet with --sheet."]) from None
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise InputError([f"{path}: cannot be read as an Excel workbook ({error}). Save it again as .xlsx or CSV."]) from None
    columns = clean_header([str(name) for name in frame.columns])
    if frame.empty:
        raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
    frame.columns = columns
    return [
        (index + 2, {key: cell_text(value) for key, value in row.items()})
        for index, row in enumerate(frame.to_dict("records"))
    ]


def _json_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    data = _parse_json(path, text)
    if isinstance(data, dict):
        data = data.get("incidents", data.get("records"))
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError([f"{path}: expected a JSON list of records ({{\"date\": ..., \"place\": ...}}, one per incident)."])
    if not data:
        raise InputError([f"{path}: the list of records is empty. Add one record per incident."])
    return _keyed_records(path, [(index + 1, item) for index, item in enumerate(data)])


def _geojson_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    data = _parse_json(path, text)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError([f"{path}: expected a GeoJSON FeatureCollection with a \"features\" list."])
    if not features:
        raise InputError([f"{path}: the FeatureCollection has no features. Add one Point feature per incident."])
    records = []
    for index, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if properties is not None and not isinstance(properties, dict):
            raise InputError([f"{path}, feature {index}: \"properties\" is a {type(properties).__name__}, not an object."
                              " Give each feature its fields as {\"date\": ..., \"place\": ...}."])
        properties = dict(properties or {})
        point = _representative_point(feature.get("geometry") if isinstance(feature, dict) else None)
        if point is not None:
            (properties["longitude"], properties["latitude"]), kind = point
            if kind != "Point" and not properties.get("note"):
                properties["note"] = f"a {kind} feature: placed at a point of it, as the map shows points"
        records.append((index, properties))
    return _keyed_records(path, records)


def _representative_point(geometry) -> tuple[tuple, str] | None:
    """A point standing for a geometry, and the geometry's type: a Point itself; a vertex in the
    middle of a line; the mean of a polygon's outer ring or of several points; a collection's first
    member. None for no geometry (the row is then placed by its place name)."""
    if not isinstance(geometry, dict):
        return None
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        members = [point for point in map(_representative_point, geometry.get("geometries") or []) if point]
        return (members[0][0], kind) if members else None
    points = _positions(kind, geometry.get("coordinates"))
    if not points:
        return None
    if kind in ("Point", "LineString", "MultiLineString"):
        return points[len(points) // 2], kind
    if kind in ("Polygon", "MultiPolygon") and len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]  # a ring's closing position repeats its first
    try:
        return (sum(float(p[0]) for p in points) / len(points), sum(float(p[1]) for p in points) / len(points)), kind
    except (TypeError, ValueError):
        return points[0], kind  # not numbers: the coordinate check says so


def _positions(kind, coordinates) -> list[tuple]:
    """The (longitude, latitude) positions of a geometry's coordinates, as written (a polygon's
    outer ring; the first polygon of several); [] when they are not laid out as GeoJSON says."""
    try:
        if kind == "Point":
            items = [coordinates]
        elif kind in ("MultiPoint", "LineString"):
            items = coordinates
        elif kind == "MultiLineString":
            items = [position for line in coordinates for position in line]
        elif kind == "Polygon":
            items = coordinates[0]
        elif kind == "MultiPolygon":
            items = coordinates[0][0]
        else:
            return []
        return [(position[0], position[1]) for position in items]
    except (TypeError, IndexError, KeyError):
        return []


def _parse_json(path: Path, text: str):
    try:
        # Whole numbers stay as written: a 5,000-digit one is refused as a coordinate, not by int().
        return json.loads(text, parse_int=str)
    except json.JSONDecodeError as error:
        raise InputError([f"{path}, line {error.lineno}: not valid JSON ({error.msg}). Fix the syntax there."]) from None
    except RecursionError:
        raise InputError([f"{path}: the JSON is {JSON_TOO_DEEP} to be a table (lists inside lists, thousands deep);"
                          " give a list of records, one per incident."]) from None


def _keyed_records(path: Path, items: list[tuple[int, dict]]) -> list[tuple[int, dict[str, str]]]:
    names = sorted({str(key) for _, item in items for key in item})
    columns = dict(zip(names, clean_header(names)))
    return [(number, {columns[str(key)]: cell_text(value) for key, value in item.items()}) for number, item in items]


def cell_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()
