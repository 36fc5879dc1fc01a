"""A real work database (DuckDB file) with a staged batch of one source built from given items."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tradepoint.offline_parse import write_landing
from tradepoint.pipeline import stage_into
from warehouse.database import connect_work


@pytest.fixture
def stage_batch(tmp_path: Path) -> Callable[..., duckdb.DuckDBPyConnection]:
    """stage_batch(con, items[, source]) stages items into con as a pipeline run would."""
    counter = iter(range(1000))

    def build(con: duckdb.DuckDBPyConnection, items: list[dict[str, Any]], source: str = "uk_trade_tariff"
              ) -> duckdb.DuckDBPyConnection:
        landing = tmp_path / f"landing{next(counter)}"
        landing.mkdir()
        write_landing(items, landing)
        stage_into(con, source, str(landing))
        return con

    return build


@pytest.fixture
def work(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = connect_work(tmp_path / "work.duckdb")
    yield con
    con.close()
