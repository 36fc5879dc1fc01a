"""Clusters: union-find over the linked pairs, each cluster's representative, its fair_id and link tree.

Pairwise links are not yet editions: A~B and B~C must give one edition, but not when that would join
two records of one source or dates that do not all overlap. This module merges the links strongest
first under those checks, picks each cluster's representative by a fixed rule, derives the stable
fair_id from it, and finds the path each record takes to it (matched_to), all independent of the
input order.
"""

from __future__ import annotations

import hashlib
from typing import TypeVar

import numpy as np
import pandas as pd

from transforms.fair_matching.prepare import _Prepared
from transforms.fair_matching.thresholds import DATE_SLACK_DAYS

T = TypeVar("T")


def _cluster(p: _Prepared, a: np.ndarray, b: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Union-find over the linked pairs, strongest first; returns (root of each row, accepted links, refused).

    Links are applied in a fixed order (score, days of overlap, then record keys), so the result does
    not depend on the input order. A link is refused when the merged cluster would hold two records of
    one source (a source lists an edition once; two of its records are two events, or a duplicate the
    source's staging must resolve), two different known countries, cities or edition numbers, or
    dates that do not all overlap: links are pairwise, and A~B, B~C must not drag C onto A
    (a whole-fair listing of the Canton Fair matches phase 1 and phase 2, which must stay apart).
    Accepted links are indexes into a/b; they form a forest (each joined two clusters).
    """
    n = len(p.keys)
    parent = list(range(n))
    # What each root knows of its cluster (plain lists: this loop runs once per link).
    sources = [1 << s for s in p.source.tolist()]
    country, city, numbers = p.country_code.tolist(), p.city_code.tolist(), p.numbers.tolist()
    latest_start, earliest_end = p.start.tolist(), p.end.tolist()
    overlap = np.minimum(p.end[a], p.end[b]) - np.maximum(p.start[a], p.start[b])
    order = np.lexsort((b, a, -overlap, -score))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    accepted, refused = [], 0
    for k, x, y in zip(order.tolist(), a[order].tolist(), b[order].tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        merged_country, merged_city = _agree(country[rx], country[ry]), _agree(city[rx], city[ry])
        merged_numbers = _agree(numbers[rx], numbers[ry], unknown="")
        latest, earliest = max(latest_start[rx], latest_start[ry]), min(earliest_end[rx], earliest_end[ry])
        if (sources[rx] & sources[ry] or merged_country is None or merged_city is None or merged_numbers is None
                or latest > earliest + DATE_SLACK_DAYS):
            refused += 1
            continue
        root, child = (rx, ry) if rx < ry else (ry, rx)
        parent[child] = root
        sources[root] |= sources[child]
        country[root], city[root], numbers[root] = merged_country, merged_city, merged_numbers
        latest_start[root], earliest_end[root] = latest, earliest
        accepted.append(k)
    roots = np.array([find(i) for i in range(n)], dtype=np.int64)
    return roots, np.array(accepted, dtype=np.int64), refused


def _agree(x: T, y: T, unknown: object = -1) -> T | None:
    """The known value of two, or None when both are known and differ (the merge would be refused)."""
    if x == unknown:
        return y
    if y == unknown or x == y:
        return x
    return None


def _representatives(p: _Prepared, roots: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Each cluster's representative row (indexed by row), by a fixed rule.

    The record that knows its country, then its city, then whose core name is the most common in
    the cluster, then that has the most accepted links (the centre of a chain A-B-C is B), then the
    smallest core name, then the smallest record_key (rows are in record_key order). Every field of
    that rule is a property of the cluster's records and links, not of the input order.
    """
    frame = pd.DataFrame({"root": roots, "core": p.core, "row": np.arange(len(roots)), "degree": degree})
    frame["common"] = frame.groupby(["root", "core"])["row"].transform("size")
    frame["no_country"] = p.country_code < 0
    frame["no_city"] = p.city_code < 0
    frame = frame.sort_values(["root", "no_country", "no_city", "common", "degree", "core", "row"],
                              ascending=[True, True, True, False, False, True, True], kind="stable")
    first = frame.drop_duplicates("root")
    rep = pd.Series(first["row"].to_numpy(), index=first["root"].to_numpy())
    return rep.reindex(roots).to_numpy()


def _fair_ids(p: _Prepared, roots: np.ndarray, reps: np.ndarray) -> np.ndarray:
    """``tf_`` + 12 hex digits of sha1(core name | country | year of the start), of the representative.

    The fewest fields that stay the same when a source is added or dropped: the name without the
    edition markers and city, the country and the edition's year. Two clusters that get the same
    base id (a fair held twice a year under one name; an edition split because of the same-source
    rule) are told apart by ``_2``, ``_3``... in order of start date, then record_key.
    """
    unique_reps = np.unique(reps)
    years = pd.to_datetime(p.start[unique_reps], unit="D").year
    base = []
    for rep, year in zip(unique_reps, years, strict=True):
        text = f"{p.core[rep]}|{p.country[rep] or ''}|{year if p.dated[rep] else ''}"
        base.append("tf_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])
    ids = pd.DataFrame({"rep": unique_reps, "base": base, "start": p.start[unique_reps]})
    ids = ids.sort_values(["base", "start", "rep"], kind="stable")
    rank = ids.groupby("base").cumcount().to_numpy()
    ids["fair_id"] = [b if r == 0 else f"{b}_{r + 1}" for b, r in zip(ids["base"], rank, strict=True)]
    return pd.Series(ids["fair_id"].to_numpy(), index=ids["rep"].to_numpy()).reindex(reps).to_numpy()


def _tree_parents(reps: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parent row of each row in its cluster's tree of accepted links (x[k], y[k]), rooted at the representative.

    The accepted links form a forest, so every other record of a cluster has one path to its
    representative; matched_to is the next record on it. Breadth-first from all representatives
    at once, one vectorised step per level (a cluster has at most one record per source, so a few levels).
    Returns (parent row or -1, index of the link to the parent or -1).
    """
    n = len(reps)
    parent = np.full(n, -1, dtype=np.int64)
    link = np.full(n, -1, dtype=np.int64)
    start, end = np.concatenate([x, y]), np.concatenate([y, x])
    number = np.concatenate([np.arange(len(x)), np.arange(len(x))])
    reached = reps == np.arange(n)
    frontier = reached.copy()
    while True:
        step = frontier[start] & ~reached[end]
        if not step.any():
            return parent, link
        nodes, first = np.unique(end[step], return_index=True)
        parent[nodes], link[nodes] = start[step][first], number[step][first]
        reached[nodes] = True
        frontier = np.zeros(n, dtype=bool)
        frontier[nodes] = True
