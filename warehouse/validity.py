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
    same_key = " and ".join(f"n.{column} = o.{column}" for column in KEY)
    closed = con.execute(f"""
        update core.tariff_measures o
        set in_force_to = least(
            coalesce(o.valid_to, cast(o.superseded_at as date) - 1),
            coalesce((select min(n.valid_from) - 1 from core.tariff_measures n
                      where {same_key} and n.loaded_run_id = $run), cast(o.superseded_at as date) - 1)
        )
        where o.source = $source and o.superseded_run_id = $run
    """, {"run": run_id, "source": source}).fetchone()[0]
    return {"versions_closed_in_force_to": closed}
