"""Publish the marts: build a new DuckDB file beside the live one, then swap it in atomically.

DuckDB allows one writer process or many read-only ones, never both on one file. So readers only
ever open the published file read-only, and the pipeline never writes to it: it writes a fresh
file (`.tradepoint.duckdb.<run>.building`), checkpoints and closes it, fsyncs, and renames it over
the published path. rename(2) is atomic: a reader opening the path gets the old file or the new
one, whole. A reader that already has the old file open keeps reading it undisturbed. If anything
fails before the rename, the last good file stays published.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from tradepoint.config import published_db_path
from transforms.models import SQL_DIR, sql_literal

MART_DIR = SQL_DIR / "marts"
# Tables copied as they are from the work database, for `tradepoint status` and analysts.
META_TABLES = ("meta.runs", "quarantine.records")


def mart_names() -> list[str]:
    return sorted(path.stem for path in MART_DIR.glob("*.sql"))


def publish(con: duckdb.DuckDBPyConnection, run_id: str, target: Path | None = None) -> dict[str, object]:
    """Build every mart into a new file and swap it in; returns the path and row counts."""
    target = target or published_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.{run_id}.building")
    building.unlink(missing_ok=True)
    con.execute(f"attach {sql_literal(str(building))} as pub")
    try:
        counts = _build(con)
    except BaseException:
        con.execute("detach pub")
        building.unlink(missing_ok=True)
        raise
    con.execute("detach pub")
    _fsync(building)
    os.replace(building, target)
    _fsync(target.parent)
    return {"path": str(target), "run_id": run_id, "tables": counts}


def _build(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create every mart and meta table in the attached `pub` database; row counts per mart."""
    counts: dict[str, int] = {}
    for schema in ("marts", "meta", "quarantine"):
        con.execute(f"create schema pub.{schema}")
    for name in mart_names():
        body = (MART_DIR / f"{name}.sql").read_text(encoding="utf-8")
        con.execute(f"create table pub.marts.{name} as {body}")
        counts[f"marts.{name}"] = con.execute(f"select count(*) from pub.marts.{name}").fetchone()[0]
    for table in META_TABLES:
        con.execute(f"create table pub.{table} as select * from {table}")
    con.execute("checkpoint pub")
    return counts


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def connect_published(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published marts (what portals, analysts and `tradepoint sql` use)."""
    path = path or published_db_path()
    if not path.exists():
        raise FileNotFoundError(f"no published warehouse at {path}: run `tradepoint run` (or `make run`) first")
    return duckdb.connect(str(path), read_only=True)
