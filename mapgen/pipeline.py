"""From an incident table (or an article) to a written map: read -> place -> draw -> write.

``build`` does everything ``mapgen build`` does; ``locate_table`` is the path ``mapgen geocode``
and ``mapgen export`` share. Both return a BuildReport that accounts for every row.
"""

from __future__ import annotations

import os
import time
import webbrowser
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .defaults import DEFAULT_PLACES, DEFAULT_SERVICE, DEFAULT_TILES, DEFAULT_TITLE
from .draw import map_html, render_map
from .draw.extent import parse_extent
from .errors import ConfigurationError, NotPlacedError
from .place import LOCATION_PRECISIONS, Locator, default_cache_path, locate
from .place.cache import GeocodeCache
from .place.gazetteer import OfflineGazetteer
from .place.online import OnlineLookup, make_geocoder
from .place.places import PlacesTable, read_places
from .read import IncidentTable, Rejection, raise_for_rejections, read_incidents
from .util.files import write_text
from .write import export_incidents, snapshot, write_embed_snippet

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
PLACES_NAME = DEFAULT_PLACES.name
DOUBT_MARKS = r"check it|to be sure"  # words of a location note that ask the reader to check the row


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
        """A line for each incident not on the map, and for each placed with a doubt, with why."""
        lines = []
        for row in self.not_placed.itertuples():
            why = row.location_note or f"{row.place!r} matches no known place"
            lines.append(f"  not placed: id {row.id} (row {row.row}): {why}; correct it, add the place to {self.places_table or DEFAULT_PLACES},"
                         " or give coordinates")
        for row in self.placed_with_doubts.itertuples():
            lines.append(f"  check: id {row.id} (row {row.row}): {row.place!r} placed at {row.matched_name}: {row.location_note}")
        return lines

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
        for rejection in self.rejected:
            lines.append(f"  rejected: id {rejection.id} (row {rejection.row}): {rejection.messages[0]}")
        lines.extend(f"  note: {note}" for note in self.notes)
        if self.output is not None:
            lines.append(f"Wrote {self.output} ({self.output_bytes / 1024:,.0f} KB)")
        lines.extend(self.written)
        return "\n".join(lines)


@dataclass
class Geocoding:
    """How to place rows: the curated places table, and whether and how to ask an online service."""

    places: Path | None = None
    online: bool = False
    service: str = DEFAULT_SERVICE
    url: str | None = None
    user_agent: str | None = None
    cache: Path | None = None
    # Time as the online path sees it, for tests that never sleep.
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def places_path(self, beside: Path | None = None) -> Path | None:
        """The curated places table to use: --places, else places.csv beside the input table (or
        data/places.csv above it), else data/places.csv in the working folder; None when none exists."""
        if self.places is not None:
            return self.places
        folders = [beside.parent, beside.parent / "data"] if beside is not None else []
        for candidate in [*(folder / PLACES_NAME for folder in folders), DEFAULT_PLACES]:
            if candidate.is_file():
                return candidate
        return None

    def locator(self, beside: Path | None = None) -> Locator:
        """The resolution chain these settings describe; refuses online use without a user agent.
        Without --places, the curated table is looked for beside the input (``beside``), then in
        the working folder, so the same table gives the same map from any folder."""
        table = read_places(self.places_path(beside)) if self.places_path(beside) else PlacesTable.empty()
        cache_path = self.cache or default_cache_path()
        if self.online:
            service = make_geocoder(self.service, user_agent=self.user_agent, url=self.url)
            lookup = OnlineLookup(service, self.service, GeocodeCache(cache_path), clock=self.clock, sleep=self.sleep)
            return Locator(places=table, online=lookup)
        cache = GeocodeCache(cache_path) if cache_path.exists() else None
        return Locator(places=table, cache=cache, service=self.service)




@dataclass
class Reading:
    """How to read a table: the date order when its values do not tell, the Excel sheet, the
    columns that play a part where recognition does not say, rows above the header to set aside,
    and whether invalid rows are rejected (and reported) rather than stopping the run."""

    dayfirst: bool = False
    monthfirst: bool = False
    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    skip_rows: int | None = None
    skip_invalid: bool = False

    def __post_init__(self):
        if self.dayfirst and self.monthfirst:
            raise ConfigurationError("--dayfirst and --monthfirst say opposite things; give one of them.")


def read_table(path: str | Path, reading: Reading | None = None) -> IncidentTable:
    """Read an incident table; unless reading.skip_invalid, any invalid row stops here with every problem."""
    reading = reading or Reading()
    table = read_incidents(path, dayfirst=reading.dayfirst, monthfirst=reading.monthfirst, sheet=reading.sheet,
                           columns=reading.columns, skip_rows=reading.skip_rows)
    if not reading.skip_invalid:
        raise_for_rejections(table)
    return table


def locate_table(table: IncidentTable, *, geocoding: Geocoding | None = None, locator: Locator | None = None,
                 progress=None) -> BuildReport:
    """Place a table's incidents: the report holds every row, placed or not, and the rejections."""
    geocoding = geocoding or Geocoding()
    beside = Path(table.source) if table.source and not table.source.startswith("<") else None
    locator = locator or geocoding.locator(beside)
    located = locate(table.incidents, locator=locator, progress=progress)
    report = BuildReport(table.source, located, table.rejected, places_table=geocoding.places_path(beside) if locator.places.places else None)
    report.notes.extend(table.notes)
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
    drafts = [(article, extractor.extract(text, article.published, source=article.source or article.path.name))
              for article, text in zip(listed, texts)]
    table = merge_drafts(drafts, DRAFT_COLUMNS)
    shared = int(table["source"].str.contains(" | ", regex=False).sum()) if len(table) else 0
    if output is not None:
        write_text(output, table.to_csv(index=False))
    return ReadingReport(table, len(listed), shared)


def build(
    input: str | Path,
    output: str | Path,
    *,
    title: str = DEFAULT_TITLE,
    subtitle: str = "",
    as_of: str | None = None,
    tiles: str = DEFAULT_TILES,
    tiles_key: str | None = None,
    cdn: bool = False,
    reading: Reading | None = None,
    geocoding: Geocoding | None = None,
    popup_columns: list[str] | None = None,
    extent: str | None = None,
    png: str | Path | None = None,
    numbered: bool = False,
    embed: bool = False,
    published: str | None = None,
    from_articles: bool = False,
    open_browser: bool = False,
    strict: bool = False,
    progress=None,
    say=None,
) -> BuildReport:
    """Everything `mapgen build` does: an article is drafted beside the map first; the table is
    read, placed, drawn and written atomically, with a PNG/PDF snapshot and an embed snippet when
    asked. ``say`` hears what is written before the map (the draft), as it happens."""
    input, output = Path(input), Path(output)
    frame = parse_extent(extent)  # a mistyped --extent is told before any work
    if from_articles or is_reading_list(input):
        input = _draft_list_beside(input, output, published, say or (lambda line: None))
    elif input.suffix.lower() in ARTICLE_SUFFIXES:
        input = _draft_beside(input, output, published, say or (lambda line: None))
    table = read_table(input, reading)
    report = locate_table(table, geocoding=geocoding, progress=progress)
    html = map_html(render_map(report.located, title=title, subtitle=subtitle, as_of=as_of, tiles=tiles,
                               tiles_key=tiles_key, cdn=cdn, popup_columns=popup_columns, extent=frame))
    report.output = write_text(output, html)
    report.output_bytes = len(html.encode("utf-8"))
    if embed:
        snippet = write_embed_snippet(report.output, title)
        report.written.append(f"Wrote {snippet} (paste it where the map should appear; keep {report.output.name} beside the page)")
    if png is not None:
        report.written.append(f"Wrote {snapshot(report.output, png, numbered=numbered)}")
    if open_browser:
        webbrowser.open(report.output.resolve().as_uri())
    if strict and len(report.not_placed):
        raise NotPlacedError(f"{len(report.not_placed)} incident(s) could not be placed (see above); --strict asks for every one.",
                             report=report)
    return report


def build_map(table: IncidentTable, output: str | Path, *, locator: Locator | None = None, progress=None, **render_options) -> BuildReport:
    """Locate a table's incidents, draw them and write the page atomically."""
    report = locate_table(table, locator=locator, progress=progress)
    html = map_html(render_map(report.located, **render_options))
    report.output = write_text(output, html)
    report.output_bytes = len(html.encode("utf-8"))
    return report


def export(input: str | Path, output: str | Path, *, reading: Reading | None = None, geocoding: Geocoding | None = None,
           progress=None) -> BuildReport:
    """What `mapgen geocode` and `mapgen export` do: the table back with its placement, every row kept."""
    table = read_table(input, reading)
    report = locate_table(table, geocoding=geocoding, progress=progress)
    report.output = export_incidents(report.located, output)
    report.output_bytes = os.path.getsize(report.output)
    return report


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
