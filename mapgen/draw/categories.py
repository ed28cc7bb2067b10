"""Category colours and marker shapes that stay apart for colour-blind readers.

Colours are Okabe and Ito's palette, chosen to be told apart with any common colour-vision
deficiency; each known category also has its own marker shape, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SHAPES = ("circle", "square", "diamond", "triangle", "hexagon", "star", "cross", "triangle-down")


@dataclass(frozen=True)
class CategoryStyle:
    """How one category is drawn: its label, colour and marker shape."""

    key: str
    label: str
    colour: str
    shape: str


KNOWN_CATEGORIES = {
    "arson": CategoryStyle("arson", "Arson", "#D55E00", "triangle"),
    "shooting": CategoryStyle("shooting", "Shooting", "#000000", "cross"),
    "vandalism": CategoryStyle("vandalism", "Vandalism / graffiti", "#CC79A7", "diamond"),
    "threat": CategoryStyle("threat", "Threat", "#E69F00", "star"),
    "attack": CategoryStyle("attack", "Attack on a person or home", "#0072B2", "square"),
    "protest": CategoryStyle("protest", "Protest", "#009E73", "hexagon"),
    "strike": CategoryStyle("strike", "Strike", "#56B4E9", "triangle-down"),
    "other": CategoryStyle("other", "Other", "#7F7F7F", "circle"),
}
# For categories mapgen does not know: further colours from Paul Tol's muted palette, which is
# also safe for colour-blind readers; beyond these, shapes cycle so two never look the same.
EXTRA_COLOURS = ("#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677", "#AA4499", "#882255")


def category_styles(categories: pd.Series | list[str]) -> list[CategoryStyle]:
    """A style for every category present, known ones first in a fixed order, then unknown
    ones alphabetically, each with its own colour and shape."""
    present = sorted(set(categories))
    known = [KNOWN_CATEGORIES[key] for key in KNOWN_CATEGORIES if key in present]
    styles = list(known)
    used = {(style.colour, style.shape) for style in known}
    unknown = [key for key in present if key not in KNOWN_CATEGORIES]
    for index, key in enumerate(unknown):
        colour = EXTRA_COLOURS[index % len(EXTRA_COLOURS)]
        shape = SHAPES[(index // len(EXTRA_COLOURS) + index) % len(SHAPES)]
        while (colour, shape) in used:
            shape = SHAPES[(SHAPES.index(shape) + 1) % len(SHAPES)]
        used.add((colour, shape))
        styles.append(CategoryStyle(key, key[:1].upper() + key[1:], colour, shape))
    return styles
