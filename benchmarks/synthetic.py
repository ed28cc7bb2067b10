"""Synthetic incident tables over real French towns, with a fixed random seed, for benchmarks
and scale tests. The towns and their regions come from the gazetteer index, so every place is a
real name that geocoding must resolve."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from mapgen.place.gazetteer import OfflineGazetteer

SEED = 20250416
CATEGORIES = ("arson", "shooting", "vandalism", "threat", "attack", "protest", "strike", "other")
WORDS = ("vehicle", "gate", "wall", "staff", "car", "fire", "shots", "night", "entrance", "guard", "letters", "painted",
         "damaged", "burned", "reported", "officers", "windows", "door", "hall", "building", "early", "morning")
SOURCES = tuple(f"Source {letter}" for letter in "ABCDEFGHIJKLMNOPQRST")
REGIONS = {"11": "Île-de-France", "24": "Centre-Val de Loire", "27": "Bourgogne-Franche-Comté", "28": "Normandie",
           "32": "Hauts-de-France", "44": "Grand Est", "52": "Pays de la Loire", "53": "Bretagne", "75": "Nouvelle-Aquitaine",
           "76": "Occitanie", "84": "Auvergne-Rhône-Alpes", "93": "Provence-Alpes-Côte d'Azur", "94": "Corse"}
COLUMNS = ("id", "date", "time", "category", "place", "region", "country", "description", "source")


def french_towns(count: int) -> list[tuple[str, str]]:
    """The most populous distinct French town names, with their region."""
    rows = OfflineGazetteer()._db().execute(
        f"SELECT name, admin1 FROM places WHERE country = 'FR' AND admin1 IN ({','.join('?' * len(REGIONS))})"
        " GROUP BY name ORDER BY MAX(population) DESC LIMIT ?", (*REGIONS, count)).fetchall()
    return [(name, REGIONS[admin1]) for name, admin1 in rows]


def synthetic_rows(size: int, towns: int = 5000, seed: int = SEED) -> list[dict]:
    chooser = random.Random(seed)
    places = french_towns(towns)
    start = date(2025, 1, 1)
    rows = []
    for index in range(size):
        town, region = places[chooser.randrange(len(places))]
        rows.append({
            "id": f"s{index}",
            "date": (start + timedelta(days=chooser.randrange(180))).isoformat(),
            "time": f"{chooser.randrange(24):02d}:{chooser.randrange(60):02d}" if chooser.random() < 0.6 else "",
            "category": CATEGORIES[min(int(chooser.expovariate(0.5)), len(CATEGORIES) - 1)],
            "place": f"{town} prison" if chooser.random() < 0.3 else town,
            "region": region,
            "country": "FR",
            "description": " ".join(chooser.choice(WORDS) for _ in range(chooser.randrange(6, 12))).capitalize() + ".",
            "source": chooser.choice(SOURCES),
        })
    return rows


def write_table(path: str | Path, size: int, towns: int = 5000) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(synthetic_rows(size, towns))
    return path
