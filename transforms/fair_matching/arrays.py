"""Small vectorised helpers over numpy and pandas arrays, shared by preparation, blocking and matching.

Every step works on whole columns of codes rather than row by row: distinct values and their codes,
a take that gives None for the missing code -1, the first row of each code, dense codes of a tuple
of columns. They have no knowledge of fairs, and keeping them apart lets prepare.py and blocking.py
both use them without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd


def _distinct_text(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(code of each value, the distinct values): strings stripped; blank and missing are code -1."""
    text = values.astype("string").str.strip()
    codes, uniques = pd.factorize(text.mask(text == ""), use_na_sentinel=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _take(values: Sequence[object], codes: np.ndarray) -> np.ndarray:
    """values[code] for each code as an object array, None where the code is -1."""
    table = np.empty(len(values) + 1, dtype=object)
    table[:-1] = values
    table[-1] = None
    return table[codes]


def _first_rows(codes: np.ndarray) -> list[int]:
    """The first row of each distinct code, in code order (codes from pd.factorize: -1 first, then 0, 1, ...)."""
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    return order[np.r_[True, ordered[1:] != ordered[:-1]]].tolist() if len(codes) else []


def _per_distinct(values: np.ndarray, func: Callable[[str], object]) -> np.ndarray:
    """func applied once per distinct value of an object array of strings."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    return _take([func(u) for u in uniques], codes)


def _codes(values: np.ndarray) -> np.ndarray:
    """Integer codes of an object array, -1 for None (pd.factorize's own convention)."""
    return pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)[0].astype(np.int64)


def _block(valid: np.ndarray, *parts: np.ndarray) -> np.ndarray:
    """Dense block codes of the tuple of parts where valid, -1 elsewhere."""
    codes = np.full(len(valid), -1, dtype=np.int64)
    if valid.any():
        frame = pd.DataFrame({str(i): part[valid] for i, part in enumerate(parts)})
        codes[valid] = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    return codes
