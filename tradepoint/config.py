"""Where Trade Point keeps its files. One data directory (./data, or TRADEPOINT_DATA_DIR) holds:

landing/<source>/<run_id>/   immutable crawl output (JSON Lines per item type + manifest.json)
runs/<run_id>/               per-run reports: check results, quarantine counts, summary
warehouse/work.duckdb        the single writer's database: staging, core history, quarantine
warehouse/tradepoint.duckdb  the published marts, replaced atomically; readers open it read-only
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("TRADEPOINT_DATA_DIR", "data")).resolve()


def landing_dir() -> Path:
    return data_dir() / "landing"


def runs_dir() -> Path:
    return data_dir() / "runs"


def work_db_path() -> Path:
    return data_dir() / "warehouse" / "work.duckdb"


def published_db_path() -> Path:
    return data_dir() / "warehouse" / "tradepoint.duckdb"
