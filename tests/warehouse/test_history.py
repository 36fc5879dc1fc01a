"""The versioned merge: idempotent, closes changed and vanished rows, never touches other scopes."""

from __future__ import annotations

import pytest

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


STAGED = "staging.stg_uk_trade_tariff__measures"


def grow_staged(con, rows: int) -> None:
    """Replace the staged measures by `rows` copies of the first, each its own measure, in a known order
    (sid descending), so that the table spans several row groups and both threads insert."""
    con.execute(f"""
        create or replace table {STAGED} as
        select * replace (cast({rows} - n as varchar) as measure_sid, hash(m.row_hash, n) as row_hash)
        from (select * from {STAGED} limit 1) as m, range({rows}) as r(n)
        order by n
    """)


def test_a_load_of_only_new_rows_inserts_from_staging_in_the_staged_order(work, stage_batch) -> None:
    stage_batch(work, [commodity(), measure()])
    grow_staged(work, 250_000)
    counts = merge_versions(work, target="core.tariff_measures", batch=BATCH, seen=BATCH, scope=SCOPE, key=KEY,
                            scope_key=SCOPE_KEY, run_id="r1", rows=STAGED)
    assert counts.to_dict() == {"inserted": 250_000, "superseded": 0}
    staged = work.execute(f"select measure_sid from {STAGED} order by rowid").fetchall()
    assert work.execute("select measure_sid from core.tariff_measures order by rowid").fetchall() == staged
    # every column equal to what the insert through the batch writes (in its own order)
    work.execute("create temp table fast as select * exclude (loaded_at) from core.tariff_measures")
    work.execute("delete from core.tariff_measures")
    merge(work, "r1")
    differ = work.execute("""
        select count(*) from (
            (select * from fast except all select * exclude (loaded_at) from core.tariff_measures)
            union all
            (select * exclude (loaded_at) from core.tariff_measures except all select * from fast))
    """).fetchone()[0]
    assert differ == 0 and work.execute("select count(*) from core.tariff_measures").fetchone()[0] == 250_000


def test_a_load_with_known_rows_inserts_only_the_new_ones(work, stage_batch) -> None:
    stage_batch(work, [commodity(), measure(measure_sid="1"), measure(measure_sid="2", duty_text="6.00 %")])
    merge_versions(work, target="core.tariff_measures", batch=BATCH, seen=BATCH, scope=SCOPE, key=KEY,
                   scope_key=SCOPE_KEY, run_id="r1", rows=STAGED)
    stage_batch(work, [commodity(), measure(measure_sid="1"), measure(measure_sid="2", duty_text="4.00 %")])
    counts = merge_versions(work, target="core.tariff_measures", batch=BATCH, seen=BATCH, scope=SCOPE, key=KEY,
                            scope_key=SCOPE_KEY, run_id="r2", rows=STAGED)
    assert counts.to_dict() == {"inserted": 1, "superseded": 1}
    assert current(work) == {"1": "6.00 %", "2": "4.00 %"}


def test_staged_rows_without_a_loaded_column_are_refused(work, stage_batch) -> None:
    stage_batch(work, [commodity(), measure()])
    work.execute(f"create table staging.narrow as select * exclude (duty_text) from {STAGED}")
    with pytest.raises(ValueError, match=r"lacks \['duty_text'\]"):
        merge_versions(work, target="core.tariff_measures", batch=BATCH, seen=BATCH, scope=SCOPE, key=KEY,
                       scope_key=SCOPE_KEY, run_id="r1", rows="staging.narrow")
    assert current(work) == {}  # the merge rolled back
