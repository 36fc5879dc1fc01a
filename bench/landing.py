"""Synthetic landing runs of `uk_trade_tariff`, written exactly as scrapers.pipelines.LandingPipeline writes them.

A landing run folder holds `commodity.jsonl` and `tariff_measure.jsonl` (one
`json.dumps(asdict(item), ensure_ascii=False, sort_keys=True)` line per item) and `manifest.json`,
all read-only. Generating millions of lines through dataclasses and json.dumps would take minutes,
so the lines are built set-based in an in-memory DuckDB: every column is drawn from realistic value
sets with a seeded hash of the row number (deterministic whatever the thread count), and each line
is assembled from `to_json` fragments in the field order and with the separators json.dumps uses.
The item schema comes from the dataclasses themselves, and a sample of the lines is round-tripped
through them (see `verify_lines`), so a changed item model fails here instead of benchmarking
something the spider no longer writes.

Shape: one declarable commodity line (10-digit code, suffix "80") per MEASURES_PER_LINE measures;
per line one third-country duty (103, ERGA OMNES), one VAT measure (305), tariff preferences (142)
and preferential tariff quotas (143, with an order number) for ISO-2 countries and 4-digit groups.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from scrapers.items import CommodityItem, TariffMeasureItem

SOURCE = "uk_trade_tariff"
API_ROOT = "https://www.trade-tariff.service.gov.uk/api/v2/"
MEASURES_PER_LINE = 40
FETCH_START = "2025-06-02 05:00:00"  # the replayed crawl's first fetch, UTC; two documents a second

MEASURE_TYPES = {
    "103": "Third country duty",
    "142": "Tariff preference",
    "143": "Preferential tariff quota",
    "305": "Value added tax",
}
COUNTRIES = [
    ("AL", "Albania"), ("AU", "Australia"), ("BA", "Bosnia and Herzegovina"), ("CA", "Canada"),
    ("CH", "Switzerland"), ("CI", "Côte d'Ivoire"), ("CL", "Chile"), ("CM", "Cameroon"), ("CO", "Colombia"),
    ("EG", "Egypt"), ("FO", "Faroe Islands"), ("GE", "Georgia"), ("GH", "Ghana"), ("IL", "Israel"),
    ("IS", "Iceland"), ("JO", "Jordan"), ("JP", "Japan"), ("KE", "Kenya"), ("KR", "South Korea"),
    ("LB", "Lebanon"), ("LI", "Liechtenstein"), ("MA", "Morocco"), ("MD", "Moldova"), ("ME", "Montenegro"),
    ("MK", "North Macedonia"), ("MX", "Mexico"), ("NO", "Norway"), ("NZ", "New Zealand"), ("PE", "Peru"),
    ("RS", "Serbia"), ("SG", "Singapore"), ("TN", "Tunisia"), ("TR", "Türkiye"), ("UA", "Ukraine"),
    ("VN", "Vietnam"), ("ZA", "South Africa"), ("PS", "Occupied Palestinian Territories"), ("EC", "Ecuador"),
]  # fmt: skip
GROUPS = [
    ("1011", "ERGA OMNES"), ("1013", "European Union"), ("1033", "CARIFORUM"),
    ("1034", "Eastern and Southern Africa States"), ("1035", "SADC EPA"),
    ("1098", "Western Balkan countries (AL, BA, ME, MK, XK, RS)"), ("2005", "GSP \u2013 Least Developed Countries"),
    ("2020", "GSP \u2013 General Framework"), ("2027", "GSP \u2013 Enhanced Framework"), ("1080", "OECD Countries"),
]  # fmt: skip
# Duty expressions as the UK API prints them (see tests/transforms/duty_expressions_cases.csv); more
# are generated below with varying figures, so a run has a few thousand distinct texts to parse.
DUTY_TEXTS = [
    "0.00 %", "2.00 %", "4.00 %", "6.00 %", "8.00 %", "10.00 %", "12.00 %", "16.00 %", "20.00 %",
    "3.80 %", "10.90 %", "12.00 % + 94.00 GBP / 1000 kg", "16.00 GBP / hl",
    "8.30 % + 25.00 GBP / 100 kg MAX 12.80 %", "223.00 GBP / 1000 kg", "82.00 GBP / 1000 kg",
    "34.00 GBP / 100 kg", "6.00 % + 25.00 GBP / 100 kg MAX 6.00 %", "9.00 % + EA MAX 24.20 % +ADSZ",
    "8.30 % + EA MAX 18.70 % +ADSZ", "0.00 % + EAR MAX 18.70 % +ADSZR", "0.50 GBP / % vol/hl + 2.60 GBP / hl",
    "144.10 GBP / 1000 kg/biodiesel", "12.80 % + 304.10 GBP / 100 kg",
    "18.40 % MIN 22.00 GBP / 100 kg MAX 24.00 GBP / 100 kg", "1.00 GBP / % vol/hl",
    "16.50 % / Retail Price + 244.78 GBP / 1000 p/st MIN 320.90 GBP / 1000 p/st",
]  # fmt: skip
SPECIFIC_UNITS = ["100 kg", "1000 kg", "hl", "kg", "100 kg/net mas", "% vol/hl", "1000 p/st", "l alc. 100%"]
DESCRIPTIONS = [
    "Pure-bred breeding animals", "Other", "Fresh or chilled", "Frozen", "Crème fraîche",
    "In immediate packings of a net content of 2 kg or less", "Of a fat content, by weight, exceeding 6 %",
    "Containing 70 % or more by weight of sucrose", "Sparkling wine", "Husked (brown) rice",
    "Wine other than sparkling wine \u2013 In containers holding 2 litres or less",
    "Cocoa beans, whole or broken, raw or roasted", "Of an alcoholic strength by volume of 80 % vol or higher",
    "Cigars, cheroots and cigarillos, containing tobacco", "Boneless", "Semi-milled or wholly milled rice",
]  # fmt: skip
LEGAL_ACTS = [["S.I. 2020/1430"], ["S.I. 2020/1432"], ["S.I. 2020/1457", "S.I. 2021/1"], ["S.I. 2020/1430"]]
FOOTNOTES = [[], [], [], ["CD437"], ["TM861"], ["CD624", "DS007"], ["PR002"]]
VALID_FROM = ["2021-01-01", "2021-07-01", "2022-01-01", "2023-01-01", "2023-06-16", "2024-01-01", "2025-01-01"]


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def sql_list(values: list[Any]) -> str:
    """A DuckDB list literal of strings (or of lists of strings)."""
    def one(value: Any) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(one(v) for v in value) + "]::varchar[]"
        return "'" + str(value).replace("'", "''") + "'"
    return "[" + ", ".join(one(v) for v in values) + "]"


def json_line_sql(item_type: type, exclude: tuple[str, ...] = ()) -> str:
    """A SQL expression building json.dumps(asdict(item), ensure_ascii=False, sort_keys=True) from columns
    (without the `exclude`d fields: the form tradepoint.unchanged.item_digest hashes)."""
    parts = []
    for field in sorted((f for f in fields(item_type) if f.name not in exclude), key=lambda f: f.name):
        if str(field.type).startswith("list"):
            value = f"'[' || array_to_string(list_transform({field.name}, x -> to_json(x)), ', ') || ']'"
        else:
            value = f"coalesce(to_json({field.name}), 'null')"
        parts.append(f"'{json.dumps(field.name)}: ' || {value}")
    return "'{' || " + " || ', ' || ".join(parts) + " || '}'"


def build(con: duckdb.DuckDBPyConnection, rows: int, seed: int) -> None:
    """Tables `commodity_items` and `measure_items` in `con`, one column per item field."""
    lines = -(-rows // MEASURES_PER_LINE)
    # Spread the codes over chapters 01-96; codes are unique and increasing with the line number.
    step = max(1, (9_699_999_999 - 101_000_000) // max(lines, 1))
    con.execute(f"create or replace macro h(i, tag) as hash(i, {int(seed)}, tag)")
    con.execute("create or replace macro pick(xs, i, tag) as xs[1 + (h(i, tag) % len(xs))::bigint]")
    con.execute(f"""
        create or replace table commodity_items as
        select
            c,
            '{SOURCE}' as source,
            'GB' as reporter,
            lpad(cast(101000000 + c * {step} as varchar), 10, '0') as national_code,
            '80' as producline_suffix,
            pick({sql_list(DESCRIPTIONS)}, c, 'description') as description,
            cast(1 + h(c, 'indents') % 4 as integer) as number_indents,
            true as declarable,
            true as leaf,
            cast(90000 + c as varchar) as goods_nomenclature_sid,
            cast(80000 + c // 8 as varchar) as parent_sid,
            cast([] as varchar[]) as units,  -- the UK publishes units as measures, not on the line
            'commodity' as item_type,
            '{API_ROOT}commodities/' || national_code as source_url,
            strftime(timestamp '{FETCH_START}' + to_seconds(c // 2), '%Y-%m-%dT%H:%M:%S+00:00') as fetched_at,
            sha256(source_url || '#{int(seed)}') as content_hash
        from range({lines}) t(c)
    """)
    countries, groups = [c for c, _ in COUNTRIES], [g for g, _ in GROUPS]
    names = {code: name for code, name in [*COUNTRIES, *GROUPS]}
    con.execute(f"""
        create or replace table partner_names as
        select unnest({sql_list(list(names))}) as partner, unnest({sql_list(list(names.values()))}) as partner_name
    """)
    con.execute(f"""
        create or replace table measure_types as
        select unnest({sql_list(list(MEASURE_TYPES))}) as measure_type,
               unnest({sql_list(list(MEASURE_TYPES.values()))}) as measure_type_description
    """)
    av = "printf('%.2f %%', {})"
    sp = "printf('%.2f GBP / %s', {}, pick(" + sql_list(SPECIFIC_UNITS) + ", i, 'unit'))"
    # Duty text: the literal set, or an ad valorem / specific / compound expression with varying figures.
    duty = f"""case
        when measure_type = '305' then pick(['20.00 %', '20.00 %', '20.00 %', '0.00 %', '5.00 %'], i, 'vat')
        when h(i, 'kind') % 100 < (case measure_type when '103' then 20 else 62 end) then '0.00 %'
        when h(i, 'kind') % 100 < 80 then {av.format("(h(i, 'rate') % 200) / 10.0")}
        when h(i, 'kind') % 100 < 90 then pick({sql_list(DUTY_TEXTS)}, i, 'literal')
        when h(i, 'kind') % 100 < 96 then {sp.format("(h(i, 'amount') % 400) / 2.0")}
        else {av.format("(h(i, 'rate') % 20) / 2.0")} || ' + ' || {sp.format("(h(i, 'amount') % 20) * 5.0")}
             || ' MAX ' || {av.format("10 + (h(i, 'max') % 10) / 2.0")}
    end"""
    con.execute(f"""
        create or replace table measure_items as
        with m as (
            select
                i,
                i // {MEASURES_PER_LINE} as c,
                i % {MEASURES_PER_LINE} as slot,
                case when slot = 0 then '103' when slot = 1 then '305' when slot < 30 then '142' else '143' end
                    as measure_type,
                case when measure_type in ('103', '305') then '1011'
                     when h(i, 'partner_kind') % 10 < 7 then pick({sql_list(countries)}, i, 'country')
                     else pick({sql_list(groups[1:])}, i, 'group') end as partner,
                pick({sql_list(VALID_FROM)}, i, 'from') as from_day,
                case when measure_type = '143' then cast(2021 + h(i, 'year') % 5 as varchar) end as quota_year
            from range({rows}) t(i)
        )
        select
            m.i,
            c.source, c.reporter, c.national_code, c.producline_suffix, c.source_url, c.fetched_at, c.content_hash,
            case when m.measure_type = '305' then cast(-(1010000000 + m.c) as varchar)
                 else cast(20000000 + m.i as varchar) end as measure_sid,
            m.measure_type,
            t.measure_type_description,
            m.partner,
            p.partner_name,
            {duty} as duty_text,
            case when m.measure_type = '143' then m.quota_year || '-01-01T00:00:00.000Z'
                 when m.measure_type in ('103', '305') then '2021-01-01T00:00:00.000Z'
                 else m.from_day || 'T00:00:00.000Z' end as valid_from,
            case when m.measure_type = '143' then m.quota_year || '-12-31T23:59:59.000Z'
                 when m.measure_type = '142' and h(m.i, 'ends') % 5 = 0 then '2026-12-31T23:59:59.000Z' end
                as valid_to,
            case when regexp_full_match(m.partner, '[0-9]{{4}}') and h(m.i, 'excl') % 5 = 0
                 then pick([['RU'], ['RU', 'BY'], ['KP', 'IR', 'SY']], m.i, 'excluded')
                 else []::varchar[] end as excluded_partners,
            case when m.measure_type = '143' then '05' || lpad(cast(h(m.i, 'order') % 10000 as varchar), 4, '0') end
                as order_number,
            case when m.measure_type = '305' and duty_text = '0.00 %' then 'VATZ'
                 when m.measure_type = '305' and duty_text = '5.00 %' then 'VATR'
                 when m.measure_type = '103' and h(m.i, 'addcode') % 20 = 0 then '2600' end as additional_code,
            pick({sql_list(LEGAL_ACTS)}, m.i, 'legal') as legal_acts,
            pick({sql_list(FOOTNOTES)}, m.i, 'footnotes') as footnotes,
            []::varchar[] as conditions,  -- none generated (docs/performance.md)
            'tariff_measure' as item_type
        from m
        join commodity_items c using (c)
        join measure_types t using (measure_type)
        join partner_names p using (partner)
    """)


def items_digest(con: duckdb.DuckDBPyConnection, tables: dict[str, type]) -> str:
    """The manifest's `items_digest` of these item tables, as LandingPipeline computes it item by item
    (tradepoint.unchanged.item_digest summed mod 2**64), set-based."""
    from tradepoint.unchanged import DIGEST_EXCLUDES

    total = 0
    for table, item_type in tables.items():
        line = json_line_sql(item_type, exclude=DIGEST_EXCLUDES)
        total += con.execute(f"select coalesce(sum(('0x' || left(sha256({line}), 16))::ubigint::hugeint), 0) "
                             f"from {table}").fetchone()[0]
    return f"{total % 2**64:016x}"


def write_manifest(folder: Path, source: str, run_id: str, started: str, counts: dict[str, int], digest: str,
                   requests: int, seed: int) -> None:
    """manifest.json as LandingPipeline writes it, then the run made read-only and renamed from .partial."""
    manifest = {
        "run_id": run_id, "source": source, "mode": "replay", "started_at": started,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"), "finish_reason": "finished",
        "status": "ok", "errors": 0, "item_counts": counts, "items_digest": digest,
        "responses": [], "unmapped_fields": {}, "requests": requests, "retries": 0,
        "generated_by": "bench", "seed": seed,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.rename(folder.with_name(run_id))


def write_jsonl(con: duckdb.DuckDBPyConnection, table: str, item_type: type, order: str, path: Path) -> int:
    """Write one line per row of `table`, in `order`; returns the number of lines.

    The lines are complete JSON texts (to_json escapes quotes and control characters), so DuckDB's
    CSV writer with one column, no quoting and no header writes them through unchanged.
    """
    from transforms.models import sql_literal

    con.execute(f"copy (select {json_line_sql(item_type)} as line from {table} order by {order}) "
                f"to {sql_literal(str(path))} (format csv, header false, quote '', escape '', delimiter '\x01')")
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def verify_lines(path: Path, item_type: type, sample: int, seed: int, total: int) -> None:
    """Round-trip sampled lines through the item dataclass and json.dumps: they must come back byte for byte."""
    picks = set(random.Random(seed).sample(range(total), min(sample, total))) | {0, total - 1}
    seen, n = 0, -1
    with path.open(encoding="utf-8", newline="") as handle:
        for n, raw in enumerate(handle):
            if not raw.endswith("\n"):
                raise AssertionError(f"{path.name} line {n + 1} does not end with a newline")
            if n not in picks:
                continue
            line = raw[:-1]
            item = item_type(**json.loads(line))
            again = json.dumps(asdict(item), ensure_ascii=False, sort_keys=True)
            if again != line:
                raise AssertionError(f"{path.name} line {n + 1} differs from what LandingPipeline writes:\n"
                                     f"  generated: {line}\n  expected:  {again}")
            seen += 1
    if n + 1 != total or seen != len(picks):
        raise AssertionError(f"{path.name}: {n + 1} lines, expected {total}")


def generate(root: Path, rows: int, run_id: str, seed: int = 20250602, verify_sample: int = 2000) -> Path:
    """Write a finished landing run `<root>/uk_trade_tariff/<run_id>/` with `rows` measures; returns its path."""
    from transforms.duty_expressions import parse_duty_expression

    for text in DUTY_TEXTS:
        parse_duty_expression(text)  # the literal set must be valid; generated texts are checked by stage
    return write_run(root, SOURCE, run_id, seed, verify_sample, lambda con: build(con, rows, seed),
                     f"{rows:,} measures on {-(-rows // MEASURES_PER_LINE):,} commodity lines")


def write_run(root: Path, source: str, run_id: str, seed: int, verify_sample: int,
              build_tables: Callable[[duckdb.DuckDBPyConnection], None], what: str) -> Path:
    """A finished landing run `<root>/<source>/<run_id>/` from the tables `commodity_items` and `measure_items`
    that `build_tables` creates: the item files, each checked against its dataclass on a sample of lines,
    an empty partner_group.jsonl (the family's third item file: no groups in the generated shapes), and
    the manifest; written as `<run_id>.partial` and renamed when complete, as LandingPipeline does."""
    folder = root / source / run_id
    partial = folder.with_name(f"{run_id}.partial")
    partial.mkdir(parents=True, exist_ok=False)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with duckdb.connect() as con:
        log(f"generating {what} ...")
        build_tables(con)
        log("writing commodity.jsonl and tariff_measure.jsonl ...")
        commodities = write_jsonl(con, "commodity_items", CommodityItem, "c", partial / "commodity.jsonl")
        measures = write_jsonl(con, "measure_items", TariffMeasureItem, "i", partial / "tariff_measure.jsonl")
        requests = con.execute("select count(distinct source_url) from commodity_items").fetchone()[0]
        log("items digest ...")
        digest = items_digest(con, {"commodity_items": CommodityItem, "measure_items": TariffMeasureItem})
    log(f"verifying a sample of lines against {CommodityItem.__name__} and {TariffMeasureItem.__name__} ...")
    verify_lines(partial / "commodity.jsonl", CommodityItem, verify_sample, seed, commodities)
    verify_lines(partial / "tariff_measure.jsonl", TariffMeasureItem, verify_sample, seed, measures)
    (partial / "partner_group.jsonl").touch()
    write_manifest(partial, source, run_id, started, {"commodity": commodities, "tariff_measure": measures}, digest,
                   requests, seed)
    return folder


def generator_main(prog: str, source: str, write: Any, argv: list[str] | None = None) -> int:
    """The command line of a landing generator: writes one run with `write(root, rows, run_id, seed=)`."""
    parser = argparse.ArgumentParser(prog=prog, description=f"Write a synthetic {source} landing run; prints its path.")
    parser.add_argument("--rows", type=int, required=True, help="number of tariff measures")
    parser.add_argument("--root", type=Path, required=True, help="the landing root (<data dir>/landing)")
    parser.add_argument("--run-id", required=True, help="the landing run id (folder name)")
    parser.add_argument("--seed", type=int, default=20250602)
    args = parser.parse_args(argv)
    print(write(args.root, args.rows, args.run_id, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(generator_main("python -m bench.landing", SOURCE, generate))
