"""Evidence: the short human-readable account of why two records were linked.

Each linked record carries a text naming the rules that matched and how well ("name 96 · dates overlap
5/5 days · same city koln · same country DE"), so a reviewer can check a link without rerunning the
matching; explain_pair uses the same text for pairs that were not linked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from transforms.fair_matching.prepare import _Prepared


def _evidence(p: _Prepared, x: np.ndarray, y: np.ndarray, score: np.ndarray, how: np.ndarray) -> list[str]:
    """A short human-readable account of each link (x[k], y[k]): which rules matched and how well."""
    overlap = np.minimum(p.end[x], p.end[y]) - np.maximum(p.start[x], p.start[y]) + 1
    union = np.maximum(p.end[x], p.end[y]) - np.minimum(p.start[x], p.start[y]) + 1
    alias = np.where(pd.isna(p.alias[x]), p.alias[y], p.alias[x])
    texts = []
    for columns in zip(np.rint(score).astype(int).tolist(), how.tolist(), alias.tolist(), overlap.tolist(),
                       union.tolist(), p.city[x].tolist(), p.city[y].tolist(), p.country[x].tolist(),
                       p.country[y].tolist(), p.venue[x].tolist(), p.venue[y].tolist(), strict=True):
        name, reason, known, days, span, city_x, city_y, country_x, country_y, venue_x, venue_y = columns
        parts = [f"name {name} ({reason})" if reason else f"name {name}"]
        if known:
            parts.append(f"known alias {known}")
        gap = 1 - days
        parts.append(f"dates overlap {days}/{span} days" if days > 0 else f"dates {gap} day{'s' * (gap > 1)} apart")
        if city_x and city_y:
            parts.append(f"same city {city_x}" if city_x == city_y else f"cities differ ({city_x} / {city_y})")
        else:
            parts.append("city unknown on one side" if city_x or city_y else "no city")
        if country_x and country_y:
            parts.append(f"same country {country_x}" if country_x == country_y
                         else f"countries differ ({country_x} / {country_y})")
        else:
            parts.append("country unknown on one side" if country_x or country_y else "no country")
        if venue_x and venue_x == venue_y:
            parts.append("same venue")
        texts.append(" \u00b7 ".join(parts))
    return texts
