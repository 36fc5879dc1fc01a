"""Connections to the work database (single writer) and its schema set-up."""

from __future__ import annotations

import logging
import os
import random
import time
from pathlib import Path

import duckdb

from tradepoint.config import work_db_path
from transforms.countries import countries_table
from warehouse.validity import backfill_in_force_to, lacks_in_force_to

SCHEMA_SQL = Path(__file__).with_name("sql") / "schema.sql"
LOCK_WAIT_SECONDS = 600  # TRADEPOINT_LOCK_WAIT overrides: how long a writer waits for another one
log = logging.getLogger(__name__)


def connect_work(path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the work database for writing (or ":memory:") and make sure its schema exists.

    Only the pipeline opens this file; readers use the published file (warehouse.publish), so a
    running load never blocks them.
    """
    path = path or work_db_path()
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    con = open_waiting(str(path))
    upgrading = lacks_in_force_to(con)
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    if upgrading:
        log.info("work database upgraded: in_force_to set on %s closed tariff versions", backfill_in_force_to(con))
    ensure_reference(con)
    return con


def open_waiting(path: str) -> duckdb.DuckDBPyConnection:
    """Open the database for writing; while another writer (another DAG's task) holds it, wait.

    DuckDB allows one writing process per file: a second one gets a lock error at once. Waiting
    with backoff (jittered, so waiting writers do not retry in step), up to TRADEPOINT_LOCK_WAIT
    seconds, turns that into a queue instead of a failure; the last attempt is at the deadline.
    """
    wait = float(os.environ.get("TRADEPOINT_LOCK_WAIT", LOCK_WAIT_SECONDS))
    deadline = time.monotonic() + wait
    delay = 0.5
    while True:
        try:
            return duckdb.connect(path)
        except duckdb.IOException as err:
            remaining = deadline - time.monotonic()
            if "lock" not in str(err).lower():
                raise
            if remaining <= 0:
                raise duckdb.IOException(f"{path}: still locked by another writer after {wait:.0f} s "
                                         f"(TRADEPOINT_LOCK_WAIT): {err}") from err
            pause = min(delay * random.uniform(0.5, 1.0), remaining)
            log.info("work database busy (another writer); retrying in %.1fs", pause)
            time.sleep(pause)
            delay = min(delay * 2, 30.0)


def ensure_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Reference tables (ISO countries) that staging joins against, created once per database."""
    exists = con.execute("select count(*) from duckdb_tables() where schema_name = 'ref' "
                         "and table_name = 'countries' and database_name = current_database()").fetchone()[0]
    if not exists:
        countries = countries_table()  # noqa: F841 - read by DuckDB's replacement scan
        con.execute("create table ref.countries as select * from countries")
