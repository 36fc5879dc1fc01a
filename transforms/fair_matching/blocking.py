"""Blocking: the candidate pairs, the only pairs whose names are ever scored.

Comparing every record with every other grows with the square of the records. The rules only accept
pairs whose dates overlap and whose known countries and cities agree, so those are the only pairs
produced: a sorted-window join per block finds the overlapping pairs with work proportional to the
records plus the pairs, in a few passes for records that know their country and city or lack one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from transforms.fair_matching.arrays import _block
from transforms.fair_matching.prepare import _Prepared
from transforms.fair_matching.thresholds import DATE_SLACK_DAYS


def _ranges(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated aranges [first[k], first[k] + counts[k]) without a Python loop."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(first, counts) + offsets


def _window_pairs(block: np.ndarray, start: np.ndarray, end: np.ndarray,
                  probe: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows in the same block whose dates overlap (± DATE_SLACK_DAYS): the sorted-window join.

    Rows with a negative block take no part. The rows of a block are sorted by start date; each row
    is paired with the rows after it that start no later than its end (+ slack). Sorted by start, that
    is exactly the set of overlapping pairs, found with one searchsorted per row, so the work is the
    number of rows plus the number of pairs, never rows squared. With ``probe``, only pairs with at
    least one probe row are produced (the passes for records with no city or no country).
    """
    rows = np.flatnonzero(block >= 0)
    if len(rows) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = rows[np.lexsort((start[rows], block[rows]))]
    base = int(start[order].min())
    width = int(end[order].max()) - base + DATE_SLACK_DAYS + 2
    sorted_key = block[order] * width + (start[order] - base)
    reach = block[order] * width + (end[order] - base) + DATE_SLACK_DAYS
    upto = np.searchsorted(sorted_key, reach, side="right")  # rows (in sorted order) before this overlap
    position = np.arange(len(order), dtype=np.int64)
    if probe is None:
        counts = upto - position - 1
        left = np.repeat(position, counts)
        right = _ranges(position + 1, counts)
    else:
        is_probe = probe[order]
        probes = np.flatnonzero(is_probe)
        counts = upto[probes] - probes - 1  # a probe with every later row in reach
        left_a, right_a = np.repeat(probes, counts), _ranges(probes + 1, counts)
        others = np.flatnonzero(~is_probe)  # any other row with the later probes in reach
        first = np.searchsorted(probes, others, side="right")
        counts = np.searchsorted(probes, upto[others], side="left") - first
        left_b, right_b = np.repeat(others, counts), probes[_ranges(first, counts)]
        left, right = np.concatenate([left_a, left_b]), np.concatenate([right_a, right_b])
    a, b = order[left], order[right]
    return np.minimum(a, b), np.maximum(a, b)


def _first_word(values: np.ndarray) -> np.ndarray:
    words = pd.Series([v.split(" ", 1)[0] if v else None for v in values], dtype=object)
    return pd.factorize(words, use_na_sentinel=True)[0].astype(np.int64)


def _candidate_pairs(p: _Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Every pair that the rules could accept (but for a first word, see 3.-4.), from four blocking passes.

    1. same (country, city): records that know both;
    2. at least one record without a country: same city;
    3. at least one record without a city: same country and the same first word of the name (whole,
       or without the city);
    4. neither 2. nor 3. applies (one side lacks the country and one side the city): same first word.
    Pairs with different known countries or cities can never match, so they are never produced. The
    first word keeps a record without a city from being compared with every fair of its country
    that week (Germany has dozens); the price is that such a record with a typo in its first word is
    missed. Passes 3 and 4 run once with the first word of the whole name key and once with that of
    the core, which can find a pair twice, so the pairs are de-duplicated: each comes back once, as
    (a, b) with a < b, sorted.
    """
    country, city = p.country_code, p.city_code
    found = [_window_pairs(_block(p.dated & (country >= 0) & (city >= 0), country, city), p.start, p.end)]
    found.append(_window_pairs(_block(p.dated & (city >= 0), city), p.start, p.end, probe=country < 0))
    lacking = (country < 0) | (city < 0)
    for words in (_first_word(p.full), _first_word(p.core)):
        has_word = p.dated & (words >= 0)
        found.append(_window_pairs(_block(has_word & (country >= 0), country, words), p.start, p.end, probe=city < 0))
        a, b = _window_pairs(_block(has_word, words), p.start, p.end, probe=lacking)
        keep = ((p.country_code[a] < 0) | (p.country_code[b] < 0)) & ((p.city_code[a] < 0) | (p.city_code[b] < 0))
        found.append((a[keep], b[keep]))
    a = np.concatenate([f[0] for f in found])
    b = np.concatenate([f[1] for f in found])
    if len(a) == 0:
        return a, b
    codes = np.sort(a.astype(np.int64) * len(p.keys) + b)  # the passes may find a pair twice (whole/core word)
    unique = codes[np.r_[True, codes[1:] != codes[:-1]]]
    return unique // len(p.keys), unique % len(p.keys)
