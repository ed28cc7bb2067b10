"""The words that say what happened, in English and French: one list of cue patterns (regular
expressions, case ignored) per category.

Most categories name a kind of act. Two are generic: "attack" (attacked, targeted, pris pour
cible) says something was done without saying what, and "riot" (violences, clashes, émeutes)
names disorder in general. A clause with a specific cue takes it; a generic "attack" in an article
whose other cues agree on one kind of act takes that kind (a mast "targeted" in a report about
mast fires was set on fire); a generic cue alone stays what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEXICON = {
    "arson": [
        r"set (?:on )?fire", r"setting fires?", r"set alight", r"torched", r"\bburn(?:ed|t|ing)\b", r"fires? broke out", r"\barson\b",
        r"ignition points?", r"\bblaze\b", r"firebomb", r"went up in flames", r"\bin flames\b", r"well alight",
        r"\bfires?\b(?!\s*(?:service|and rescue|brigade|fighters?|crews?|engines?|officers?|station|department|chief|"
        r"kalashnikovs?|guns?|shots?|bullets|rounds)\b)(?<!weapon fire)(?<!gun fire)(?<!automatic fire)",
        r"incendi(?:e|é|ée|ées|és|aire)s?\b", r"mis le feu", r"mettre le feu", r"brûlée?s?\b", r"\bincendiés?\b", r"départ de feu",
        r"\bflammes\b", r"subi le même sort", r"\bablaze\b", r"torching",
    ],
    "shooting": [
        r"\bshots?\b", r"gunfire", r"kalashnikov", r"\bshooting", r"\bgunmen\b", r"fired (?:at|on)", r"\btirs?\b(?! de (?:gaz|lacrymo))",
        r"coups de feu", r"rafales?", r"\bballes\b", r"shot dead", r"gunshots?", r"(?:weapon|automatic|gun) ?fire",
        r"\bfire[sd]? (?:kalashnikovs?|guns?|shots)\b", r"arme automatique", r"bullet", r"impacts? de balles?",
    ],
    "sabotage": [r"sabota(?:ge|geurs?|ged)", r"saboteurs?", r"cable theft", r"stealing cables", r"vols? de câbles", r"malevolent acts?",
                 r"cables? (?:were |was )?(?:cut|severed)", r"câbles? sectionnés?",
                 r"actes? de malveillance"],
    "vandalism": [r"graffiti", r"spray-painted", r"\btagged\b", r"\btags?\b", r"vandali[sz]ed", r"dégradations?", r"saccag",
                  r"détruit(?:e|s|es)?\b", r"destroyed", r"caillass", r"pillages?", r"looting", r"looted", r"ransacked"],
    "blockade": [r"\bbloqu(?:é|ée|és|ées|er|ent|ait|aient|ons)\b", r"\bblocages?\b", r"\bblocus\b", r"barrages?(?: filtrants?)?", r"blockades?",
                 r"\bblocked\b", r"opération escargot", r"slow drive", r"go-slow"],
    "protest": [r"manifest(?:é|ée|és|er|ent|ation|ations|ants?)\b", r"rassembl(?:é|ée|és|ées|ement|ements)\b", r"marche blanche",
                r"\bmarche\b", r"\bprotest(?:s|ed|ers|ing)?\b", r"demonstrat(?:ion|ions|ors|ed)", r"\brall(?:y|ies)\b",
                r"déver(?:s|sé|sée|sés|sent|ser|sant)\b", r"actions? contre", r"mur monté"],
    "threat": [r"\bthreats?\b(?! against)", r"\bmenaces?\b", r"threatened"],
    "killing": [r"\btuée?s?\b", r"\bkilled\b", r"shot dead"],
    "attack": [r"attaqu(?:é|ée|és|ées|e|ent)\b", r"\battacks?\b", r"\battacked\b", r"pris(?:es)? pour cibles?", r"\btargeted\b",
               r"\bciblée?s?\b", r"mortiers? d['’]artifice", r"fireworks", r"(?:were|was|also) (?:affected|hit|struck)\b",
               r"\btouchée?s\b", r"\bvisée?s?\b"],
    "riot": [r"émeutes?", r"émeutiers", r"\bviolences?\b", r"\briots?\b", r"rioters", r"\bclashes\b", r"affrontements?", r"\bchaos\b",
             r"jets? de pavés", r"unrest", r"\btensions?\b", r"(?:devenue|situation) explosive"],
}
GENERIC = ("attack", "riot")
# Acts that two reports of one incident may name differently ("burned" here, "destroyed" there),
# and the order in which the more telling name wins when they are merged.
KINDRED = ({"arson", "vandalism", "sabotage"}, {"protest", "blockade"}, {"shooting", "killing"})
PRECEDENCE = ("shooting", "arson", "sabotage", "killing", "vandalism", "blockade", "protest", "threat", "attack", "riot")
CUES = {category: re.compile("|".join(patterns), re.IGNORECASE) for category, patterns in LEXICON.items()}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    category: str

    @property
    def generic(self) -> bool:
        return self.category in GENERIC


def find_cues(text: str) -> list[Cue]:
    """Every cue in a text, in the order they appear."""
    found = [Cue(m.start(), m.end(), category) for category, cue in CUES.items() for m in cue.finditer(text)]
    return sorted(found, key=lambda c: c.start)


def compatible(a: str, b: str) -> bool:
    """Whether two categories may name one incident: the same, kindred, or one of them generic;
    but a riot is not a peaceful march or a blockade (a march by day, clashes by night)."""
    if a == b or any(a in group and b in group for group in KINDRED):
        return True
    if "riot" in (a, b) and {a, b} & {"protest", "blockade"}:
        return False
    return a in GENERIC or b in GENERIC


def most_telling(categories: list[str]) -> str:
    """Of the categories reports give one incident, the one that says most."""
    return min(categories, key=lambda c: PRECEDENCE.index(c) if c in PRECEDENCE else len(PRECEDENCE))


def category_of(cues: list[Cue]) -> str | None:
    """The category of a clause: its first specific cue, else its first generic one."""
    specific = [c for c in cues if not c.generic]
    chosen = specific or cues
    return chosen[0].category if chosen else None
