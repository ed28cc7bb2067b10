"""The words that say what happened, in English and French: one list of cue patterns (regular
expressions, case ignored) per category.

Most categories name a kind of act (an explosion, arson, a shooting, sabotage...). Two are
generic: "attack" (attacked, targeted, pris pour cible) says something was done without saying
what, and "riot" names disorder. Disorder comes in two strengths: words that name a riot outright
("rioters", "émeutes", "clashes", "looted", stones "thrown at police") make the clause a riot even
where it names the acts of one (fires, damage, a march); looser words ("violence", "tensions",
"disturbances") are a riot only where nothing more telling is said. A generic "attack" in an
article whose other cues agree on one kind of act takes that kind (a mast "targeted" in a report
about mast fires was set on fire); a generic cue alone stays what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEXICON = {
    "explosion": [
        r"\bexplo(?:sions?|sifs?|sives?|ded|de|des|ding|ser|sé|sée|sés|sées|se|sent)\b(?<!situation explosive)",
        r"\bblasts?\b", r"(?<!petrol )(?<!petrol-)(?<!de )\bbomb(?:s|ed|ing|ings)?\b(?!\s+(?:threats?|disposal|squad|alerts?|scares?))",
        r"\bgrenades?\b", r"\bIEDs?\b", r"improvised explosive", r"détonations?", r"déflagrations?", r"\bdetonat(?:ed|ion)\b",
        r"engins? explosifs?", r"nuit bleue", r"attentats? à l['’]explosif", r"à l['’]explosif",
    ],
    "arson": [
        r"set (?:on )?fire", r"setting fires?", r"set alight", r"torched", r"\bburn(?:ed|t|ing|s)?\b", r"fires? broke out", r"\barson",
        r"ignition points?", r"\bblaze\b", r"firebomb", r"went up in flames", r"\bin flames\b", r"well alight", r"\balight\b",
        r"(?<!opened )(?<!open )(?<!cease)\bfires?\b(?!\s*(?:service|and rescue|brigade|fighters?|crews?|engines?|officers?|station|department|"
        r"chief|extinguishers?|kalashnikovs?|guns?|shots?|bullets|rounds)\b)(?<!weapon fire)(?<!gun fire)(?<!automatic fire)",
        r"incendi(?:e|é|ée|ées|és|aire|aires|er|ant)s?\b", r"mis le feu", r"mettre le feu", r"mettant le feu", r"bouté le feu",
        r"brûl(?:é|ée|és|ées|er|ent|aient|ant)\b",
        r"\bincendiés?\b", r"départs? de feu", r"\bflammes\b", r"subi le même sort", r"\bablaze\b", r"torching", r"\bflamb(?:aient|é|ée|és|ées)\b",
        r"pris feu",
        # "le feu", not "cessez-le-feu", "ouvert le feu" (a shooting), fireworks or traffic lights
        r"(?<!cessez-)(?<!ouvert )(?<!ouvrir )(?<!ouvre )(?<!ouvrent )\b(?:le|du|au|un|en|par le) feu\b"
        r"(?! (?:d['’]artifice|vert|rouge|orange|de (?:signalisation|circulation|camp)))",
        r"(?:partie?s?|sont|est|était|étaient) (?:aussi |également )?en fumée", r"s['’]est embrasée?", r"calcinée?s?",
        r"petrol bombs?", r"cocktails? molotov", r"molotov cocktails?",
    ],
    "shooting": [
        r"(?<!warning )(?<!rubber )\bshots?\b(?! of)", r"gunfire", r"kalashnikov", r"\bshootings?\b", r"\bgunmen\b", r"fired (?:at|on)\b",
        r"\btirs?\b(?! de (?:gaz|lacrymo|sommation|mortiers?|feux))", r"coups de feu", r"rafales?", r"\bballes?\b(?! (?:de défense|en caoutchouc))",
        r"shot dead", r"gunshots?", r"(?:weapon|automatic|gun) ?fire", r"opened fire", r"open fire", r"fusillades?", r"\bfusil\b",
        r"\bfire[sd]? (?:kalashnikovs?|guns?|shots)\b", r"arme automatique", r"(?<!rubber )bullets?(?! impact)", r"impacts? de (?:balles?|tirs?)",
        r"\bimpacts? de tirs", r"bullet impacts?", r"ouv(?:ert|rir|re|rent|raient|rait) le feu",
    ],
    "sabotage": [r"sabota(?:ge|geurs?|ged)", r"saboteurs?", r"cable theft", r"stealing cables", r"vols? de câbles", r"malevolent acts?",
                 r"cables? (?:were |was )?(?:cut|severed)", r"câbles? sectionnés?", r"actes? de malveillance", r"tampered with",
                 r"(?:turn(?:ed|ing)?|shut(?:ting)?|clos(?:ed|ing)) (?:off )?(?:the )?(?:emergency )?valves?", r"deliberate physical damage",
                 r"forced entry", r"break-ins?", r"fences? (?:was |were )?cut",
                 r"(?:cutting|cut|breaking|broke) (?:the )?chains", r"shut ?down (?:\w+ ){0,3}valves?"],
    "vandalism": [r"graffiti", r"spray[- ]?paint(?:ed|ing)", r"defaced", r"\b(?:vitres?|vitrines?|fenêtres?) (?:ont été )?(?:brisées?|cassées?)",
                  r"\btagged\b", r"\btags?\b", r"vandali[sz](?:ed|ing|m)", r"vandalisée?s?", r"saccag",
                  r"détruit(?:e|s|es)?\b", r"destroyed", r"caillass", r"smashed", r"profan(?:é|ée|ées|és|ation|ations)\b",
                  r"croix gammées", r"swastikas?", r"inscriptions? (?:antisémites?|racistes?|islamophobes?)", r"ravagée?s?\b"],
    # Damage says what came of an act, not the act: a weak cue, that the act, where named, outranks.
    "damage": [r"dégradations?", r"dégradée?s?\b", r"endommagée?s?\b", r"\bdamaged\b", r"\bdégâts\b"],
    # Burning roadblocks are roadblocks, the fire being how the road is held ("barrages incendiés"): first in
    # the list, so that the whole phrase is read before "barrages" alone.
    "blockade": [r"barrages? (?:enflammés?|incendiés?|en feu)", r"barricades? (?:enflammées?|incendiées?|en feu)",
                 r"burning (?:barricades|roadblocks)",
                 r"\bbloqu(?:é|ée|és|ées|er|ent|ait|aient|ons)\b", r"\bblocages?\b", r"\bblocus\b", r"barrages?(?: filtrants?)?",
                 r"blockade[sd]?", r"\bblocked\b", r"opération escargot", r"slow drive", r"go-slow", r"picket(?:s| lines?)\b",
                 r"shut(?:ting)? down (?:the |two |several |[A-Z][\w-]+['’]s )?(?:port|terminal)s?",
                 r"routes barrées",
                 # a strike stops a site's work: its output blocked ("les raffineries sont en grève", "dockers on strike")
                 r"\ben grève\b", r"\bgrévistes?\b", r"piquets? de grève", r"\bon strike\b", r"\bstrikers\b", r"\bwalk(?:ed)? ?out\b"],
    # The people of a protest ("protesters", "manifestants") say what they are, not what they did:
    # a weak cue, that any act in their clause outranks.
    "protesters": [r"\bprotesters\b", r"\bdemonstrators\b", r"\bmanifestants?\b", r"\bmarchers\b", r"\bactivists\b", r"\bmilitants\b"],
    "protest": [r"manifest(?:é|ée|és|er|ent|ation|ations)\b", r"rassembl(?:é|ée|és|ées|ement|ements)\b", r"marche blanche",
                r"\bmarche\b", r"\bprotest(?:s|ed|ing)?\b", r"demonstrat(?:ion|ions|ed)", r"\brall(?:y|ies)\b",
                r"déver(?:s|sé|sée|sés|sent|ser|sant)\b", r"actions? contre", r"mur monté", r"sit-in"],
    "threat": [r"\bthreats?\b(?! against)", r"\bmenaces?\b", r"threatened", r"bomb threats?"],
    "killing": [r"\btuée?s?\b", r"\bkilled\b", r"shot dead", r"\bkilling\b", r"\b(?:fatal|deadly) attacks?\b",
                r"\battaques? meurtrières?\b", r"\battentats? meurtriers?\b"],
    "attack": [r"attaqu(?:é|ée|és|ées|e|es|ent)\b", r"\battacks?\b", r"\battacked\b", r"pris(?:es)? pour cibles?", r"\btargeted\b",
               r"\bciblée?s?\b", r"mortiers? d['’]artifice", r"feux d['’]artifice", r"fireworks",
               r"(?:were|was|also) (?:affected|hit|struck)\b", r"\bstruck by\b",
               r"\btouchée?s\b", r"\bvisée?s?\b", r"\battentats?\b", r"s['’]en (?:(?:sont|est|était|étaient) )?pris",
               r"s['’]en (?:prendre|prend|prennent|prenait|prenaient)\b", r"victime d['’]une?",
               r"(?:took|taken) action against", r"actions were taken (?:\w+ ){0,2}against"],
    # Disorder, in two strengths: words that name a riot outright win over the acts of it
    # ("rioters set fire to scooters": a riot), looser ones ("violence", "tensions") only name it
    # where nothing more telling is said.
    # Tyres set alight are a riot's (or a roadblock's) fires, not arson of a building: first, so that the
    # whole phrase is read before "incendié" alone.
    "riot": [r"pneus (?:ont été |avaient été )?(?:incendiés|enflammés|brûlés)|(?:incendi|brûl)\w* des pneus|"
             r"(?:burning|burned|burnt) tyres|tyres (?:were )?(?:set alight|set on fire|burned|burnt)",
             r"émeutes?", r"émeutiers", r"\briot(?:s|ed|ing)?\b(?!\s+(?:police|gear|squad|vans?|shields?))", r"rioters", r"\bclash(?:es|ed)\b",
             r"affrontements?", r"affront(?:é|ée|és|ées)\b", r"jets? de pavés", r"\bheurts\b", r"échauffourées", r"débordements?", r"\bdisorder\b",
             r"\bloot(?:ed|ing|ers)?\b", r"pillages?", r"pillés?", r"pillards?", r"ransacked",
             r"(?:thrown|threw|throwing|hurl(?:ed|ing)) [^.;]{0,50}\bat (?:police|officers)",
             r"came under attack", r"(?:attacked|attack on) (?:police|officers)",
             r"(?:police|officers|gendarmes|policiers) (?:were|was|have been|had been|ont été|a été) (?:attacked|pelted|attaqués|caillassés|pris à partie)",
             r"(?:attacked|pelted) with (?:stones|rocks|bricks|bottles|fireworks)", r"violences urbaines", r"s['’]en prendre aux forces de l['’]ordre",
             r"\bexactions\b"],
    "echo": [r"similar (?:scenes?|incidents?|attacks?|events?)", r"happened again", r"it happened", r"s['’]est reproduit", r"a recommencé",
             r"(?:évènements?|événements?|scènes?|faits?) (?:semblables?|similaires?)",
             r"the same (?:thing|scenes)", r"(?:événements|évènements) qui se sont déroulés", r"the events (?:that|which) (?:took place|unfolded)"],
    "unrest": [r"\bviolences?\b", r"\bviolent\b", r"\bchaos\b", r"unrest", r"\btensions?\b", r"(?:devenue|situation) explosive", r"disturbances?",
               r"\btrouble\b", r"\btroubles (?:nocturnes|urbains|graves|violents)\b",
               r"(?:des|de|les) troubles\b(?! (?:de|du|psychiatriques|psychiques|mentaux))"],
}
GENERIC = ("attack", "riot")
# Damage done to the grid, a pipeline or a railway is sabotage, whatever word the report uses for it
# ("substations were vandalized", "attacks on electricity substations").
INFRASTRUCTURE = re.compile(r"\b(?:sub-?stations?|sous-stations?|postes? électriques?|power (?:stations?|facilit(?:y|ies)|lines?|grid)|electric grid|"
                            r"pipelines?|valves?|transformers?|railway lines?|rail lines?|voies? ferrées?|caténaires?|"
                            r"lignes? (?:électriques?|à haute tension))\b", re.IGNORECASE)
# Words that point back to the incident just told ("similar scenes", "un évènement semblable"):
# their clause takes that incident's category.
ECHO = "echo"
# Cues of the "unrest" list read as a riot, a generic one; cues of the "riot" list are strong:
# they win over the acts a riot is made of (UNDER_RIOT) in the same clause.
UNREST = "unrest"
PEOPLE = "protesters"
DAMAGE = "damage"
UNDER_RIOT = ("arson", "vandalism", "attack", "protest", "blockade", "sabotage")
# Acts that two reports of one incident may name differently ("burned" here, "destroyed" there),
# and the order in which the more telling name wins when they are merged.
KINDRED = ({"arson", "vandalism", "sabotage", "explosion"}, {"protest", "blockade"}, {"shooting", "killing"})
PRECEDENCE = ("shooting", "explosion", "arson", "sabotage", "killing", "vandalism", "blockade", "protest", "threat", "attack", "riot", "echo")
CUES = {category: re.compile("|".join(patterns), re.IGNORECASE) for category, patterns in LEXICON.items()}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    category: str
    strong: bool = False  # a word that names a riot outright ("rioters", "émeutes", "looted")
    weak: bool = False  # a word for the people of an act, not the act ("protesters")

    @property
    def generic(self) -> bool:
        return self.category in GENERIC and not self.strong or self.weak


def find_cues(text: str) -> list[Cue]:
    """Every cue in a text, in the order they appear (one per stretch of text: "petrol bombs"
    is an arson cue, not a bombing as well)."""
    found = []
    for category, cue in CUES.items():
        for match in cue.finditer(text):
            if category == UNREST:
                found.append(Cue(match.start(), match.end(), "riot"))
            elif category == PEOPLE:
                found.append(Cue(match.start(), match.end(), "protest", weak=True))
            elif category == DAMAGE:
                found.append(Cue(match.start(), match.end(), "vandalism", weak=True))
            else:
                found.append(Cue(match.start(), match.end(), category, strong=category == "riot"))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for cue in found:
        if not any(other.start <= cue.start < other.end and other.category != cue.category for other in kept):
            kept.append(cue)
    return kept


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
    """The category of a clause: a riot when a word names one outright and nothing graver (a
    shooting, a bombing, a killing) is said; else its most telling specific cue; else its first
    generic one."""
    specific = [c for c in cues if not c.generic and c.category not in GENERIC]
    if any(c.strong for c in cues) and all(c.category in UNDER_RIOT for c in specific):
        return "riot"
    if specific:
        return most_telling([c.category for c in specific])
    plain = [c for c in cues if not c.weak]
    return (plain or cues)[0].category if cues else None


def against_infrastructure(category: str | None, text: str) -> str | None:
    """A category read again for what was hit: damage or an attack on the grid is sabotage."""
    return "sabotage" if category in ("vandalism", "attack") and INFRASTRUCTURE.search(text) else category


def first_act(cues: list[Cue]) -> str | None:
    """The first act a clause names (its first specific cue), for a guess where a sentence lists
    several places under several acts and cannot say which is whose."""
    specific = [c for c in cues if not c.generic and c.category not in GENERIC]
    return specific[0].category if specific else category_of(cues)
