"""Drafting an incident table from a news article, with the evidence for every row.

A person still reviews the draft: each row names the sentence it came from and where that
sentence sits in the article (character offsets into the article's text), so a reviewer can check
it in seconds instead of typing the table.

How it reads an article:

1. The text is split into sentences, each with its offsets and the role of its line
   (article_layout): the body, the headline, a summary line (standfirst, bullet, crosshead), a
   caption, the page's own notes. A dateline opening the story is set aside: it says where the
   story was written, not where anything happened. An article in a language the reader does not
   read is refused, naming the ones it reads.
2. A sentence reports an incident when it holds a cue from the lexicon (English and French):
   "set on fire", "incendie" are arson; "shots", "tirs" a shooting; "explosion", "bomb" an
   explosion; "rioters", "heurts" a riot; and so on.
3. Places are read by article_places: names the gazetteer knows, used as places by the sentence,
   read in the country and the areas the article names; streets and districts with their town.
4. One row per place and incident: a place takes the category and the days of its own clause
   ("in Bolton, following scenes yesterday": the protests are today, the scenes were yesterday).
   A sentence that names no place adds its evidence to the incident before it (or, at the start of
   a section, to the place its heading names). Rows of one place on days that agree are one
   incident: "near X" and X, a town and the district the text puts in it, kindred acts of one
   riot (the fires and the looting of a night of rioting). Acts told at one place on days apart
   ("déjà victime en novembre dernier", "la détonation ... au mois de juin, ou encore la
   fusillade ... en décembre dernier") are a row each, and so is a wave that has lasted weeks
   beside one night of it.
5. The headline, summary lines and captions add their evidence to the body's rows and never make
   rows of their own, but for a summary line naming a place the body never names.
6. Dates come from article_dates, against the publication day; a row whose clause and sentence
   give none takes the day of the section it is in, or the day another sentence gives its place;
   with none at all it spans the publication day and the day before, and its note says so.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import ConfigurationError, InputError
from ..util.text import normalise
from .article_dates import (
    LASTING,
    THAT_LONG_BEFORE,
    DayPhrase,
    Span,
    before_the_arrest,
    day_phrases,
    earlier_times,
    period_since,
    read_days,
    statement_day,
)
from .article_layout import CROSSHEAD, HEADLINE, PAGE, SUMMARY, Dateline, Sentence, check_language, dateline, sentences
from .article_places import AREA_IN_BRACKETS, Mention, PlaceReader, Street, distinct_streets, in_town, names, same_place
from .lexicon import ECHO, GENERIC, KINDRED, UNDER_RIOT, Cue, against_infrastructure, category_of, find_cues, first_act, most_telling

TOPIC_SHARE = 0.6  # an article's specific cues name one act at least this often: its topic
CAUSE_DAYS = 7
NO_DAY_SPAN = 1  # a row the article gives no day: the publication day and this many days before
_TIME = re.compile(r"\b(?:around|about|at|after|before|vers|à|dès|aux alentours de|peu après)\s+(\d{1,2})(?:([.:h])(\d{2})?)?\s*"
                   r"(am|pm|a\.m\.|p\.m\.|heures)?(?=\W|$)", re.IGNORECASE)
# Words that open a clause about another, earlier event: its days are its own ("following shocking
# scenes yesterday", "just a day after violence had erupted in Belfast", ", déjà victime en novembre").
_EARLIER = (r"following|in the wake of|suite à|à la suite de|en réaction à|in response to|follows|followed(?! by)|fait suite à|"
            r"(?:just\s+)?(?:a|one|two|three|\d+)\s+(?:day|days|week|weeks|night|nights)\s+(?:after|before)|déjà|already")
_CLAUSE_BREAK = re.compile(r";|:\s+(?=[a-zà-ÿ])|\b(?:while|whereas|tandis qu['’]?e?|alors qu['’]?e?|mais|but)\b|,\s+(?:and|et)\b|"
                           rf",?\s+(?=(?:{_EARLIER})\b)")
_CAUSE_CLAUSE = re.compile(rf"^\W*(?:{_EARLIER})\b", re.IGNORECASE)
_CAUSE = re.compile(r"\b(?:en réaction à|en réponse à|suite à|à la suite de|après la mort|in reaction to|in response to|after the death|"
                    r"following the death|follows|followed(?! by))\b[^.;]*$", re.IGNORECASE)
# The words that open a cause told after a place: its acts are the cause's, not the place's.
_CAUSE_AFTER = re.compile(r"\b(?:after|following|in reaction to|in response to|après|suite à|à la suite d[eu']|en réaction à)\s+(?:the|la|le|l['’])\s*",
                          re.IGNORECASE)
EVENT_REACH = 3  # a day phrase this close before a cue dates that very act ("Monday night's violence", "an April 10 fire")
# A day phrase one word after an act told after the place dates that act ("calme à Bignona, ce
# vendredi, après les tensions enregistrées, hier", "calm in Leeds on Saturday, after the clashes reported yesterday")
_ACT_THEN_DAY = re.compile(r"^\s*(?:[\w'’-]+,?\s+)?$")
AFTER_REACH = 40  # a day phrase further after a place than this is another's (the place before one is its own)
ATTACHED_REACH = 25  # a day phrase this close after a place, with no comma between, is that place's ("Estrablin le 13 avril")
# What joins two places of one list, each with its own count or preposition ("Nîmes, Arles et à
# Alès", "four in Washington and two in Oregon"): the day phrase before the list is theirs alike.
_SHARED_LIST_GLUE = re.compile(rf"{AREA_IN_BRACKETS}\s*(?:,|,?\s+(?:and|et|or|ou))\s+"
                               r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|"
                               r"trois|quatre|cinq|six|sept|huit|neuf|dix)\s+)?(?:(?:in|at|à|en|au|aux|dans)\s+)?(?:the\s+|la\s+|le\s+|l['’])?")
# "the Dronten incident", "the Tarascon fire": a place named before the noun of an incident already told
_EVENT_AFTER = re.compile(r"^\s+(?:incident|fire|blaze|attack|shooting|explosion|riot|bombing)s?\b", re.IGNORECASE)
# "une maison y avait été ciblée", "a mast fire there"; not "il y a deux ans", "il n'y avait pas", "there were"
_THERE = re.compile(r"\b(?:there\b(?!\s+(?:is|are|was|were|have|has|had|will|would|may|might)\b)|(?<!\bil )(?<!n['’])y (?:a|avait|ont|avaient|est|sont|été)\b)",
                    re.IGNORECASE)
# A clause right after a place that tells an earlier act there ("la mosquée de Cherbourg, déjà
# victime en novembre de tags", "the depot in Leeds, which had already been set on fire in May").
_ALREADY_AFTER = re.compile(r"^\s*,?\s*(?:(?:qui|which|that)\s+)?(?:(?:a|avait|avaient|ont|had|has|have|was|were)\s+)?(?:been\s+|été\s+)?"
                            r"(?:déjà|already)\b", re.IGNORECASE)
# "near the city", "dans la ville": a clause naming no place but the town its sentence is about
_THE_TOWN = re.compile(r"\b(?:(?P<near>near|outside|près de|aux abords de)\s+)?(?:the (?:city|town)|la ville)\b", re.IGNORECASE)
_DISTRICT_WORDS = re.compile(r"(?:arrondissement|quartier|secteur|district)\b", re.IGNORECASE)  # a part of a town, not a street
_SIMILAR = re.compile(r"similar|semblable|similaire", re.IGNORECASE)  # an echo that tells another incident, not the same one again
_RIGHT_AT = re.compile(r"\s+(?:à|in|at|en|dans)\s+(?:la\s+|le\s+|l['’]|the\s+)?", re.IGNORECASE)  # "ces tags à Rouen"
_DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:ces|cette|cet|ce|these|those|this)\s+$", re.IGNORECASE)  # "ces tags": acts told before
# "Officers were called to the mosque", "les pompiers ont été appelés sur le site": help sent to a place
# the article has named with that noun before ("a mosque in Peacehaven", within CALLED_NOUN_REACH characters).
_CALLED_OUT = re.compile(r"\b(?:were|was|been|got) (?:called|alerted|dispatched|sent) (?:out )?(?:to|at) (?:the|a|an) (?P<noun>\w+)|"
                         r"\b(?:ont|a|avaient|avait) été (?:appelée?s?|alertée?s?|dépêchée?s?) (?:à|au|sur|vers|dans) (?:la |le |l['’])?(?P<nom>\w+)",
                         re.IGNORECASE)
CALLED_NOUN_REACH = 40
LOOSER_DAYS = 2  # a town's row spanning more days than this (and twice the area's) sums up a period
FOLLOW_UP_SENTENCES = 2  # a sentence naming places this soon after a cue sentence that named none takes its cue
# Words by which such a sentence points back to the incidents just told ("La première s'est produite
# dans le district de Deurne", "the four facilities, located in Spanaway, Graham...").
_REFERS_BACK = re.compile(r"\b(?:la première|le premier|les premiers faits|les premières|les premiers|"
                          r"l['’]autre|la seconde|la deuxième|le second|the first|the second|the other|both|"
                          r"located|situé(?:e|s|es)?|the incidents|les incidents|ces (?:faits|attaques|incendies|explosions)|these|"
                          r"the (?:two|three|four|five|six) |les (?:deux|trois|quatre|cinq|six) |notamment|including|the incidents?|l['’]incident)\b",
                          re.IGNORECASE)

DRAFT_COLUMNS = ("id", "date", "date_end", "date_precision", "time", "category", "place", "region", "country",
                 "latitude", "longitude", "location_precision", "description", "source", "source_url", "note", "evidence", "evidence_start", "evidence_end")


@dataclass
class DraftIncident:
    """One drafted row and the sentences that support it."""

    category: str
    mention: Mention
    sentences: list[Sentence]
    day: Span | None = None
    time: str = ""
    strong: bool = True  # the category is sure (see _category)
    weak: bool = False  # the category comes from words of damage or of people only ("dégradations", "protesters")
    outright: bool = False  # a riot a word names outright, not a guess from "violence"
    role: str = "body"  # the role of the line it was read from
    again: bool = False  # told as "a similar event": another incident of the kind just told, none drafted before

    def retell(self, cues: list[Cue]) -> None:
        """What a sentence about the same incident that names no place says of it: "des
        échauffourées" after "une manifestation à Bignona" make the protest a riot, and "rioters also set
        scooters on fire" the car set on fire; a specific act stays what it is when the retelling
        names a riot and nothing of the act ("Des scènes d'émeutes")."""
        category = category_of(cues)
        if category is None or category == ECHO:
            return
        told = DraftIncident(category, self.mention, [], outright=any(c.strong for c in cues) and category == "riot", strong=False)
        acts = {c.category for c in cues if not c.generic and c.category != "riot"}
        if category == "riot" and told.outright and (self.category in ("protest", "blockade") or self.category in acts) \
                or self.category in GENERIC:
            self.category = _merged_category(self, told) or self.category
            self.outright = self.outright or told.outright
            self.weak = self.weak and all(c.generic for c in cues)

    def absorb(self, sentence: Sentence, day: Span | None, time_of_day: str, strong: bool = False) -> None:
        """Take another sentence about the same incident as evidence, and what it adds."""
        if sentence not in self.sentences:
            self.sentences.append(sentence)
        self.time = self.time or time_of_day
        if self.day is None or _names_a_day_within(day, self.day):
            self.day = day  # "this week", then "the June 3 vandalism": the day itself
        self.strong = self.strong or strong


def _names_a_day_within(day: Span | None, loose: Span) -> bool:
    """Whether a day is named ("June 3") inside a span that only an unnamed phrase gave ("this week")."""
    return day is not None and day.named and not loose.named and loose.first <= day.first and day.last <= loose.last


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
    check_language(text, path)
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


class Draft(NamedTuple):
    """An article's draft table, and where each of its rows' places lies (latitude, longitude)."""

    table: pd.DataFrame
    points: list[tuple[float, float]]


@dataclass
class _Section:
    """What the part of an article under one heading speaks of: the place its heading names, the
    day it gives, and how many rows it has given so far."""

    place: Mention | None = None
    day: Span | None = None
    rows: int = 0
    crosshead: bool = False


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
        reading = _Reading(self.gazetteer, text, published)
        drafts = reading.run()
        window = period_since(text, published) or Span(published - timedelta(days=NO_DAY_SPAN), published, "publication day")
        return Draft(_table(drafts, window, source), [(d.mention.latitude, d.mention.longitude) for d in drafts])

    @staticmethod
    def names(text: str) -> list[tuple[str, int, int]]:
        """The capitalised names of a sentence that may be places (see article_places.names)."""
        return names(text)


class _Reading:
    """One pass over one article: its sentences in order, the days and places they speak of."""

    def __init__(self, gazetteer, text: str, published: date):
        self.published = published
        self.parts = sentences(text)
        self.datelines: dict[int, Dateline] = {}
        for index, sentence in enumerate(self.parts[:6]):
            found = dateline(sentence) if sentence.start == 0 or text[sentence.start - 1] == "\n" else None
            if found:
                self.datelines[index] = found
        self.places = PlaceReader(gazetteer)
        self.places.prepare(self.parts, self.datelines)
        self.gazetteer = gazetteer
        self.cues = [find_cues(self._text(index)) for index in range(len(self.parts))]
        self.topic = _topic(self.cues)
        self.drafts: list[DraftIncident] = []  # rows of the body
        self.titles: list[DraftIncident] = []  # rows read from headlines, summaries and captions
        self.single = False  # the last sentence that named places named one
        self.told_days: dict[int, list[Span | None]] = {}  # the days each sentence gave the rows it told, before merging
        self.named_towns: list[Mention] = []  # the towns the body's rows were told at by their own names, in order

    def _text(self, index: int) -> str:
        """A sentence's text with its dateline blanked out (offsets kept)."""
        text = self.parts[index].text
        found = self.datelines.get(index)
        return " " * found.end + text[found.end:] if found else text

    def run(self) -> list[DraftIncident]:
        context: Span | None = None  # the days the paragraph was last speaking of
        last: Span | None = None  # the days the article was last speaking of, for "la veille"
        pending: list[tuple[Sentence, Span | None, str]] = []  # cue sentences that named no place yet
        vague: tuple[int, list[Cue], DraftIncident | None] | None = None  # the last cue sentence that named no town
        section, paragraph, spoken = _Section(), -1, None
        for index, sentence in enumerate(self.parts):
            if sentence.role == PAGE:
                continue
            text = self._text(index)
            if sentence.paragraph != paragraph:  # the days a paragraph speaks of end with it
                paragraph, context, spoken = sentence.paragraph, None, None
            spoken = statement_day(text, self.published) or spoken
            said_before = context  # the days the paragraph spoke of before this sentence
            earlier = context or last or section.day
            reference = earlier.first if earlier else None
            phrases = day_phrases(text, self.published, reference, spoken)
            span = min(phrases, key=lambda phrase: (phrase.rank, phrase.start)).span if phrases else None
            context = span or period_since(text, self.published) or context
            last = context or last
            if sentence.role in (CROSSHEAD, HEADLINE):
                section = self._section(sentence, text, index, span, section)
            elif section.crosshead and section.day is None and span is not None and not sentence.title:
                section.day = span  # the day a section under a crosshead speaks of holds for its paragraphs
            cues = self.cues[index]
            if not cues and span is not None and not sentence.title and self._called_out(sentence, text, span):
                continue
            if not cues:
                if vague is not None and index - vague[0] <= FOLLOW_UP_SENTENCES and not sentence.title and _REFERS_BACK.search(text):
                    cues = [Cue(0, 0, c.category, c.strong, c.weak) for c in vague[1]]
                    if self._follow_up(sentence, text, index, cues, span or earlier, phrases, vague[2]):
                        vague, pending = None, []
                continue
            time_of_day = read_time(text)
            places = self._resolve(self.places.incident_places(text, any(not c.generic for c in cues), index), section)
            if places and all(m.relative == "across" for m in places):
                continue  # "Violence has erupted across London": a summary of the places told elsewhere
            if not places:
                self._placeless(sentence, span, time_of_day, pending, section)
                vague = (index, cues, None) if any(not c.generic for c in cues) else None
                continue
            day = said_before or section.day  # for a place whose sentence gives no day of its own
            for mention in places:
                self._draft(index, mention, places, cues, day, time_of_day if len(places) == 1 else "", phrases,
                            told=self._pointed_back(text, mention, cues, pending))
                for earlier_sentence, earlier_span, earlier_time in pending:
                    latest = self._latest(sentence)
                    if earlier_span and latest.day and (earlier_span.last < latest.day.first or latest.day.last < earlier_span.first):
                        continue  # another incident, on other days ("en mai dernier" after "entre le 29 décembre et début janvier")
                    latest.absorb(earlier_sentence, earlier_span, earlier_time)
                    latest.retell(self.cues[self.parts.index(earlier_sentence)])
            # "Après une première nuit d'émeutes dimanche soir, la situation s'est dégradée lundi soir": the
            # paragraph goes on speaking of the days of the incident it told, not of the first day it named.
            told = {(d.first, d.last): d for d in self.told_days.get(index, []) if d is not None}
            if span is not None and len(told) == 1 and (span.first, span.last) not in told and not sentence.title:
                context = last = next(iter(told.values()))
            vague = (index, cues, self._latest(sentence)) if all(m.relative or m.precision == "region" for m in places) else None
            self.single = len(places) == 1
            if not sentence.title:
                section.rows += 1
            pending = [p for p in pending if not any(p[0] in d.sentences for d in self.drafts + self.titles)]
        self._date_the_dayless()
        drafts = _without_summaries(_reconcile(self.drafts), self.gazetteer)
        return drafts + self._summary_rows(drafts)

    def _pointed_back(self, text: str, mention: Mention, cues: list[Cue], pending: list) -> Span | None:
        """The days of a cue sentence still waiting for its place that the words right before a
        place point back to ("ces tags à Rouen", "this graffiti in Leeds", after a sentence telling
        the tags, and when, but not where): that sentence's incident is the one at this place."""
        told = {c.category for c in cues if _DEMONSTRATIVE_BEFORE.search(text[:c.start]) and _RIGHT_AT.fullmatch(text[c.end:mention.start])}
        return next((span for sentence, span, _ in pending
                     if span is not None and told & {c.category for c in self.cues[self.parts.index(sentence)]}), None)

    def _follow_up(self, sentence: Sentence, text: str, index: int, cues: list[Cue], day: Span | None, phrases: list[DayPhrase],
                   vague: DraftIncident | None) -> bool:
        """A sentence with no cue of its own that names the towns of the cue sentence before it
        ("Deux explosions... La première s'est produite dans le district de Deurne", "Substations in
        and around Tacoma were vandalized... located in Spanaway, Graham, South Hill and Kapowsin"):
        its towns take that sentence's cue, and a vague row it gave ("near Tacoma") gives way."""
        places = [m for m in self._resolve(self.places.incident_places(text, True, index), _Section())
                  if m.precision == "town" and not m.relative and (m.locative or m.listed)]
        if not places:
            return False
        if vague is not None and vague in self.drafts:
            self.drafts.remove(vague)
        for mention in places:
            self._draft(index, mention, places, cues, day, "", phrases)
        return True

    def _called_out(self, sentence: Sentence, text: str, span: Span) -> bool:
        """A sentence with no cue that tells when help was called to the place of a row still
        without a day ("Officers were called to the mosque late on Saturday", after "an arson
        attack at a mosque in Peacehaven"): its day is that row's."""
        called = _CALLED_OUT.search(text)
        if called is None:
            return False
        noun = (called["noun"] or called["nom"]).lower()
        for draft in reversed(self.drafts):
            if draft.day is not None:
                continue
            for told in draft.sentences:
                lower = told.text.lower()
                at = lower.find(noun)
                if at >= 0 and draft.mention.text.lower() in lower[at:at + len(noun) + CALLED_NOUN_REACH]:
                    draft.absorb(sentence, span, read_time(text))
                    return True
        return False

    # -- sections, places, rows ---------------------------------------------------------------------

    def _section(self, sentence: Sentence, text: str, index: int, span: Span | None, section: _Section) -> _Section:
        """A heading opens a section: the place it names and its day hold for the body under it."""
        places = [m for m in self.places.mentions(text, index) if isinstance(m, Mention) and m.precision == "town"]
        if sentence.role == HEADLINE or places or span:
            return _Section(places[0] if places else None, span, crosshead=sentence.role == CROSSHEAD)
        return section

    def _resolve(self, places: list, section: _Section) -> list[Mention]:
        """Streets waiting for their town get the one the sentence names, else the section's, else
        the town of the row before them."""
        towns = [m for m in places if isinstance(m, Mention) and m.precision == "town"]
        resolved = []
        for place in places:
            if isinstance(place, Mention):
                resolved.append(place)
                continue
            town = towns[0] if len(towns) == 1 else section.place or self._town_before(place)
            if town is not None and town.precision == "town":
                resolved.append(in_town(place, town, self.gazetteer))
                if town in resolved:
                    resolved.remove(town)
        return resolved

    def _town_before(self, street: Street) -> Mention | None:
        """The town of the row before, for a street its sentence names with no town; for a
        district ("l'arrondissement de Lachine"), the last town the article named itself: a
        district is no part of the district the row before was in."""
        if not self.drafts:
            return None
        if _DISTRICT_WORDS.match(street.text):  # the town itself, though its row may have taken a district's name since
            return self.named_towns[-1] if self.named_towns else None
        return self.drafts[-1].mention

    def _placeless(self, sentence: Sentence, span: Span | None, time_of_day: str, pending: list, section: _Section) -> None:
        """A cue sentence that names no place: its incident is the one before it, or at the start
        of a section the place its heading names, or the next one that names a place."""
        if sentence.title:
            return
        there_day = span or before_the_arrest(sentence.text, self.published)  # "arrested on Thursday over a mast fire there"
        there = self._there(sentence, there_day)
        if there is not None:  # "La nuit précédente, une maison y avait été ciblée par des tirs": another incident there
            cues = self.cues[self.parts.index(sentence)]
            self._add(DraftIncident(self._topical(category_of(cues) or "attack"), there, [sentence], there_day, time_of_day))
            return
        elsewhere = self._elsewhere_in_the_town(sentence, span, time_of_day) or self._earlier_at_the_dateline(sentence, span, time_of_day)
        if elsewhere is not None:
            self.drafts.append(elsewhere)
            return
        if section.place is not None and section.rows == 0:
            category, outright = category_of(self.cues[self.parts.index(sentence)]) or "attack", False
            self._add(DraftIncident(self._topical(category), section.place, [sentence], span or section.day, time_of_day,
                                    outright=outright))
            section.rows += 1
        elif self.drafts:
            self.drafts[-1].absorb(sentence, span, time_of_day)
            if self.single and self.drafts[-1].sentences[0].paragraph == sentence.paragraph:
                self.drafts[-1].retell(self.cues[self.parts.index(sentence)])  # it retells the one incident told just before
        else:
            pending.append((sentence, span, time_of_day))

    def _elsewhere_in_the_town(self, sentence: Sentence, span: Span | None, time_of_day: str) -> DraftIncident | None:
        """Another act a cue sentence that names no place tells at "the city" ("Several rallies had
        been held earlier ... throughout the city", after a riot at a union building): a row of
        its own at the town of the row before, which is no part of that row's incident."""
        town = _THE_TOWN.search(sentence.text)
        if not self.drafts or town is None or town["near"]:
            return None
        last = self.drafts[-1]
        cues = self.cues[self.parts.index(sentence)]
        category = category_of(cues)
        if last.mention.precision != "town" or last.mention.relative or category in (None, ECHO, last.category, *GENERIC) \
                or all(c.generic for c in cues):
            return None
        return DraftIncident(category, last.mention, [sentence], span or last.day, time_of_day)

    def _earlier_at_the_dateline(self, sentence: Sentence, span: Span | None, time_of_day: str) -> DraftIncident | None:
        """An earlier act a cue sentence that names no place tells on days of its own, before
        those of the row before ("the crowds who turned out nightly for two weeks in July", in a
        story datelined PORTLAND about a riot in August): a row of its own at the dateline's
        town, where the story is and its rows are, not more evidence for the row before."""
        if span is None or not self.drafts or not self.datelines:
            return None
        cues = self.cues[self.parts.index(sentence)]
        category = category_of(cues)
        if category in (None, ECHO) or all(c.generic for c in cues):
            return None
        line = self.datelines[min(self.datelines)]
        there = [d for d in self.drafts if d.mention.precision == "town" and not d.mention.relative
                 and normalise(d.mention.text) == normalise(line.place)]
        if not there or any(d.day is None or span.last >= d.day.first for d in there):
            return None
        town = replace(there[0].mention, note=f"its sentence names no place: read at {line.place}, the dateline's town")
        return DraftIncident(self._topical(category), town, [sentence], span, time_of_day)

    def _there(self, sentence: Sentence, span: Span | None) -> Mention | None:
        """The place a sentence that names none points to with "there" or "y", when it tells an
        act of its own on other days than the incident before it: that incident's place, or where
        the person it names comes from ("a man from Groningen... a mast fire there")."""
        cues = self.cues[self.parts.index(sentence)]
        if span is None or not _THERE.search(sentence.text) or not any(not c.generic for c in cues):
            return None
        origin = [m for m in self.places.mentions(sentence.text) if isinstance(m, Mention) and m.origin]
        if origin:
            return origin[0]
        if not self.drafts or self.drafts[-1].day is None or _overlap(self.drafts[-1], DraftIncident("", self.drafts[-1].mention, [], span)):
            return None
        return self.drafts[-1].mention

    def _draft(self, index: int, mention: Mention, places: list[Mention], cues: list[Cue], day: Span | None, time_of_day: str,
               phrases: list[DayPhrase], *, told: Span | None = None) -> None:
        """A row for a place of sentence `index`, with its own category and days (those of the
        sentence it points back to, if `told`), added to the body's rows (merged where it is one
        already told) or kept aside as a title's; and a row for each other act the sentence tells
        there on days of its own (see _acts_on_their_days, _earlier_there)."""
        sentence, text = self.parts[index], self._text(index)
        category, strong, outright = _category(text, mention, cues, self.topic, places)
        again = category == ECHO and any(_SIMILAR.search(text[c.start:c.end]) for c in cues if c.category == ECHO)
        if category == ECHO:  # "similar scenes": the incident just told, again
            category = self.drafts[-1].category if self.drafts else self.topic or "attack"
            outright = bool(self.drafts) and self.drafts[-1].outright
        own_day, in_clause = _mention_day(text, mention, phrases, cues, places)
        own_day = told or own_day or day
        if not in_clause:  # "It followed riots in Belfast": an earlier event, unless its clause gives its day
            own_day = _cause_span(text, mention, own_day or self._window()) or own_day
        acts = _acts_on_their_days(text, mention, places, cues, phrases)
        if acts:
            (category, own_day), strong = acts[0], True
        if _EVENT_AFTER.match(text[mention.end:]) and self._told(mention, sentence):
            return  # "the Dronten incident": the incident already told at that place
        weak = all(c.generic for c in cues) and category not in GENERIC
        draft = DraftIncident(category, mention, [sentence], own_day, time_of_day, strong, outright=outright, role=sentence.role, weak=weak,
                              again=again)
        if sentence.title:
            self.titles.append(draft)
            return
        self.told_days.setdefault(index, []).append(own_day)
        if mention.precision == "town" and not mention.within and not mention.relative:
            self.named_towns.append(mention)
        self._add(draft)
        others = [DraftIncident(act, mention, [sentence], span) for act, span in acts[1:]]
        others += [d for d in (self._earlier_there(index, mention, cues, phrases), self._in_the_town(index, mention, places, cues, phrases))
                   if d is not None]
        for other in others:
            self._add(other)
            if self.drafts[-1] is other and len(self.drafts) > 1:  # the next sentence with no place goes on telling the
                self.drafts.insert(-1, self.drafts.pop())  # incident before it, not this other one
        if len(places) == 1:
            # Each earlier time is an incident of its own, though its row reads like the others': not merged.
            self.drafts[-1:-1] = self._earlier_times(index)

    def _earlier_times(self, index: int) -> list[DraftIncident]:
        """The earlier acts a sentence counts at its place ("declared a riot for the second time in
        a week", "vandalisée pour la troisième fois en dix jours"): a row each, of the same act, on
        the days before the one told, but for those the article already tells there."""
        times = earlier_times(self._text(index))
        if times is None:
            return []
        count, days = times
        told = self._latest(self.parts[index])
        first = (told.day or self._window()).first
        span = Span(first - timedelta(days=days), first - timedelta(days=1), "an earlier time the sentence counts, in the days before")
        before = DraftIncident(told.category, told.mention, [self.parts[index]], span)
        already = sum(same_place(d.mention, told.mention) and _overlap(d, before) for d in self.drafts)
        return [replace(before) for _ in range(count - already)]

    def _earlier_there(self, index: int, mention: Mention, cues: list[Cue], phrases: list[DayPhrase]) -> DraftIncident | None:
        """An earlier incident at a place, told in a clause right after it with its own act and
        days ("la mosquée de Cherbourg, déjà victime en novembre dernier de tags"): a row of its
        own, since the sentence's incident and the earlier one are two acts on other days."""
        text = self._text(index)
        already = _ALREADY_AFTER.match(text[mention.end:])
        if already is None:
            return None
        first, last = _clause(text, mention.end + already.end() - 1)
        day = next((p.span for p in phrases if first <= p.start < last), None)
        acts = [c for c in cues if first <= c.start < last and not c.generic]
        if day is None or not acts:
            return None
        return DraftIncident(category_of(acts), mention, [self.parts[index]], day, strong=len({c.category for c in acts}) == 1)

    def _in_the_town(self, index: int, mention: Mention, places: list[Mention], cues: list[Cue],
                     phrases: list[DayPhrase]) -> DraftIncident | None:
        """Another act a sentence that names one town tells in a clause of its own, with its own
        days, at "the city" ("..., and just two days after an explosion on a bus killed 17 people
        near the city"): a row at that town (near it, if the clause says so)."""
        if len(places) != 1 or mention.precision != "town" or mention.relative:
            return None
        text = self._text(index)
        for part, (first, last) in _clauses(text):
            town = _THE_TOWN.search(part)
            day = next((p.span for p in phrases if first <= p.start < last), None)
            acts = [c for c in cues if first <= c.start < last and not c.generic]
            if town is None or day is None or not acts or first <= mention.start < last or names(part):
                continue
            there = replace(mention, place=f"near {mention.place}", relative="near") if town["near"] else mention
            day = _from_main_clause(day, text, phrases, (first, last))  # "two days after": before the main clause's day
            return DraftIncident(category_of(acts), there, [self.parts[index]], day, strong=len({c.category for c in acts}) == 1)
        return None

    def _told(self, mention: Mention, sentence: Sentence) -> bool:
        """Add a sentence to the row already drafted at a place, if there is one."""
        told = next((d for d in self.drafts if same_place(d.mention, mention)), None)
        if told is not None:
            told.absorb(sentence, None, "")
        return told is not None

    def _window(self) -> Span:
        return Span(self.published - timedelta(days=NO_DAY_SPAN), self.published, "publication day")

    def _latest(self, sentence: Sentence) -> DraftIncident:
        return next(d for d in reversed(self.drafts + self.titles) if sentence in d.sentences)

    def _topical(self, category: str) -> str:
        return self.topic if category == "attack" and self.topic and self.topic != "riot" else category

    def _add(self, draft: DraftIncident) -> None:
        """One row per place and incident: a draft at a place already drafted, on days that
        agree, with a category that may name the same act, adds its evidence there."""
        for other in self.drafts:
            if not (same_place(other.mention, draft.mention) or _part_of(other, draft)):
                continue
            if draft.sentences[0] not in other.sentences and (self._another(draft, other) or distinct_streets(other.mention, draft.mention)):
                continue  # "a similar incident" there, or two streets of one town told apart ("a care home in Nelson Drive was also attacked")
            first, second = other.day or self._window(), draft.day or self._window()
            if first.last < second.first or second.last < first.first or (first.how == LASTING) != (second.how == LASTING):
                continue  # other days, or a wave that has lasted weeks and one day of it ("have continued for a month")
            category = _merged_category(other, draft)
            if category is None:
                continue  # two acts at one place: two rows
            other.category = category
            other.outright = other.outright or draft.outright
            other.weak = other.weak and draft.weak
            if (_part_of(other, draft) and draft.mention.within) or (other.mention.relative and not draft.mention.relative):
                other.mention = draft.mention  # the district the text names, or the place itself rather than near it
            other.absorb(draft.sentences[0], draft.day, draft.time, draft.strong)
            return
        self.drafts.append(draft)

    @staticmethod
    def _another(draft: DraftIncident, other: DraftIncident) -> bool:
        """Whether a row told as "a similar event" is another incident than a row before it at
        its place: always, but for a row at the whole town its district lies in, which sums up
        the incidents in its parts ("vingt véhicules incendiés à Montréal")."""
        return draft.again and normalise(draft.mention.within) != normalise(other.mention.text)

    def _date_the_dayless(self) -> None:
        """A row whose sentence gives no day takes the day another sentence gives its place
        ("outages which began just after 7 p.m. Saturday across Moore County"), but for one
        telling another incident there ("un évènement similaire s'était produit lundi")."""
        others = [s for d in self.drafts if d.again for s in d.sentences]
        for draft in self.drafts:
            if draft.day is not None:
                continue
            name = re.compile(rf"\b{re.escape(draft.mention.text)}\b")
            found = [read_days(self._text(index), self.published) for index, sentence in enumerate(self.parts)
                     if not sentence.title and sentence not in draft.sentences and sentence not in others and name.search(sentence.text)]
            draft.day = next((span for span in found if span is not None and span.named), None)

    def _summary_rows(self, drafts: list[DraftIncident]) -> list[DraftIncident]:
        """The rows of headlines, summaries and captions: each adds its evidence to the body's row
        at its place (or at a place inside it); a summary line's row stands alone only for a
        place the body never names, or names only for an incident of an earlier month."""
        body = " ".join(self._text(i) for i, s in enumerate(self.parts) if not s.title)
        kept: list[DraftIncident] = []
        for title in self.titles:
            homes = [d for d in drafts if same_place(d.mention, title.mention) or _part_of(d, title)
                     or normalise(title.mention.text) == normalise(d.mention.region or "")]
            home = next((d for d in homes if not self._background_to(d, title)), None)
            if homes and home is None:
                if title.role == SUMMARY and not any(same_place(k.mention, title.mention) for k in kept):
                    kept.append(title)
                continue
            if home is not None:
                home.category = _merged_category(home, title) or home.category  # "Rioting in Enfield": the riot the body's damage was
                home.outright = home.outright or title.outright
                home.absorb(title.sentences[0], None, title.time)
                continue
            area = next((d for d in drafts if d.mention.precision == "region" and title.mention.precision == "town"
                         and _inside(title.mention, d.mention, self.gazetteer)), None)
            if area is not None:  # "Minnesota" in the body, "near Clearbrook, Minnesota" in the caption
                area.mention = title.mention
                area.absorb(title.sentences[0], None, title.time)
                continue
            named = re.search(rf"\b{re.escape(title.mention.text)}\b", body)
            if title.role == SUMMARY and not named and not any(same_place(k.mention, title.mention) for k in kept):
                kept.append(title)
        return kept


    def _background_to(self, draft: DraftIncident, title: DraftIncident) -> bool:
        """Whether a body row tells an earlier incident than a summary line does: one of a month
        ("when their strike shut the port last month") that ends before the summary's days, the
        news of the day when it gives none (the picket lines there this morning)."""
        news = title.day or self._window()
        return draft.day is not None and draft.day.precision() == "month" and draft.day.last < news.first


def _owned(text: str, phrases: list[DayPhrase], places: list[Mention]) -> dict[int, Mention]:
    """The day phrases right after a place, with no comma between ("Delémont (JU) la semaine
    dernière"): that place's, and no other's."""
    owned = {}
    places = [m for m in places if not m.relative]  # a place that only situates owns no day
    for phrase in phrases:
        for place in places:
            gap = text[place.end:phrase.start]
            if 0 <= phrase.start - place.end <= ATTACHED_REACH and "," not in gap and not any(m.start >= place.end and m.end <= phrase.start
                                                                                            for m in places):
                owned[phrase.start] = place
    return owned


def _mention_day(text: str, mention: Mention, phrases: list[DayPhrase], cues: list[Cue],
                 places: list[Mention] = ()) -> tuple[Span | None, bool]:
    """The days that belong to a place, and whether its own clause gives them: in its clause, one
    that dates an act ("Monday night's violence"), else one right after the place ("Estrablin le
    13 avril"), else the nearest named day before it, else the nearest after it, else any; outside
    its clause, the sentence's own days but for those of clauses about an earlier event."""
    first, last = _clause(text, mention.start)
    phrases = [p for p in phrases if _bracket(text, p.start) in (None, _bracket(text, mention.start))]
    # "three months after the killing of X in Minneapolis" dates the killing, told after the words,
    # not a place before them, when the sentence names a place after them
    later = {p.start for p in phrases if p.span.how == THAT_LONG_BEFORE and any(m.start >= p.end for m in places)}
    phrases = [p for p in phrases if p.start not in later or mention.start >= p.end]
    owned = {start: place for start, place in _owned(text, phrases, list(places)).items() if start not in later}
    head = _list_head(text, mention, list(places))
    # "à Lyon et à Marseille samedi soir", "in Leeds and York on Saturday": a day right after the
    # last place of a list is the list's, every member's alike.
    shared = {start for start, owner in owned.items()
              if owner is not mention and owner.start > mention.start and _list_head(text, owner, list(places)) is head}
    phrases = [p for p in phrases if owned.get(p.start, mention) is mention or p.start in shared]
    low = max([first] + [m.end for m in places if m is not mention and m.end <= head.start])
    own = [p for p in phrases if first <= p.start < last]
    for phrase in own:
        if phrase.span.named and any(0 <= cue.start - phrase.end <= EVENT_REACH for cue in cues):
            return phrase.span, True
    for phrase in own:
        if phrase.span.named and any(_act_s_day(text, mention, cue, phrase, places) for cue in cues):
            return phrase.span, True
    attached = [p for p in own if 0 <= p.start - mention.end <= ATTACHED_REACH and "," not in text[mention.end:p.start]
                or p.start in shared]
    before = [p for p in own if low <= p.start and p.end <= mention.start]  # not those before the place before it
    after = [p for p in own if p.start >= mention.end]
    # A day phrase after the place is its own but for one past another place, or, where the
    # sentence names others, far from it.
    plain = [m for m in places if not m.relative or m is mention]
    after = [p for p in after if not any(mention.end <= m.start and m.end <= p.start for m in plain if m is not mention)
             and (len(plain) == 1 or p.start - mention.end <= AFTER_REACH)]
    for group in (attached, [p for p in before if p.span.named][-1:], [p for p in after if p.span.named][:1], before[-1:], after[:1]):
        if group:
            return _from_main_clause(group[0].span, text, phrases, (first, last)), True
    # "L'usine à Ducos, et l'usine à Montravel, ont brûlé dans la nuit de lundi à mardi": a clause
    # with no act of its own shares the act told after it, and that act's day.
    if not any(first <= cue.start < last for cue in cues):
        act = next((cue for cue in cues if cue.start >= last), None)
        shared_day = [p for p in phrases if p.start >= act.end and p.span.named] if act else []
        if shared_day:
            return shared_day[0].span, False
    # "Et dans la nuit de dimanche à lundi, trois attaques ont eu lieu à Ecully, à Veauche et à
    # Trévoux": a day that opens the sentence, before all its places, is every one's, but for a
    # place another day phrase comes before.
    leading = [p for p in phrases if p.span.named and all(p.end <= m.start for m in places)]
    if leading and not any(leading[-1].end <= p.start < mention.start for p in phrases):
        return leading[-1].span, False
    # Other clauses' days, but not those of a clause about an earlier event or about a place of its own.
    others = [(a, b) for part, (a, b) in _clauses(text) if _CAUSE_CLAUSE.match(part) or names(part)]
    rest = [p for p in phrases if not any(a <= p.start < b for a, b in others) or first <= p.start < last]
    return (min(rest, key=lambda p: (p.rank, p.start)).span if rest else None), False


def _act_s_day(text: str, mention: Mention, cue: Cue, phrase: DayPhrase, places: list[Mention]) -> bool:
    """Whether a day phrase dates an act told after a place, with no place between but those of
    its list: it follows the act's words, one word at most between them."""
    between = [m for m in places if mention.end <= m.start < cue.start]
    return mention.end <= cue.start and cue.end <= phrase.start and bool(_ACT_THEN_DAY.match(text[cue.end:phrase.start])) \
        and all(_list_head(text, m, places) is _list_head(text, mention, places) for m in between)


def _acts_on_their_days(text: str, mention: Mention, places: list[Mention], cues: list[Cue],
                        phrases: list[DayPhrase]) -> list[tuple[str, Span]]:
    """In a sentence that names one place, the acts after it each told with a day of its own
    ("Anvers ..., en témoigne la détonation d'une grenade au mois de juin, ou encore la fusillade
    ... en décembre dernier"): the act and its days, in the order of the text, when there are two
    or more on days apart; else none. An act is told with the day that ends its part of the
    sentence (from the comma or the day before it)."""
    if len([m for m in places if not m.relative]) != 1:
        return []
    acts, low = [], mention.end
    for phrase in (p for p in phrases if p.start >= mention.end):
        part = max(low, text.rfind(",", low, phrase.start) + 1)
        told = [c for c in cues if part <= c.start < phrase.start and not c.generic]
        if told:
            acts.append((category_of(told), phrase.span))
        low = phrase.end
    spans = sorted((span.first, span.last) for _, span in acts)
    if len(acts) < 2 or any(later[0] <= earlier[1] for earlier, later in zip(spans, spans[1:])):
        return []
    return acts


def _bracket(text: str, position: int) -> tuple[int, int] | None:
    """The bounds of the brackets a position lies in, if any: a day phrase in brackets is of the
    aside they hold ("(qui avait fait quatre morts le 9 janvier 2015 à Paris)"), not of the places
    of the sentence around them."""
    opening = text.rfind("(", 0, position)
    if opening < 0 or ")" in text[opening:position]:
        return None
    closing = text.find(")", position)
    return opening, closing if closing >= 0 else len(text)


def _list_head(text: str, mention: Mention, places: list[Mention]) -> Mention:
    """The first place of the list a place closes ("in November: four in Washington and two in
    Oregon"), or the place itself: a day phrase before a list's head is every member's, where
    one before a place outside the list is that place's alone."""
    head = mention
    for place in sorted((m for m in places if m.end <= mention.start), key=lambda m: m.end, reverse=True):
        if not _SHARED_LIST_GLUE.fullmatch(text[place.end:head.start]):
            break
        head = place
    return head


def _from_main_clause(span: Span, text: str, phrases: list[DayPhrase], clause: tuple[int, int]) -> Span:
    """A span counted back from the day spoken of ("just a day after violence had erupted in
    Belfast") counted back from the day the sentence's main clause names instead, where it names one
    ("Police came under attack in Newtownabbey on Saturday")."""
    if span.how != THAT_LONG_BEFORE:
        return span
    main = next((p.span for p in phrases if p.span.named and not clause[0] <= p.start < clause[1]), None)
    if main is None or span.reference is None:
        return span
    back = span.reference - span.last
    return Span(main.first - back - timedelta(days=span.last == span.first), main.first - back, span.how, relative=True)


def _without_summaries(drafts: list[DraftIncident], gazetteer) -> list[DraftIncident]:
    """A row at a region gives way to rows at towns inside it on days that agree: it summed
    them up ("a nuit bleue in Corsica": the villages hit are the rows), but for one that holds
    the others of a town's count ("one of four ... in east Pierce County")."""
    kept = []
    for draft in drafts:
        if draft.mention.precision == "region" and not draft.mention.counted and any(
                other.mention.precision == "town" and _inside(other.mention, draft.mention, gazetteer) and _overlap(other, draft)
                and not _looser(other, draft) for other in drafts):
            continue
        kept.append(draft)
    return kept


def _looser(town: DraftIncident, area: DraftIncident) -> bool:
    """Whether a town's row spans more days than the area's, and so sums up a period where the
    area's row tells one night ("four arson attacks since November 23, in Dublin, Galway..."
    against "an arson attack in Co. Galway on Saturday night")."""
    if town.day is None or area.day is None:
        return False
    town_days, area_days = (town.day.last - town.day.first).days, (area.day.last - area.day.first).days
    return town_days > max(LOOSER_DAYS, 2 * area_days)


def _inside(town: Mention, area: Mention, gazetteer) -> bool:
    regions = gazetteer.regions(area.text)
    return any(region.contains(town.country, town.admin1, town.admin2) for region in regions)


def _overlap(a: DraftIncident, b: DraftIncident) -> bool:
    if a.day is None or b.day is None:
        return True
    return not (a.day.last < b.day.first or b.day.last < a.day.first)


def _table(drafts: list[DraftIncident], window: Span, source: str) -> pd.DataFrame:
    rows = []
    for index, draft in enumerate(drafts, start=1):
        span = draft.day or window
        evidence = draft.sentences[0]
        notes = [f"also at characters {s.start}-{s.end}" for s in draft.sentences[1:]]
        if draft.day is None:
            notes.insert(0, "the article gives no day of its own: " + (f"{window.how} ({window.first} to {window.last})"
                                                                          if window.how != "publication day" else
                                                                          "dated the publication day or the day before"))
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


def _reconcile(drafts: list[DraftIncident]) -> list[DraftIncident]:
    """Drop a weak guess (a place listed with others under several cues) when a sentence of
    the place's own gives it another category."""
    kept = []
    for draft in drafts:
        if not draft.strong and any(same_place(o.mention, draft.mention) and o.strong and o.category != draft.category for o in drafts):
            continue
        kept.append(draft)
    return kept


def _merged_category(other: DraftIncident, draft: DraftIncident) -> str | None:
    """The category of two drafts at one place on days that agree when they are one incident, or
    None when they are two acts: a generic word gives way to a specific one, a riot named outright
    takes in the acts of it, kindred acts take the more telling name; a weak guess gives way to a
    sure category."""
    a, b = other.category, draft.category
    if a == b:
        return a
    generic_a = a in GENERIC and not (a == "riot" and other.outright) or other.weak
    generic_b = b in GENERIC and not (b == "riot" and draft.outright) or draft.weak
    if generic_a and not generic_b:
        return b
    if generic_b:
        return a
    if (a == "riot" and b in UNDER_RIOT) or (b == "riot" and a in UNDER_RIOT):
        return "riot"
    if any(a in group and b in group for group in KINDRED):
        return most_telling([a, b])
    if draft.strong and not other.strong:
        return b
    if not draft.strong and other.strong:
        return a
    return None


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


def _category(text: str, mention: Mention, cues: list[Cue], topic: str | None, mentions: list[Mention]) -> tuple[str, bool, bool]:
    """The category of the clause about a place (its own cues first), whether it is sure (one
    kind of act in the sentence, or one place, or a clause of its own with one kind of act), and
    whether it is a riot named outright."""
    clause = _clause(text, mention.start)
    own = [c for c in cues if clause[0] <= c.start < clause[1]]
    chosen_cues = own if category_of(own) else cues
    chosen = category_of(chosen_cues)
    if chosen == "attack" and topic and topic != "riot":  # a mast "targeted" in a story of mast fires; shops "attacked" in a riot stay so
        chosen = topic
    outright = chosen == "riot" and any(c.strong for c in chosen_cues)
    kinds = {c.category for c in cues if not c.generic} or {c.category for c in cues}
    own_kinds = {c.category for c in own if not c.generic}
    alone = sum(clause[0] <= m.start < clause[1] for m in mentions) == 1
    # a riot named outright is sure in the place's own clause; from elsewhere in a sentence of several
    # places, it is one act among theirs ("Gouda, where cars were set on fire, and Haarlem, where police
    # were attacked with stones")
    strong = len(kinds) == 1 or len(mentions) == 1 or (len(own_kinds) == 1 and alone) or (outright and bool(category_of(own)))
    if not strong:
        # Several places under several acts: the acts named between the place before and the
        # next one are its own ("du tir qui a ciblé X et de la tentative d'incendie à Y"); with
        # none there, the first act of the sentence, flagged as a guess.
        others = sorted(m.start for m in mentions if m is not mention)
        low = max([clause[0]] + [m.end for m in mentions if m.end <= mention.start])
        high = min([clause[1]] + [start for start in others if start > mention.start])
        cause = _CAUSE_AFTER.search(text, mention.end, high)  # "... in Portland after the killing of X in Minneapolis"
        high = cause.start() if cause else high
        segment = [c for c in cues if low <= c.start < high and not c.weak]
        chosen = category_of(segment) if segment else first_act(chosen_cues)
        strong = bool(segment) and len({c.category for c in segment if not c.generic}) <= 1
        chosen = topic if chosen == "attack" and topic and topic != "riot" else chosen
    return against_infrastructure(chosen, text), strong, outright


def _clauses(text: str) -> list[tuple[str, tuple[int, int]]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(text[a:b], (a, b)) for a, b in zip(cuts, cuts[1:]) if b > a]


def _clause(text: str, position: int) -> tuple[int, int]:
    """The bounds of the clause holding a position: sentences split at ';', ':' before a lower
    case, at "while", "whereas", "tandis que", "alors que", ", and", ", et", "mais", "but", and
    before "following", "suite à", "in response to"."""
    for _, (first, last) in _clauses(text):
        if first <= position < last:
            return first, last
    return 0, len(text)


def _cause_span(text: str, mention: Mention, day: Span | None) -> Span | None:
    """A place in a clause that gives the cause of what the article reports ("en réaction à la
    mort de X, tué par un policier à Nanterre") is of an earlier event: up to a week before."""
    if day is None or not _CAUSE.search(text[:mention.start]):
        return None
    return Span(day.first - timedelta(days=CAUSE_DAYS), day.first - timedelta(days=1), "before the events reported")


def _part_of(a: DraftIncident, b: DraftIncident) -> bool:
    return normalise(a.mention.text) == normalise(b.mention.within) or normalise(b.mention.text) == normalise(a.mention.within)


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


def extract_incidents(path: str | Path, published: str | date, *, gazetteer, source: str = "") -> pd.DataFrame:
    """Draft the incident table of an article file (plain text or HTML), naming places with the
    gazetteer given (mapgen.pipeline.draft_incidents hands in the offline one)."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise ConfigurationError(f"--published {published!r} is not a date; write it as YYYY-MM-DD.") from None
    return Extractor(gazetteer).extract(article_text(path), published, source=source or Path(path).name)
