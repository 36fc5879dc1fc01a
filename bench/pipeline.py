"""Benchmark: the pipeline's stage → check → load → publish on N tariff measures, against a raw DuckDB load.

    python -m bench.pipeline --rows 1000000      (make bench; make bench N=200000)

1. Generates a landing run of `uk_trade_tariff` with N measures (bench.landing) in a fresh temp dir,
   which also becomes TRADEPOINT_DATA_DIR, so nothing of ./data is read or written.
2. Baseline: `create table t as select * from read_json(<tariff_measure.jsonl>)` in a fresh DuckDB file.
3. The pipeline's steps on that landing run, each timed: stage, check, load, publish.
4. An unchanged rerun of the four steps (the idempotent merge inserts nothing).
Prints a table (step, seconds, rows/s), and as its last line `pipeline/raw_load ratio: X.XX`, where
pipeline is stage+check+load+publish of the first run and raw_load the baseline. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MIN_ROWS = 1000  # the registry's min_rows floor for uk_trade_tariff: fewer rows fail the checks
STEPS = ("stage", "check", "load", "publish")


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def row_count(value: str) -> int:
    rows = int(value.replace("_", ""))
    if rows < MIN_ROWS:
        raise argparse.ArgumentTypeError(f"--rows must be at least {MIN_ROWS} (the source's min_rows check)")
    return rows


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pipeline",
        description="Time Trade Point's stage/check/load/publish on N synthetic uk_trade_tariff measures "
                    "against a raw DuckDB load of the same file. The last line printed is "
                    "'pipeline/raw_load ratio: X.XX' (target: at most 3).")
    parser.add_argument("--rows", type=row_count, default=1_000_000,
                        help="number of tariff measures to generate (default 1000000, at least 1000)")
    parser.add_argument("--seed", type=int, default=20250602, help="seed of the generated data (default %(default)s)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where to create the temp dir (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (landing, databases) afterwards")
    parser.add_argument("--no-rerun", action="store_true", help="skip the unchanged rerun")
    return parser.parse_args(argv)


def timed(label: str, func: Callable[[], Any]) -> tuple[float, Any]:
    log(f"{label} ...")
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    log(f"{label}: {seconds:.2f}s")
    return seconds, result


def raw_load(measures: Path, database: Path) -> int:
    """The baseline: DuckDB's own JSON reader with auto-detected types, into a table of a fresh file."""
    import duckdb

    from transforms.models import sql_literal

    con = duckdb.connect(str(database))
    try:
        con.execute(f"create table t as select * from read_json({sql_literal(str(measures))}, "
                    "format = 'newline_delimited')")
        return con.execute("select count(*) from t").fetchone()[0]
    finally:
        con.close()  # includes the checkpoint to disk, as the pipeline's connections do


def run_steps(landing: Path, run_id: str) -> tuple[dict[str, float], dict[str, Any], str | None]:
    """stage, check, load, publish in a row; stops at a failed check. Returns timings, results, failure."""
    from tradepoint import pipeline

    source = "uk_trade_tariff"
    calls: dict[str, Callable[[], Any]] = {
        "stage": lambda: pipeline.stage(source, str(landing)),
        "check": lambda: pipeline.check(source, run_id),
        "load": lambda: pipeline.load(source, run_id),
        "publish": lambda: pipeline.publish(run_id),
    }
    seconds: dict[str, float] = {}
    results: dict[str, Any] = {}
    for step, call in calls.items():
        try:
            seconds[step], results[step] = timed(f"{step} ({run_id})", call)
        except pipeline.ChecksFailed as err:
            return seconds, results, str(err)
    return seconds, results, None


def rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f}" if seconds > 0 else "-"


def report(rows: int, sizes: dict[str, int], timings: dict[str, float], first: dict[str, float],
           rerun: dict[str, float] | None, results: dict[str, Any], rerun_results: dict[str, Any] | None,
           peak_rss_mb: float) -> list[str]:
    out = [
        f"Trade Point pipeline benchmark: {rows:,} tariff measures "
        f"({sizes['commodities']:,} commodity lines, tariff_measure.jsonl {sizes['measure_bytes'] / 2**20:,.0f} MiB), "
        f"{os.cpu_count()} cores",
        "",
        f"{'step':<26}{'seconds':>10}{'rows/s':>14}",
        f"{'-' * 26}{'-' * 10:>10}{'-' * 14:>14}",
    ]

    def line(label: str, seconds: float, per_row: bool = True) -> None:
        out.append(f"{label:<26}{seconds:>10.2f}{rate(rows, seconds) if per_row else '-':>14}")

    line("generate landing (setup)", timings["generate"])
    line("import tradepoint (setup)", timings["import"], per_row=False)
    line("raw_load (baseline)", timings["raw_load"])
    for step in STEPS:
        if step in first:
            line(step, first[step])
    pipeline_total = sum(first.values())
    line("pipeline total", pipeline_total)
    if rerun is not None:
        for step in STEPS:
            if step in rerun:
                line(f"rerun {step}", rerun[step])
        line("rerun total", sum(rerun.values()))
    out.append("")
    stage, checks, loaded = results.get("stage", {}), results.get("check", {}), results.get("load", {})
    out.append(f"first run: staged {stage.get('rows_staged', '?'):,}, quarantined {checks.get('rows_quarantined', '?')}, "
               f"expectations {checks.get('checks_passed', '?')} passed / {checks.get('checks_failed', '?')} failed, "
               f"inserted {loaded.get('inserted', '?'):,}, superseded {loaded.get('superseded', '?')}, "
               f"published {results.get('publish', {}).get('tables', '?')}")
    if rerun is not None and rerun_results is not None:
        again = rerun_results.get("load", {})
        out.append(f"rerun: inserted {again.get('inserted', '?')}, superseded {again.get('superseded', '?')}; "
                   f"rerun total {sum(rerun.values()):.2f}s = "
                   f"{sum(rerun.values()) / pipeline_total:.2f} x the first run")
    out.append(f"peak RSS: {peak_rss_mb:,.0f} MiB")
    out.append(f"pipeline/raw_load ratio: {pipeline_total / timings['raw_load']:.2f}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tradepoint-bench-", dir=args.workdir))
    os.environ["TRADEPOINT_DATA_DIR"] = str(workdir)  # before any tradepoint module reads its config
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="[%(name)s] %(message)s")
    for noisy in ("great_expectations", "py.warnings"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    log(f"data dir (TRADEPOINT_DATA_DIR): {workdir}")
    try:
        return run(args, workdir)
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> int:
    from bench.landing import generate
    from scrapers.pipelines import new_run_id
    from tradepoint.config import landing_dir

    timings: dict[str, float] = {}
    timings["generate"], landing = timed("generate landing", lambda: generate(
        landing_dir(), args.rows, new_run_id(), seed=args.seed))
    measures = landing / "tariff_measure.jsonl"
    sizes = {"measure_bytes": measures.stat().st_size,
             "commodities": sum(1 for _ in (landing / "commodity.jsonl").open(encoding="utf-8"))}
    log(f"landing run: {landing}")

    timings["raw_load"], loaded = timed("raw_load (baseline)", lambda: raw_load(measures, workdir / "baseline.duckdb"))
    assert loaded == args.rows, f"baseline loaded {loaded} rows, expected {args.rows}"

    timings["import"], _ = timed("import tradepoint.pipeline", lambda: __import__("tradepoint.pipeline"))
    first, results, failure = run_steps(landing, new_run_id())
    rerun = rerun_results = None
    if failure is None and not args.no_rerun:
        rerun, rerun_results, failure = run_steps(landing, new_run_id())
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    for text in report(args.rows, sizes, timings, first, rerun, results, rerun_results, peak_rss_mb):
        print(text)
    if failure is not None:
        print(f"CHECKS FAILED: {failure}", file=sys.stderr)
        return 1
    if rerun_results is not None and rerun_results["load"]["inserted"] != 0:
        print(f"rerun inserted {rerun_results['load']['inserted']} rows; expected 0", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
