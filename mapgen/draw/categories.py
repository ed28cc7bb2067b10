"""Category colours and marker shapes that stay apart for colour-blind readers.

Every colour comes from PALETTE, nine colours in a fixed order taken from palettes made for
categorical data and colour-vision deficiency: Okabe and Ito's where theirs are dark enough,
then Paul Tol's, IBM's and Tableau's. On one map no two categories share a colour until all nine
are in use; each known kind of act also has its own marker shape, and beyond nine categories the
shapes tell apart those that share a colour, so colour is never the only cue.

A category is shown as the table writes it ("Gunfire", "Incendie", "shot and Tasered"): the
legend, the popups and the list use the reporter's word. Only the styling groups kindred words:
a word naming a known kind of act, in English, French, Spanish or German ("fire", "arson",
"incendie", "Brandstiftung"), takes that kind's colour and shape, so a fire and an arson look
alike on the map and stay two entries in the legend.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from ..util.text import normalise

SHAPES = ("circle", "square", "diamond", "triangle", "hexagon", "star", "cross", "triangle-down")


@dataclass(frozen=True)
class CategoryStyle:
    """How one category is drawn: its key (the category as written), label, colour, marker
    shape, and the kind of act whose style it shares ("" for a word of its own)."""

    key: str
    label: str
    colour: str
    shape: str
    kind: str = ""


# The colours, in the order categories of no known kind take them. Each is at least 3:1 against
# the land (#f4f3ee, WCAG's contrast for graphics; white numbers on it then reach 3.3:1), each pair
# at least 20 apart in CIEDE2000, and none but black darker than L* 30, so that no dark colour
# passes for black on a small marker. Okabe and Ito's orange, sky blue, yellow and reddish purple
# are too pale for the land (1.2 to 2.8:1); no single published palette has five colours that are
# not, hence the others. The first four keep a minimum of 18 apart for protanopes and deuteranopes
# too (Machado, Oliveira and Fernandes' simulation); all nine cannot (tests/draw/test_categories.py).
PALETTE = (
    "#D55E00",  # vermillion: Okabe and Ito
    "#0072B2",  # blue: Okabe and Ito
    "#009E73",  # bluish green: Okabe and Ito
    "#000000",  # black: Okabe and Ito
    "#882255",  # wine: Paul Tol's muted scheme
    "#785EF0",  # violet: IBM Design's colour-blind safe palette
    "#EE3377",  # magenta: Paul Tol's vibrant scheme
    "#997700",  # ochre: Paul Tol's medium-contrast scheme
    "#898989",  # grey: Tableau's Color Blind 10
)
# The kinds' colours are the palette's, chosen so that the pairs a protanope or deuteranope can
# hardly tell apart (protest and threat, attack and strike, protest and other) differ in shape.
KNOWN_CATEGORIES = {
    "arson": CategoryStyle("arson", "Arson", "#D55E00", "triangle", "arson"),
    "shooting": CategoryStyle("shooting", "Shooting", "#000000", "cross", "shooting"),
    "vandalism": CategoryStyle("vandalism", "Vandalism", "#882255", "diamond", "vandalism"),
    "threat": CategoryStyle("threat", "Threat", "#EE3377", "star", "threat"),
    "attack": CategoryStyle("attack", "Attack", "#0072B2", "square", "attack"),
    "protest": CategoryStyle("protest", "Protest", "#009E73", "hexagon", "protest"),
    "strike": CategoryStyle("strike", "Strike", "#785EF0", "triangle-down", "strike"),
    "other": CategoryStyle("other", "Other", "#898989", "circle", "other"),
}
# The words that name each kind, folded (no accents, lower case), singular and plural: a category
# takes the kind of the first of its words found here ("Riots/Protests" is a protest, "shot and
# Tasered" a shooting, "Armed Assault" an attack).
KINDRED_WORDS = {
    "arson": ("arson", "arsons", "fire", "fires", "firebomb", "firebombing", "incendie", "incendies", "incendiaire",
              "incendio", "incendios", "brand", "brande", "brandstiftung", "brandanschlag"),
    "shooting": ("shooting", "shootings", "shot", "shots", "gunfire", "gunshot", "gunshots", "tir", "tirs", "fusillade",
                 "disparo", "disparos", "tiroteo", "balacera", "schuss", "schusse", "schiesserei"),
    "vandalism": ("vandalism", "graffiti", "tag", "tags", "degradation", "degradations", "vandalisme", "vandalismo", "danos",
                  "sachbeschadigung"),
    "threat": ("threat", "threats", "menace", "menaces", "amenaza", "amenazas", "drohung", "drohungen", "bedrohung"),
    "attack": ("attack", "attacks", "assault", "assaults", "agression", "agressions", "aggression", "ataque", "ataques",
               "agresion", "angriff", "angriffe", "uberfall"),
    "protest": ("protest", "protests", "protestation", "demonstration", "demonstrations", "manifestation", "manifestations",
                "rassemblement", "rassemblements", "manifestacion", "manifestaciones", "protesta", "protestas", "kundgebung",
                "demo", "demos"),
    "strike": ("strike", "strikes", "greve", "greves", "huelga", "huelgas", "streik", "streiks"),
    "other": ("other", "autre", "autres", "otro", "otros", "sonstiges", "andere"),
}
_KIND_OF_WORD = {word: kind for kind, words in KINDRED_WORDS.items() for word in words}
_WORD = re.compile(r"[a-z]+")


def kind_of(category: str) -> str:
    """The known kind of act a category as written names ("Gunfire": shooting), or ""."""
    words = _WORD.findall(normalise(str(category)))
    return next((_KIND_OF_WORD[word] for word in words if word in _KIND_OF_WORD), "")


def category_styles(categories: pd.Series | list[str]) -> list[CategoryStyle]:
    """A style for every category present, labelled as written: those of a known kind first, in
    the kinds' fixed order, then the others alphabetically, each with a colour and shape of its
    own; kindred words share their kind's. The others take the palette's colours that no kind on
    this map has, in the palette's order, then (past nine) the palette again with other shapes."""
    present = sorted({str(category) for category in pd.unique(pd.Series(categories, dtype=object))})
    kinds = {category: kind_of(category) for category in present}
    order = list(KNOWN_CATEGORIES)
    known = sorted((c for c in present if kinds[c]), key=lambda c: (order.index(kinds[c]), c))
    styles = [CategoryStyle(c, _label(c), KNOWN_CATEGORIES[kinds[c]].colour, KNOWN_CATEGORIES[kinds[c]].shape, kinds[c]) for c in known]
    used = {(style.colour, style.shape) for style in styles}
    free = [colour for colour in PALETTE if colour not in {style.colour for style in styles}]
    unknown = [c for c in present if not kinds[c]]
    for index, key in enumerate(unknown):
        colour = free[index] if index < len(free) else PALETTE[(index - len(free)) % len(PALETTE)]
        shape = SHAPES[(index // len(PALETTE) + index) % len(SHAPES)]
        while (colour, shape) in used:
            shape = SHAPES[(SHAPES.index(shape) + 1) % len(SHAPES)]
        used.add((colour, shape))
        styles.append(CategoryStyle(key, _label(key), colour, shape))
    return styles


def styling_lines(categories: pd.Series) -> list[str]:
    """How each category is drawn, one line each, for `mapgen validate`: the word as written, how
    many rows, its colour and shape, and the kind whose style it shares."""
    counts = Counter(categories.astype(str))
    lines = []
    for style in category_styles(list(counts)):
        shared = f", the style of {style.kind}" if style.kind and style.kind != normalise(style.key) else ""
        lines.append(f"category {style.key!r} ({counts[style.key]} row(s)): {style.shape}, {style.colour}{shared}")
    return lines


def _label(category: str) -> str:
    """The category as written, for the legend; a word written all in lower case ("arson", as our
    own tables and drafts write it) starts with a capital."""
    return category[:1].upper() + category[1:] if category.islower() else category
