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
    expected = {f"{source}.{step}" for source in SOURCES for step in SOURCE_STEPS} | {
        "consolidate", "publish", "all_sources_loaded"}
    assert set(fairs_dag.task_dict) == expected
    for source in SOURCES:
        assert "consolidate" in fairs_dag.task_dict[f"{source}.record_run"].downstream_task_ids
        assert f"{source}.record_run" in fairs_dag.task_dict[f"{source}.load"].downstream_task_ids
    assert fairs_dag.task_dict["consolidate"].trigger_rule == "all_done"
    assert "publish" in fairs_dag.task_dict["consolidate"].downstream_task_ids
    assert fairs_dag.task_dict["publish"].trigger_rule == fairs_dag.task_dict["all_sources_loaded"].trigger_rule == (
        "all_done")
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


def test_a_failing_source_fails_the_run_after_the_others_are_published(fairs_dag: Any, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    import tradepoint.pipeline as pipeline

    real_crawl = pipeline.crawl

    def crawl(source: str, **kwargs: Any) -> dict[str, Any]:
        if source == "ita_trade_events":
            raise pipeline.StepFailed("ita_trade_events: crawl failed (exit 1, 1 errors); first error: no API key")
        return real_crawl(source, **kwargs)

    monkeypatch.setattr(pipeline, "crawl", crawl)
    for task in fairs_dag.tasks:
        monkeypatch.setattr(task, "retries", 0)
    run = fairs_dag.test()
    states = _states(run)
    assert run.state == "failed", states
    assert states["ita_trade_events.record_run"] == "failed" and states["all_sources_loaded"] == "failed"
    assert states["publish"] == states["consolidate"] == states["wp_events_calendar.record_run"] == "success"
    with duckdb.connect(str(tmp_path / "data" / "warehouse" / "tradepoint.duckdb"), read_only=True) as con:
        sources = {row[0] for row in con.execute("select distinct source from marts.trade_fair_sources").fetchall()}
        runs = dict(con.execute("select source, status from meta.runs").fetchall())
    assert sources == set(SOURCES) - {"ita_trade_events"}
    assert runs["ita_trade_events"] == "failed"
