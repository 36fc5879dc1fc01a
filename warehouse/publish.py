"""Publish the warehouse: a checkpointed copy of the work database, swapped in atomically.

DuckDB allows one writer process or many read-only ones, never both on one file. So readers only
ever open the published file read-only, and the pipeline never writes to it. To publish, the
pipeline (the work database's only writer, idle at that moment) defines the marts as views
(transforms/sql/marts/*.sql), checkpoints — the file then holds every committed change — and copies
the file to `.tradepoint.duckdb.<run>.building`. In the copy it drops the per-run scratch schemas
(raw, staging), checkpoints, fsyncs, and renames it over the published path. rename(2) is atomic: a
reader opening the path gets the old file or the new one, whole; a reader that already has the old
file open keeps reading it undisturbed. If anything fails before the rename, the last good file
stays published.

Copying a compressed file costs a fraction of rewriting its rows, and it publishes the version
history (core) and the quarantine beside the marts, for analysts.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from tradepoint.config import published_db_path
from transforms.models import SQL_DIR, sql_literal

MART_DIR = SQL_DIR / "marts"
# Per-run scratch of the work database, not published (raw views point at landing files).
SCRATCH_SCHEMAS = ("raw", "staging")


def mart_names() -> list[str]:
    return sorted(path.stem for path in MART_DIR.glob("*.sql"))


def define_marts(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)define every mart as a view over core, from its SQL file, in name order (a mart may read
    one defined before it: trade_fairs reads trade_fair_sources), after the table macros (marts/macros/*.sql,
    whole `create or replace macro` statements over core: questions with parameters, which a view may call)."""
    con.execute("create schema if not exists marts")
    for path in sorted((MART_DIR / "macros").glob("*.sql")):  # over core only; a view may call one
        con.execute(path.read_text(encoding="utf-8"))
    for name in mart_names():
        con.execute(f"create or replace view marts.{name} as {(MART_DIR / f'{name}.sql').read_text(encoding='utf-8')}")


def database_file(con: duckdb.DuckDBPyConnection) -> Path:
    """The file of the connection's main database."""
    return Path(con.execute("select path from duckdb_databases() where database_name = current_database()")
                .fetchone()[0])


def publish(con: duckdb.DuckDBPyConnection, run_id: str, target: Path | None = None) -> dict[str, object]:
    """Copy the work database, marts defined, to a new file and swap it in; returns the path and row counts."""
    target = target or published_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.{run_id}.building")
    define_marts(con)
    con.execute("checkpoint")
    shutil.copyfile(database_file(con), building)
    con.execute(f"attach {sql_literal(str(building))} as pub")
    try:
        for schema in SCRATCH_SCHEMAS:
            con.execute(f"drop schema pub.{schema} cascade")
        con.execute("checkpoint pub")
        counts = {f"marts.{name}": con.execute(f"select count(*) from pub.marts.{name}").fetchone()[0]
                  for name in mart_names()}
    except BaseException:
        con.execute("detach pub")
        building.unlink(missing_ok=True)
        raise
    con.execute("detach pub")
    _fsync(building)
    os.replace(building, target)
    _fsync(target.parent)
    return {"path": str(target), "run_id": run_id, "tables": counts}


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
