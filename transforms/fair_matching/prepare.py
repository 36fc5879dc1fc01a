"""Preparing the records: every key the rules compare, computed once, as aligned arrays.

Blocking, scoring, clustering and the evidence all read the same per-record facts (dates as day
numbers, the name key with and without the city, the name variants, the city key, country, venue),
and computing any of them per pair would cost far more than per record. ``_prepare`` sorts the
records by record_key, so nothing depends on the input order, and computes each key once per
distinct value into a :class:`_Prepared`, where row i of every array is the same record.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from transforms.fair_matching.arrays import _block, _codes, _distinct_text, _first_rows, _per_distinct, _take
from transforms.fair_matching.fold import _fold
from transforms.fair_matching.names import _name_keys, _name_variants, _sorted_words
from transforms.fair_matching.places import _PLACE_SPLIT, _city_name_sets, _CityNames, _strip_city, city_key


@dataclass
class _Prepared:
    """The records sorted by record_key, as arrays: row i is the i-th smallest record_key."""

    keys: np.ndarray  # record_key (object)
    source: np.ndarray  # int codes
    start: np.ndarray  # int64 days since 1970-01-01
    end: np.ndarray
    dated: np.ndarray  # bool: start date known
    country: np.ndarray  # object: ISO-2 or None
    country_code: np.ndarray  # int, -1 unknown
    city: np.ndarray  # object: city_key or None
    city_code: np.ndarray  # int, -1 unknown
    full: np.ndarray  # object: name_key
    core: np.ndarray  # object: name_key without the record's city
    full_sorted: np.ndarray  # words sorted (ratio on these = token-sort ratio)
    core_sorted: np.ndarray
    numbers: np.ndarray  # object: the non-year numbers of the name, "" when none
    alias: np.ndarray  # object: the alias phrase applied, or None
    variants: np.ndarray  # object: tuple of core keys of the name variants
    venue: np.ndarray  # object: folded venue or None
    city_names: dict[str, _CityNames]  # city_key -> its names


def _days(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Days since 1970-01-01 as int64 and a known mask, from dates, timestamps or ISO strings.

    A date-time counts by its local date ("2027-04-12T09:00:00+02:00" is 12 April), as the fair's
    calendar does; anything that is not a date is unknown (the record then matches nothing).
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        parsed = values.dt.tz_localize(None)
    elif isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        parsed = values
    else:
        text = values.astype("string").str.strip().str.slice(0, 10)
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    known = parsed.notna().to_numpy()
    days = np.zeros(len(values), dtype=np.int64)
    days[known] = parsed[known].to_numpy().astype("datetime64[D]").astype(np.int64)
    return days, known


def _dates(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, end, start known) in days; the end is the start when it is missing or before the start."""
    start, dated = _days(df["start_date"])
    end, has_end = _days(df["end_date"])
    end = np.where(has_end & (end >= start), end, start)  # no end: a one-day fair; end before start: a typo
    return start, end, dated


def _name_columns(name_code: np.ndarray, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(name_key of each row, "" without a name; the alias phrase applied or None), once per distinct name."""
    keyed = _name_keys(names)
    full = _take([k for k, _ in keyed], name_code)
    full[name_code < 0] = ""
    alias = _take([a for _, a in keyed], name_code)
    return full, alias


def _countries(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(ISO-2 country of each row in upper case or None, its integer code or -1)."""
    country_code, countries = _distinct_text(values)
    country = _take([c.upper() for c in countries], country_code)
    return country, _codes(country)


def _cities(values: pd.Series, country: np.ndarray,
            country_code: np.ndarray) -> tuple[np.ndarray, dict[str, _CityNames]]:
    """(city_key of each row or None, the names of every city of the run), once per distinct (city, country)."""
    city_code, cities = _distinct_text(values)
    place_code = _block(city_code >= 0, city_code, country_code)  # distinct (city as published, country)
    first = _first_rows(place_code)
    places = [(cities[city_code[row]], country[row]) for row in first if place_code[row] >= 0]
    _fold([part for c, _ in places for part in (c, *_PLACE_SPLIT.split(c))])  # one vectorised call, memoised
    city = _take([city_key(c, k) for c, k in places], place_code)
    return city, _city_name_sets(places)


def _cores(full: np.ndarray, city: np.ndarray, city_names: dict[str, _CityNames]) -> np.ndarray:
    """The name key without the record's city, once per distinct (name key, city)."""
    pair_code, _ = pd.factorize(pd.Series(full + "|" + np.where(pd.isna(city), "", city).astype(object)))
    first = _first_rows(pair_code)
    return _take([_strip_city(full[i], city_names.get(city[i])) for i in first], pair_code)


def _variant_cores(name_code: np.ndarray, names: list[str], city: np.ndarray,
                   city_names: dict[str, _CityNames]) -> np.ndarray:
    """The core keys of each row's name variants (a tuple, empty when none), once per distinct (name, city)."""
    variants = np.empty(len(name_code), dtype=object)
    variants[:] = [()] * len(name_code)
    variant_names = [_name_variants(name) for name in names]
    with_variants = np.flatnonzero(np.isin(name_code, [i for i, v in enumerate(variant_names) if v]))
    if len(with_variants):
        flat = sorted({v for i in set(name_code[with_variants].tolist()) for v in variant_names[i]})
        variant_keys = dict(zip(flat, (k for k, _ in _name_keys(flat)), strict=True))
        cache: dict[tuple[int, object], tuple[str, ...]] = {}
        for row in with_variants:
            key = (int(name_code[row]), city[row])
            if key not in cache:
                own = city_names.get(city[row])
                cache[key] = tuple(dict.fromkeys(_strip_city(variant_keys[v], own)
                                                 for v in variant_names[key[0]] if variant_keys[v]))
            variants[row] = cache[key]
    return variants


def _prepare(records: pd.DataFrame) -> _Prepared:
    """Sort by record_key (so nothing depends on input order) and compute every key once per distinct value."""
    df = records.sort_values("record_key", kind="stable").reset_index(drop=True)
    start, end, dated = _dates(df)
    name_code, names = _distinct_text(df["name"])
    full, alias = _name_columns(name_code, names)
    country, country_code = _countries(df["country"])
    city, city_names = _cities(df["city"], country, country_code)
    core = _cores(full, city, city_names)
    variants = _variant_cores(name_code, names, city, city_names)
    venue_code, venues = _distinct_text(df["venue"])
    return _Prepared(
        keys=df["record_key"].astype(str).to_numpy(dtype=object),
        source=pd.factorize(df["source"].astype(str))[0],
        start=start, end=end, dated=dated,
        country=country, country_code=country_code,
        city=city, city_code=_codes(city),
        full=full, core=core,
        full_sorted=_per_distinct(full, _sorted_words), core_sorted=_per_distinct(core, _sorted_words),
        numbers=_per_distinct(core, lambda key: " ".join(sorted({w for w in key.split() if w.isdigit()}))),
        alias=alias, variants=variants,
        venue=_take(_fold(venues), venue_code),
        city_names=city_names,
    )
