"""Dimensions loaded beside the versioned facts: small tables keyed by a natural value."""

from __future__ import annotations

import duckdb


def load_tariff_dimensions(con: duckdb.DuckDBPyConnection, source: str, run_id: str) -> dict[str, int]:
    """The tariff family's dimensions, after its measures merged: duty expressions and partner groups."""
    return upsert_duty_expressions(con, source, run_id) | upsert_partner_groups(con, source, run_id)


def upsert_partner_groups(con: duckdb.DuckDBPyConnection, source: str, run_id: str) -> dict[str, int]:
    """Replace the partner groups this run published (membership as of the latest crawl, not versioned:
    the lookup expands groups as they stand now)."""
    written = con.execute(f"""
        insert or replace into core.partner_groups
        select source, reporter, group_id, group_name, member_countries, other_members, source_url, fetched_at, $run
        from staging.stg_{source}__partner_groups
    """, {"run": run_id}).fetchone()[0]
    return {"partner_groups_written": written}


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
