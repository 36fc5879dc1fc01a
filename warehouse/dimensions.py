"""Dimensions loaded beside the versioned facts: small tables keyed by a natural value."""

from __future__ import annotations

import duckdb

from warehouse.history import key_match, merge_versions


def load_tariff_dimensions(con: duckdb.DuckDBPyConnection, source: str, run_id: str) -> dict[str, int]:
    """The tariff family's dimensions, after its measures merged: duty expressions and partner groups."""
    return upsert_duty_expressions(con, source, run_id) | merge_partner_groups(con, source, run_id)


GROUP_KEY = ("source", "reporter", "group_id")


def merge_partner_groups(con: duckdb.DuckDBPyConnection, source: str, run_id: str) -> dict[str, int]:
    """Version the memberships of the groups this run published (core.partner_group_memberships).

    Sources publish members without dates, so a membership is dated by the crawls that saw it: a
    group's first version holds from an unknown start (members_from null: a lookup of an earlier date
    still expands the group); a changed one starts on its crawl's day and closes its predecessor the
    day before. A group this crawl did not name is left as it is: a partial crawl names only the
    groups of the lines it read, so silence is no evidence that a group changed.
    """
    con.execute(f"""
        create or replace temp table partner_group_batch as
        select s.*, if(exists (select 1 from core.partner_group_memberships t
                               where {key_match(GROUP_KEY, 't', 's')}),
                       cast(s.fetched_at as date), null) as members_from
        from staging.stg_{source}__partner_groups as s
    """)
    batch = "temp.main.partner_group_batch"
    counts = merge_versions(con, target="core.partner_group_memberships", batch=batch, seen=batch, scope=batch,
                            key=GROUP_KEY, scope_key=GROUP_KEY, run_id=run_id)
    con.execute(f"""
        update core.partner_group_memberships o
        set members_to = (select n.members_from - 1 from core.partner_group_memberships n
                          where {key_match(GROUP_KEY, 'n', 'o')} and n.loaded_run_id = $run)
        where o.source = $source and o.superseded_run_id = $run
    """, {"run": run_id, "source": source})
    return {"partner_group_versions_inserted": counts.inserted, "partner_group_versions_closed": counts.superseded}


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
