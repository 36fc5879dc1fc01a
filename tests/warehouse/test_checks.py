"""Checks quarantine failing rows with reasons, and block a batch that fails its suite."""

from __future__ import annotations

import json
from pathlib import Path

from scrapers.registry import get_source
from tests.factories import commodity, measure
from warehouse.checks import find_violations, run_checks
from warehouse.suites import TARIFF_MEASURE_KEY, TARIFF_MEASURE_RULES, Rule

BATCH = "staging.int_uk_trade_tariff__tariff_rows"


def many(n: int) -> list[dict]:
    return [commodity()] + [measure(measure_sid=str(i)) for i in range(n)]


def check(work, tmp_path: Path, min_rows: int = 10, share: float = 0.2):
    source = get_source("uk_trade_tariff").model_copy(deep=True)
    source.assertions.min_rows, source.assertions.max_quarantined_share = min_rows, share
    return run_checks(work, source, BATCH, TARIFF_MEASURE_RULES, TARIFF_MEASURE_KEY, "run1", tmp_path / "reports")


def test_clean_batch_passes_and_keeps_a_gx_report(work, stage_batch, tmp_path: Path) -> None:
    stage_batch(work, many(20))
    outcome = check(work, tmp_path)
    assert outcome.passed and outcome.rows_clean == 20 and outcome.rows_quarantined == 0
    assert outcome.checks_failed == 0 and outcome.checks_passed == len(TARIFF_MEASURE_RULES) + 1
    report = json.loads(Path(outcome.report_path).read_text())
    assert report["success"] is True


def test_bad_rows_are_quarantined_with_every_reason(work, stage_batch, tmp_path: Path) -> None:
    stage_batch(work, [*many(20), measure(measure_sid="x1", partner="??", duty_text="12 bananas"),
                       measure(measure_sid="x2", national_code="123", valid_to="2000-01-01T00:00:00Z")])
    outcome = check(work, tmp_path)
    assert outcome.passed and outcome.rows_quarantined == 2 and outcome.rows_clean == 20
    reasons = dict(work.execute("select row_key, reasons from quarantine.records").fetchall())
    bad1 = next(r for k, r in reasons.items() if k.endswith("|x1"))
    assert any("partner ?? does not match" in r for r in bad1)
    assert any(r.startswith("duty_parse_error") for r in bad1)
    bad2 = next(r for k, r in reasons.items() if k.endswith("|x2"))
    assert {"valid_to before valid_from"} <= set(bad2)
    assert any("national_code 123 does not match" in r for r in bad2)
    assert any("commodity_found false" in r for r in bad2)
    assert work.execute(f"select count(*) from {BATCH}__clean").fetchone()[0] == 20


def test_duplicate_keys_are_all_quarantined(work, stage_batch, tmp_path: Path) -> None:
    stage_batch(work, [*many(20), measure(measure_sid="3", duty_text="7.00 %")])
    outcome = check(work, tmp_path)
    assert outcome.rows_quarantined == 2
    [(reasons,)] = work.execute("select distinct reasons from quarantine.records").fetchall()
    assert reasons == ["duplicate key (source, reporter, national_code, producline_suffix, measure_sid)"]


def test_duplicates_are_keys_held_by_more_than_one_row_null_parts_equal(work) -> None:
    """As GROUP BY counts them (the checks find duplicate keys by one aggregate, not a window)."""
    work.execute("create temp table rows_ as select * from (values (1, 'x', null), (2, 'x', null), (3, 'x', 'a'), "
                 "(4, 'y', 'a'), (5, 'y', 'a'), (6, 'y', 'b')) v(row_id, a, b)")
    rule = Rule("unique", ("a", "b"))
    find_violations(work, "rows_", (rule,), target="staging.violations")
    flagged = work.execute("select row_id from staging.violations order by row_id").fetchall()
    assert flagged == [(1,), (2,), (4,), (5,)]
    work.execute("delete from rows_ where row_id in (2, 5)")
    find_violations(work, "rows_", (rule,), target="staging.violations")
    assert work.execute("select count(*) from staging.violations").fetchone()[0] == 0


def test_row_count_floor_blocks_the_batch(work, stage_batch, tmp_path: Path) -> None:
    stage_batch(work, many(5))
    outcome = check(work, tmp_path, min_rows=10)
    assert not outcome.passed
    assert any("expect_table_row_count_to_be_between" in f for f in outcome.failures)


def test_too_many_quarantined_rows_block_the_batch(work, stage_batch, tmp_path: Path) -> None:
    stage_batch(work, [*many(12), *(measure(measure_sid=f"b{i}", partner="??") for i in range(5))])
    outcome = check(work, tmp_path, share=0.1)
    assert not outcome.passed and outcome.rows_quarantined == 5
    assert any("quarantined share" in f for f in outcome.failures)


def test_gx_frames_catch_what_the_rules_forbid(work, stage_batch) -> None:
    """GX validates reduced frames (distinct values, rows per key, row count): they still fail on bad rows."""
    from warehouse.checks import frames_by_rules, gx_validate, summarise

    stage_batch(work, [*many(20), measure(measure_sid="3", duty_text="7.00 %"), measure(measure_sid="x", partner="??")])
    source = get_source("uk_trade_tariff").model_copy(deep=True)
    source.assertions.min_rows = 100
    _, failed, failures = summarise(gx_validate(frames_by_rules(work, BATCH, TARIFF_MEASURE_RULES), source))
    assert failed == 3
    assert any("rows_per_key" in f for f in failures)  # the duplicate key
    assert any('"column": "partner"' in f and "expect_column_values_to_match_regex" in f for f in failures)
    assert any("expect_table_row_count_to_be_between" in f for f in failures)


def test_gx_frame_of_a_column_that_only_must_not_be_null_still_catches_a_null(work, stage_batch) -> None:
    """A column with only a not-null rule is validated on a null (if any) and one value: same verdict."""
    from warehouse.checks import frames_by_rules, gx_validate, summarise
    from warehouse.suites import Rule

    stage_batch(work, many(20))
    work.execute(f"create table staging.probe as select * replace (if(row_id = 3, null, measure_sid) as measure_sid)"
                 f" from {BATCH}")
    rules = (Rule("not_null", ("measure_sid",)), Rule("not_null", ("source",)))
    frames = frames_by_rules(work, "staging.probe", rules)
    assert max(len(frame) for rules_, frame in frames if rules_) <= 2
    source = get_source("uk_trade_tariff").model_copy(deep=True)
    source.assertions.min_rows = 1
    _, failed, failures = summarise(gx_validate(frames, source))
    assert failed == 1 and '"column": "measure_sid"' in failures[0]
