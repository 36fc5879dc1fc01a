"""Runs of the `tariffs_uk` DAG with `dag.test()`: tasks run in this process, against a tmp data dir."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

RECORDINGS_INDEX = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "uk_trade_tariff" / "index.json"
# dag.test() runs the tasks through an in-process Execution API (FastAPI's TestClient).
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
STEPS = ["crawl", "stage", "validate", "load", "record_run", "publish"]


@pytest.fixture
def tariffs_dag(dagbag: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The DAG, with its data directory in tmp_path (tasks and the crawl's child process see it)."""
    monkeypatch.setenv("TRADEPOINT_DATA_DIR", str(tmp_path / "data"))
    return dagbag.dags["tariffs_uk"]


def _states(run: Any) -> dict[str, tuple[str, int]]:
    return {ti.task_id: (ti.state, ti.try_number) for ti in run.get_task_instances()}


def _asset_events(asset_name: str) -> list[Any]:
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        query = select(AssetEvent).join(AssetModel, AssetEvent.asset_id == AssetModel.id)
        return list(session.scalars(query.where(AssetModel.name == asset_name)))


def test_structure(tariffs_dag: Any) -> None:
    assert sorted(tariffs_dag.task_dict) == sorted(STEPS)
    for up, down in pairwise(STEPS):
        assert down in tariffs_dag.task_dict[up].downstream_task_ids, f"{up} >> {down} missing"
    assert tariffs_dag.task_dict["record_run"].trigger_rule == "all_done"
    [outlet] = tariffs_dag.task_dict["publish"].outlets
    assert (outlet.name, outlet.uri) == ("tradepoint.marts.tariffs", "x-tradepoint://warehouse/marts.tariffs")
    assert tariffs_dag.max_active_runs == 1 and not tariffs_dag.catchup
    assert set(tariffs_dag.tags) == {"tradepoint", "tariffs", "uk"}


def test_replay_run_publishes_the_tariffs_mart(tariffs_dag: Any, tmp_path: Path) -> None:
    import duckdb

    assert RECORDINGS_INDEX.exists(), f"replay needs the recorded responses: {RECORDINGS_INDEX} is missing"
    run = tariffs_dag.test()
    assert run.state == "success", _states(run)
    assert {task: state for task, (state, _) in _states(run).items()} == dict.fromkeys(STEPS, "success")

    published = tmp_path / "data" / "warehouse" / "tradepoint.duckdb"
    assert published.exists()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.tariffs").fetchone()[0] >= 1000
        # record_run ran before publish, so the published copy of meta.runs has this run's row
        runs = con.execute("select source, status from meta.runs").fetchall()
    assert ("uk_trade_tariff", "loaded") in runs

    events = [e for e in _asset_events("tradepoint.marts.tariffs") if e.source_run_id == run.run_id]
    assert len(events) == 1
    assert events[0].extra["path"] == str(published) and events[0].extra["rows"] >= 1000


def test_failed_checks_block_the_load_without_retries(tariffs_dag: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """ChecksFailed: validate fails on its first try, nothing loads or publishes, meta.runs says blocked."""
    import tradepoint.pipeline as pipeline

    recorded: list[tuple[Any, ...]] = []

    def fail_checks(source_name: str, run_id: str) -> dict[str, Any]:
        raise pipeline.ChecksFailed(f"{source_name}: checks failed, not loaded: too many quarantined rows")

    def must_not_run(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise AssertionError("must not run after failed checks")

    manifest = {"run_id": "20250101T000000000000Z", "path": "/nowhere", "status": "ok", "mode": "replay",
                "item_counts": {"commodity": 3}}
    monkeypatch.setattr(pipeline, "crawl", lambda *args, **kwargs: manifest)
    monkeypatch.setattr(pipeline, "stage", lambda *args, **kwargs: {"rows_staged": 3})
    monkeypatch.setattr(pipeline, "check", fail_checks)
    monkeypatch.setattr(pipeline, "load", must_not_run)
    monkeypatch.setattr(pipeline, "publish", must_not_run)
    monkeypatch.setattr(pipeline, "record_run", lambda *args: recorded.append(args))
    for task in tariffs_dag.tasks:  # a retry would come at once, and show in try_number, not hang
        monkeypatch.setattr(task, "retry_delay", timedelta(0))

    run = tariffs_dag.test()
    states = _states(run)
    assert run.state == "failed", states
    assert states["validate"] == ("failed", 1), states
    assert states["load"][0] == states["publish"][0] == "upstream_failed", states
    assert states["record_run"] == ("failed", 1), states  # recorded, then fails the run on purpose
    [(run_id, source, status, _started, results, message)] = recorded
    assert (run_id, source, status) == (manifest["run_id"], "uk_trade_tariff", "blocked")
    assert results["crawl"] == manifest and results["stage"] == {"rows_staged": 3} and results["load"] == {}
    assert "too many quarantined rows" in message


def test_failing_step_is_retried_then_recorded_as_failed(tariffs_dag: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other errors are retried (default_args retries=2); meta.runs gets the last step's error."""
    import tradepoint.pipeline as pipeline

    recorded: list[tuple[Any, ...]] = []
    crawls: list[int] = []
    manifest = {"run_id": "20250101T000000000001Z", "path": "/nowhere", "status": "ok", "item_counts": {}}

    def flaky_crawl(*args: Any, **kwargs: Any) -> dict[str, Any]:
        crawls.append(1)
        if len(crawls) == 1:
            raise pipeline.StepFailed("uk_trade_tariff: crawl failed (exit 1, 3 errors)")
        return manifest

    def broken_stage(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError("landing files unreadable")

    monkeypatch.setattr(pipeline, "crawl", flaky_crawl)
    monkeypatch.setattr(pipeline, "stage", broken_stage)
    monkeypatch.setattr(pipeline, "record_run", lambda *args: recorded.append(args))
    for task in tariffs_dag.tasks:
        monkeypatch.setattr(task, "retry_delay", timedelta(0))

    run = tariffs_dag.test()
    states = _states(run)
    assert run.state == "failed", states
    assert states["crawl"] == ("success", 2) and states["stage"] == ("failed", 3), states
    [(run_id, _source, status, _started, _results, message)] = recorded
    assert (run_id, status) == (manifest["run_id"], "failed")
    # the error left by crawl's failed first try was cleared when it was retried
    assert message == "stage: ValueError: landing files unreadable"
