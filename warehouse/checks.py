"""Checks of a batch before load: quarantine failing rows, then validate the rest with GX.

1. Every rule of the suite (warehouse/suites.py) runs as one set-based SQL pass over the batch;
   each failing row is quarantined with all its reasons (quarantine.records). Nothing is dropped
   silently: the count is reported and the rows stay queryable.
2. The remaining rows, the ones about to be loaded, are validated by Great Expectations 1.x (suites
   and checkpoints over pandas batches: GX's SQL datasource over DuckDB is broken, GX issues
   10738/11579) together with the source's row-count floor. Value rules are validated on the
   distinct values of their columns — equivalent to every row, at a fraction of the cost — and key
   uniqueness on every row's key (see `Rule.frame_sql`). The GX result is kept per run as JSON.
3. The source passes only if GX passes and the quarantined share stays within the registry's
   `max_quarantined_share`; otherwise it is not loaded, and the last good marts stay published.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from scrapers.registry import Source
from warehouse.suites import Rule

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedTables:
    """The tables the checks leave for the load, named after the batch they checked."""

    batch: str

    @property
    def clean(self) -> str:
        """View of the batch's passing rows (full width): what the load inserts."""
        return f"{self.batch}__clean"

    @property
    def checked(self) -> str:
        """View of row_id, key and row_hash of every row: the keys the crawl returned."""
        return f"{self.batch}__checked"

    @property
    def checked_clean(self) -> str:
        """`checked` restricted to the passing rows: what the load compares with core."""
        return f"{self.checked}_clean"

    @property
    def violations(self) -> str:
        return f"{self.batch}__violations"


@dataclass
class CheckOutcome:
    """What the checks decided for one source's batch."""

    passed: bool
    rows_checked: int
    rows_quarantined: int
    rows_clean: int
    checks_passed: int
    checks_failed: int
    failures: list[str]
    report_path: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_violations(con: duckdb.DuckDBPyConnection, batch: str, rules: tuple[Rule, ...], target: str) -> str:
    """Create table `target` (row_id, reasons[]) of the batch rows breaking any rule; returns its name."""
    flags = ",\n".join(f"case when {rule.violation_sql()} then {rule.reason_sql()} end" for rule in rules)
    rows = batch
    for rule in rules:
        if rule.kind == "unique":
            rows = flag_duplicates(con, rows, rule)
    con.execute(f"""
        create or replace table {target} as
        select row_id, reasons from (
            select row_id, list_filter([{flags}], r -> r is not null) as reasons from {rows}
        ) where len(reasons) > 0
    """)
    return target


def flag_duplicates(con: duckdb.DuckDBPyConnection, rows: str, rule: Rule) -> str:
    """`rows` (a table or a parenthesised query) with the rule's duplicate flag column added.

    The keys held by more than one row come from one aggregate, and rows are joined to them only if
    there are any: a window counting the rows of each row's key cost about three times as much.
    Null key parts count as equal, as in GROUP BY.
    """
    keys = f"{rule.duplicate_flag()}_keys"
    columns = ", ".join(rule.columns)
    con.execute(f"create or replace temp table {keys} as "
                f"select {columns} from {rows} group by {columns} having count(*) > 1")
    if not con.execute(f"select count(*) from {keys}").fetchone()[0]:
        return f"(select *, false as {rule.duplicate_flag()} from {rows})"
    held = " and ".join(f"r.{column} is not distinct from k.{column}" for column in rule.columns)
    return (f"(select r.*, exists (select 1 from {keys} k where {held}) as {rule.duplicate_flag()} "
            f"from {rows} r)")


def quarantine_rows(con: duckdb.DuckDBPyConnection, batch: str, violations: str, run_id: str,
                    source: str, key: tuple[str, ...]) -> int:
    """Copy the violating rows, whole, with their reasons into quarantine.records; returns their count."""
    count = con.execute(f"select count(*) from {violations}").fetchone()[0]
    if count == 0:  # nothing to copy: skip a pass over the whole batch
        return 0
    row_key = " || '|' || ".join(f"coalesce(cast(b.{c} as varchar), '')" for c in key)
    con.execute(f"""
        insert into quarantine.records
        select ?, ?, {row_key}, v.reasons, to_json(b), now()
        from {batch} b join {violations} v using (row_id)
    """, [run_id, source])
    return count


MERGE_MAX_ROWS = 100_000  # larger distinct-value frames are validated alone (padding would cost more)


def frames_by_rules(con: duckdb.DuckDBPyConnection, table: str, rules: tuple[Rule, ...]
                    ) -> list[tuple[list[Rule], pd.DataFrame]]:
    """The batches GX validates: rules grouped by their columns, with the frame they need
    (`Rule.frame_sql`; columns that only must not be null need just a null and a value), and last,
    for the source's row-count floor, a frame of the batch's rows without columns.

    Small single-column frames of distinct values are put side by side in one frame, each column
    padded by repeating its own values (the set of values, all a value rule looks at, is unchanged):
    one GX validation instead of one per column.
    """
    groups: dict[tuple[bool, tuple[str, ...]], list[Rule]] = {}
    for rule in rules:
        groups.setdefault((rule.kind == "unique", rule.columns), []).append(rule)
    frames = [(members, con.execute(members[0].frame_sql(
        table, presence_only=all(rule.kind == "not_null" for rule in members))).df()) for members in groups.values()]
    mergeable = [members[0].kind != "unique" and frame.shape[1] == 1 and len(frame) <= MERGE_MAX_ROWS
                 for members, frame in frames]
    single = [pair for pair, merge in zip(frames, mergeable, strict=True) if merge]
    others = [pair for pair, merge in zip(frames, mergeable, strict=True) if not merge]
    rows = con.execute(f"select count(*) from {table}").fetchone()[0]
    return [*([side_by_side(single)] if single else []), *others, ([], pd.DataFrame(index=pd.RangeIndex(rows)))]


def side_by_side(frames: list[tuple[list[Rule], pd.DataFrame]]) -> tuple[list[Rule], pd.DataFrame]:
    """One frame from single-column frames, shorter columns padded by cycling through their values."""
    length = max(len(frame) for _, frame in frames)
    columns = {frame.columns[0]: np.resize(frame.iloc[:, 0].to_numpy(), length) for _, frame in frames}
    return [rule for members, _ in frames for rule in members], pd.DataFrame(columns)


def gx_validate(frames: list[tuple[list[Rule], pd.DataFrame]], source: Source) -> dict[str, Any]:
    """Validate each frame with its GX suite through a checkpoint (ephemeral context); merged JSON result.

    The row-count floor is checked on the frame without rules (the batch's rows, no columns).
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_pandas(f"{source.name}_batches")
    results = []
    for number, (rules, frame) in enumerate(frames):
        name = f"{source.name}_{number}"
        batch = datasource.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe("about_to_load")
        suite = context.suites.add(gx.ExpectationSuite(name=f"{name}_suite"))
        for rule in rules:
            suite.add_expectation(rule.expectation())
        if not rules:
            suite.add_expectation(gxe.ExpectTableRowCountToBeBetween(min_value=source.assertions.min_rows))
        validation = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"{name}_checkpoint", validation_definitions=[validation],
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5}))
        results += checkpoint.run(batch_parameters={"dataframe": frame}).describe_dict()["validation_results"]
    return {"success": all(r["success"] for r in results), "validation_results": results}


def summarise(gx_result: dict[str, Any]) -> tuple[int, int, list[str]]:
    """(expectations passed, failed, one line per failure) from a merged GX result."""
    passed, failed, failures = 0, 0, []
    for validation in gx_result["validation_results"]:
        for expectation in validation["expectations"]:
            if expectation["success"]:
                passed += 1
                continue
            failed += 1
            failures.append(f"{expectation['expectation_type']} {json.dumps(expectation['kwargs'], default=str)}"
                            f": {json.dumps(expectation['result'], default=str)[:300]}")
    return passed, failed, failures


def run_checks(con: duckdb.DuckDBPyConnection, source: Source, batch: str, rules: tuple[Rule, ...],
               key: tuple[str, ...], run_id: str, report_dir: Path) -> CheckOutcome:
    """Quarantine failing rows of `batch`, validate the rest, decide; leaves `CheckedTables(batch)`
    for the load.

    The batch (maybe a view over joins) is read once, into a temporary table of the columns the rules
    read, that every check query then scans; it is not written to disk. The load compares the
    batch's key and row_hash, read from the batch itself.
    """
    tables = CheckedTables(batch)
    columns = sorted({"row_id", *key, *(column for rule in rules for column in rule.columns)})
    con.execute(f"create or replace temp table rule_columns as select {', '.join(columns)} from {batch}")
    violations = find_violations(con, "rule_columns", rules, target=tables.violations)
    rows = con.execute("select count(*) from rule_columns").fetchone()[0]
    quarantined = quarantine_rows(con, batch, violations, run_id, source.name, key)
    passing = f"anti join {violations} using (row_id)"
    con.execute(f"create or replace view {tables.clean} as select * from {batch} {passing}")
    con.execute(f"create or replace view {tables.checked} as select row_id, row_hash, {', '.join(key)} from {batch}")
    con.execute(f"create or replace view {tables.checked_clean} as select * from {tables.checked} {passing}")
    con.execute(f"create or replace temp view rule_columns_clean as select * from rule_columns {passing}")
    gx_result = gx_validate(frames_by_rules(con, "rule_columns_clean", rules), source)
    passed, failed, failures = summarise(gx_result)
    share = quarantined / rows if rows else 0.0
    if share > source.assertions.max_quarantined_share:
        failures.append(f"quarantined share {share:.2%} above {source.assertions.max_quarantined_share:.2%}")
    report_dir.mkdir(parents=True, exist_ok=True)
    report_path = report_dir / f"checks_{source.name}.json"
    report_path.write_text(json.dumps(gx_result, indent=1, default=str), encoding="utf-8")
    outcome = CheckOutcome(
        passed=not failures, rows_checked=rows, rows_quarantined=quarantined, rows_clean=rows - quarantined,
        checks_passed=passed, checks_failed=failed, failures=failures, report_path=str(report_path))
    log.info("%s checks: %s rows, %s quarantined, %s/%s expectations passed%s", source.name, rows, quarantined,
             passed, passed + failed, "" if outcome.passed else f"; FAILED: {failures}")
    return outcome
