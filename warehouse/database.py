"""Connections to the work database (single writer) and its schema set-up."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tradepoint.config import work_db_path
from transforms.countries import countries_table

SCHEMA_SQL = Path(__file__).with_name("sql") / "schema.sql"


def connect_work(path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the work database for writing (or ":memory:") and make sure its schema exists.

    Only the pipeline opens this file; readers use the published file (warehouse.publish), so a
    running load never blocks them.
    """
    path = path or work_db_path()
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    ensure_reference(con)
    return con


def ensure_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Reference tables (ISO countries) that staging joins against, created once per database."""
    exists = con.execute("select count(*) from duckdb_tables() where schema_name = 'ref' "
                         "and table_name = 'countries' and database_name = current_database()").fetchone()[0]
    if not exists:
        countries = countries_table()  # noqa: F841 - read by DuckDB's replacement scan
        con.execute("create table ref.countries as select * from countries")
