"""Runs of the `market_notices` DAG with `dag.test()`: three notice sources, daily, incremental."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
SOURCES = ("atom_feeds", "federal_register", "wto_eping")


@pytest.fixture
def notices_dag(dagbag: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TRADEPOINT_DATA_DIR", str(tmp_path / "data"))
    return dagbag.dags["market_notices"]


def test_structure_and_backfill_params(notices_dag: Any) -> None:
    assert {f"{source}.crawl" for source in SOURCES} <= set(notices_dag.task_dict)
    assert {"publish", "all_sources_loaded"} <= set(notices_dag.task_dict)
    assert "consolidate" not in notices_dag.task_dict
    assert {"since", "until"} <= set(notices_dag.params)
    assert notices_dag.timetable.expression == "0 6 * * *"  # daily


def test_replay_run_publishes_tagged_notices(notices_dag: Any, tmp_path: Path) -> None:
    import duckdb

    run = notices_dag.test()
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert run.state == "success", states
    with duckdb.connect(str(tmp_path / "data" / "warehouse" / "tradepoint.duckdb"), read_only=True) as con:
        sources = {row[0] for row in con.execute("select distinct source from marts.market_notices").fetchall()}
        products = con.execute("select count(*) from marts.notice_products").fetchone()[0]
        countries = con.execute("select count(*) from marts.notice_countries").fetchone()[0]
    assert sources == set(SOURCES) and products > 0 and countries > 0


def test_crawl_window_backfills_from_params_and_resumes_live(monkeypatch: pytest.MonkeyPatch) -> None:
    import tradepoint.dag_support as support
    import tradepoint.pipeline as pipeline

    entry = {"params": {"incremental": True}}
    assert support.crawl_window("federal_register", entry, {"params": {"since": "2026-01-01",
                                                                       "until": "2026-01-31"}}) == {
        "since": "2026-01-01", "until": "2026-01-31"}
    monkeypatch.setattr(support, "live", lambda: True)
    monkeypatch.setattr(pipeline, "last_loaded_day", lambda source: "2026-11-26")
    assert support.crawl_window("federal_register", entry, {"params": {}}) == {"since": "2026-11-26"}
    monkeypatch.setattr(support, "live", lambda: False)
    assert support.crawl_window("federal_register", entry, {"params": {}}) == {}  # replay: recorded windows
    assert support.crawl_window("atom_feeds", {"params": {}}, {"params": {"since": "2026-01-01"}}) == {}
