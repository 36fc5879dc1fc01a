"""Deduplication of the trade-fair family: every current record linked to its fair edition.

After the family's sources loaded, the current version of every record of every source is matched
(transforms/fair_matching: blocked candidate pairs, name/date/place rules, union-find clusters)
and `core.trade_fair_links` is replaced, in one transaction, by the new links with their evidence.
The marts group records by `fair_id`. A failure leaves the previous links in place.

Each feed (or site) of a generic source counts as its own publisher for the matching: two chambers'
calendars in `ical_feeds` may list the same fair. Ids are sticky: an edition keeps the id its
records had in the last links (the id most of them had), so portals' links survive a new source
joining or a representative changing; only new editions get a new id.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

RECORDS = """
    select source || ':' || record_id as record_key, source || '/' || feed as publisher, source, record_id, name,
           start_date, end_date, city, country, venue
    from core.trade_fair_records where superseded_run_id is null
"""
PREVIOUS = "select source || ':' || record_id as record_key, fair_id from core.trade_fair_links"


def link_fair_records(con: Any, run_id: str) -> dict[str, int]:
    """Match every current record and replace core.trade_fair_links; returns records, fairs, merged records."""
    from transforms.fair_matching import match_fairs

    records = con.execute(RECORDS).df()
    matched = match_fairs(records[["record_key", "publisher", "name", "start_date", "end_date", "city", "country",
                                   "venue"]].rename(columns={"publisher": "source"}))
    links = keep_previous_ids(matched, con.execute(PREVIOUS).df())
    links = links.merge(records[["record_key", "source", "record_id"]], on="record_key", how="left")
    if len(links) != len(records) or links["record_id"].isna().any():
        raise RuntimeError(f"trade_fairs: matching returned {len(links)} links for {len(records)} records")
    frame = links[["source", "record_id", "fair_id", "matched_to", "name_score", "evidence"]]  # noqa: F841
    con.execute("begin transaction")
    try:
        con.execute("delete from core.trade_fair_links")
        con.execute("insert into core.trade_fair_links select *, $run from frame", {"run": run_id})
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    fairs = links["fair_id"].nunique()
    return {"records_linked": len(links), "fairs": fairs, "records_merged": len(links) - fairs}


def keep_previous_ids(links: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """`links` with each new edition's id replaced by the previous id most of its records had.

    An old id goes to one edition only (the one holding most of its records; ties by id), so a split
    edition keeps its id on its larger part; a new id that would collide with a kept one gets a
    suffix. Deterministic for the same inputs.
    """
    votes = (links[["record_key", "fair_id"]]
             .merge(previous.rename(columns={"fair_id": "old_id"}), on="record_key")
             .groupby(["fair_id", "old_id"]).size().reset_index(name="records"))
    claims = votes.sort_values(["records", "fair_id"], ascending=[False, True]).drop_duplicates("old_id")
    best = claims.sort_values(["records", "old_id"], ascending=[False, True]).drop_duplicates("fair_id")
    renamed = dict(zip(best["fair_id"], best["old_id"], strict=True))
    taken = set(renamed.values())
    final: dict[str, str] = {}
    for new_id in sorted(links["fair_id"].unique()):
        fair_id = renamed.get(new_id, new_id)
        while new_id not in renamed and fair_id in taken:
            fair_id += "_n"
        taken.add(fair_id)
        final[new_id] = fair_id
    return links.assign(fair_id=links["fair_id"].map(final))
