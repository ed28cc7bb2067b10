"""The categories' colours, measured: far enough apart in CIELAB (CIEDE2000), dark enough against
the land (WCAG contrast), and how far apart they stay for colour-blind readers (simulated)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from mapgen.draw.categories import KNOWN_CATEGORIES, PALETTE, category_styles

LAND = "#f4f3ee"  # the offline map's land, under most markers
MIN_DELTA_E = 20.0
MIN_CONTRAST = 3.0  # WCAG 2.1's minimum for graphical objects (1.4.11)
DARKEST_BUT_BLACK = 30.0  # L*: nothing but black so dark that a small marker of it passes for black
WIDE_TABLE = ["arson", "shooting", "vandalism", "protest", "sabotage"]  # tests/data/wide/company_sites.csv

# Machado, Oliveira and Fernandes (2009), full severity: linear RGB as a dichromat sees it.
DICHROMATS = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]])
D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(colour: str) -> np.ndarray:
    channels = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def lab(colour: str, seen_by: str | None = None) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour, as a dichromat sees it if asked."""
    rgb = linear_rgb(colour)
    if seen_by:
        rgb = np.clip(DICHROMATS[seen_by] @ rgb, 0, 1)
    xyz = SRGB_TO_XYZ @ rgb / D65
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def ciede2000(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """The CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation)."""
    (l1, a1, b1), (l2, a2, b2) = first, second
    mean_chroma = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_chroma ** 7 / (mean_chroma ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(mean_h - 30)) + 0.24 * math.cos(math.radians(2 * mean_h))
         + 0.32 * math.cos(math.radians(3 * mean_h + 6)) - 0.20 * math.cos(math.radians(4 * mean_h - 63)))
    rotation = -math.sin(math.radians(60 * math.exp(-(((mean_h - 275) / 25) ** 2)))) * 2 * math.sqrt(mean_c ** 7 / (mean_c ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_c, 1 + 0.015 * mean_c * t
    terms = (l2 - l1) / s_l, (c2 - c1) / s_c, big_dh / s_h
    return math.sqrt(terms[0] ** 2 + terms[1] ** 2 + terms[2] ** 2 + rotation * terms[1] * terms[2])


def delta_e(first: str, second: str, seen_by: str | None = None) -> float:
    return ciede2000(lab(first, seen_by), lab(second, seen_by))


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours, from their relative luminance."""
    lighter, darker = sorted((float(linear_rgb(c) @ [0.2126, 0.7152, 0.0722]) for c in (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def closest(colours, seen_by: str | None = None) -> float:
    return min(delta_e(a, b, seen_by) for a, b in itertools.combinations(colours, 2))


def test_the_measures_give_the_published_figures():
    # Sharma, Wu and Dalal's test pairs for CIEDE2000, and sRGB white and black.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert ciede2000((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514)) == pytest.approx(0.9082, abs=1e-4)
    assert lab("#ffffff") == pytest.approx((100, 0, 0), abs=1e-3) and contrast("#ffffff", "#000000") == pytest.approx(21)


def test_every_colour_of_the_palette_is_apart_from_the_others_and_dark_enough_for_the_land():
    assert len(set(PALETTE)) == len(PALETTE) == 9
    assert closest(PALETTE) >= MIN_DELTA_E  # 20.7: the blue and the violet
    for colour in PALETTE:
        assert contrast(colour, LAND) >= MIN_CONTRAST, colour  # the lowest, 3.08: the bluish green
        assert contrast(colour, "#ffffff") >= MIN_CONTRAST, colour  # the numbers on a cluster or a pill
        assert colour == "#000000" or lab(colour)[0] >= DARKEST_BUT_BLACK, colour
    assert {style.colour for style in KNOWN_CATEGORIES.values()} <= set(PALETTE)
    assert len({style.colour for style in KNOWN_CATEGORIES.values()}) == len(KNOWN_CATEGORIES)


def test_the_first_colours_stay_apart_for_colour_blind_readers():
    # A map of a few categories of its own takes the palette's first colours: Okabe and Ito's four.
    for seen_by in ("protanopia", "deuteranopia"):
        assert closest(PALETTE[:4], seen_by) >= 18
    assert closest(PALETTE[:4], "tritanopia") >= 12


def test_the_wide_tables_categories_are_told_apart():
    styles = category_styles(WIDE_TABLE)
    colours = [style.colour for style in styles]
    assert len(set(colours)) == 5 and len({style.shape for style in styles}) == 5
    assert closest(colours) >= 30  # 32.6, black and wine (the old navy beside black was L* 22 to 0)
    assert all(contrast(colour, LAND) >= MIN_CONTRAST for colour in colours)  # the old pink: 2.76
    assert closest(colours, "deuteranopia") >= 20 and closest(colours, "protanopia") >= 18 and closest(colours, "tritanopia") >= 12


KNOWN_MIXES = {"none": [], "arson and shooting": ["arson", "Gunfire"], "the wide table's": ["arson", "shooting", "vandalism", "protest"],
               "every kind": list(KNOWN_CATEGORIES)}


@pytest.mark.parametrize("unknown", range(1, 13))
@pytest.mark.parametrize("mix", KNOWN_MIXES, ids=list(KNOWN_MIXES))
def test_no_two_categories_on_a_map_look_alike(mix, unknown):
    styles = category_styles(KNOWN_MIXES[mix] + [f"kind {i:02d}" for i in range(unknown)])
    assert len({(style.colour, style.shape) for style in styles}) == len(styles)
    colours = [style.colour for style in styles]
    if len(styles) <= len(PALETTE):
        assert len(set(colours)) == len(colours)
        if len(colours) > 1:
            assert closest(colours) >= MIN_DELTA_E
    else:
        # Past nine, all nine colours are in use and those that share a colour differ in shape.
        assert set(colours) == set(PALETTE)
    assert all(contrast(colour, LAND) >= MIN_CONTRAST for colour in colours)


def test_kindred_words_share_their_kinds_style_and_take_no_colour_from_others():
    styles = {style.key: style for style in category_styles(["Incendie", "arson", "sabotage"])}
    assert (styles["Incendie"].colour, styles["Incendie"].shape) == (styles["arson"].colour, styles["arson"].shape) == ("#D55E00", "triangle")
    assert styles["sabotage"].colour == PALETTE[1]  # the first colour no kind on the map has
