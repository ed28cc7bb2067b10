"""How to read a table: the options the read room takes, in one object."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import ConfigurationError

ENGINES = ("auto", "pandas", "duckdb")


@dataclass(frozen=True)
class ReadOptions:
    """How to read an incident table.

    dayfirst, monthfirst: the date order when the column's own values do not tell;
    sheet: the Excel sheet (default the first); columns: the column that plays a part where
    recognition does not say ({"place": "city"}); skip_rows: rows above the header to set aside;
    skip_invalid: reject invalid rows (and report them) rather than stop; published: an article's
    publication day when nothing else gives it; from_articles: the input is a reading list;
    engine: "pandas" reads the table into memory, "duckdb" reads it where it lies, out of core
    (read/dataset.py), "auto" takes DuckDB for a folder of Parquet files and pandas otherwise.
    """

    dayfirst: bool = False
    monthfirst: bool = False
    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    skip_rows: int | None = None
    skip_invalid: bool = False
    published: str | None = None
    from_articles: bool = False
    engine: str = "auto"


    def __post_init__(self):
        if self.dayfirst and self.monthfirst:
            raise ConfigurationError("--dayfirst and --monthfirst say opposite things; give one of them.")
        object.__setattr__(self, "columns", dict(self.columns or {}))
        if self.engine not in ENGINES:
            raise ConfigurationError(f"--engine {self.engine!r}: choose one of {', '.join(ENGINES)}.")

    def with_column(self, part: str, column: str | None) -> ReadOptions:
        """The same options with one more column named for a part (--color-by names the category's)."""
        return replace(self, columns={**self.columns, part: column}) if column else self

    def with_order(self, order: str | None) -> ReadOptions:
        """The same options with the day order a table's first chunk showed, unless one was given."""
        if self.dayfirst or self.monthfirst or order is None:
            return self
        return replace(self, dayfirst=order == "day", monthfirst=order == "month")
