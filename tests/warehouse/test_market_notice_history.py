"""Market notices through load: changed content is a new version, not a duplicate; corrections linked."""

from __future__ import annotations

from typing import Any

from tests.factories import notice
from tradepoint.pipeline import merge_batch
from warehouse.publish import define_marts

BATCH = "staging.int_federal_register__notice_rows"


def load(work: Any, stage_batch: Any, run_id: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    stage_batch(work, items, "federal_register")
    return merge_batch(work, "federal_register", run_id, batch=BATCH, seen=BATCH)


def notices(work: Any) -> list[tuple[Any, ...]]:
    define_marts(work)
    return work.execute("select notice_id, version, is_current, summary, amends, amended_by from marts.market_notices "
                        "order by notice_id, version").fetchall()


def test_changed_notice_is_a_new_version_and_a_rerun_changes_nothing(work, stage_batch) -> None:
    assert load(work, stage_batch, "r1", [notice()])["inserted"] == 1
    assert load(work, stage_batch, "r2", [notice()])["inserted"] == 0
    counts = load(work, stage_batch, "r3", [notice(summary="Revised: HTSUS subheading 7209.15.0000.")])
    assert (counts["inserted"], counts["superseded"]) == (1, 1)
    rows = notices(work)
    assert [(row[1], row[2]) for row in rows] == [(1, False), (2, True)]
    assert rows[1][3] == "Revised: HTSUS subheading 7209.15.0000."


def test_a_correction_is_linked_both_ways(work, stage_batch) -> None:
    load(work, stage_batch, "r1", [notice(), notice(notice_id="2026-22001", title="Correction", amends="2026-21001")])
    rows = {row[0]: row for row in notices(work)}
    assert rows["2026-22001"][4] == "2026-21001" and rows["2026-21001"][5] == ["2026-22001"]
