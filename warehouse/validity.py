"""When a tariff rate stopped being in force, set once when its version is closed.

A source publishes validity (`valid_from`, `valid_to`), but a rate can also end because the source
replaced it (a new rate from a later day) or stopped listing it. `in_force_to` records that end on the
closed version, in the load that closes it: the day before its successor's `valid_from`, or the day
before it vanished, never later than its own `valid_to`. Computing it here, for the few versions a load
closes, keeps the lookup free of window functions over the whole history (marts.tariff_rates_of).
Current versions leave it null: they are in force until their `valid_to`.
"""

from __future__ import annotations

import duckdb

KEY = ("source", "reporter", "national_code", "producline_suffix", "measure_sid")


def close_validity(con: duckdb.DuckDBPyConnection, source: str, run_id: str) -> dict[str, int]:
    """Set in_force_to on the versions of `source` that this run closed; returns how many."""
    closed = set_in_force_to(con, "o.source = $source and o.superseded_run_id = $run",
                             {"run": run_id, "source": source})
    return {"versions_closed_in_force_to": closed}


def set_in_force_to(con: duckdb.DuckDBPyConnection, where: str, params: dict[str, str]) -> int:
    """Set in_force_to on the closed versions `where` selects (SQL over `o`); returns how many. The successor
    is the version of the same key that the closing run loaded."""
    same_key = " and ".join(f"n.{column} = o.{column}" for column in KEY)
    return con.execute(f"""
        update core.tariff_measures o
        set in_force_to = least(
            coalesce(o.valid_to, cast(o.superseded_at as date) - 1),
            coalesce((select min(n.valid_from) - 1 from core.tariff_measures n
                      where {same_key} and n.loaded_run_id = o.superseded_run_id), cast(o.superseded_at as date) - 1)
        )
        where {where}
    """, params).fetchone()[0]


def lacks_in_force_to(con: duckdb.DuckDBPyConnection) -> bool:
    """A work database created before in_force_to existed (schema.sql adds the column, null)."""
    columns = {row[0] for row in con.execute(
        "select column_name from duckdb_columns() where schema_name = 'core' and table_name = 'tariff_measures'"
    ).fetchall()}
    return bool(columns) and "in_force_to" not in columns


def backfill_in_force_to(con: duckdb.DuckDBPyConnection) -> int:
    """Give the versions closed before in_force_to existed the end a load gives them now; returns how many.
    Left null, the lookup would take a closed version for one in force until its valid_to."""
    return set_in_force_to(con, "o.superseded_run_id is not null and o.in_force_to is null", {})
