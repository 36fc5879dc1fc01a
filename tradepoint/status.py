"""`tradepoint status`: per source, the last run and its result, row counts, checks and freshness.

Reads only the published file (read-only), so it answers while a load runs.
"""

from __future__ import annotations

from typing import Any

from scrapers.registry import load_registry
from warehouse.publish import connect_published

# Each source's rows in the marts: the mart of its family that has one row per source record.
SOURCE_ROWS = "select source from marts.tariffs union all select source from marts.trade_fair_sources"


def checks_text(run: tuple | None, last_checked: tuple | None) -> str | None:
    """"23/23 passed", from the run itself or, if it checked nothing (unchanged), the last run that did."""
    if run and run[7] is not None:
        return f"{run[7]}/{run[7] + (run[8] or 0)} passed"
    if last_checked:
        return f"{last_checked[0]}/{last_checked[0] + (last_checked[1] or 0)} passed (last checked run)"
    return None


def source_status() -> list[dict[str, Any]]:
    with connect_published() as con:
        runs = con.execute("""
            select source, run_id, status, finished_at, items_crawled, rows_staged, rows_quarantined,
                   checks_passed, checks_failed, message
            from meta.runs qualify row_number() over (partition by source order by finished_at desc) = 1
        """).fetchall()
        # an unchanged run checks nothing: show the checks of the last run that ran them
        checked = {row[0]: row[1:] for row in con.execute("""
            select source, checks_passed, checks_failed from meta.runs where checks_passed is not null
            qualify row_number() over (partition by source order by finished_at desc) = 1
        """).fetchall()}
        good = dict(con.execute("""
            select source, max(finished_at) from meta.runs where status = 'loaded' group by source
        """).fetchall())
        rows = dict(con.execute(f"select source, count(*) from ({SOURCE_ROWS}) group by source").fetchall())
        now = con.execute("select now()").fetchone()[0]
    last = {row[0]: row for row in runs}
    result = []
    for name, source in sorted(load_registry().items()):
        run = last.get(name)
        fresh = good.get(name)
        result.append({
            "source": name,
            "last_run": run[1] if run else None,
            "result": run[2] if run else "never run",
            "finished_at": run[3].isoformat(timespec="seconds") if run else None,
            "items_crawled": run[4] if run else None,
            "rows_in_marts": rows.get(name, 0),
            "rows_quarantined": run[6] if run else None,
            "checks": checks_text(run, checked.get(name)),
            "last_good_load": fresh.isoformat(timespec="seconds") if fresh else None,
            "age_hours": round((now - fresh).total_seconds() / 3600, 1) if fresh else None,
            "schedule": source.schedule,
            "message": run[9] if run and run[9] else "",
        })
    return result
