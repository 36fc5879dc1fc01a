"""A run of the `exchange_rates` DAG with `dag.test()`: the ECB's 90-day file replayed and published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_replay_run_publishes_the_rates(dagbag: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    monkeypatch.setenv("TRADEPOINT_DATA_DIR", str(tmp_path / "data"))
    dag = dagbag.dags["exchange_rates"]
    assert {"ecb_rates.crawl", "ecb_rates.load", "publish", "all_sources_loaded"} <= set(dag.task_dict)
    assert dag.timetable.expression == "30 16 * * 1-5"  # from the registry
    run = dag.test()
    assert run.state == "success", {ti.task_id: ti.state for ti in run.get_task_instances()}
    with duckdb.connect(str(tmp_path / "data" / "warehouse" / "tradepoint.duckdb"), read_only=True) as con:
        days, currencies = con.execute("select count(distinct rate_date), count(distinct currency) "
                                       "from marts.exchange_rates").fetchone()
        [(rate_date, rate)] = con.execute("select * from marts.fx_rate('EUR', 'USD', date '2026-11-29')").fetchall()
    assert (days, currencies) == (65, 29)
    assert str(rate_date) == "2026-11-27" and 0.9 < rate < 1.3  # a Sunday: the Friday's rate
