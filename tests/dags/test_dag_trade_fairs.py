"""Runs of the `trade_fairs` DAG with `dag.test()`: four sources, deduplicated, one publish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
SOURCES = ("ical_feeds", "ita_trade_events", "schema_org_events", "wp_events_calendar")
SOURCE_STEPS = ("crawl", "stage", "validate", "load", "record_run")


@pytest.fixture
def fairs_dag(dagbag: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TRADEPOINT_DATA_DIR", str(tmp_path / "data"))
    return dagbag.dags["trade_fairs"]


def _states(run: Any) -> dict[str, str]:
    return {ti.task_id: ti.state for ti in run.get_task_instances()}


def test_structure(fairs_dag: Any) -> None:
    expected = {f"{source}.{step}" for source in SOURCES for step in SOURCE_STEPS} | {"consolidate", "publish"}
    assert set(fairs_dag.task_dict) == expected
    for source in SOURCES:
        assert "consolidate" in fairs_dag.task_dict[f"{source}.record_run"].downstream_task_ids
        assert f"{source}.record_run" in fairs_dag.task_dict[f"{source}.load"].downstream_task_ids
    assert fairs_dag.task_dict["consolidate"].trigger_rule == "all_done"
    assert "publish" in fairs_dag.task_dict["consolidate"].downstream_task_ids
    assert {outlet.name for outlet in fairs_dag.task_dict["publish"].outlets} == {
        "tradepoint.marts.trade_fairs", "tradepoint.marts.trade_fair_sources"}
    assert fairs_dag.max_active_runs == 1 and not fairs_dag.catchup


def test_replay_run_publishes_the_deduplicated_calendar(fairs_dag: Any, tmp_path: Path) -> None:
    import duckdb

    run = fairs_dag.test()
    states = _states(run)
    assert run.state == "success", states
    assert set(states.values()) == {"success"}, states
    published = tmp_path / "data" / "warehouse" / "tradepoint.duckdb"
    with duckdb.connect(str(published), read_only=True) as con:
        fairs = con.execute("select count(*), count(*) filter (where len(sources) > 1) from marts.trade_fairs")
        total, merged = fairs.fetchone()
        sources = {row[0] for row in con.execute("select distinct source from marts.trade_fair_sources").fetchall()}
        runs = set(con.execute("select source, status from meta.runs").fetchall())
    assert total >= 20 and merged >= 3
    assert sources == set(SOURCES)
    assert runs == {(source, "loaded") for source in SOURCES}
