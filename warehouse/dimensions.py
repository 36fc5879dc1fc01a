"""Dimensions loaded beside the versioned facts: small tables keyed by a natural value."""

from __future__ import annotations

import duckdb


def upsert_duty_expressions(con: duckdb.DuckDBPyConnection, source: str, run_id: str,
                            parsed: str = "staging.int_duty_expressions") -> dict[str, int]:
    """Insert or refresh every successfully parsed duty text of a run into core.duty_expressions.

    The parse of a text never depends on the measure, so a re-parse (after a parser fix) replaces the
    dimension row and every measure with that text shows the new parse; the facts are untouched.
    Returns the number of distinct texts written.
    """
    written = con.execute(f"""
        insert or replace into core.duty_expressions
        select duty_text, duty_structure, ad_valorem_pct, specific_amount, specific_currency, specific_unit,
               components_json, $run
        from {parsed} where parse_error is null
    """, {"run": run_id}).fetchone()[0]
    return {"duty_texts_written": written}
