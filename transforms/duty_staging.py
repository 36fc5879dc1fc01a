"""Tariff sources' Python staging step: every distinct duty text of a run parsed once, as a table.

`staging.int_duty_expressions` (one row per distinct text, parsed or with its error) is joined by the
intermediate model, so the checks quarantine rows whose duty expression is not understood.
"""

from __future__ import annotations

import logging
from typing import Any

import pyarrow as pa

from transforms.duty_expressions import parse_distinct, to_arrow

log = logging.getLogger(__name__)

DUTY_TABLE = "staging.int_duty_expressions"


def stage_duty_table(con: Any, source: str) -> dict[str, int]:
    """Parse the distinct duty texts of the source's staged measures into DUTY_TABLE."""
    texts = con.execute(f"select distinct duty_text from staging.stg_{source}__measures where is_duty")
    parsed, unparsed = parse_distinct(text for (text,) in texts.fetchall())
    parsed_table = to_arrow(parsed)  # noqa: F841 - read by DuckDB's replacement scan
    errors = pa.table({"duty_text": list(unparsed), "parse_error": list(unparsed.values())})  # noqa: F841
    con.execute(f"""
        create or replace table {DUTY_TABLE} as
        select p.*, cast(null as varchar) as parse_error from parsed_table p
        union all by name
        select duty_text, parse_error from errors
    """)
    for text, reason in unparsed.items():
        log.warning("%s: duty expression not understood, its rows will be quarantined: %r: %s", source, text, reason)
    return {"duty_texts_unparsed": len(unparsed)}
