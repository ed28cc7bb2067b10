"""Distances on the Earth, for anything with a latitude and a longitude."""

from __future__ import annotations

from geopy.distance import great_circle


def distance_km(a, b) -> float:
    """The great-circle distance in km between two things with latitude and longitude attributes."""
    return km_between((a.latitude, a.longitude), (b.latitude, b.longitude))


def km_between(first: tuple[float, float], second: tuple[float, float]) -> float:
    """The great-circle distance in km between two (latitude, longitude) points."""
    return great_circle(tuple(map(float, first)), tuple(map(float, second))).km
