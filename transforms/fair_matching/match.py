"""The entry points: match_fairs and match_fairs_with_stats, the pipeline from records to fair ids.

Checks the input columns, prepares the records, takes the candidate pairs from blocking, applies
the rules and scores, clusters the links and assembles one output row per input row with its
fair_id, matched_to, name_score and evidence. Every step lives in its own module; this one only
puts them in order and counts what was compared (:class:`MatchStats`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from transforms.fair_matching.arrays import _take
from transforms.fair_matching.blocking import _candidate_pairs
from transforms.fair_matching.clusters import _cluster, _fair_ids, _representatives, _tree_parents
from transforms.fair_matching.evidence import _evidence
from transforms.fair_matching.prepare import _prepare
from transforms.fair_matching.scoring import _rule_mask, _score_pairs
from transforms.fair_matching.thresholds import NAME_THRESHOLD

RECORD_COLUMNS = ("record_key", "source", "name", "start_date", "end_date", "city", "country", "venue")
OUTPUT_COLUMNS = ("record_key", "fair_id", "matched_to", "name_score", "evidence")


@dataclass(frozen=True)
class MatchStats:
    """What one run of match_fairs compared and decided (the blocking test and the bench read it)."""

    records: int
    candidate_pairs: int  # pairs produced by blocking (dates overlapping, same block)
    scored_pairs: int  # of those, pairs that passed the non-name rules and had their names scored
    linked_pairs: int  # pairs that passed every rule
    refused_links: int  # links refused because the merged cluster would break an edition's identity
    clusters: int

    @property
    def all_pairs(self) -> int:
        """n(n-1)/2: what comparing every record with every other would cost."""
        return self.records * (self.records - 1) // 2


def _check_columns(records: pd.DataFrame) -> None:
    missing = [c for c in RECORD_COLUMNS if c not in records.columns]
    if missing:
        raise ValueError(f"match_fairs: missing column(s) {missing}; expected {list(RECORD_COLUMNS)}")
    if records["record_key"].isna().any():
        raise ValueError("match_fairs: record_key must not be null")


def match_fairs_with_stats(records: pd.DataFrame) -> tuple[pd.DataFrame, MatchStats]:
    """match_fairs, plus the counts of what was compared (:class:`MatchStats`)."""
    _check_columns(records)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in OUTPUT_COLUMNS})
    if records.empty:
        return empty.astype({"name_score": "Float64"}), MatchStats(0, 0, 0, 0, 0, 0)
    # One record per record_key: rows repeating a key are the same record and get the same answer.
    unique = records.drop_duplicates("record_key", keep="first")
    p = _prepare(unique)
    n = len(p.keys)
    a, b = _candidate_pairs(p)
    keep = _rule_mask(p, a, b)
    sa, sb = a[keep], b[keep]
    score, how = _score_pairs(p, sa, sb)
    linked = score >= NAME_THRESHOLD
    la, lb, lscore, lhow = sa[linked], sb[linked], score[linked], how[linked]
    roots, accepted, refused = _cluster(p, la, lb, lscore)
    degree = np.bincount(np.concatenate([la[accepted], lb[accepted]]), minlength=n)
    reps = _representatives(p, roots, degree)
    fair_ids = _fair_ids(p, roots, reps)
    parent, link = _tree_parents(reps, la[accepted], lb[accepted])
    sizes = np.bincount(roots, minlength=n)[roots]

    linked_rows = np.flatnonzero(parent >= 0)
    via = accepted[link[linked_rows]]  # the link of each linked row, as an index into la/lb
    name_score = np.full(n, np.nan)
    name_score[linked_rows] = np.round(lscore[via], 1)
    evidence = _take(["no match"], np.zeros(n, dtype=np.int64))
    evidence[sizes > 1] = [f"representative of {size} records" for size in sizes[sizes > 1].tolist()]
    evidence[linked_rows] = _evidence(p, la[via], lb[via], lscore[via], lhow[via])
    matched_to = _take(p.keys.tolist(), parent)
    result = pd.DataFrame({"record_key": pd.Series(p.keys, dtype=object), "fair_id": pd.Series(fair_ids, dtype=object),
                           "matched_to": pd.Series(matched_to, dtype=object),
                           "name_score": pd.array(name_score, dtype="Float64"),
                           "evidence": pd.Series(evidence, dtype=object)})
    # Back to the input's rows and order (a repeated record_key gets its first row's answer).
    by_key = result.set_index("record_key")
    out = by_key.reindex(records["record_key"].astype(str).to_numpy()).reset_index(names="record_key")
    out["matched_to"] = out["matched_to"].astype(object).where(out["matched_to"].notna(), None)
    stats = MatchStats(records=n, candidate_pairs=len(a), scored_pairs=len(sa), linked_pairs=int(linked.sum()),
                       refused_links=refused, clusters=len(np.unique(roots)))
    return out[list(OUTPUT_COLUMNS)], stats


def match_fairs(records: pd.DataFrame) -> pd.DataFrame:
    """One row per input record: its edition's ``fair_id`` and how it was linked.

    Input columns: record_key (unique, "<source>:<record_id>"), source, name, start_date, end_date
    (inclusive), city, country (ISO-2 or None), venue. Output columns: record_key, fair_id (the same
    for every record of one edition, stable across reruns), matched_to (the record_key this record was
    linked to on the way to its cluster's representative; None for the representative itself and for
    records that matched nothing), name_score (0-100 of that link, NA when none), evidence (the rules
    that matched, e.g. "name 96 · dates overlap 5/5 days · same city koln · same country DE").
    Rows come back in the input's order.
    """
    return match_fairs_with_stats(records)[0]
