"""The versioned merge: idempotent, closes changed and vanished rows, never touches other scopes."""

from __future__ import annotations

from tests.factories import commodity, measure
from warehouse.history import merge_versions

BATCH = "staging.int_uk_trade_tariff__tariff_rows"
SCOPE = "staging.stg_uk_trade_tariff__commodities"
KEY = ("source", "reporter", "national_code", "producline_suffix", "measure_sid")
SCOPE_KEY = ("source", "reporter", "national_code", "producline_suffix")


def merge(con, run_id: str):
    return merge_versions(con, target="core.tariff_measures", batch=BATCH, seen=BATCH, scope=SCOPE, key=KEY,
                          scope_key=SCOPE_KEY, run_id=run_id)


def current(con) -> dict[str, str]:
    return dict(con.execute("select measure_sid, duty_text from core.tariff_measures "
                            "where superseded_run_id is null").fetchall())


def test_same_batch_twice_changes_nothing(work, stage_batch) -> None:
    stage_batch(work, [commodity(), measure(measure_sid="1"), measure(measure_sid="2")])
    assert merge(work, "r1").to_dict() == {"inserted": 2, "superseded": 0}
    before = work.execute("select * from core.tariff_measures order by measure_sid").fetchall()
    assert merge(work, "r2").to_dict() == {"inserted": 0, "superseded": 0}
    assert work.execute("select * from core.tariff_measures order by measure_sid").fetchall() == before


def test_changed_rate_closes_old_version_and_opens_new(work, stage_batch) -> None:
    stage_batch(work, [commodity(), measure(measure_sid="1", duty_text="6.00 %")])
    merge(work, "r1")
    stage_batch(work, [commodity(), measure(measure_sid="1", duty_text="4.00 %")])
    assert merge(work, "r2").to_dict() == {"inserted": 1, "superseded": 1}
    assert current(work) == {"1": "4.00 %"}
    history = work.execute("select duty_text, loaded_run_id, superseded_run_id from core.tariff_measures "
                           "order by loaded_run_id").fetchall()
    assert history == [("6.00 %", "r1", "r2"), ("4.00 %", "r2", None)]


def test_vanished_measure_in_crawled_scope_is_closed_other_lines_kept(work, stage_batch) -> None:
    other = "0101210000"
    stage_batch(work, [commodity(), commodity(national_code=other), measure(measure_sid="1"),
                       measure(measure_sid="2"), measure(measure_sid="9", national_code=other)])
    merge(work, "r1")
    stage_batch(work, [commodity(), measure(measure_sid="1")])  # a crawl of one line only
    assert merge(work, "r2").to_dict() == {"inserted": 0, "superseded": 1}
    assert set(current(work)) == {"1", "9"}


def test_renamed_line_is_versioned_in_commodities_and_the_mart_shows_the_new_description(work, stage_batch) -> None:
    from tradepoint.pipeline import merge_batch
    from warehouse.publish import MART_DIR

    stage_batch(work, [commodity(description="For sowing"), measure(measure_sid="1")])
    first = merge_batch(work, "uk_trade_tariff", "r1", batch=BATCH, seen=BATCH)
    stage_batch(work, [commodity(description="Rice for sowing"), measure(measure_sid="1")])
    second = merge_batch(work, "uk_trade_tariff", "r2", batch=BATCH, seen=BATCH)
    assert (first["commodities_inserted"], second["commodities_inserted"], second["commodities_superseded"]) == (
        1, 1, 1)
    assert (second["inserted"], second["superseded"]) == (0, 0)  # the measure itself did not change
    history = work.execute("select description, loaded_run_id, superseded_run_id from core.commodities "
                           "order by loaded_run_id").fetchall()
    assert history == [("For sowing", "r1", "r2"), ("Rice for sowing", "r2", None)]
    mart = (MART_DIR / "tariffs.sql").read_text(encoding="utf-8")
    assert work.execute(f"select description from ({mart})").fetchall() == [("Rice for sowing",)]
