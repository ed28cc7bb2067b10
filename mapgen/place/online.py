"""The online path: a geopy geocoder (Nominatim by default) asked politely, with answers cached.

Politeness as Nominatim's usage policy asks: an identifying user agent, at most one request per
second, and backing off when the service says so (429 with Retry-After, 5xx, time-outs).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from geopy import exc as geopy_errors
from geopy.adapters import AdapterHTTPError, RequestsAdapter, URLLibAdapter
from geopy.geocoders import get_geocoder_for_service

from ..defaults import DEFAULT_SERVICE
from ..errors import ConfigurationError
from ..util.text import normalise
from .cache import GeocodeCache
from .precision import DEFAULT_RADIUS_KM

USER_AGENT_VARIABLE = "MAPGEN_USER_AGENT"
MIN_DELAY_SECONDS = 1.0
TIMEOUT_SECONDS = 10.0
MAX_RETRIES = 3
BACKOFF_SECONDS = 2.0
MAX_RETRY_AFTER_SECONDS = 120.0
CANDIDATE_LIMIT = 5

_TOWN_TYPES = {"city", "town", "village", "hamlet", "municipality", "suburb", "quarter", "neighbourhood", "borough", "city_district"}
_REGION_TYPES = {"state", "county", "region", "province", "state_district", "department"}


@dataclass
class OnlineAnswer:
    """The best answer of the service for one place, in mapgen's terms."""

    latitude: float
    longitude: float
    precision: str
    matched_name: str
    radius_km: float


@dataclass
class OnlineStats:
    """What the online path did in a run: requests sent, answers from the cache, failures."""

    requests: int = 0
    cached: int = 0
    failures: list[str] = field(default_factory=list)
    # Why the run stopped asking (a service that cannot be reached, or keeps failing), and how
    # many places were then placed offline without asking.
    stopped: str = ""
    not_asked: int = 0


def make_geocoder(service: str = DEFAULT_SERVICE, *, user_agent: str | None = None, url: str | None = None, timeout: float = TIMEOUT_SECONDS):
    """Build a geopy geocoder for a service name, refusing to run without a user agent."""
    user_agent = user_agent or os.environ.get(USER_AGENT_VARIABLE)
    if not user_agent:
        raise ConfigurationError(
            "online geocoding needs a user agent that identifies you, as the service's usage policy asks:"
            f" pass --user-agent 'yourorg-mapgen/1.0 (you@example.org)' or set {USER_AGENT_VARIABLE}."
        )
    try:
        geocoder_class = get_geocoder_for_service(service)
    except geopy_errors.GeocoderNotFound:
        raise ConfigurationError(f"--geocoder {service!r} is not a geopy service; try nominatim, photon or arcgis.") from None
    # Every retry is ours (OnlineLookup, with its injectable clock): the HTTP adapter itself must
    # not retry, or a 429's Retry-After would be slept inside urllib3, out of our sight.
    options = {"user_agent": user_agent, "timeout": timeout, "adapter_factory": _adapter_without_retries}
    if url:
        scheme, _, domain = url.partition("://")
        options.update(scheme=scheme, domain=domain.rstrip("/"))
    try:
        return geocoder_class(**options)
    except (TypeError, geopy_errors.ConfigurationError) as error:
        raise ConfigurationError(f"--geocoder {service!r} cannot be set up this way ({error}); it may need an API key.") from None


def _adapter_without_retries(*, proxies=None, ssl_context=None):
    try:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    except ImportError:  # no requests: urllib's adapter never retries
        return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)


class OnlineLookup:
    """Asks a geopy geocoder once per unique place, at most one request per min_delay seconds,
    retrying with backoff, and keeps every answer in the cache."""

    def __init__(self, geocoder, service: str, cache: GeocodeCache, *, min_delay: float = MIN_DELAY_SECONDS,
                 max_retries: int = MAX_RETRIES, backoff: float = BACKOFF_SECONDS, clock=time.monotonic, sleep=time.sleep):
        self.geocoder = geocoder
        self.service = service
        self.cache = cache
        self.min_delay = min_delay
        self.max_retries = max_retries
        self.backoff = backoff
        self._clock = clock
        self._sleep = sleep
        self._last_request: float | None = None
        self.last_from_cache = False
        self.stats = OnlineStats()

    def lookup(self, place: str, region: str = "", country: str = "") -> OnlineAnswer | None:
        """The service's best answer, or None when it has none or cannot be reached (then the
        failure is counted in stats and nothing is cached)."""
        query, key, params = _cache_key(place, region, country)
        answer = self.cache.get(self.service, key, params)
        self.last_from_cache = answer is not None
        if answer is not None:
            self.stats.cached += 1
        elif self.stats.stopped:
            self.stats.not_asked += 1
            return None
        else:
            answer = self._ask(query, params)
            if answer is None:
                return None
            self.cache.put(self.service, key, params, answer)
        return _best(answer)

    def _ask(self, query: str, params: dict) -> list | None:
        """The service's raw answer, or None. A service that cannot be reached at all, or that
        still fails after every retry, is not asked again in this run (stats.stopped says why)."""
        kwargs = dict(params) if self.service == "nominatim" else {}
        if self.service == "nominatim":
            kwargs["limit"] = CANDIDATE_LIMIT
        for attempt in range(self.max_retries + 1):
            self._wait_turn()
            self.stats.requests += 1
            try:
                locations = self.geocoder.geocode(query, exactly_one=False, **kwargs)
                return [_raw(location) for location in (locations or [])]
            except geopy_errors.GeocoderRateLimited as error:
                if error.retry_after and float(error.retry_after) > MAX_RETRY_AFTER_SECONDS:
                    # Waiting that long once per place would take hours: the service is closed to this run.
                    return self._stop(query, f"the service asks to wait {float(error.retry_after):g} s (429), longer than a run can")
                delay = float(error.retry_after or self.backoff * 2**attempt)
                reason = f"rate limited (429), told to wait {delay:g} s"
            except geopy_errors.GeocoderUnavailable as error:
                if not isinstance(error.__context__, AdapterHTTPError):
                    # No answer at all (connection refused, no such host): no retry will help.
                    return self._stop(query, f"the service cannot be reached ({_first_line(error)})")
                delay, reason = self.backoff * 2**attempt, f"{type(error).__name__}: {_first_line(error)}"
            except (geopy_errors.GeocoderTimedOut, geopy_errors.GeocoderParseError) as error:
                delay, reason = self.backoff * 2**attempt, f"{type(error).__name__}: {_first_line(error)}"
            except geopy_errors.GeocoderQueryError as error:
                self.stats.failures.append(f"{query}: the service refused the query ({error})")
                return None
            except geopy_errors.GeocoderServiceError as error:
                delay, reason = self.backoff * 2**attempt, f"{type(error).__name__}: {_first_line(error)}"
            except ValueError as error:  # a malformed answer that the adapter let through
                delay, reason = self.backoff * 2**attempt, f"malformed answer: {error}"
            if attempt < self.max_retries:
                self._sleep(delay)
        return self._stop(query, f"no answer after {self.max_retries + 1} tries ({reason})")

    def refuse(self, place: str, region: str, country: str, reason: str) -> None:
        """Drop an answer found to be wrong from the cache, and say so in the run's failures."""
        forget_answer(self.cache, self.service, place, region, country)
        self.stats.failures.append(f"{', '.join(p for p in (place, region, country) if p)}: the answer was refused ({reason})")

    def _stop(self, query: str, reason: str) -> None:
        self.stats.stopped = f"{reason}, first for {query!r}"
        return None

    def _wait_turn(self) -> None:
        now = self._clock()
        if self._last_request is not None:
            wait = self._last_request + self.min_delay - now
            if wait > 0:
                self._sleep(wait)
                now = self._clock()
        self._last_request = now


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__


def cached_answer(cache: GeocodeCache, service: str, place: str, region: str = "", country: str = "") -> OnlineAnswer | None:
    """An answer an earlier online run stored for this place, without asking the service."""
    _, key, params = _cache_key(place, region, country)
    answer = cache.get(service, key, params)
    return _best(answer) if answer else None


def forget_answer(cache: GeocodeCache, service: str, place: str, region: str = "", country: str = "") -> None:
    """Drop the answer an earlier run stored for this place."""
    _, key, params = _cache_key(place, region, country)
    cache.forget(service, key, params)


def _cache_key(place: str, region: str, country: str) -> tuple[str, str, dict]:
    query = ", ".join(part for part in (place, region) if part)
    params = {"country_codes": country.lower()} if country else {}
    return query, normalise(query), params


def _raw(location) -> dict:
    raw = location.raw if isinstance(location.raw, dict) else {}
    return {**raw, "lat": location.latitude, "lon": location.longitude, "display_name": location.address}


def _best(answer: list) -> OnlineAnswer | None:
    if not answer:
        return None
    best = answer[0]
    kind = best.get("addresstype") or best.get("type") or ""
    if kind == "country":
        precision = "country"
    elif kind in _TOWN_TYPES:
        precision = "town"
    elif kind in _REGION_TYPES or best.get("class") == "boundary":
        precision = "region"
    elif best.get("class") == "place":
        precision = "town"
    elif best.get("class"):
        precision = "exact"  # a building, an amenity, a road: the thing itself
    else:
        precision = "town"  # a service that does not say what it found
    return OnlineAnswer(float(best["lat"]), float(best["lon"]), precision, str(best.get("display_name", "")), DEFAULT_RADIUS_KM[precision])
