"""From an incident table (or an article) to a written map: read -> place -> draw -> write.

``build`` does everything ``mapgen build`` does; ``locate_table`` is the path ``mapgen geocode``
and ``mapgen export`` share. Both return a BuildReport that accounts for every row.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from .defaults import DEFAULT_PLACES
from .draw import DrawOptions, map_html, render_map
from .errors import ConfigurationError, NotPlacedError
from .place import LOCATION_PRECISIONS, Locator, PlaceOptions, locate
from .place.gazetteer import OfflineGazetteer
from .read import IncidentTable, ReadOptions, Rejection, read_table
from .read.schema import AsWritten
from .util.files import write_text
from .write import WriteOptions, export_incidents, write_beside

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
DOUBT_MARKS = r"check it|to be sure"  # words of a location note that ask the reader to check the row
LINES_SHOWN = 20  # rows of each kind (not placed, placed with a doubt, rejected) a summary lists one by one


@dataclass
class BuildReport:
    """What a build read, placed, could not place and rejected; read always equals the sum."""

    source: str
    located: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)
    output: Path | None = None
    output_bytes: int = 0
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # what else was written, one line each
    warnings: list[str] = field(default_factory=list)  # for the error stream: the online service's doings
    places_table: Path | None = None  # the curated places table used, if any
    own_columns: AsWritten | None = None  # the table's own columns, for exports

    def as_written(self) -> pd.DataFrame:
        """The located incidents with every column of the table as written, and mapgen's reading beside them."""
        return self.own_columns.beside(self.located) if self.own_columns is not None else self.located

    @property
    def placed(self) -> pd.DataFrame:
        return self.located.dropna(subset=["latitude", "longitude"])

    @property
    def not_placed(self) -> pd.DataFrame:
        return self.located[self.located["latitude"].isna() | self.located["longitude"].isna()]

    @property
    def placed_with_doubts(self) -> pd.DataFrame:
        """Placed rows whose note asks for a check (a fuzzy spelling, namesakes elsewhere)."""
        placed = self.placed
        if "location_note" not in placed:
            return placed.iloc[0:0]
        return placed[placed["location_note"].str.contains(DOUBT_MARKS, regex=True, na=False)]

    @property
    def read(self) -> int:
        return len(self.located) + len(self.rejected)

    def by_precision(self) -> dict[str, int]:
        counts = Counter(self.placed["location_precision"])
        return {precision: counts[precision] for precision in LOCATION_PRECISIONS if counts.get(precision)}

    def placement_lines(self) -> list[str]:
        """A line for each incident not on the map, and for each placed with a doubt, with why: the
        first LINES_SHOWN of each, then how many more and where every row's reading is (a table
        of ACLED's printed 480 lines for 1,000 rows)."""
        lines = []
        for row in self.not_placed.head(LINES_SHOWN).itertuples():
            why = row.location_note or f"{row.place!r} matches no known place"
            lines.append(f"  not placed: id {row.id} (row {row.row}): {why}; correct it, add the place to {self.places_table or DEFAULT_PLACES},"
                         " or give coordinates")
        lines.extend(self._more(len(self.not_placed), "not placed"))
        doubts = self.placed_with_doubts
        for row in doubts.head(LINES_SHOWN).itertuples():
            lines.append(f"  check: id {row.id} (row {row.row}): {row.place!r} placed at {row.matched_name}: {row.location_note}")
        lines.extend(self._more(len(doubts), "placed with a doubt"))
        if len(self.not_placed) > LINES_SHOWN or len(doubts) > LINES_SHOWN:
            lines.append(f"  every row's reading: mapgen geocode {self.source} -o placed.csv (its column location_note)")
        return lines

    @staticmethod
    def _more(count: int, what: str) -> list[str]:
        return [f"  ... and {count - LINES_SHOWN:,} more {what}"] if count > LINES_SHOWN else []

    def summary(self) -> str:
        """One screen: counts that balance, then each incident that is not on the map."""
        placed, not_placed = len(self.placed), len(self.not_placed)
        precision = ", ".join(f"{name} {count}" for name, count in self.by_precision().items())
        lines = [
            f"Read {self.read} incident(s) from {self.source}" + (f" (places table: {self.places_table})" if self.places_table else ""),
            f"  placed:     {placed}" + (f" ({precision})" if precision else ""),
            f"  not placed: {not_placed}",
            f"  rejected:   {len(self.rejected)}",
            f"  {self.read} read = {placed} placed + {not_placed} not placed + {len(self.rejected)} rejected",
        ]
        lines.extend(self.placement_lines())
        for rejection in self.rejected[:LINES_SHOWN]:
            lines.append(f"  rejected: id {rejection.id} (row {rejection.row}): {rejection.messages[0]}")
        lines.extend(self._more(len(self.rejected), "rejected"))
        lines.extend(f"  note: {note}" for note in self.notes)
        if self.output is not None:
            lines.append(f"Wrote {self.output} ({self.output_bytes / 1024:,.0f} KB)")
        lines.extend(self.written)
        return "\n".join(lines)


def locate_table(table: IncidentTable, options: PlaceOptions | None = None, *, locator: Locator | None = None,
                 progress=None) -> BuildReport:
    """Place a table's incidents: the report holds every row, placed or not, and the rejections."""
    options = options or PlaceOptions()
    beside = Path(table.source) if table.source and not table.source.startswith("<") else None
    locator = locator or options.locator(beside)
    county = table.columns.roles.get("county", "county") if table.columns else "county"
    located = locate(table.incidents, locator=locator, progress=progress, county=county)
    report = BuildReport(table.source, located, table.rejected, places_table=options.places_path(beside) if locator.places.places else None,
                         own_columns=table.written)
    report.notes.extend(table.notes)
    report.notes.extend(located.attrs.get("placement_notes", []))  # what placing noted of the whole table (its country inferred)
    report.warnings.extend(_online_lines(locator))
    return report


def draft_incidents(article: str | Path, published: str | date | None, *, source: str = "") -> pd.DataFrame:
    """Draft the incident table of a news article (plain text or HTML), each row with its evidence."""
    if not published:
        raise ConfigurationError(f"{article}: an article needs its publication date to resolve 'Wednesday' or 'since Sunday'; add --published YYYY-MM-DD.")
    from .read.articles import extract_incidents  # the article reader loads only when an article is read

    return extract_incidents(article, published, gazetteer=OfflineGazetteer(), source=source)


def extract(article: str | Path, published: str | date | None, output: str | Path, *, source: str = "") -> pd.DataFrame:
    """What `mapgen extract` does for one article: draft its incident table and write it as CSV."""
    draft = draft_incidents(article, published, source=source)
    write_text(output, draft.to_csv(index=False))
    return draft


@dataclass
class ReadingReport:
    """What `mapgen extract` made of a reading list."""

    table: pd.DataFrame
    articles: int
    shared: int  # incidents that two or more articles report

    def summary(self) -> str:
        if self.articles == 1:
            return f"{len(self.table)} incident(s) from 1 article"
        return (f"{len(self.table)} incident(s) from {self.articles} article(s); {self.shared} reported by two or more,"
                " merged into one row each with every source")


def extract_reading(articles: list[str | Path], output: str | Path | None = None, *, reading_list: str | Path | None = None,
                    published: str | None = None, source: str = "") -> ReadingReport:
    """Draft one table from several articles (given, or listed in a reading-list CSV with path,
    published, source and url): each article drafted against its own publication day, the
    incidents several of them report merged into one row (mapgen.read.reading_list)."""
    from .read.articles import DRAFT_COLUMNS, Extractor, article_text
    from .read.reading_list import ListedArticle, check_published, merge_drafts, published_date, read_list

    listed = read_list(reading_list) if reading_list else []
    listed += [ListedArticle(Path(path), None, source if len(articles) == 1 else "", "") for path in articles]
    if not listed:
        raise ConfigurationError("give the articles to read (mapgen extract A.txt B.html ...) or a reading list with --list FILE.")
    texts = []
    for article in listed:
        text = article_text(article.path)
        article.published = article.published or published_date(article.path.read_text(encoding="utf-8", errors="replace"), text)
        texts.append(text)
    check_published(listed, published)
    extractor = Extractor(OfflineGazetteer())
    drafts = [(article, extractor.draft(text, article.published, source=article.source or article.path.name))
              for article, text in zip(listed, texts)]
    table = merge_drafts(drafts, DRAFT_COLUMNS)
    shared = int(table["source"].str.contains(" | ", regex=False).sum()) if len(table) else 0
    if output is not None:
        write_text(output, table.to_csv(index=False))
    return ReadingReport(table, len(listed), shared)


Writer = Callable[["BuildReport"], None]


def build(input: str | Path | IncidentTable, output: str | Path, *, read: ReadOptions | None = None, place: PlaceOptions | None = None,
          draw: DrawOptions | None = None, write: WriteOptions | None = None, progress=None, say=None) -> BuildReport:
    """Everything `mapgen build` does: an article (or a reading list) is drafted beside the map
    first; the table is read, placed, drawn and written atomically, with what ``write`` asks for
    beside it. ``say`` hears what is written before the map (the draft), as it happens."""
    draw = draw or DrawOptions()
    read = (read or ReadOptions()).with_column("category", draw.color_by)
    if not isinstance(input, IncidentTable) and uses_engine(Path(input), read):
        return build_dataset(input, output, read=read, place=place, draw=draw, write=write, progress=progress)
    if not isinstance(input, IncidentTable):
        drafted = _drafted(Path(input), Path(output), read, say or (lambda line: None))
        if drafted != Path(input):
            place = replace(place or PlaceOptions(), drafted=True)
        input = drafted
    return run(input, lambda report: _write_map(report, Path(output), draw, write or WriteOptions()), read=read, place=place,
               progress=progress)


def uses_engine(path: Path, read: ReadOptions) -> bool:
    """Whether a table is read out of core by DuckDB: when asked, or for a folder of Parquet files."""
    from .read.dataset import is_dataset

    return read.engine == "duckdb" or (read.engine == "auto" and is_dataset(path))


def build_dataset(input: str | Path, output: str | Path, *, read: ReadOptions | None = None, place: PlaceOptions | None = None,
                  draw: DrawOptions | None = None, write: WriteOptions | None = None, progress=None) -> DatasetReport:
    """`mapgen build` for a table larger than memory: read and placed in DuckDB (each distinct date,
    category and place read once by mapgen's rules), counted into the page's bins by the engine,
    and drawn as weighted rows; the page carries the counts, not the rows."""
    from .draw.aggregate import aggregated, cell_degrees, grain
    from .place.dataset import place_dataset
    from .read.dataset import open_dataset

    draw, place = draw or DrawOptions(), place or PlaceOptions()
    dataset = open_dataset(input, read)
    placement = place_dataset(dataset.connection, place.locator(Path(input)), progress)
    zoom, step = grain(dataset.connection)
    groups = aggregated(dataset.connection, zoom, step)
    report = DatasetReport(dataset.source, dataset.rows, dataset.rejected, placement.placed, placement.not_placed, len(groups),
                           f"{step}, in cells of {cell_degrees(zoom) * 111:,.0f} km", dataset.examples + placement.examples)
    page = render_map(groups, replace(draw, marker_limit=0, geojson_limit=0, popup_columns=("incidents", *draw.popup_columns)))
    _wrote(report, write_text(output, map_html(page)))
    report.written.extend(write_beside(report.output, write or WriteOptions(), draw.title))
    if place.strict and placement.not_placed:
        raise NotPlacedError(f"{placement.not_placed:,} row(s) could not be placed (see above); --strict asks for every one.", report=report)
    return report


@dataclass
class DatasetReport:
    """What a build through the engine read, placed, could not place and rejected; read always
    equals the sum. The page carries `groups` weighted rows (cells by category and step of time)."""

    source: str
    read: int
    rejected: int
    placed: int
    not_placed: int
    groups: int
    step: str
    examples: list[str] = field(default_factory=list)
    output: Path | None = None
    output_bytes: int = 0
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Read {self.read:,} incident(s) from {self.source} through DuckDB, out of core",
                 f"  placed:     {self.placed:,} (counted by the engine into {self.groups:,} groups by category and {self.step})",
                 f"  not placed: {self.not_placed:,}",
                 f"  rejected:   {self.rejected:,}",
                 f"  {self.read:,} read = {self.placed:,} placed + {self.not_placed:,} not placed + {self.rejected:,} rejected"]
        lines += [f"  {example}" for example in self.examples]
        if self.output is not None:
            lines.append(f"Wrote {self.output} ({self.output_bytes / 1024:,.0f} KB)")
        return "\n".join(lines + self.written)


def export(input: str | Path, output: str | Path, *, read: ReadOptions | None = None, place: PlaceOptions | None = None,
           progress=None) -> BuildReport:
    """What `mapgen geocode` and `mapgen export` do: the table back, every column as written and
    every row kept, with mapgen's reading and placement beside it under mapgen's names."""
    return run(input, lambda report: _wrote(report, export_incidents(report.as_written(), output)), read=read, place=place,
               progress=progress)


def run(source: str | Path | IncidentTable, writer: Writer, *, read: ReadOptions | None = None, place: PlaceOptions | None = None,
        progress=None) -> BuildReport:
    """read -> place -> write: the table (or a file of one) placed and handed to a writer; with
    place.strict, any incident left unplaced is then an error (after the writing)."""
    table = source if isinstance(source, IncidentTable) else read_table(source, read)
    report = locate_table(table, place, progress=progress)
    writer(report)
    if place is not None and place.strict and len(report.not_placed):
        raise NotPlacedError(f"{len(report.not_placed)} incident(s) could not be placed (see above); --strict asks for every one.",
                             report=report)
    return report


def _write_map(report: BuildReport, output: Path, draw: DrawOptions, write: WriteOptions) -> None:
    _wrote(report, write_text(output, map_html(render_map(report.located, draw))))
    report.written.extend(write_beside(report.output, write, draw.title))


def _wrote(report: BuildReport, path: Path) -> None:
    report.output, report.output_bytes = Path(path), os.path.getsize(path)


def _drafted(input: Path, output: Path, read: ReadOptions, say) -> Path:
    """The table to build from: the input, or the draft of its article or reading list beside the map."""
    if read.from_articles or is_reading_list(input):
        return _draft_list_beside(input, output, read.published, say)
    if input.suffix.lower() in ARTICLE_SUFFIXES:
        return _draft_beside(input, output, read.published, say)
    return input


def is_reading_list(path: Path) -> bool:
    """Whether a CSV is a reading list (a path column, and none of an incident table's)."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        header = {name.strip().lower() for name in stream.readline().split(",")}
    return "path" in header and not header & {"place", "date", "latitude", "lat", "location", "event_date"}


def _draft_list_beside(reading_list: Path, output: Path, published: str | None, say) -> Path:
    """Draft one table from a reading list beside the map, to be corrected and built again."""
    path = output.with_suffix(".draft.csv")
    report = extract_reading([], path, reading_list=reading_list, published=published)
    say(f"Drafted {report.summary()} into {path}: check each row against its evidence, then build from it.")
    return path


def _draft_beside(article: Path, output: Path, published: str | None, say) -> Path:
    """Draft an article's incident table beside the map, to be corrected and built again."""
    path = output.with_suffix(".draft.csv")
    draft = extract(article, published, path)
    say(f"Drafted {len(draft)} incident(s) from {article} into {path}: check each row against its evidence, then build from it.")
    return path


def _online_lines(locator: Locator) -> list[str]:
    if not locator.online:
        return []
    stats = locator.online.stats
    lines = [f"Online geocoding: {stats.requests} request(s), {stats.cached} answer(s) from the cache"]
    lines += [f"  warning: {failure}; the offline gazetteer was used instead" for failure in stats.failures]
    if stats.stopped:
        lines.append(f"  warning: {stats.stopped}; stopped asking for the rest of this run, and placed"
                     f" that place and {stats.not_asked} more offline")
    return lines
