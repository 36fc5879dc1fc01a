"""`tradepoint`: run the pipeline, crawl or parse one source, query the warehouse, see status."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tradepoint.config import data_dir, published_db_path


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def print_json_lines(rows: Any) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False, default=_json_default))


def cmd_run(args: argparse.Namespace) -> int:
    from tradepoint.pipeline import run
    from tradepoint.summary import format_summary

    summary = run(args.source or None, live=args.live)
    print(format_summary(summary))
    return 0 if all(s["status"] == "loaded" for s in summary["sources"].values()) else 1


def cmd_crawl(args: argparse.Namespace) -> int:
    from tradepoint.pipeline import StepFailed, crawl

    spider_args = dict(arg.split("=", 1) for arg in args.arg)
    if args.all:
        spider_args["all"] = "1"
    try:
        manifest = crawl(args.name, live=args.live, spider_args=spider_args)
    except StepFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{args.name}: {manifest['item_counts']} items from {len(manifest['responses'])} responses "
          f"→ {manifest['path']}")
    if manifest["unmapped_fields"]:
        print(f"unmapped source fields (reported, not loaded): {manifest['unmapped_fields']}")
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from tradepoint.offline_parse import parse_file, staged_rows

    items = parse_file(args.name, Path(args.file), args.url)
    print_json_lines(staged_rows(args.name, items) if args.staged else items)
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.publish import connect_published

    with connect_published() as con:
        if args.query:
            return run_query(con, args.query, args.format)
        return interactive(con, args.format)


def run_query(con: Any, query: str, fmt: str) -> int:
    import duckdb

    try:
        relation = con.sql(query)
    except duckdb.Error as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if relation is None:
        return 0
    if fmt == "table":
        relation.show(max_width=10_000, max_rows=10_000)
        return 0
    names, rows = relation.columns, relation.fetchall()
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
    else:
        print_json_lines(dict(zip(names, row, strict=True)) for row in rows)
    return 0


def interactive(con: Any, fmt: str) -> int:
    """A small read-only SQL shell: statements end with ';', Ctrl-D quits. Prompts only on a terminal,
    so that statements can be piped in and the output stays clean."""
    tty = sys.stdin.isatty()
    print(f"tradepoint sql (read-only) on {published_db_path()}; end statements with ';', Ctrl-D to quit.",
          file=sys.stderr)
    buffer: list[str] = []
    while True:
        try:
            line = input(("tradepoint> " if not buffer else "       ...> ") if tty else "")
        except EOFError:
            if tty:
                print()
            return 0
        buffer.append(line)
        if line.rstrip().endswith(";"):
            run_query(con, "\n".join(buffer), fmt)
            buffer.clear()


def cmd_status(args: argparse.Namespace) -> int:
    from tradepoint.status import source_status

    rows = source_status()
    if args.format == "json":
        print_json_lines(rows)
        return 0
    for row in rows:
        print("  ".join(f"{key}={value}" for key, value in row.items()))
    return 0


def cmd_duty(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from transforms.duty_expressions import UnparseableDutyExpression, parse_duty_expression

    try:
        parsed = parse_duty_expression(args.expression, source=args.source)
    except UnparseableDutyExpression as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    fields = asdict(parsed)
    components = fields.pop("components")
    out = {**fields, "components": components}
    if args.value is not None:
        from transforms.duty_expressions import DutyAmountError

        try:
            out["duty"] = consignment_duty(parsed, args)
        except DutyAmountError as err:
            print(f"error: {args.expression!r}: {err}", file=sys.stderr)
            return 2
    print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    return 0


def consignment_duty(parsed: Any, args: argparse.Namespace) -> dict[str, Any]:
    """The duty on the consignment of --value/--currency/--quantity/--unit, specific amounts in other
    currencies converted at the ECB reference rate of the latest day on or before --on (marts.fx_rate)."""
    from transforms.duty_expressions import DutyAmountError, duty_amount, in_currency
    from warehouse.publish import connect_published

    foreign = sorted({c.currency for c in parsed.components if c.currency and c.currency != args.currency})
    rates, used = {}, []
    if foreign:
        with connect_published() as con:
            for code in foreign:
                found = con.execute("select rate_date, rate from marts.fx_rate(?, ?, ?)",
                                    [code, args.currency, args.on]).fetchone()
                if found is None:
                    raise DutyAmountError(f"no reference rate from {code} to {args.currency} on or before {args.on}")
                rates[code] = found[1]
                used.append({"from": code, "to": args.currency, "rate_date": found[0], "rate": found[1]})
    amount = duty_amount(in_currency(parsed, args.currency, rates), args.value, args.quantity, args.unit,
                         args.currency)
    return {"amount": round(amount, 2), "currency": args.currency, "customs_value": args.value,
            "quantity": args.quantity, "unit": args.unit, "rates": used}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tradepoint",
        description="Trade Point: public tariffs, market notices and trade-fair calendars, crawled, checked "
                    "and served from one DuckDB warehouse.",
        epilog=f"Data directory: {data_dir()} (set TRADEPOINT_DATA_DIR to move it).")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", parents=[common], help="the whole pipeline: crawl, stage, check, load, publish")
    run.add_argument("--live", action="store_true",
                     help="crawl the real URLs (default: replay recorded responses)")
    run.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    run.set_defaults(func=cmd_run)

    crawl = sub.add_parser("crawl", parents=[common], help="run one spider into the landing zone")
    crawl.add_argument("name", help="source name from the registry (scrapers/sources.yaml)")
    crawl.add_argument("--live", action="store_true", help="crawl the real URLs (default: replay)")
    crawl.add_argument("--all", action="store_true", help="the whole source, not the registry's default scope")
    crawl.add_argument("-a", "--arg", action="append", default=[], metavar="NAME=VALUE",
                       help="spider argument, e.g. -a chapters=01,10")
    crawl.set_defaults(func=cmd_crawl)

    parse = sub.add_parser("parse", parents=[common],
                           help="parse one saved response offline and print its items as JSON lines")
    parse.add_argument("name", help="source name (= spider name)")
    parse.add_argument("file", help="a saved response of that source")
    parse.add_argument("--url", help="the URL the response came from (default: the file's file:// URI)")
    parse.add_argument("--staged", action="store_true", help="print the rows the items become in the mart")
    parse.set_defaults(func=cmd_parse)

    sql = sub.add_parser("sql", parents=[common],
                         help="read-only SQL on the published warehouse (no query: interactive shell)")
    sql.add_argument("query", nargs="?", help="SQL to run, e.g. \"select count(*) from marts.tariffs\"")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.set_defaults(func=cmd_sql)

    status = sub.add_parser("status", parents=[common],
                            help="per source: last run, result, row counts, checks, freshness")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(func=cmd_status)

    duty = sub.add_parser(
        "duty", parents=[common], help="parse one duty expression and print it as JSON",
        description="Parse a duty expression as the UK/XI tariff, EU TARIC, US HTS or WITS publish it, e.g. "
                    "\"6.00 %\", \"9.10 % + 45.10 EUR / 100 kg MAX 18.90 % + 16.50 EUR / 100 kg\", "
                    "\"1.5¢/kg + 7.5%\", \"Free\". Prints text, structure, ad_valorem_pct, the first specific "
                    "amount and every component as JSON; an expression that is not understood exits with status 2 "
                    "and the reason on stderr. Forms: docs/duty_expressions.md.")
    duty.add_argument("expression", help="the duty text, quoted as one argument")
    duty.add_argument("--source", choices=("wits",), default=None,
                      help="wits: also read a bare number as a WITS ad valorem rate in percent")
    duty.add_argument("--value", type=float, help="customs value of a consignment: also compute its duty")
    duty.add_argument("--currency", default="EUR", help="currency of --value and of the duty (default %(default)s); "
                      "specific amounts in another currency are converted at the ECB reference rate")
    duty.add_argument("--quantity", type=float, help="quantity of the consignment, for specific duties")
    duty.add_argument("--unit", help="unit of --quantity as the rate states it or a scale of it (kg, 100 kg, hl, l)")
    duty.add_argument("--on", default=str(date.today()), help="date of the exchange rate (default: today; the "
                      "latest ECB day on or before it is used)")
    duty.set_defaults(func=cmd_duty)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.quiet:
        os.environ.setdefault("TRADEPOINT_SCRAPY_LOG_LEVEL", "WARNING")
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("great_expectations", "py.warnings"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        return args.func(args)
    except (FileNotFoundError, KeyError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
