"""How an article is laid out: its sentences, what each line is (the headline, a summary line, a
caption, the page's own notes, the body), the dateline that opens it, and the language it is in.

A headline, a summary (a standfirst, a bullet, a crosshead) and a caption name the incidents the
body reports: the drafting reads them as evidence for the body's rows, never as rows of their own
(a summary line may give a row only for a place the body never names). A dateline ("PORTLAND,
Ore. (AP) —") says where the story was written and in which state or country its places lie; it is
not an incident either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

BODY, HEADLINE, SUMMARY, CROSSHEAD, CAPTION, PAGE = "body", "headline", "summary", "crosshead", "caption", "page"
CROSSHEAD_LENGTH = 70  # a line with no closing stop this short, inside the text, heads a section
# A sentence ends at . ! or ? (and a closing quote) before a space and a capital, or at a line end;
# "5.20am" and "No. 3" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’']?(?=\s+[A-ZÀ-Ý“\"‘«])|\n")
_CLOSED = re.compile(r"[.!?\"”»’'…]$")
# A stop that ends an abbreviation, not a sentence: "7 p.m. Saturday", "Mr. Smith", "Clackamas, Ore. According".
_ABBREVIATION = re.compile(r"(?:\b(?:a\.m|p\.m|Mr|Mrs|Ms|Dr|St|Ste|No|Lt|Sgt|Supt|Gen|Gov|Sen|Rep|Jr|Sr|Co|Corp|Inc|Ltd|Mt|Ft|vs|"
                           r"M|Mme|Mgr|Pr|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|"
                           r"Neb|Nev|Okla|Ore|Pa|Tenn|Vt|Va|Wash|Wis|Wyo)|\b[A-Z](?:\.[A-Z])*)\.$")
_BULLET = re.compile(r"^\s*(?:[•·▪●◦*–-]|::)\s*")
# Credits that make a line a picture's caption: "Picture by ...", "PHOTO: AFP", "(Mark Graves/The
# Oregonian via AP)", "Photograph: ...", "(VINCENT VOEGTLIN / MAXPPP)".
_CAPTION = re.compile(r"\b(?:Picture by|Photo(?:graph)?s?\s*:|PHOTO\s*:|Image source|Crédit photo|Getty Images|"
                      r"via (?:AP|REUTERS|Reuters|AFP)\)?)|\([A-ZÀ-Ý][\w.' -]+\s*/\s*[A-ZÀ-Ý][\w.' -]+\)\s*$")
# The page's own notes: publication and update lines, a lone date or time, a byline.
_PAGE_NOTE = re.compile(r"^\s*(?:(?:Published|Publié|Updated|Mis à jour|Last Updated|Posted|MAJ)\b|Le \w+ \d{1,2} \w+ \d{4} à|"
                        r"\d{1,2}:\d{2}\s*(?:AM|PM)?$|(?:\w{3}\.?\s+)?\d{1,2},?\s+\w{3,9}\.?,?\s+\d{4}$|\w{3,9}\.?\s+\d{1,2},\s+\d{4}$)",
                        re.IGNORECASE)
# The day a dateline may give after its place: "3 mars 2025", "le lundi 3 mars", "March 3, 2025", "Oct. 5".
_MONTH = (r"(?:janv(?:ier)?|févr(?:ier)?|fevrier|mars|avr(?:il)?|mai|juin|juil(?:let)?|août|aout|sept(?:embre)?|oct(?:obre)?|"
          r"nov(?:embre)?|déc(?:embre)?|decembre|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = (r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs|rsday)?|"
            r"Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?")
_DATELINE_DAY = (rf"(?:le\s+)?(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:er)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?"
                 rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}")
# "PORTLAND, Ore. (AP) —", "MOORE COUNTY, N.C. (WBTV/AP) –", "BRUSSELS –", "CALGARY, Alberta (Reuters) -",
# "LYON, 3 mars 2025 —", "WASHINGTON, March 3, 2025 (Reuters) -", "Lyon, le 3 mars 2025 (AFP) -",
# "Marseille, France | AFP | mardi 17/12/2018 -", "(Montréal)".
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{2,}?)(?:,\s*(?P<area>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))?"
    rf"(?:,?\s*(?:{_DATELINE_DAY}))?\s*(?:\([^)]{{1,40}}\)\s*)?[–—-](?:\s+|$)|"
    r"^(?P<place2>[A-ZÀ-Ý][\w'’ -]+),\s*(?P<area2>[A-ZÀ-Ý][\w'’ -]+)\s*\|[^|\n]{1,20}\|[^–\n-]{0,40}[–-]\s+|"
    r"^\((?P<place3>[A-ZÀ-Ý][\w'’ -]+)\)\s+|"
    rf"^(?P<place4>[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+)*),\s*(?:{_DATELINE_DAY})\s*(?:\([^)]{{1,40}}\)\s*)?[–—-]\s+")


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int = 0  # the line of the text it is on
    role: str = BODY

    @property
    def title(self) -> bool:
        """A headline, a summary line, a crosshead or a caption: evidence, not rows of its own."""
        return self.role != BODY


@dataclass(frozen=True)
class Dateline:
    """The place and area a story's dateline names, and where the dateline ends in its sentence."""

    place: str
    area: str
    end: int


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text with their character offsets and the role of the line each is on."""
    found, start = [], 0
    ends = [m for m in _SENTENCE_END.finditer(text) if m.group(0) == "\n" or not _ABBREVIATION.search(text, 0, m.start())]
    for match in [*ends, None]:
        end = match.end() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            offset = start + len(chunk) - len(chunk.lstrip())
            found.append(Sentence(chunk.strip(), offset, offset + len(chunk.strip()), text.count("\n", 0, offset)))
        start = end
    lines = text.splitlines()
    several = sum(bool(line.strip()) for line in lines) > 1
    first = next((s.paragraph for s in found), 0)
    for sentence in found:
        sentence.role = _role(lines[sentence.paragraph].strip(), sentence.paragraph == first, several) if several else BODY
    return found


def _role(line: str, first: bool, several: bool) -> str:
    """What a line of an article is: the page's note, a caption, the headline, a bullet or a
    crosshead, a standfirst (a longer line with no closing stop), or the body."""
    if _PAGE_NOTE.match(line):
        return PAGE
    if _CAPTION.search(line):
        return CAPTION
    if first and not _CLOSED.search(line):
        return HEADLINE
    if line.startswith("::"):  # ":: Derry": a section of a story told place by place
        return CROSSHEAD
    if _BULLET.match(line):
        return SUMMARY
    if not _CLOSED.search(line):
        return CROSSHEAD if len(line) <= CROSSHEAD_LENGTH else SUMMARY
    return BODY


def dateline(sentence: Sentence) -> Dateline | None:
    """The dateline opening a sentence at the start of its line, if there is one."""
    match = _DATELINE.match(sentence.text)
    if not match:
        return None
    place = match["place"] or match["place2"] or match["place3"] or match["place4"]
    if re.fullmatch(rf"{_WEEKDAY}|{_MONTH}", place.strip(" ."), re.IGNORECASE):
        return None  # "Mardi, 4 mars —": a day heading a section, not a town
    area = match["area"] or match["area2"] or ""
    return Dateline(place.strip(" .").title() if place.isupper() else place.strip(), area.strip(), match.end())


# -- the language an article is written in ---------------------------------------------------------

# Words that are frequent in running text of each language and rare in the others.
LANGUAGE_WORDS = {
    "English": {"the", "and", "of", "was", "were", "is", "in", "to", "with", "that", "on", "at", "by", "from", "have", "has", "said"},
    "French": {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "qui", "été", "au", "aux", "ont", "par"},
    "German": {"der", "die", "das", "und", "ist", "nicht", "mit", "sich", "den", "dem", "ein", "eine", "wurde", "auf", "von", "zu",
               "einen", "einem", "einer", "in", "im", "zum", "zur", "wird", "werden", "wurden", "haben", "nach", "wegen", "auch", "aus", "sind"},
    "Spanish": {"el", "los", "las", "y", "del", "por", "con", "para", "fue", "han", "sus", "según", "al", "como", "pero", "una"},
    "Italian": {"il", "di", "che", "gli", "della", "sono", "nel", "dei", "alla", "stato", "anche", "per", "delle", "degli"},
    "Dutch": {"het", "een", "in", "van", "niet", "zijn", "werd", "met", "voor", "bij", "dat", "ook", "wordt", "naar", "heeft"},
    "Portuguese": {"os", "não", "em", "uma", "com", "foi", "pelo", "pela", "dos", "das", "também", "ao"},
}
READ_LANGUAGES = ("English", "French")
LANGUAGE_EVIDENCE = 5  # so many telling words before a text's language is judged at all
LANGUAGE_MARGIN = 2  # ... and that many times those of the next language


def language(text: str) -> str | None:
    """The language most of a text's frequent words belong to, or None for a text too short to tell."""
    words = re.findall(r"[a-zà-ÿäöüßñ]+", text.lower())
    counts = {name: sum(word in vocabulary for word in words) for name, vocabulary in LANGUAGE_WORDS.items()}
    ranked = sorted(counts, key=counts.get, reverse=True)
    best, second = ranked[0], ranked[1]
    return best if counts[best] >= LANGUAGE_EVIDENCE and counts[best] >= LANGUAGE_MARGIN * counts[second] else None


def check_language(text: str, path) -> None:
    """Refuse an article in a language the reader does not read, saying which ones it reads:
    its cues and dates are English and French words, and would find nothing in German."""
    found = language(text)
    if found is not None and found not in READ_LANGUAGES:
        raise InputError([f"{path}: this article is in {found}; mapgen extract reads {' and '.join(READ_LANGUAGES)} articles only."
                          " Give it a translation, or write its incident table by hand."])
