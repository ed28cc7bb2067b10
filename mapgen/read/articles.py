"""Drafting an incident table from a news article, with the evidence for every row.

A person still reviews the draft: each row names the sentence it came from and where that
sentence sits in the article (character offsets into the article's text), so a reviewer can check
it in seconds instead of typing the table.

How it reads an article:

1. The text is split into sentences, each with its offsets.
2. A sentence reports an incident when it holds a cue from the lexicon below (English and
   French): "set on fire", "torched", "incendie" are arson; "shots", "gunfire", "tirs" are a
   shooting; and so on.
3. Places are the capitalised names in that sentence that the gazetteer knows (the same one that
   geocoding uses), or a facility written as "the X prison" / "prison de X". Names of people,
   outlets and groups are not in the gazetteer, or are ruled out (a name before "said"/"told", a
   weekday, a country standing for a whole nation). A department or region named beside a town
   ("Tarascon ... in the Bouches-du-Rhône region") becomes that town's region, not a row.
4. One row per place and category; a sentence that names no place adds its evidence (and a time
   of day) to the incident just before it. A place that a sentence lists with others under
   several cues at once ("vehicles burned and gunfire") takes the first cue, unless a sentence of
   its own gives it another.
5. Dates come from weekday words resolved against the publication date ("early Wednesday",
   "on Monday night", "dans la nuit de samedi à dimanche"); a row with no date of its own spans
   the period the article covers ("since Sunday", "this week") up to the publication date.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import ConfigurationError, InputError
from ..util.text import NEAR_BEFORE, normalise
from .article_dates import Span, period_since, read_days, statement_day
from .lexicon import GENERIC, Cue, category_of, find_cues

INITIAL_WORD_POPULATION = 50_000  # a sentence's first word is read as a place unaided only if this big
TOPIC_SHARE = 0.6  # an article's specific cues name one act at least this often: its topic
CAUSE_DAYS = 7
ARTICLE_TOWN_POPULATION = 20_000
DISTRICT_DEGREES = 0.15  # a place this close to a bigger town named after it is a part of that town
_TIME = re.compile(r"\b(?:around|about|at|after|before|vers|à|dès|aux alentours de|peu après)\s+(\d{1,2})(?:([.:h])(\d{2})?)?\s*"
                   r"(am|pm|a\.m\.|p\.m\.|heures)?(?=\W|$)", re.IGNORECASE)
# Capitalised names, joined by hyphens or the little words of French place names.
_NAME = re.compile(
    r"(?:[A-ZÀ-ÝŒ][\w’'\-]*[\w])(?:(?:\s+|-)(?:(?:de|du|des|la|le|les|sur|en|lès|d’|d'|l’|l')\s*)?[A-ZÀ-ÝŒ][\w’'\-]*[\w])*"
)
_FACILITY_AFTER = re.compile(r"^\s+(prison|jail|detention centre|remand prison)\b", re.IGNORECASE)
_FACILITY_BEFORE = re.compile(r"(?:prison|maison d['’]arrêt|centre pénitentiaire|centre de détention)\s+(?:de|d['’])\s*$", re.IGNORECASE)
_LEADING_WORDS = {"près", "the", "in", "on", "at", "from", "a", "an", "one", "two", "three", "some", "while", "after", "dans", "en", "à",
                  "au", "aux", "depuis", "selon", "un", "une", "des", "ce", "cette", "facilities", "outside", "near", "additionally"}
_NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "lundi",
               "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "telegram", "europe", "justice", "minister",
               "president", "police", "state", "prison", "prisons", "french", "afp", "reuters", "ap", "x", "sncf", "tgv", "covid",
               "ee", "nord", "sud", "est", "ouest", "north", "south", "east", "west"}
_PERSON_BEFORE = re.compile(r"(?:minister|prosecutor|president|spokesman|spokeswoman|mayor|director|ministre|procureur|maire|"
                            r"m\.|mme|mr\.?|mrs\.?|ms\.?)\s*$", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^\s*(?:,\s*)?(?:said|told|says|added|a déclaré|a indiqué)\b", re.IGNORECASE)
_ORGANISATION_AFTER = re.compile(r"^\s+(?:Police|Fire|Constabulary|Council|Ambulance|County Council|City Council|Airport|University|"
                                 r"Crown Court|Magistrates|FC|Rescue)\b")
_ORGANISATION_BEFORE = re.compile(r"(?:coordination(?: rurale)?|fédération|union|chambre|syndicat|association|comité|conseil|"
                                  r"jeunes agriculteurs|FDSEA|FNSEA)\s+(?:départemental[e]?\s+)?(?:du |de la |de l['’]|des |d['’]|de )$",
                                  re.IGNORECASE)
_VENUE_BEFORE = re.compile(r"(?:ceremony|games|olympics|summit|festival|match|cérémonie|jeux olympiques|JO|sommet)\s+"
                           r"(?:\w+\s+){0,2}?(?:in|à|de|at)\s+$", re.IGNORECASE)
_SEAT_BEFORE = re.compile(r"(?:(?<!sous-)préfecture|prefecture)\s+(?:du |de la |de l['’]|des |d['’]|de |of )$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|near|outside|à|a|en|dans|au|aux|sur|from|de)\s+(?:the\s+|le\s+|la\s+|les\s+|l['’])?|"
                              r"\bl['’]|\bd['’])$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"^\s*(?:,|…|et\s+[A-ZÀ-Ý]|and\s+[A-ZÀ-Ý]|, and\s+[A-ZÀ-Ý])")
_LIST_BEFORE = re.compile(r"[A-Za-zÀ-ÿ]\s*(?:,|\bet|\band|, and)\s+$")
_BRACKET_AFTER = re.compile(r"^\s*\(\s*[A-ZÀ-Ý]")
_DATELINE_AFTER = re.compile(r"^\s*:\s")
# What may stand between a place and the area it lies in: "Arras (Pas-de-Calais)", "Clamart, dans les
# Hauts-de-Seine", "the Tarascon prison in the southern Bouches-du-Rhône region".
_GLUE = re.compile(r"(?:\s+(?:prison|jail|detention centre|remand prison))?\s*(?:\(|,)?\s*(?:(?:dans|en|in)\s+)?"
                   r"(?:(?:le|la|les|the)\s+|l['’])?(?:(?:south|north|east|west)(?:ern|-eastern|-western)\s+)?", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|:\s+(?=[a-zà-ÿ])|\b(?:while|whereas|tandis qu['’]?e?|alors qu['’]?e?|mais|but)\b|,\s+(?:and|et)\b")
_CAUSE = re.compile(r"\b(?:en réaction à|en réponse à|suite à|à la suite de|après la mort|in reaction to|in response to|after the death|"
                    r"following the death)\b[^.;]*$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\b(?:entre|between)\s+(?:[A-ZÀ-Ý][\w\-’']*\s+(?:et|and)\s+)?$", re.IGNORECASE)
_ROUTE_BEFORE = re.compile(r"\b(?:reliant|linking|connecting)\s+(?:[A-ZÀ-Ý][\w\-’']*\s+(?:à|to|and|et)\s+)?$", re.IGNORECASE)
_NOT_A_PLACE_BEFORE = re.compile(
    r"(?:vallée|valley|river|fleuve|rivière|massif|lac|lake|opérateur|operator|company|firm|group|société|groupe|"
    r"newspaper|journal|radio|station|channel|chaîne)\s+(?:du |de la |de l['’]|des |d['’]|of the |of )?$", re.IGNORECASE)
# A sentence ends at . ! or ? (and a closing quote) before a space and a capital, or at a line end;
# "5.20am" and "No. 3" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’']?(?=\s+[A-ZÀ-Ý“\"‘«])|\n")

DRAFT_COLUMNS = ("id", "date", "date_end", "date_precision", "time", "category", "place", "region", "country",
                 "latitude", "longitude", "location_precision", "description", "source", "source_url", "note", "evidence", "evidence_start", "evidence_end")


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int = 0  # the line of the text it is on

    @property
    def title(self) -> bool:
        """A headline or a crosshead: a line of its own with no closing stop."""
        return not re.search(r"[.!?\"”»’'…]$", self.text)


@dataclass
class Mention:
    """A place named in a sentence, as the gazetteer reads it."""

    text: str
    place: str
    precision: str
    country: str
    latitude: float
    longitude: float
    region: str = ""
    population: int = 0
    seat: str = ""  # for a department: its prefecture
    note: str = ""  # how the text was read, for the reviewer
    start: int = 0  # where the name sits in its sentence
    end: int = 0
    locative: bool = False  # "in X", "à X", "en X": the text says something happened there
    relative: str = ""  # "near", "between", "route" (see _relation), or "" for the place itself
    within: str = ""  # the town a district is part of ("Mossley Hill, Liverpool")


@dataclass
class DraftIncident:
    """One drafted row and the sentences that support it."""

    category: str
    mention: Mention
    sentences: list[Sentence]
    day: Span | None = None
    time: str = ""
    strong: bool = True
    from_title: bool = False

    def absorb(self, sentence: Sentence, day: Span | None, time_of_day: str, strong: bool = False) -> None:
        """Take another sentence about the same incident as evidence, and what it adds."""
        self.sentences.append(sentence)
        self.time = self.time or time_of_day
        self.day = self.day or day
        self.strong = self.strong or strong


def article_text(path: str | Path) -> str:
    """The plain text of an article file: a .txt as it is, an .html page without its markup."""
    path = Path(path)
    if not path.is_file():
        raise InputError([f"{path}: no such article. Check the path."])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:1] == "<":
        text = _HtmlText.extract(text)
    if not text.strip():
        raise InputError([f"{path}: the article has no text."])
    return text


class _HtmlText(html.parser.HTMLParser):
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "div", "br", "article", "section", "blockquote", "title"}
    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "figure"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    @classmethod
    def extract(cls, markup: str) -> str:
        parser = cls()
        parser.feed(markup)
        text = "".join(parser.parts)
        return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text with their character offsets."""
    found, start = [], 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.end() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            offset = start + len(chunk) - len(chunk.lstrip())
            found.append(Sentence(chunk.strip(), offset, offset + len(chunk.strip()), text.count("\n", 0, offset)))
        start = end
    return found


class Draft(NamedTuple):
    """An article's draft table, and where each of its rows' places lies (latitude, longitude)."""

    table: pd.DataFrame
    points: list[tuple[float, float]]


class Extractor:
    """Finds incidents in an article's text; see the module's description for how."""

    def __init__(self, gazetteer):
        # The offline gazetteer (mapgen.place), handed in by the pipeline so that reading does
        # not reach forward into placing: anything with candidates() and regions() serves.
        self.gazetteer = gazetteer

    def extract(self, text: str, published: date, *, source: str = "") -> pd.DataFrame:
        """The draft table: one row per place and incident, with its evidence."""
        return self.draft(text, published, source=source).table

    def draft(self, text: str, published: date, *, source: str = "") -> Draft:
        """The draft table, and the point of each row's place (for merging the drafts of several articles)."""
        parts = sentences(text)
        window = period_since(text, published) or Span(published, published, "publication day")
        country = self._article_country(parts)
        cues_of = [find_cues(sentence.text) for sentence in parts]
        topic = _topic(cues_of)
        drafts: list[DraftIncident] = []
        context: Span | None = None  # the days the article was last speaking of
        pending: list[tuple[Sentence, Span | None, str]] = []  # cue sentences that named no place yet
        paragraph, spoken = -1, None
        for sentence, cues in zip(parts, cues_of):
            if sentence.paragraph != paragraph:  # the days a paragraph speaks of end with it
                paragraph, context, spoken = sentence.paragraph, None, None
            spoken = statement_day(sentence.text, published) or spoken
            span = read_days(sentence.text, published, context.first if context else None, spoken)
            context = span or period_since(sentence.text, published) or context
            if not cues:
                continue
            time_of_day = read_time(sentence.text)
            mentions = self._incident_places(sentence.text, cues, country)
            if not mentions:
                if drafts and not sentence.title:
                    drafts[-1].absorb(sentence, span, time_of_day)
                else:
                    pending.append((sentence, span, time_of_day))
                continue
            day = span or context
            for mention in mentions:
                category, strong = _category(sentence.text, mention, cues, topic, mentions)
                own_day = _cause_span(sentence.text, mention, day) or day
                draft = DraftIncident(category, mention, [sentence], own_day, time_of_day if len(mentions) == 1 else "", strong,
                                      from_title=sentence.title)
                for earlier, earlier_span, earlier_time in pending:
                    draft.absorb(earlier, earlier_span, earlier_time)
                _merge(drafts, draft)
            pending = []
        drafts = self._reconcile(drafts)
        return Draft(self._table(drafts, window, source), [(d.mention.latitude, d.mention.longitude) for d in drafts])

    # -- places -----------------------------------------------------------------------------------

    def _incident_places(self, text: str, cues: list[Cue], country: str | None) -> list[Mention]:
        """The places a sentence reports incidents at: situating places ("près de Lille") and
        the places of a route or an event ("reliant Toulouse à Paris", "the ceremony in Paris")
        are left out when the sentence names another; alone, "near X" is kept as near X and
        "between X and Y" as the midpoint."""
        mentions = [m for m in self._mentions(text, country) if m.precision != "country"]
        # A department or region alone is a place of an incident when the text says it happened
        # there ("en Ariège") with a word for what happened, not a general one ("violence").
        specific = any(not cue.generic for cue in cues)
        plain = [m for m in mentions if not m.relative and (m.precision != "region" or m.locative and specific)]
        if plain:
            return plain
        near = [m for m in mentions if m.relative == "near"]
        between = [m for m in mentions if m.relative == "between"]
        if len(between) == 2:
            return [_midpoint(*between)]
        for mention in near:
            mention.place = f"near {mention.place}"
        return near

    def _mentions(self, text: str, country: str | None) -> list[Mention]:
        found: list[Mention] = []
        for name, start, end in self.names(text):
            words = name.split()
            while words and (words[0].lower() in _LEADING_WORDS or words[0].lower() in ("de", "d'", "d’") and start > 0
                             and text[:start].rstrip().lower().endswith(("près", "proximité"))):
                start += len(words[0]) + 1
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            before, after = text[:start], text[end:]
            if normalise(name) in _NOT_PLACES or _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
                continue
            if _NOT_A_PLACE_BEFORE.search(before) or _ORGANISATION_AFTER.match(after) or _ORGANISATION_BEFORE.search(before):
                continue  # a river's valley, an operator, a newspaper, a police force: named like a place, not one here
            if _VENUE_BEFORE.search(before):
                continue  # the city of an event ("the opening ceremony in Paris"), not of an incident
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and not self._known(name, country):
                continue  # a person's or an organisation's name ("Laurent Gumbau"), not a place
            mention = self._mention(name, before, after, country, initial=not before.strip(" \"“«‘'"))
            if mention is None:
                continue
            mention.start, mention.end = start, end
            found.append(mention)
        return self._bind_areas(_districts(found, text), text, country)

    @staticmethod
    def names(text: str) -> list[tuple[str, int, int]]:
        """The capitalised names of a sentence that may be places, with their offsets (what a
        named-entity model would be asked for: benchmarks/nlp_libraries.py compares one)."""
        return [(m.group(0), m.start(), m.end()) for m in _NAME.finditer(text)]

    def _mention(self, name: str, before: str, after: str, country: str | None, *, initial: bool) -> Mention | None:
        """One name read as a place, with the evidence the issue asks for when the name opens
        the sentence (a capitalised common word: "Cars were set on fire", "Attaques contre...")."""
        facility = _FACILITY_AFTER.match(after) or _FACILITY_BEFORE.search(before)
        seat = _SEAT_BEFORE.search(before)
        place = f"{name} prison" if facility else name
        locative = bool(_LOCATIVE_BEFORE.search(before))
        listed = bool(_LIST_AFTER.match(after) or _LIST_BEFORE.search(before))
        mention = self._place(place, name, country)
        if mention is None and (locative or listed) and not initial and len(name) >= 5:
            mention = self._misspelt(name, country)
        if mention is None:
            return None
        if seat and mention.precision == "region" and mention.seat:
            found = self._place(mention.seat, mention.seat, country)
            if found:
                found.note = f"the prefecture of {name}"
                mention = found
        if initial and not (facility or seat or _BRACKET_AFTER.match(after) or _DATELINE_AFTER.match(after) or listed
                            or mention.population >= INITIAL_WORD_POPULATION or mention.precision == "region"):
            return None  # a sentence's first word: a place only with evidence
        if initial and mention.precision == "region" and not _BRACKET_AFTER.match(after):
            return None
        mention.locative = locative or initial and bool(_DATELINE_AFTER.match(after))
        mention.relative = _relation(before)
        return mention

    def _known(self, name: str, country: str | None) -> bool:
        return bool(self.gazetteer.candidates(name, country=country)) or bool(self.gazetteer.regions(name))

    def _place(self, place: str, name: str, country: str | None, region: str | None = None) -> Mention | None:
        if region:
            found = [c for c in self.gazetteer.candidates(place, region=region) if c.precision in ("town", "exact")]
            if not found:
                return None
        else:
            found = self.gazetteer.candidates(place, country=country) if country else []
        if not found:
            found = [c for c in self.gazetteer.candidates(place) if c.precision == "country" or c.population >= 100_000]
        if not found:
            return None
        best = found[0]
        if best.match == "fuzzy":
            return None
        seat = ""
        if best.precision == "region":
            seat = next((r.seat for r in self.gazetteer.regions(name) if r.seat), "")
        return Mention(name, place, best.precision, best.country, best.latitude, best.longitude, population=best.population or 0,
                       seat=seat)

    def _misspelt(self, name: str, country: str | None) -> Mention | None:
        """A name one letter away from a known town of the article's country, where the text
        says it is a place ("an attack in Verginy", "Paris, Lilles, Amiens"): the most populous
        such town, with a note saying how the article spells it."""
        spellings = getattr(self.gazetteer, "spellings", None)
        if spellings is None or not country:
            return None
        found = spellings(_edits(normalise(name)), country)
        if not found:
            return None
        mention = self._place(found, found, country)
        if mention is not None:
            mention.note = f"written '{name}' in the article; read as {found}"
        return mention

    def _bind_areas(self, mentions: list[Mention], text: str, country: str | None) -> list[Mention]:
        """A department or region right after a place ("Arras (Pas-de-Calais)", "Clamart, dans
        les Hauts-de-Seine", "À Vienne, en Isère") is that place's, and only its: the place is read
        again inside it (Vienne the town of the Isère, not the department of Vienne). One with no
        place before it ("Dans les Ardennes, ...") is the area of the towns after it that lie in
        it. An area bound to a place is not a place of its own."""
        bound = []
        for area in (m for m in mentions if m.precision == "region"):
            glued = [m for m in mentions if m.end <= area.start and m is not area and _GLUE.fullmatch(text[m.end:area.start])]
            if glued:
                targets = [glued[-1]]
                if glued[-1].relative:  # "Avermes près de Moulins dans l'Allier": Avermes too
                    targets += [m for m in mentions if m.end <= glued[-1].start and not m.relative][-1:]
            else:
                targets = [m for m in mentions if m.start > area.end and m.precision != "region"]
            for place in targets:
                if place.region:
                    continue
                again = self._place(place.place, place.text, country, region=area.text)
                if again is None:
                    # Named in an area it is not in (as far as the gazetteer knows): the row keeps
                    # the area, so that placing it says so instead of taking a namesake elsewhere.
                    if glued:
                        place.region = area.text
                        place.note = place.note or f"no {place.text} known in {area.text}: check the place"
                        bound.append(area)
                    continue
                place.latitude, place.longitude, place.country = again.latitude, again.longitude, again.country
                place.precision, place.population = again.precision, again.population
                place.region = area.text
                bound.append(area)
        return [m for m in mentions if m not in bound and not (m.precision == "region" and any(p.region == m.text for p in mentions))]

    def _article_country(self, parts: list[Sentence]) -> str | None:
        """The country most of the article's places lie in: names are read there first."""
        counts: dict[str, int] = {}
        for sentence in parts:
            for match in _NAME.finditer(sentence.text):
                name = normalise(match.group(0))
                if len(name) < 3:
                    continue  # "La", "De": codes of areas, not names
                found = {r.country for r in self.gazetteer.regions(match.group(0)) if normalise(r.name) == name}
                if match.start() > 0:  # big towns say it too
                    found |= {c.country for c in self.gazetteer.candidates(match.group(0))[:1]
                              if normalise(c.name) == name and c.population >= ARTICLE_TOWN_POPULATION}
                for country in found:
                    counts[country] = counts.get(country, 0) + 1
        return max(counts, key=counts.get) if counts else None

    # -- the table ----------------------------------------------------------------------------------

    @staticmethod
    def _reconcile(drafts: list[DraftIncident]) -> list[DraftIncident]:
        """Drop a weak guess (a place listed with others under several cues) when a sentence of
        the place's own gives it another category."""
        kept = []
        for draft in drafts:
            if not draft.strong and any(_same_place(o.mention, draft.mention) and o.strong and o.category != draft.category for o in drafts):
                continue
            kept.append(draft)
        return kept

    @staticmethod
    def _table(drafts: list[DraftIncident], window: Span, source: str) -> pd.DataFrame:
        rows = []
        for index, draft in enumerate(drafts, start=1):
            span = draft.day or window
            evidence = draft.sentences[0]
            notes = [f"also at characters {s.start}-{s.end}" for s in draft.sentences[1:]]
            if draft.day is None:
                notes.insert(0, "the article gives no day of its own: spans the period it covers")
            elif not draft.day.named:
                notes.insert(0, f"day read from '{draft.day.how}'")
            if not draft.strong:
                notes.insert(0, "category guessed: the sentence lists several places and kinds of attack")
            if draft.mention.note:
                notes.insert(0, draft.mention.note)
            midpoint = draft.mention.relative == "between"
            rows.append({
                "id": f"draft-{index}",
                "date": span.first.isoformat(),
                "date_end": span.last.isoformat() if span.last != span.first else "",
                "date_precision": span.precision(),
                "time": draft.time,
                "category": draft.category,
                "place": draft.mention.place,
                "region": draft.mention.region,
                "country": draft.mention.country,
                "latitude": round(draft.mention.latitude, 5) if midpoint else "",
                "longitude": round(draft.mention.longitude, 5) if midpoint else "",
                "location_precision": "region" if midpoint else "",
                "description": f"{draft.category.capitalize()} reported at {draft.mention.place} (drafted from the article; check the evidence).",
                "source": source,
                "source_url": "",
                "note": "; ".join(notes),
                "evidence": evidence.text,
                "evidence_start": evidence.start,
                "evidence_end": evidence.end,
            })
        return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS))


def _topic(cues_of: list[list[Cue]]) -> str | None:
    """The kind of act most of an article's specific cues name, when most of them agree."""
    counts: dict[str, int] = {}
    for cues in cues_of:
        for cue in cues:
            if not cue.generic and cue.category != "killing":
                counts[cue.category] = counts.get(cue.category, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return best if counts[best] >= TOPIC_SHARE * sum(counts.values()) else None


def _category(text: str, mention: Mention, cues: list[Cue], topic: str | None, mentions: list[Mention]) -> tuple[str, bool]:
    """The category of the clause about a place (its own cues first), and whether it is sure:
    one kind of act in the sentence, or one place, or a clause of its own with one kind of act."""
    clause = _clause(text, mention.start)
    own = [c for c in cues if clause[0] <= c.start < clause[1]]
    chosen = category_of(own) or category_of(cues)
    if chosen == "attack" and topic:
        chosen = topic
    kinds = {c.category for c in cues if not c.generic} or {c.category for c in cues}
    own_kinds = {c.category for c in own if not c.generic}
    alone = sum(clause[0] <= m.start < clause[1] for m in mentions) == 1
    strong = len(kinds) == 1 or len(mentions) == 1 or (len(own_kinds) == 1 and alone)
    return chosen, strong


def _clause(text: str, position: int) -> tuple[int, int]:
    """The bounds of the clause holding a position: sentences split at ';', ':' before a lower
    case, and at "while", "whereas", "tandis que", "alors que", ", and", ", et", "mais", "but"."""
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    for first, last in zip(cuts, cuts[1:]):
        if first <= position < last:
            return first, last
    return 0, len(text)


def _cause_span(text: str, mention: Mention, day: Span | None) -> Span | None:
    """A place in a clause that gives the cause of what the article reports ("en réaction à la
    mort de X, tué par un policier à Nanterre") is of an earlier event: up to a week before."""
    if day is None or not _CAUSE.search(text[:mention.start]):
        return None
    return Span(day.first - timedelta(days=CAUSE_DAYS), day.first - timedelta(days=1), "before the events reported")


def _merge(drafts: list[DraftIncident], draft: DraftIncident) -> None:
    """One row per place and incident: a draft at a place already drafted, on days that agree,
    adds its evidence there; a specific category replaces a generic one."""
    for other in drafts:
        if not (_same_place(other.mention, draft.mention) or _part_of(other, draft)):
            continue
        if other.day and draft.day and (other.day.last < draft.day.first or draft.day.last < other.day.first):
            if not (other.from_title or draft.from_title):
                continue
        if other.category != draft.category and draft.category not in GENERIC:
            if other.category in GENERIC or (draft.strong and not other.strong):
                other.category = draft.category  # the clause about the place says what it was
            elif draft.strong or not other.strong:
                continue  # two acts at one place: two rows
        if _part_of(other, draft) and draft.mention.within:
            other.mention = draft.mention  # the district the text names, not the city of the headline
        other.absorb(draft.sentences[0], draft.day, draft.time, draft.strong)
        if other.from_title and draft.day:
            other.day = draft.day
        other.from_title = other.from_title and draft.from_title
        return
    drafts.append(draft)


def _part_of(a: DraftIncident, b: DraftIncident) -> bool:
    return normalise(a.mention.text) == normalise(b.mention.within) or normalise(b.mention.text) == normalise(a.mention.within)


def _relation(before: str) -> str:
    """How a place's words place it: "near" (north of, près de, outside), "between" (entre X et
    Y), "route" (reliant X à Y), or "" when the place is where things happened."""
    if _BETWEEN_BEFORE.search(before):
        return "between"
    if _ROUTE_BEFORE.search(before):
        return "route"
    if NEAR_BEFORE.search(before):
        return "near"
    return ""


def _midpoint(a: Mention, b: Mention) -> Mention:
    middle = Mention(f"between {a.text} and {b.text}", f"between {a.text} and {b.text}", "region", a.country,
                     (a.latitude + b.latitude) / 2, (a.longitude + b.longitude) / 2, region=a.region or b.region)
    middle.relative = "between"
    middle.note = f"between {a.text} and {b.text}: placed at the midpoint"
    return middle


def _edits(word: str) -> list[str]:
    """Spellings one letter away: a letter dropped, added, changed, or two swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    found.discard(word)
    return sorted(found)


def read_time(text: str) -> str:
    """The time of day a sentence gives ("around 5.20am", "vers 4h30", "vers 23h"), as HH:MM."""
    for match in _TIME.finditer(text):
        hour, minute, half = int(match[1]), int(match[3] or 0), (match[4] or "").lower().replace(".", "")
        if not match[3] and not half and not match[2]:
            continue  # "at 5" is not a time
        if half == "pm" and hour < 12:
            hour += 12
        if half == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    return ""


def _same_place(a: Mention, b: Mention) -> bool:
    return normalise(a.text) == normalise(b.text) or (abs(a.latitude - b.latitude) < 0.05 and abs(a.longitude - b.longitude) < 0.05)


def _districts(mentions: list[Mention], text: str) -> list[Mention]:
    """"Mossley Hill, Liverpool": a place followed by a bigger town close by is a part of it;
    the town qualifies the place and is not a place of its own."""
    kept = list(mentions)
    for part, town in zip(mentions, mentions[1:]):
        if re.fullmatch(r"\s*,\s*", text[part.end:town.start]) and town.precision != "region" and town.population > part.population \
                and abs(part.latitude - town.latitude) < DISTRICT_DEGREES and abs(part.longitude - town.longitude) < DISTRICT_DEGREES * 1.5:
            part.within = town.text
            part.note = part.note or f"{part.text}, a part of {town.text}"
            if town in kept:
                kept.remove(town)
    return kept


def extract_incidents(path: str | Path, published: str | date, *, gazetteer, source: str = "") -> pd.DataFrame:
    """Draft the incident table of an article file (plain text or HTML), naming places with the
    gazetteer given (mapgen.pipeline.draft_incidents hands in the offline one)."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise ConfigurationError(f"--published {published!r} is not a date; write it as YYYY-MM-DD.") from None
    return Extractor(gazetteer).extract(article_text(path), published, source=source or Path(path).name)
