"""Whether an online answer can be true: a service may answer with a namesake abroad, or with a
point in the sea or in Antarctica. Checked against the offline gazetteer before it is used or kept."""

from __future__ import annotations

from ..util.geo import km_between
from .regions import in_country

# A real place lies this close to some town the gazetteer knows (GeoNames' places of 500 people and
# more reach every inhabited region); an answer farther than this from any is not a place on land.
NEAREST_TOWN_KM = 250.0
BORDER_KM = 40.0  # towns this close to an answer count for its country (a place on a border)
REGION_SLACK = 2.0  # an answer may lie this many times the region's radius from its point, plus REGION_MARGIN_KM
REGION_MARGIN_KM = 30.0


def implausible(gazetteer, answer, region: str, country: str) -> str:
    """Why an answer cannot be the place asked for (outside the row's country or region, or far
    from any town), or "" when nothing speaks against it."""
    point = (answer.latitude, answer.longitude)
    near = gazetteer.countries_near(*point, BORDER_KM) or gazetteer.countries_near(*point, NEAREST_TOWN_KM)
    if not near:
        return f"it lies more than {NEAREST_TOWN_KM:g} km from any known town"
    if country and not any(in_country(other, country) for other in near):
        return f"it lies in {', '.join(sorted(_closest(near)))}, not in {country}"
    areas = set(gazetteer.regions(region, country or None)) if region else set()
    if len(areas) == 1:
        area = areas.pop()
        distance = km_between(point, (area.latitude, area.longitude))
        if area.kind != "country" and distance > REGION_SLACK * area.radius_km + REGION_MARGIN_KM:
            return f"it lies {distance:,.0f} km from {area.described}, outside it"
    return ""


def _closest(near: dict[str, float]) -> set[str]:
    """The country of the closest known town (several when they tie)."""
    best = min(near.values())
    return {country for country, km in near.items() if km <= best + 1e-6}
