"""Distances on the Earth, for anything with a latitude and a longitude."""

from __future__ import annotations

from geopy.distance import great_circle

KM_PER_MILE = 1.609344


def distance_km(a, b) -> float:
    """The great-circle distance in km between two things with latitude and longitude attributes."""
    return km_between((a.latitude, a.longitude), (b.latitude, b.longitude))


def km_between(first: tuple[float, float], second: tuple[float, float]) -> float:
    """The great-circle distance in km between two (latitude, longitude) points."""
    return great_circle(tuple(map(float, first)), tuple(map(float, second))).km


def moved(point: tuple[float, float], km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (latitude, longitude) `point` along a bearing (degrees clockwise from north)."""
    reached = great_circle(kilometers=km).destination(tuple(map(float, point)), bearing=bearing)
    return reached.latitude, reached.longitude
