"""Tables larger than memory, read through DuckDB (out of core): a folder of Parquet files, a
Parquet file or a CSV, read where it lies and never loaded whole.

The rules are mapgen's own, applied to each distinct value rather than to each row: a table of
twenty million rows has a few thousand distinct dates, categories and places, so the columns are
recognised on a sample, each distinct date and category is read by read/dates.py and read/schema.py
in Python, and the answers go back into the engine as small tables joined to the rows. What comes
out is the view ``incidents`` (first_day, last_day, category, place, region, country, latitude,
longitude, source), with every row that cannot be read counted and its first few named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..util.countries import country_code
from ..util.paths import cache_dir
from .columns import DEFAULT_CATEGORY_NAME, ColumnPlan, clean_header, recognise
from .dates import day_order, parse_dates
from .options import ReadOptions
from .schema import DEFAULT_CATEGORY

MEMORY_LIMIT = "2GB"  # what the engine may hold; beyond it, it spills to disk
SAMPLE_ROWS = 5000  # rows the columns are recognised on
EXAMPLES = 5  # rejected rows named in the summary
TEXT_PARTS = ("date", "date_end", "date_precision", "category", "place", "region", "country", "source")


@dataclass
class Dataset:
    """A table opened in the engine: the connection holding the view ``incidents``, how its
    columns were read, and the rows read and rejected (with the first few reasons)."""

    connection: object  # duckdb.DuckDBPyConnection
    source: str
    plan: ColumnPlan
    rows: int = 0
    rejected: int = 0
    examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_dataset(path: Path) -> bool:
    """Whether an input is a dataset for the engine: a folder holding Parquet files."""
    return path.is_dir() and next(path.rglob("*.parquet"), None) is not None


def open_dataset(path: str | Path, options: ReadOptions | None = None) -> Dataset:
    """Open a folder of Parquet files, a Parquet file or a CSV in DuckDB and read it by mapgen's rules."""
    import duckdb

    options, path = options or ReadOptions(), Path(path)
    connection = duckdb.connect()
    spill = cache_dir() / "engine"
    spill.mkdir(parents=True, exist_ok=True)
    connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    connection.execute(f"SET temp_directory = '{_quoted(spill)}'")
    connection.execute("SET preserve_insertion_order = false")  # lets the engine stream and spill
    connection.execute("SET enable_progress_bar = false")
    connection.execute(f"CREATE VIEW raw AS SELECT * FROM {_source(path)}")
    names = [row[0] for row in connection.execute("DESCRIBE raw").fetchall()]
    plan = _plan(connection, path, names, options)
    text = {part: _text(plan, part) for part in TEXT_PARTS}
    connection.execute("CREATE VIEW cells AS SELECT " + ", ".join(f"{sql} AS {part}" for part, sql in text.items())
                       + f", {_number(plan, 'latitude')} AS latitude, {_number(plan, 'longitude')} AS longitude FROM raw")
    dataset = Dataset(connection, str(path), plan)
    _read_dates(dataset, options)
    _read_categories(dataset)
    _read_countries(dataset)
    connection.execute(
        "CREATE VIEW incidents AS SELECT d.first_day, d.last_day, d.precision, c.category_key AS category, cells.place, cells.region,"
        " coalesce(k.code, '') AS country, cells.latitude, cells.longitude, cells.source"
        " FROM cells JOIN dates d USING (date, date_end, date_precision) JOIN categories c USING (category)"
        " LEFT JOIN countries k ON k.country = cells.country"
        " WHERE d.first_day IS NOT NULL AND (cells.place <> '' OR cells.latitude IS NOT NULL)")
    _count(dataset)
    return dataset


def _source(path: Path) -> str:
    if path.is_dir():
        return f"read_parquet('{_quoted(path)}/**/*.parquet', union_by_name = true)"
    if not path.exists():
        raise InputError([f"{path}: no such file or folder. Check the path."])
    if path.suffix.lower() == ".parquet":
        return f"read_parquet('{_quoted(path)}')"
    return f"read_csv('{_quoted(path)}', all_varchar = true, header = true)"


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _plan(connection, path: Path, names: list[str], options: ReadOptions) -> ColumnPlan:
    """The columns' parts, recognised on a sample as for any table, named as the engine knows them."""
    sample = connection.execute(f"SELECT * FROM raw LIMIT {SAMPLE_ROWS}").df().astype(str)
    cleaned = clean_header(names)
    sample.columns = cleaned
    plan = recognise(path, sample, options.columns)
    if "date" not in plan.roles:
        raise InputError([f"{path}: read through the engine, the date must be one column; name it with --column date=COLUMN."])
    actual = dict(zip(cleaned, names))
    plan.roles = {role: actual[column] for role, column in plan.roles.items()}
    return plan


def _text(plan: ColumnPlan, part: str) -> str:
    column = plan.roles.get(part)
    return f"trim(coalesce(CAST({_name(column)} AS VARCHAR), ''))" if column else "''"


def _number(plan: ColumnPlan, part: str) -> str:
    column = plan.roles.get(part)
    if not column:
        return "CAST(NULL AS DOUBLE)"
    return f"TRY_CAST(replace(CAST({_name(column)} AS VARCHAR), ',', '.') AS DOUBLE)"


def _name(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _read_dates(dataset: Dataset, options: ReadOptions) -> None:
    """Each distinct (date, date_end, date_precision) read by mapgen's date rules, into the table dates."""
    distinct = dataset.connection.execute("SELECT DISTINCT date, date_end, date_precision FROM cells").df()
    order = None if options.dayfirst or options.monthfirst else day_order(distinct["date"].tolist() + distinct["date_end"].tolist())
    options = options.with_order(order)
    read = [parse_dates(d, p, e, dayfirst=options.dayfirst, monthfirst=options.monthfirst)
            for d, e, p in zip(distinct["date"], distinct["date_end"], distinct["date_precision"])]
    good = [not isinstance(r, Exception) for r in read]
    distinct["first_day"] = pd.to_datetime([r[0] if ok else None for r, ok in zip(read, good)]).date
    distinct["last_day"] = pd.to_datetime([(r[1] or r[0]) if ok else None for r, ok in zip(read, good)]).date
    distinct["precision"] = [r[2] if ok else "" for r, ok in zip(read, good)]
    distinct["problem"] = ["" if ok else str(r) for r, ok in zip(read, good)]
    dataset.connection.register("dates", distinct)


def _read_categories(dataset: Dataset) -> None:
    """Each distinct category read as any table's is, into the table categories."""
    distinct = dataset.connection.execute("SELECT DISTINCT category FROM cells").df()
    distinct["category_key"] = [" ".join(c.split()) or DEFAULT_CATEGORY for c in distinct["category"]]  # as written, as schema.py keeps it
    if "category" not in dataset.plan.roles:
        distinct["category_key"] = DEFAULT_CATEGORY_NAME
    dataset.connection.register("categories", distinct)


def _read_countries(dataset: Dataset) -> None:
    """Each distinct country written as its ISO code, into the table countries."""
    distinct = dataset.connection.execute("SELECT DISTINCT country FROM cells WHERE country <> ''").df()
    distinct["code"] = [country_code(c) or "" for c in distinct["country"]]
    dataset.connection.register("countries", distinct)


def _count(dataset: Dataset) -> None:
    """The rows read, those that cannot be used, and why the first few cannot."""
    connection = dataset.connection
    dataset.rows = connection.execute("SELECT count(*) FROM cells").fetchone()[0]
    used = connection.execute("SELECT count(*) FROM incidents").fetchone()[0]
    dataset.rejected = dataset.rows - used
    if not dataset.rejected:
        return
    for date, problem, count in connection.execute(
            "SELECT date, problem, count(*) FROM cells JOIN dates USING (date, date_end, date_precision)"
            " WHERE first_day IS NULL GROUP BY ALL ORDER BY 3 DESC LIMIT ?", [EXAMPLES]).fetchall():
        dataset.examples.append(f"{count:,} row(s) with date {date!r}: {problem}")
    blank = connection.execute("SELECT count(*) FROM cells WHERE place = '' AND latitude IS NULL").fetchone()[0]
    if blank:
        dataset.examples.append(f"{blank:,} row(s) with no place and no coordinates")
