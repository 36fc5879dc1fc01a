"""ISO 3166-1 countries as a reference table, from pycountry (the ISO data, kept up to date)."""

from __future__ import annotations

import pyarrow as pa
import pycountry


def countries_table() -> pa.Table:
    """alpha_2, alpha_3, numeric and name of every ISO 3166-1 country."""
    rows = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    return pa.table({
        "alpha_2": [c.alpha_2 for c in rows],
        "alpha_3": [c.alpha_3 for c in rows],
        "numeric": [c.numeric for c in rows],
        "name": [c.name for c in rows],
    })
