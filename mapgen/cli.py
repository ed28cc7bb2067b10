"""The `mapgen` command: thin typer commands over the library; the one place that prints and exits."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .defaults import DEFAULT_HEIGHT, DEFAULT_INPUT, DEFAULT_OUTPUT, DEFAULT_PLACES, DEFAULT_SERVICE, DEFAULT_TILES, DEFAULT_TITLE, DEFAULT_WIDTH
from .errors import ConfigurationError, MapgenError, NotPlacedError

# The library (pandas, folium, geopy) is imported inside each command, so that `mapgen --help` and
# a mistyped command line answer at once.
if TYPE_CHECKING:
    from . import pipeline

USAGE_ERROR = 2
PROGRESS_THRESHOLD = 20  # unique places before a progress bar is worth showing

app = typer.Typer(
    help="Turn a table of reported incidents into a map people can trust.\n\n"
    "Example: mapgen build data/incidents.csv -o output/map.html",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

InputArgument = Annotated[Path, typer.Argument(help="Incident table: .csv, .xlsx, .json or .geojson.", show_default=True)]
Dayfirst = Annotated[bool, typer.Option("--dayfirst", help="Read dates such as 04/05/2025 as day/month/year (when the column's own dates do not tell).")]
Monthfirst = Annotated[bool, typer.Option("--monthfirst", help="Read dates such as 04/05/2025 as month/day/year (when the column's own dates do not tell).")]
ColumnOption = Annotated[Optional[list[str]], typer.Option(
    "--column", help="PART=COLUMN: the column that plays a part, e.g. --column place=city --column category=armed (repeatable).")]
SkipRows = Annotated[Optional[int], typer.Option(
    "--skip-rows", help="Rows above the header to set aside (a title block), when mapgen does not find the header.")]
ColorBy = Annotated[Optional[str], typer.Option(
    "--color-by", help="Colour the incidents by this column (its nine most frequent values; the rest as 'other').")]
Numbered = Annotated[bool, typer.Option(
    "--numbered", help="In the picture, number every incident by date (1 = earliest) and add a key with the same numbers.")]
PopupColumns = Annotated[Optional[str], typer.Option(
    "--popup-columns", help="Other columns to show in each popup, comma-separated, e.g. armed,age.")]
Sheet = Annotated[Optional[str], typer.Option("--sheet", help="Excel sheet to read (default: the first).")]
Places = Annotated[Optional[Path], typer.Option("--places", help=f"Curated places table (default: {DEFAULT_PLACES} when present).")]
Online = Annotated[bool, typer.Option("--online", help="Ask an online geocoder (Nominatim) before the offline gazetteer.")]
Geocoder = Annotated[str, typer.Option("--geocoder", help="geopy service for --online.")]
GeocoderUrl = Annotated[Optional[str], typer.Option("--geocoder-url", help="Base URL of the service, e.g. for your own Nominatim: https://nominatim.example.org.")]
UserAgent = Annotated[Optional[str], typer.Option("--user-agent", help="Identifies you to the online service (or set MAPGEN_USER_AGENT).")]
Cache = Annotated[Optional[Path], typer.Option("--cache", help="Geocode cache file (default: in the user's cache folder).")]
Engine = Annotated[str, typer.Option("--engine", help=(
    "How the table is read: pandas (into memory), duckdb (where it lies, out of core: for tables larger than memory;"
    " the page then counts incidents in bins), or auto (duckdb for a folder of Parquet files)."))]
SkipInvalid = Annotated[bool, typer.Option("--skip-invalid", help="Reject invalid rows and go on, instead of stopping.")]
Strict = Annotated[bool, typer.Option("--strict", help="Exit 1 when any incident cannot be placed.")]
Published = Annotated[Optional[str], typer.Option("--published", help="With an article (.txt, .html) as INPUT: its publication date, YYYY-MM-DD.")]
FromArticles = Annotated[bool, typer.Option("--from-articles", help=(
    "INPUT is a reading list (CSV: path, published, source, url): draft, merge and map its articles in one go."))]
Title = Annotated[str, typer.Option("--title", help="Title shown on the map.")]
Subtitle = Annotated[str, typer.Option("--subtitle", help="Line under the title.")]
AsOf = Annotated[Optional[str], typer.Option("--as-of", help="Date the data is current to (default: the latest incident's date).")]
Tiles = Annotated[str, typer.Option("--tiles", help="Base map: an xyzservices provider name, a URL template, or 'none'.")]
TilesKey = Annotated[Optional[str], typer.Option("--tiles-key", help="API key for a tile provider that needs one (or set MAPGEN_TILES_KEY).")]
Cdn = Annotated[bool, typer.Option("--cdn", help="Link Leaflet and its plugins from a CDN instead of putting them in the page (smaller; needs a network).")]
Heatmap = Annotated[bool, typer.Option("--heatmap/--no-heatmap", help="Offer the heatmap layer in the legend.")]
Basemap = Annotated[bool, typer.Option("--basemap/--no-basemap", help="Carry the offline base map (coastlines, borders, town names) in the page.")]
Extent = Annotated[Optional[str], typer.Option("--extent", help=(
    "The opening frame: auto (the incidents), a country (france: its mainland), or west,south,east,north in degrees."))]
Picture = Annotated[Optional[Path], typer.Option("--png", help="Also write a snapshot of the map: PNG, or PDF or SVG by suffix.")]
Embed = Annotated[bool, typer.Option("--embed", help="Also write an iframe snippet beside the map, for pasting into a page.")]
OpenBrowser = Annotated[bool, typer.Option("--open", help="Open the map in your default browser.")]
Width = Annotated[Optional[int], typer.Option("--width", help=f"Width in CSS pixels [default: {DEFAULT_WIDTH}].")]
Height = Annotated[Optional[int], typer.Option("--height", help=f"Height in CSS pixels [default: {DEFAULT_HEIGHT}].")]
PaperSize = Annotated[Optional[str], typer.Option("--paper", help=(
    "Lay a PDF or SVG out on a sheet: a4, letter (portrait), a4-landscape or letter-landscape, with 12 mm margins;"
    " the map fills the area inside them (instead of --width and --height)."))]
Scale = Annotated[float, typer.Option("--scale", help="Device pixel ratio: 2 for a sharp print.")]
Browser = Annotated[Optional[str], typer.Option("--browser", help="Chromium or Chrome to use (default: the first on the PATH).")]
Controls = Annotated[bool, typer.Option("--controls", help="Keep the zoom, time and list controls in the picture.")]
Offline = Annotated[bool, typer.Option("--offline", help="Load nothing from the network (no tiles: the offline base map shows).")]
Lang = Annotated[Optional[str], typer.Option("--lang", help=(
    "The page's language: en, fr (default: the language of the country most incidents are in, else English)."))]
ByRegion = Annotated[bool, typer.Option("--by-region", help=(
    "Open with departments (French data) or countries coloured by their number of incidents; the reader can switch it off."))]
SizeBy = Annotated[Optional[str], typer.Option("--size-by", help="Size each symbol by this number column (its area follows the value), e.g. fatalities.")]
FilterBy = Annotated[Optional[str], typer.Option("--filter-by", help=(
    "Columns the reader can filter by, each with a legend of its values, comma-separated, e.g. actor,state."))]


# -- option groups: each builds one room's options object from its command-line options -----------------


def grouped(**groups):
    """Give a command its options in groups, as sqlite-utils' shared option decorators do: each
    keyword names a parameter of the command, and a function whose own parameters are command-line
    options; the command gets what that function builds from them."""

    def decorate(command):
        members = {name: list(inspect.signature(group, eval_str=True).parameters.values()) for name, group in groups.items()}
        signature = inspect.signature(command, eval_str=True)
        parameters = [member for p in signature.parameters.values() for member in members.get(p.name, [p])]

        @functools.wraps(command)
        def run(**values):
            for name, group in groups.items():
                values[name] = group(**{member.name: values.pop(member.name) for member in members[name]})
            return command(**values)

        run.__signature__ = signature.replace(parameters=parameters)
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate


def _columns(items: Optional[list[str]]) -> dict[str, str]:
    mapping = {}
    for item in items or []:
        role, equals, column = item.partition("=")
        if not equals or not role.strip() or not column.strip():
            raise ConfigurationError(f"--column {item!r}: write PART=COLUMN, e.g. --column place=city.")
        mapping[role.strip()] = column.strip()
    return mapping


def read_group(dayfirst: Dayfirst = False, monthfirst: Monthfirst = False, sheet: Sheet = None, column: ColumnOption = None,
               skip_rows: SkipRows = None, skip_invalid: SkipInvalid = False, engine: Engine = "auto"):
    """How to read the table: mapgen.read.ReadOptions."""
    from .read import ReadOptions

    return ReadOptions(dayfirst, monthfirst, sheet, _columns(column), skip_rows, skip_invalid, engine=engine)


def place_group(places: Places = None, online: Online = False, geocoder: Geocoder = DEFAULT_SERVICE, geocoder_url: GeocoderUrl = None,
                user_agent: UserAgent = None, cache: Cache = None):
    """How to place the rows: mapgen.place.PlaceOptions."""
    from .place import PlaceOptions

    return PlaceOptions(places=places, online=online, service=geocoder, url=geocoder_url, user_agent=user_agent, cache=cache)


def draw_group(title: Title = DEFAULT_TITLE, subtitle: Subtitle = "", as_of: AsOf = None, tiles: Tiles = DEFAULT_TILES, tiles_key: TilesKey = None,
               cdn: Cdn = False, heatmap: Heatmap = True, basemap: Basemap = True, popup_columns: PopupColumns = None,
               color_by: ColorBy = None, extent: Extent = None, numbered: Numbered = False, lang: Lang = None, by_region: ByRegion = False,
               size_by: SizeBy = None, filter_by: FilterBy = None):
    """How to draw the map: mapgen.draw.DrawOptions (a mistyped --extent or --lang is told here, before any work)."""
    from .draw import DrawOptions

    return DrawOptions(title, subtitle, as_of, tiles, tiles_key, cdn, heatmap, basemap, popup_columns or (), color_by, extent, numbered,
                       lang=lang, by_region=by_region, size_by=size_by, filter_by=filter_by or ())


def snapshot_group(width: Width = None, height: Height = None, scale: Scale = 1.0, browser: Browser = None, controls: Controls = False,
                   offline: Offline = False, numbered: Numbered = False, paper: PaperSize = None):
    """How to take a picture of a page: mapgen.write.SnapshotOptions (a sheet and a size in pixels
    at once are refused here: the sheet sets the size)."""
    from .write import SnapshotOptions

    if paper is not None and (width is not None or height is not None):
        raise ConfigurationError(f"--paper {paper} sets the picture's size; drop --width and --height, or --paper.")
    return SnapshotOptions(DEFAULT_WIDTH if width is None else width, DEFAULT_HEIGHT if height is None else height, scale, browser,
                           controls, offline, numbered, paper)


def write_group(png: Picture = None, embed: Embed = False, open_browser: OpenBrowser = False):
    """What to write beside the map: mapgen.write.WriteOptions (the picture at its default size)."""
    from .write import WriteOptions

    return WriteOptions(picture=png, embed=embed, open_browser=open_browser)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mapgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Turn a table of reported incidents into a map people can trust."""


def _tell(report: pipeline.BuildReport) -> None:
    for line in report.warnings:
        typer.echo(line, err=True)
    typer.echo(report.summary())


def _progress(keys):
    if len(keys) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return keys
    from rich.progress import track

    return track(keys, description="Geocoding", transient=True, console=None)


@app.command()
@grouped(read=read_group, place=place_group, draw=draw_group, write=write_group)
def build(
    input: InputArgument = DEFAULT_INPUT,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML map to write.")] = DEFAULT_OUTPUT,
    read=None,
    published: Published = None,
    from_articles: FromArticles = False,
    place=None,
    strict: Strict = False,
    draw=None,
    write=None,
) -> None:
    """Validate, locate and draw an incident table as an HTML map.

    Example: mapgen build data/incidents.csv -o output/map.html --title "Attacks on French prisons, April 2025"
    """
    from dataclasses import replace

    from . import pipeline

    try:
        report = pipeline.build(input, output, read=replace(read, published=published, from_articles=from_articles),
                                place=replace(place, strict=strict), draw=draw, write=write, progress=_progress, say=typer.echo)
    except NotPlacedError as error:
        if error.report is not None:
            _tell(error.report)
        raise
    _tell(report)


@app.command()
@grouped(read=read_group)
def validate(input: InputArgument = DEFAULT_INPUT, read=None, places: Places = None) -> None:
    """Check an incident table without drawing it: how each column was read, every invalid row at
    once, then the rows that could not be placed offline and those placed with a doubt.

    Example: mapgen validate data/incidents.csv
    """
    from . import pipeline
    from .draw.categories import styling_lines
    from .place import PlaceOptions
    from .read import raise_for_rejections, read_incidents

    table = read_incidents(input, read)
    _print_columns(table)
    raise_for_rejections(table)
    for line in styling_lines(table.incidents["category"]):
        typer.echo(line)
    typer.echo(f"{input}: {len(table.incidents)} incident(s), all valid.")
    report = pipeline.locate_table(table, PlaceOptions(places=places))
    problems = report.placement_lines()
    typer.echo(f"Offline, {len(report.placed)} would be placed and {len(report.not_placed)} not"
               + (":" if problems else "."))
    for line in problems:
        typer.echo(line)


def _print_columns(table) -> None:
    """The table of how each column was read: the part it plays, or why none."""
    rows = table.columns.table(list(table.columns.reasons)) if table.columns else []
    width = max((len(column) for column, _, _ in rows), default=6)
    typer.echo(f"{'column':<{width}}  {'part':<18}  how it was read")
    for column, part, why in rows:
        typer.echo(f"{column:<{width}}  {part:<18}  {why}")
    for note in table.notes:
        typer.echo(f"note: {note}")


def _export_command(name: str, default: Path, kinds: str, doc: str) -> None:
    """Register `mapgen geocode` or `mapgen export`: one path, each with its own output and help."""

    def command(input=DEFAULT_INPUT, output=default, read=None, place=None) -> None:
        _export(input, output, read, place)

    command.__annotations__ = {"input": InputArgument, "output": Annotated[Path, typer.Option("-o", "--output", help=f"File to write: {kinds}.")]}
    command.__doc__ = doc
    app.command(name)(grouped(read=read_group, place=place_group)(command))


_export_command("geocode", Path("output/geocoded.csv"), ".csv or .geojson", """Write the table back with latitude, longitude,
    location_precision, geocoder and matched_name added; rows that cannot be placed keep blank coordinates.

    Example: mapgen geocode data/incidents.csv -o output/geocoded.csv
    """)
_export_command("export", Path("output/incidents.geojson"), ".geojson (RFC 7946) or .csv", """Export located incidents as GeoJSON or
    CSV with the geocoding provenance; unplaced incidents are kept (null geometry, blank coordinates).

    Example: mapgen export data/incidents.csv -o output/incidents.geojson
    """)


def _export(input: Path, output: Path, read, place) -> None:
    from . import pipeline

    report = pipeline.export(input, output, read=read, place=place, progress=_progress)
    report.output = None  # the summary's "Wrote" line speaks of maps; an export says its own
    _tell(report)
    typer.echo(f"Wrote {output}: {len(report.located)} incident(s), {len(report.placed)} placed.")


@app.command("extract")
def extract_command(
    articles: Annotated[Optional[list[Path]], typer.Argument(
        help="News articles: plain text (.txt) or web pages (.html), in English or French; several make one table.")] = None,
    published: Annotated[Optional[str], typer.Option("--published", help=(
        "Publication date, YYYY-MM-DD, for articles whose list, metadata or dateline give none: 'Wednesday' is read against it."))] = None,
    reading_list: Annotated[Optional[Path], typer.Option("--list", help="A reading list: CSV with columns path, published, source, url.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Draft table to write (.csv).")] = Path("output/draft.csv"),
    source: Annotated[str, typer.Option("--source", help="Who published the article (one article), for the source column.")] = "",
) -> None:
    """Draft an incident table from news articles: one row per incident they report, with the
    sentence each row comes from and its character offsets, for a person to check. An incident
    that several articles report is one row naming every source.

    Example: mapgen extract seeds/000_a5ed6c53ec32253a.txt --published 2025-04-16 -o output/draft.csv

    Example: mapgen extract --list reading.csv -o output/draft.csv
    """
    from . import pipeline

    report = pipeline.extract_reading(articles or [], output, reading_list=reading_list, published=published, source=source)
    typer.echo(f"Wrote {output}: {report.summary()}.")
    for row in report.table.itertuples():
        span = f"{row.date}" + (f" to {row.date_end}" if row.date_end else "")
        typer.echo(f"  {row.id}: {row.category} at {row.place} ({span}) <- {row.source}")


@app.command("snapshot")
@grouped(options=snapshot_group)
def snapshot_command(
    page: Annotated[Path, typer.Argument(help="A map page that mapgen built.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Image to write: .png, .pdf, or .svg (vectors a designer can edit).")] = Path("output/map.png"),
    options=None,
) -> None:
    """Render a map page to PNG, PDF or SVG in headless Chromium, once its markers are drawn.

    Example: mapgen snapshot output/map.html -o output/map.png --width 1200 --height 800 --scale 2
    """
    from .write import snapshot

    typer.echo(f"Wrote {snapshot(page, output, options, say=lambda line: typer.echo(line, err=True))}")


@app.command()
def lookup(
    place: Annotated[str, typer.Argument(help="A place as a reporter writes it.")],
    region: Annotated[Optional[str], typer.Option("--region", help="Department, region or state that contains it.")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="ISO 3166-1 code, e.g. FR.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many candidates to show.")] = 5,
) -> None:
    """Show the offline gazetteer's ranked candidates for a place, and why each ranks there.

    Example: mapgen lookup "Valence" --region "Drôme"
    """
    from .place.gazetteer import OfflineGazetteer
    from .util.countries import country_code

    code = None
    if country:
        code = country_code(country)
        if code is None:
            raise MapgenError(f"--country {country!r} is not a country mapgen knows; write its ISO 3166-1 code (e.g. FR).")
    gazetteer = OfflineGazetteer()
    resolution = gazetteer.resolve(place, region=region, country=code, area_for_unknown=True)
    for reading in resolution.query.readings:
        typer.echo(reading)
    if resolution.query.text != place:
        typer.echo(f"place read as {resolution.query.text!r}")
    candidates = resolution.candidates
    if not candidates:
        typer.echo(f"Not placed: {resolution.problem}. The row would stay unplaced, with this reason.")
        raise typer.Exit(1)
    for rank, candidate in enumerate(candidates[:limit], start=1):
        where = _area_of(gazetteer, candidate)
        typer.echo(f"{rank}. {candidate.name} in {where} {candidate.latitude:.5f}, {candidate.longitude:.5f} [{candidate.precision}, {candidate.match}]")
        typer.echo("   " + "; ".join(candidate.reasons))


def _area_of(gazetteer, candidate) -> str:
    """The smallest area on file that holds a candidate, as a reader knows it ("Drôme (FR-26)";
    a county with its state, "Sangamon County, Illinois (US-IL)"), not GeoNames' codes ("FR/84");
    its country when none is on file."""
    found = []
    for key in (candidate.admin2, candidate.admin1):
        areas = gazetteer.regions(key, candidate.country) if key else []
        found += [area for area in areas if area.kind != "country" and area.admin1 == candidate.admin1
                  and area.contains(candidate.country, candidate.admin1, candidate.admin2)][:1]
    if not found:
        return candidate.country
    if found[0].code:
        return found[0].described
    return f"{found[0].name}, {found[1].described if len(found) > 1 else candidate.country}"


def _usage_line(error: typer.TyperException) -> str:
    """One line for a mistyped command line: typer's message, then the help to read."""
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else _command_path(sys.argv[1:])
    message = error.format_message().rstrip(".")
    ending = "" if message.endswith(("?", "!")) else "."  # "Did you mean 'build'?" takes no full stop after it
    return f"mapgen: error: {message}{ending} Try '{command} --help'."


def _command_path(arguments: list[str]) -> str:
    commands = {command.name or command.callback.__name__.replace("_", "-") for command in app.registered_commands}
    named = next((word for word in arguments if not word.startswith("-")), None)
    return f"mapgen {named}" if named in commands else "mapgen"


def main() -> None:
    """Run the command; a user's mistake ends with one message and exit 2, never a traceback."""
    try:
        code = app(standalone_mode=False, prog_name="mapgen")
    except MapgenError as error:
        typer.echo(f"mapgen: error: {error}", err=True)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.TyperException as error:  # a mistyped command line, as typer found it
        typer.echo(_usage_line(error), err=True)
        sys.exit(USAGE_ERROR)
    except typer.Abort:
        typer.echo("mapgen: aborted.", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("mapgen: interrupted; no output was replaced.", err=True)
        sys.exit(130)
    except Exception as error:  # a bug of ours: say so plainly, the traceback only on request
        if os.environ.get("MAPGEN_DEBUG"):
            raise
        typer.echo(f"mapgen: internal error: {type(error).__name__}: {error}. Run again with MAPGEN_DEBUG=1 for details, and please report it.", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
