"""Deduplication of the trade-fair family: every current record linked to its fair edition.

After the family's sources loaded, the current version of every record of every source is matched
(transforms/fair_matching.py: blocked candidate pairs, name/date/place rules, union-find clusters)
and `core.trade_fair_links` is replaced, in one transaction, by the new links with their evidence.
The marts group records by `fair_id`. A failure leaves the previous links in place.
"""

from __future__ import annotations

from typing import Any

RECORDS = """
    select source || ':' || record_id as record_key, source, record_id, name, start_date, end_date, city,
           country, venue
    from core.trade_fair_records where superseded_run_id is null
"""


def link_fair_records(con: Any, run_id: str) -> dict[str, int]:
    """Match every current record and replace core.trade_fair_links; returns records, fairs, merged records."""
    from transforms.fair_matching import match_fairs

    records = con.execute(RECORDS).df()
    links = match_fairs(records[["record_key", "source", "name", "start_date", "end_date", "city", "country",
                                 "venue"]])
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
