"""Python normalisation of a trade-fair source's staged records, once per distinct value.

Dates written in many forms and languages, countries written as names or codes, city names and
sector labels need more than SQL. Each is read once per distinct raw value (a few hundred, not one
per record) into a small staging table that the intermediate model joins:
`staging.int_<source>__fair_dates`, `__fair_countries`, `__fair_cities`, `__fair_sectors`.
What cannot be read stays null with its reason, for the checks to quarantine; nothing is guessed.
"""

from __future__ import annotations

import logging
from typing import Any

import pyarrow as pa

from transforms.cities import clean_city
from transforms.countries import country_code
from transforms.fair_dates import normalise_dates
from transforms.sectors import sectors_for

log = logging.getLogger(__name__)


def stage_fair_tables(con: Any, source: str) -> dict[str, int]:
    """Build the four lookup tables of one source's staged records; returns counts of what failed."""
    records = f"staging.stg_{source}__fair_records"
    counts = {
        "duplicate_records_merged": _duplicates(con, source),
        "dates_unreadable": _dates(con, source, records),
        "countries_unknown": _countries(con, source, records),
        "sector_labels_unmapped": _sectors(con, source, records),
    }
    _cities(con, source, records)
    return counts


def _create(con: Any, table: str, data: pa.Table) -> None:
    con.register("fair_lookup", data)
    try:
        con.execute(f"create or replace table {table} as select * from fair_lookup")
    finally:
        con.unregister("fair_lookup")


def _duplicates(con: Any, source: str) -> int:
    """How many records the crawl returned more than once (staging keeps one of each); logged by id."""
    repeated = con.execute(f"""
        select record_id, count(*) from raw.{source}__fair_records group by record_id having count(*) > 1
        order by record_id
    """).fetchall()
    if repeated:
        log.warning("%s: %d records returned more than once, kept once (highest sequence, latest update): %s",
                    source, len(repeated), ", ".join(f"{record} x{times}" for record, times in repeated[:10]))
    return sum(times - 1 for _, times in repeated)


def _dates(con: Any, source: str, records: str) -> int:
    rows = con.execute(f"select distinct start_raw, end_raw, date_text, timezone from {records}").fetchall()
    parsed = [normalise_dates(*row) for row in rows]
    _create(con, f"staging.int_{source}__fair_dates", pa.table({
        "start_raw": pa.array([r[0] for r in rows], pa.string()),
        "end_raw": pa.array([r[1] for r in rows], pa.string()),
        "date_text": pa.array([r[2] for r in rows], pa.string()),
        "timezone": pa.array([r[3] for r in rows], pa.string()),
        "start_date": pa.array([p.start_date for p in parsed], pa.date32()),
        "end_date": pa.array([p.end_date for p in parsed], pa.date32()),
        "starts_at": pa.array([p.starts_at for p in parsed], pa.timestamp("us", tz="UTC")),
        "ends_at": pa.array([p.ends_at for p in parsed], pa.timestamp("us", tz="UTC")),
        "date_error": pa.array([p.error for p in parsed], pa.string()),
    }))
    failed = [(row, p.error) for row, p in zip(rows, parsed, strict=True) if p.error]
    for row, error in failed:
        log.warning("%s: dates not readable, their records will be quarantined: %s (%s)", source, row, error)
    return len(failed)


def _countries(con: Any, source: str, records: str) -> int:
    values = [v for (v,) in con.execute(f"select distinct country_raw from {records} where country_raw is not null")
              .fetchall()]
    codes = [country_code(value) for value in values]
    _create(con, f"staging.int_{source}__fair_countries", pa.table({
        "country_raw": pa.array(values, pa.string()), "country": pa.array(codes, pa.string())}))
    unknown = [value for value, code in zip(values, codes, strict=True) if code is None]
    if unknown:
        log.warning("%s: countries not identified, their records will be quarantined: %s", source, unknown)
    return len(unknown)


def _cities(con: Any, source: str, records: str) -> None:
    values = [v for (v,) in con.execute(f"select distinct city_raw from {records} where city_raw is not null")
              .fetchall()]
    _create(con, f"staging.int_{source}__fair_cities", pa.table({
        "city_raw": pa.array(values, pa.string()), "city": pa.array([clean_city(v) for v in values], pa.string())}))


def _sectors(con: Any, source: str, records: str) -> int:
    labels = [v for (v,) in con.execute(f"select distinct unnest(source_sectors) from {records}").fetchall()]
    mapped = [sectors_for(label) for label in labels]
    _create(con, f"staging.int_{source}__fair_sectors", pa.table({
        "label": pa.array(labels, pa.string()), "sectors": pa.array(mapped, pa.list_(pa.string()))}))
    unmapped = sorted(label for label, sectors in zip(labels, mapped, strict=True) if not sectors)
    if unmapped:
        log.info("%s: sector labels outside the vocabulary (kept in source_sectors): %s", source, unmapped)
    return len(unmapped)
