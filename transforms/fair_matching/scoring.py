"""The pair rules: the checks that need no name score, and the name score of each candidate pair.

A candidate pair is first filtered by the cheap rules (another source, compatible country, city and
edition numbers, a name on both sides), then scored: rapidfuzz's Indel ratio of the word-sorted name
keys, vectorised over all pairs, and for the few pairs with name variants or one missing city the best
of those readings too. The threshold itself is applied by the caller (NAME_THRESHOLD).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from transforms.fair_matching.names import _sorted_words
from transforms.fair_matching.places import _strip_city
from transforms.fair_matching.prepare import _Prepared


def _ratio(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Indel ratio of aligned pairs, vectorised in rapidfuzz's C++ (all cores)."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float64)
    workers = -1 if len(left) >= 10_000 else 1  # a thread pool costs more than it saves on small inputs
    return process.cpdist(list(left), list(right), scorer=fuzz.ratio, workers=workers).astype(np.float64)


def _extra_score(p: _Prepared, a: int, b: int) -> tuple[float, str]:
    """The best score of the name variants of one pair, and what it came from (for the evidence)."""
    best, how = 0.0, ""
    for one, other in ((a, b), (b, a)):
        for variant in p.variants[one]:
            score = fuzz.ratio(_sorted_words(variant), p.core_sorted[other])
            if score > best:
                best, how = score, "name variant"
        if p.city[one] is None and p.city[other] is not None:  # the other's city inside this name
            stripped = _strip_city(p.full[one], p.city_names.get(p.city[other]))
            score = fuzz.ratio(_sorted_words(stripped), p.core_sorted[other])
            if score > best:
                best, how = score, "city removed"
    return best, how


def _score_pairs(p: _Prepared, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Name score of each candidate pair: the best of whole names, names without the city, variants."""
    score = np.maximum(_ratio(p.core_sorted[a], p.core_sorted[b]), _ratio(p.full_sorted[a], p.full_sorted[b]))
    how = np.full(len(a), "", dtype=object)
    has_variants = np.frompyfunc(bool, 1, 1)(p.variants).astype(bool)
    lacks_city = p.city_code < 0
    extra = np.flatnonzero((score < 100) & (has_variants[a] | has_variants[b] | (lacks_city[a] != lacks_city[b])))
    for k in extra:
        best, reason = _extra_score(p, int(a[k]), int(b[k]))
        if best > score[k]:
            score[k], how[k] = best, reason
    return score, how


def _rule_mask(p: _Prepared, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The rules that need no name score: another source, compatible country, city and edition numbers."""
    ok = p.source[a] != p.source[b]
    ca, cb = p.country_code[a], p.country_code[b]
    ok &= (ca < 0) | (cb < 0) | (ca == cb)
    ta, tb = p.city_code[a], p.city_code[b]
    ok &= (ta < 0) | (tb < 0) | (ta == tb)
    na, nb = p.numbers[a], p.numbers[b]
    ok &= (na == "") | (nb == "") | (na == nb)
    ok &= (p.full[a] != "") & (p.full[b] != "")  # a record without a name matches nothing
    return ok
