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

import pandas as pd

from ..errors import ConfigurationError, InputError
from ..util.text import normalise

# The lexicon: cue patterns (regular expressions, case ignored) for each category.
LEXICON = {
    "arson": [
        r"set (?:on )?fire", r"set alight", r"torched", r"\bburn(?:ed|t|ing)\b", r"fires? broke out", r"\barson\b",
        r"ignition points?", r"\bblaze\b", r"firebomb", r"incendi(?:e|é|ée|ées|és|aire)s?\b", r"mis le feu", r"brûlée?s?\b",
        r"\bincendiés?\b", r"départ de feu", r"\bflammes\b",
    ],
    "shooting": [
        r"\bshots?\b", r"gunfire", r"kalashnikov", r"\bshooting", r"\bgunmen\b", r"fired (?:at|on)", r"\btirs?\b",
        r"coups de feu", r"rafales?", r"\bballes\b",
    ],
    "vandalism": [r"graffiti", r"spray-painted", r"\btagged\b", r"\btags?\b", r"vandali[sz]ed", r"dégradations?", r"saccag"],
    "threat": [r"\bthreats?\b(?! against)", r"\bmenaces?\b", r"threatened"],
}
CUES = {category: re.compile("|".join(patterns), re.IGNORECASE) for category, patterns in LEXICON.items()}

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
_WEEKDAY = "|".join(WEEKDAYS)
_NIGHT_SPAN = re.compile(rf"(?:night of|nuit de|nuit du) ({_WEEKDAY}) (?:to|into|à|au) ({_WEEKDAY})", re.IGNORECASE)
_SINCE = re.compile(rf"\b(?:since|depuis) ({_WEEKDAY})\b", re.IGNORECASE)
_THIS_WEEK = re.compile(r"\b(?:this week|cette semaine)\b", re.IGNORECASE)
_DAY_WORD = re.compile(rf"\b({_WEEKDAY}|yesterday|today|hier|aujourd'hui)\b", re.IGNORECASE)
# A weekday after a speech verb dates the statement ("told Europe 1 radio on Wednesday"), not the incident.
_SPEECH = re.compile(rf"\b(?:told|said|says|announced|declared|a déclaré|a indiqué|a annoncé|selon)\b[^.]{{0,60}}?\b({_WEEKDAY})\b", re.IGNORECASE)
_TIME = re.compile(r"\b(?:around|about|at|vers|à|aux alentours de)\s+(\d{1,2})(?:[.:h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\W)", re.IGNORECASE)

# Capitalised names, joined by hyphens or the little words of French place names.
_NAME = re.compile(
    r"(?:[A-ZÀ-ÝŒ][\w’'\-]*[\w])(?:(?:\s+|-)(?:(?:de|du|des|la|le|les|sur|en|lès|et|d’|d'|l’|l')\s*)?[A-ZÀ-ÝŒ][\w’'\-]*[\w])*"
)
_FACILITY_AFTER = re.compile(r"^\s+(prison|jail|detention centre|remand prison)\b", re.IGNORECASE)
_FACILITY_BEFORE = re.compile(r"(?:prison|maison d['’]arrêt|centre pénitentiaire|centre de détention)\s+(?:de|d['’])\s*$", re.IGNORECASE)
_LEADING_WORDS = {"the", "in", "on", "at", "from", "a", "an", "one", "two", "three", "some", "while", "after", "dans", "en", "à",
                  "au", "aux", "depuis", "selon", "un", "une", "des", "ce", "cette", "facilities", "outside", "near"}
_NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "lundi",
               "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "telegram", "europe", "justice", "minister",
               "president", "police", "state", "prison", "prisons", "french", "afp", "reuters", "ap"}
_PERSON_BEFORE = re.compile(r"(?:minister|prosecutor|president|spokesman|spokeswoman|mayor|director|ministre|procureur|maire|"
                            r"m\.|mme|mr\.?|mrs\.?|ms\.?)\s*$", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^\s*(?:,\s*)?(?:said|told|says|added|a déclaré|a indiqué)\b", re.IGNORECASE)
_NOT_A_PLACE_BEFORE = re.compile(
    r"(?:vallée|valley|river|fleuve|rivière|massif|lac|lake|opérateur|operator|company|firm|group|société|groupe|"
    r"newspaper|journal|radio|station|channel|chaîne)\s+(?:du |de la |de l['’]|des |d['’]|of the |of )?$", re.IGNORECASE)
# A sentence ends at . ! or ? (and a closing quote) before a space and a capital, or at a line end;
# "5.20am" and "No. 3" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?(?=\s+[A-ZÀ-Ý“\"‘«])|\n")

DRAFT_COLUMNS = ("id", "date", "date_end", "date_precision", "time", "category", "place", "region", "country",
                 "description", "source", "source_url", "note", "evidence", "evidence_start", "evidence_end")


@dataclass
class Sentence:
    text: str
    start: int
    end: int


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


@dataclass
class DraftIncident:
    """One drafted row and the sentences that support it."""

    category: str
    mention: Mention
    sentences: list[Sentence]
    day: tuple[date, date] | None = None
    time: str = ""
    strong: bool = True

    def absorb(self, sentence: Sentence, day: tuple[date, date] | None, time_of_day: str, strong: bool = False) -> None:
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
            found.append(Sentence(chunk.strip(), offset, offset + len(chunk.strip())))
        start = end
    return found


class Extractor:
    """Finds incidents in an article's text; see the module's description for how."""

    def __init__(self, gazetteer):
        # The offline gazetteer (mapgen.place), handed in by the pipeline so that reading does
        # not reach forward into placing: anything with candidates() and regions() serves.
        self.gazetteer = gazetteer

    def extract(self, text: str, published: date, *, source: str = "") -> pd.DataFrame:
        """The draft table: one row per incident, with its evidence."""
        parts = sentences(text)
        window = self._window(text, published)
        country = self._article_country(parts)
        drafts: list[DraftIncident] = []
        for sentence in parts:
            categories = self._categories(sentence.text)
            if not categories:
                continue
            mentions = self._mentions(sentence.text, country)
            mentions = [m for m in mentions if m.precision != "country"]  # a nation stands for context here
            day = self._day(sentence.text, published)
            time_of_day = self._time(sentence.text)
            if not mentions:
                if drafts:
                    drafts[-1].absorb(sentence, day, time_of_day)
                continue
            strong = len(categories) == 1 or len(mentions) == 1
            category = categories[0]  # the first cue: "vehicles burned and gunfire" reads as arson first
            for mention in mentions:
                existing = next((d for d in drafts if _same_place(d.mention, mention) and d.category == category), None)
                if existing:
                    existing.absorb(sentence, day, time_of_day, strong)
                    continue
                drafts.append(DraftIncident(category, mention, [sentence], day, time_of_day if len(mentions) == 1 else "", strong))
        drafts = self._reconcile(drafts)
        return self._table(drafts, window, source)

    # -- reading sentences ------------------------------------------------------------------------

    @staticmethod
    def _categories(text: str) -> list[str]:
        found = [(match.start(), category) for category, cue in CUES.items() for match in [cue.search(text)] if match]
        return [category for _, category in sorted(found)]

    def _mentions(self, text: str, country: str | None) -> list[Mention]:
        names: list[tuple[str, str]] = []  # (name as written, place text to look up)
        for match in _NAME.finditer(text):
            name, start, end = match.group(0), match.start(), match.end()
            words = name.split()
            while words and words[0].lower() in _LEADING_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            before, after = text[:start], text[end:]
            if normalise(name) in _NOT_PLACES or _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
                continue
            if _NOT_A_PLACE_BEFORE.search(before):
                continue  # a river's valley, an operator, a newspaper: named like a place, but not one here
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and not self._known(name, country):
                continue  # a person's or an organisation's name ("Laurent Gumbau"), not a place
            facility = _FACILITY_AFTER.match(after) or _FACILITY_BEFORE.search(before)
            names.append((name, f"{name} prison" if facility else name))
        # Departments and regions named in the sentence narrow its towns ("Vienne, en Isère").
        areas = [name for name, place in names if name == place and any(r.kind in ("department", "region") for r in self.gazetteer.regions(name))]
        mentions = []
        for name, place in names:
            mention = None
            for area in areas:
                if area != name:
                    mention = self._place(place, name, country, region=area)
                    if mention:
                        mention.region = area
                        break
            mention = mention or self._place(place, name, country)
            if mention:
                mentions.append(mention)
        return self._attach_regions(mentions)

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
        return Mention(name, place, best.precision, best.country, best.latitude, best.longitude)

    @staticmethod
    def _attach_regions(mentions: list[Mention]) -> list[Mention]:
        """A department or region named beside a town in the same sentence is the town's region."""
        towns = [m for m in mentions if m.precision in ("town", "exact")]
        kept = []
        for mention in mentions:
            if mention.precision == "region" and towns:
                for town in towns:
                    if not town.region:
                        town.region = mention.text
                continue
            kept.append(mention)
        return kept

    def _article_country(self, parts: list[Sentence]) -> str | None:
        """The country most of the article's places lie in: names are read there first."""
        counts: dict[str, int] = {}
        for sentence in parts:
            for match in _NAME.finditer(sentence.text):
                for region in self.gazetteer.regions(match.group(0)):
                    counts[region.country] = counts.get(region.country, 0) + 1
        return max(counts, key=counts.get) if counts else None

    # -- dates ----------------------------------------------------------------------------------------

    @staticmethod
    def _weekday_before(published: date, weekday: int) -> date:
        return published - timedelta(days=(published.weekday() - weekday) % 7)

    def _day(self, text: str, published: date) -> tuple[date, date] | None:
        night = _NIGHT_SPAN.search(text)
        if night:
            first = self._weekday_before(published, WEEKDAYS[night[1].lower()])
            return first, first + timedelta(days=1)
        spoken = {match.start(1) for match in _SPEECH.finditer(text)}
        for match in _DAY_WORD.finditer(text):
            if match.start() in spoken or re.search(r"(?:since|depuis)\s+$", text[:match.start()], re.IGNORECASE):
                continue  # a statement's day, or where the period starts ("since Sunday"): not the incident's
            word = match[1].lower()
            if word in ("yesterday", "hier"):
                day = published - timedelta(days=1)
            elif word in ("today", "aujourd'hui"):
                day = published
            else:
                day = self._weekday_before(published, WEEKDAYS[word])
            if re.match(r"\s+(?:night|nuit)", text[match.end():], re.IGNORECASE):
                return day, day + timedelta(days=1)
            return day, day
        return None

    def _window(self, text: str, published: date) -> tuple[date, date]:
        since = _SINCE.search(text)
        if since:
            return self._weekday_before(published, WEEKDAYS[since[1].lower()]), published
        if _THIS_WEEK.search(text):
            return published - timedelta(days=published.weekday()), published
        return published, published

    @staticmethod
    def _time(text: str) -> str:
        for match in _TIME.finditer(text):
            hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower().replace(".", "")
            if not match[2] and not half:
                continue  # "at 5" is not a time
            if half == "pm" and hour < 12:
                hour += 12
            if half == "am" and hour == 12:
                hour = 0
            if hour < 24 and minute < 60:
                return f"{hour:02d}:{minute:02d}"
        return ""

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
    def _table(drafts: list[DraftIncident], window: tuple[date, date], source: str) -> pd.DataFrame:
        rows = []
        for index, draft in enumerate(drafts, start=1):
            first, last = draft.day or window
            evidence = draft.sentences[0]
            notes = [f"also at characters {s.start}-{s.end}" for s in draft.sentences[1:]]
            if draft.day is None:
                notes.insert(0, "the article gives no day of its own: spans the period it covers")
            if not draft.strong:
                notes.insert(0, "category guessed: the sentence lists several places and kinds of attack")
            rows.append({
                "id": f"draft-{index}",
                "date": first.isoformat(),
                "date_end": last.isoformat() if last != first else "",
                "date_precision": "day",
                "time": draft.time,
                "category": draft.category,
                "place": draft.mention.place,
                "region": draft.mention.region,
                "country": draft.mention.country,
                "description": f"{draft.category.capitalize()} reported at {draft.mention.place} (drafted from the article; check the evidence).",
                "source": source,
                "source_url": "",
                "note": "; ".join(notes),
                "evidence": evidence.text,
                "evidence_start": evidence.start,
                "evidence_end": evidence.end,
            })
        return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS))


def _same_place(a: Mention, b: Mention) -> bool:
    return normalise(a.text) == normalise(b.text) or (abs(a.latitude - b.latitude) < 0.05 and abs(a.longitude - b.longitude) < 0.05)


def extract_incidents(path: str | Path, published: str | date, *, gazetteer, source: str = "") -> pd.DataFrame:
    """Draft the incident table of an article file (plain text or HTML), naming places with the
    gazetteer given (mapgen.pipeline.draft_incidents hands in the offline one)."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise ConfigurationError(f"--published {published!r} is not a date; write it as YYYY-MM-DD.") from None
    return Extractor(gazetteer).extract(article_text(path), published, source=source or Path(path).name)
