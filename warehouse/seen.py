"""When each record of a source was first and last returned by a crawl (core.trade_fair_seen).

A calendar drops past events, so a record missing from a crawl is not closed in core; `last_seen`
says instead how current it is (marts.trade_fairs.last_seen).
"""

from __future__ import annotations

from typing import Any


def record_seen_again(con: Any, source: str, run_id: str, since: str) -> dict[str, int]:
    """A crawl whose items equal run `since`'s (not staged again, tradepoint/unchanged.py) saw the same
    records: their last_seen moves to now."""
    count = con.execute("""
        update core.trade_fair_seen set last_seen = now(), last_seen_run_id = $run
        where source = $source and last_seen_run_id = $since
    """, {"run": run_id, "source": source, "since": since}).fetchone()[0]
    return {"records_seen": count}


def record_seen(con: Any, source: str, run_id: str) -> dict[str, int]:
    """Upsert (first_seen, last_seen) of every record the source's crawl returned in this run
    (quarantined ones too: they were seen)."""
    seen = f"staging.stg_{source}__fair_records"
    count = con.execute(f"""
        insert into core.trade_fair_seen
        select source, record_id, min(fetched_at), max(fetched_at), $run from {seen}
        group by source, record_id
        on conflict (source, record_id) do update set
            last_seen = greatest(core.trade_fair_seen.last_seen, excluded.last_seen),
            last_seen_run_id = excluded.last_seen_run_id
    """, {"run": run_id}).fetchone()[0]
    return {"records_seen": count}
