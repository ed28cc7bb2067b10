"""Place-name text: folding accents and case, and setting facility words aside to find the town."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that name a facility or a part of a town rather than the town itself, in English and
# French, folded (no accents, lower case). Longer phrases first so that they win over their parts.
FACILITY_PHRASES = (
    "centre penitentiaire",
    "centre de detention",
    "centre de semi liberte",
    "maison d arret",
    "maison centrale",
    "etablissement penitentiaire",
    "detention centre",
    "detention center",
    "remand prison",
    "high security prison",
    "correctional facility",
    "penitentiary",
    "prison",
    "jail",
    "gaol",
    "car park of",
    "car park",
    "parking of",
    "parking",
    "staff car park",
    "arrondissement",
    "district",
    "town centre",
    "city centre",
    "centre ville",
    "home of",
    "outside",
    "near",
    "pres de",
)
_JOINERS = {"the", "of", "in", "at", "de", "du", "des", "la", "le", "l", "d", "a"}
_FACILITY_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(FACILITY_PHRASES, key=len, reverse=True)) + r")\b")
_ORDINAL = re.compile(r"\b\d+(?:e|er|eme|th|st|nd|rd)\b")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Fold a name for matching: no accents, lower case, hyphens and apostrophes as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("œ", "oe").replace("Œ", "oe").replace("ß", "ss")
    plain = re.sub(r"[^\w]+", " ", plain.lower())
    plain = re.sub(r"\bst\b", "saint", plain)
    plain = re.sub(r"\bste\b", "sainte", plain)
    return " ".join(plain.split())


def split_place(text: str) -> tuple[list[str], bool]:
    """Return the candidate town names in a place as a reporter writes it, most specific first,
    and whether facility words were set aside ("Tarascon prison" -> (["tarascon"], True))."""
    parts = [part for part in re.split(r"[,;()/]| - ", text) if part.strip()]
    names: list[str] = []
    facility = False
    for part in parts:
        folded = normalise(part)
        stripped = _FACILITY_PATTERN.sub(" ", folded)
        stripped = _ORDINAL.sub(" ", stripped)
        if stripped.split() != folded.split():
            facility = True
        words = stripped.split()
        while words and words[0] in _JOINERS:
            words.pop(0)
        while words and words[-1] in _JOINERS:
            words.pop()
        if words:
            names.append(" ".join(words))
    # "Tarascon prison, Bouches-du-Rhône": the first part is the most specific.
    return names, facility


def compound_parts(name: str, original: str) -> list[str]:
    """The pieces of a hyphenated compound such as "Aix-Luynes" or "Toulon-La Farlède", as
    folded names, left to right; [] when the text is not such a compound."""
    pieces = [normalise(piece) for piece in re.split(r"\s*-\s*(?=[A-ZÀ-Ý])", original) if piece.strip()]
    pieces = [" ".join(w for w in p.split() if w not in ("prison", "jail")) for p in pieces]
    pieces = [p for p in pieces if p]
    return pieces if len(pieces) > 1 and " ".join(pieces) != name or len(pieces) > 1 else []
