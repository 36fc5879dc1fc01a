"""Python staging of a market-notice source: safe text, notice type, HS-code and country tags.

What SQL cannot do — reduce HTML to safe plain text, classify a notice by explained rules, find HS
codes and countries in free text and validate them — runs here on the staged notices, each text
read once (the tagging functions cache by text), into `staging.int_<source>__notice_tags`, one row
per notice, joined by the intermediate model. Codes that a source lists but that are not in the HS
nomenclature are kept apart (`hs_invalid`) for the checks to quarantine; nothing is guessed.
"""

from __future__ import annotations

import logging
from typing import Any

import pyarrow as pa

from transforms.countries import country_code

log = logging.getLogger(__name__)

TAG_COLUMNS = {
    "notice_id": pa.string(), "title": pa.string(), "summary": pa.string(), "notice_type": pa.string(),
    "type_rule": pa.string(), "type_explanation": pa.string(), "hs_codes": pa.list_(pa.string()),
    "hs_invalid": pa.list_(pa.string()), "countries": pa.list_(pa.string()),
    "countries_unknown": pa.list_(pa.string()), "issuer_country": pa.string(),
}


def stage_notice_tables(con: Any, source: str) -> dict[str, int]:
    """Build staging.int_<source>__notice_tags from the source's staged notices; returns counts."""
    rows = con.execute(f"""
        select notice_id, title_raw, summary_raw, document_type, source_labels, listed_countries, listed_hs_codes,
               issuer_country_raw
        from staging.stg_{source}__notice_records
    """).fetchall()
    tags = [tag_notice(*row) for row in rows]
    table = pa.table({name: pa.array([tag[name] for tag in tags], kind) for name, kind in TAG_COLUMNS.items()})
    con.register("notice_tags", table)
    try:
        con.execute(f"create or replace table staging.int_{source}__notice_tags as select * from notice_tags")
    finally:
        con.unregister("notice_tags")
    invalid = sum(bool(tag["hs_invalid"]) for tag in tags)
    unknown = sum(bool(tag["countries_unknown"]) for tag in tags)
    if invalid or unknown:
        log.warning("%s: %d notices list HS codes not in the nomenclature, %d list unknown countries; "
                    "they will be quarantined", source, invalid, unknown)
    return {"notices_tagged": len(tags), "notices_hs_invalid": invalid, "notices_countries_unknown": unknown}


def tag_notice(notice_id: str, title: str | None, summary: str | None, document_type: str | None,
               labels: list[str], listed_countries: list[str], listed_hs: list[str],
               issuer_country: str | None) -> dict[str, Any]:
    """One notice's clean text, type and tags: codes and countries found in its text plus the ones it lists."""
    from transforms.notice_tagging import classify, clean_text, extract_countries, extract_hs_codes, hs_code

    clean_title, clean_summary = clean_text(title), clean_text(summary)
    text = " ".join(part for part in (clean_title, clean_summary) if part)
    notice_type, rule, explanation = classify(clean_title or "", clean_summary or "", labels, document_type)
    listed = [(code, hs_code(code)) for code in listed_hs]
    listed_names = [(name, country_code(name)) for name in listed_countries]
    return {
        "notice_id": notice_id, "title": clean_title, "summary": clean_summary, "notice_type": notice_type,
        "type_rule": rule, "type_explanation": explanation,
        "hs_codes": sorted({*extract_hs_codes(text), *(valid for _, valid in listed if valid)}),
        "hs_invalid": sorted(code for code, valid in listed if not valid),
        "countries": sorted({*extract_countries(text), *(iso for _, iso in listed_names if iso)}),
        "countries_unknown": sorted(name for name, iso in listed_names if not iso),
        "issuer_country": country_code(issuer_country),
    }
