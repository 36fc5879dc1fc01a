"""Benchmark: the pipeline's stage → check → load → publish on N tariff measures, against a raw DuckDB load.

    python -m bench.pipeline --rows 1000000                         (UK-like, make bench N=...)
    python -m bench.pipeline --source wits_trains --rows 10000000   (WITS-like, make bench WITS=...)

1. Generates a landing run of the source with N measures (bench.landing: `uk_trade_tariff`, many
   measures per commodity line; bench.landing_wits: `wits_trains`, reporters by HS6 by partners)
   in a fresh temp dir,
   which also becomes TRADEPOINT_DATA_DIR, so nothing of ./data is read or written. The landing
   files are then flushed to disk and read once, so that the baseline and the pipeline both read
   them from the page cache (as the pipeline does right after a crawl).
2. Baseline: `create table t as select * from read_json(<tariff_measure.jsonl>)` in a fresh DuckDB file,
   --baseline-runs times: half of the runs before the pipeline steps, the rest after them (median).
3. The pipeline's steps on that landing run, each timed: stage, check, load, publish.
4. An unchanged rerun of the four steps: the landing run's items equal the last load's, so the
   pipeline stages nothing and leaves the published file (tradepoint/unchanged.py), as `tradepoint run` would.
5. Lookup latency: LOOKUPS calls of marts.tariff_lookup(market, code, origin, date) on the published
   file, read-only, for random loaded lines at random HS levels (2/4/6 digits and the full line); p50/p95.
Prints a table (step, wall seconds, process CPU seconds, rows/s), and as its last line
`pipeline/raw_load ratio: X.XX`, where pipeline is stage+check+load+publish of the first run and
raw_load the baseline (wall clock). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIN_ROWS = 1000  # the largest of the sources' registry min_rows floors: fewer rows fail the checks
GENERATORS = {"uk_trade_tariff": "bench.landing", "wits_trains": "bench.landing_wits"}
LOOKUPS = 300
ORIGINS = ["AU", "BD", "BR", "CA", "CH", "CN", "IN", "JP", "KE", "KR", "MX", "NO", "SG", "TR", "VN", "ZA"]
STEPS = ("stage", "check", "load", "publish")


@dataclass
class Timing:
    wall: float  # time.perf_counter seconds
    cpu: float  # time.process_time seconds: every thread of this process (DuckDB uses all cores)


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
        description="Time Trade Point's stage/check/load/publish on N synthetic tariff measures "
                    "against a raw DuckDB load of the same file. The last line printed is "
                    "'pipeline/raw_load ratio: X.XX' (target: at most 3).")
    parser.add_argument("--source", choices=sorted(GENERATORS), default="uk_trade_tariff",
                        help="the shape of the generated data: the UK tariff's or WITS's (default %(default)s)")
    parser.add_argument("--rows", type=row_count, default=1_000_000,
                        help="number of tariff measures to generate (default 1000000, at least 1000)")
    parser.add_argument("--seed", type=int, default=20250602, help="seed of the generated data (default %(default)s)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where to create the temp dir (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (landing, databases) afterwards")
    parser.add_argument("--no-rerun", action="store_true", help="skip the unchanged rerun")
    parser.add_argument("--baseline-runs", type=int, default=3,
                        help="times the baseline load runs, split before and after the pipeline steps; "
                             "the ratio uses the median (default %(default)s)")
    return parser.parse_args(argv)


def timed(label: str, func: Callable[[], Any]) -> tuple[Timing, Any]:
    log(f"{label} ...")
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    timing = Timing(time.perf_counter() - wall, time.process_time() - cpu)
    log(f"{label}: {timing.wall:.2f}s (cpu {timing.cpu:.2f}s)")
    return timing, result


def generate(source: str, root: Path, rows: int, run_id: str, seed: int) -> Path:
    """The source's generator in a child process, so its memory does not count in this process's peak RSS."""
    cmd = [sys.executable, "-m", GENERATORS[source], "--rows", str(rows), "--root", str(root), "--run-id", run_id,
           "--seed", str(seed)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return Path(proc.stdout.strip().splitlines()[-1])


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS (VmHWM), Linux >= 4.0; False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mib() -> float:
    """VmHWM of /proc/self/status (since the start or the last reset), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm(folder: Path) -> int:
    """Flush the landing files to disk and read them once; returns the bytes read."""
    os.sync()
    total = 0
    for path in sorted(folder.iterdir()):
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 24):
                total += len(chunk)
    return total


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


def baseline(measures: Path, workdir: Path, numbers: range, runs: int, rows: int) -> list[Timing]:
    """Raw loads number `numbers` (of `runs`), each into a fresh file.

    One load on this shared VM moves by up to ±25 %, and its speed drifts over minutes: the runs are
    split before and after the pipeline steps, and the ratio takes their median, so that neither an
    outlier nor a slower or faster phase of the machine decides it.
    """
    timings = []
    for number in numbers:
        database = workdir / f"baseline_{number}.duckdb"
        timing, loaded = timed(f"raw_load (baseline {number}/{runs})", lambda db=database: raw_load(measures, db))
        assert loaded == rows, f"baseline loaded {loaded} rows, expected {rows}"
        database.unlink()
        timings.append(timing)
    return timings


def run_steps(source: str, landing: Path, run_id: str) -> tuple[dict[str, Timing], dict[str, Any], str | None]:
    """stage, check, load, publish in a row; stops at a failed check. Returns timings, results, failure."""
    from tradepoint import pipeline

    calls: dict[str, Callable[[], Any]] = {
        "stage": lambda: pipeline.stage(source, str(landing)),
        "check": lambda: pipeline.check(source, run_id),
        "load": lambda: pipeline.load(source, run_id),
        "publish": lambda: pipeline.publish(run_id),
    }
    timings: dict[str, Timing] = {}
    results: dict[str, Any] = {}
    for step, call in calls.items():
        if step == "publish" and results["load"].get("unchanged_since"):
            break  # as `tradepoint run` does: nothing changed, the published file stays
        try:
            timings[step], results[step] = timed(f"{step} ({run_id})", call)
        except pipeline.ChecksFailed as err:
            return timings, results, str(err)
    return timings, results, None


def lookup_latency(seed: int) -> list[float]:
    """Milliseconds of each of LOOKUPS lookups on the published file (read-only, as a portal reads it)."""
    import random

    from warehouse.publish import connect_published

    rng = random.Random(seed)
    with connect_published() as con:
        lines = con.execute(f"select reporter, national_code from core.tariff_measures using sample reservoir"
                            f"({LOOKUPS} rows) repeatable ({seed % 10_000})").fetchall()
        day = con.execute("select max(valid_from) from core.tariff_measures").fetchone()[0]
        times = []
        for reporter, code in lines:
            query = code[:rng.choice([2, 4, 6, len(code)])]
            started = time.perf_counter()
            con.execute("select * from marts.tariff_lookup(?, ?, ?, ?)", [reporter, query, rng.choice(ORIGINS), day]
                        ).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def total(timings: dict[str, Timing]) -> Timing:
    return Timing(sum(t.wall for t in timings.values()), sum(t.cpu for t in timings.values()))


def count(result: dict[str, Any], key: str) -> str:
    value = result.get(key)
    return f"{value:,}" if isinstance(value, int) else "-"


def report(rows: int, sizes: dict[str, int], setup: dict[str, Timing], first: dict[str, Timing],
           rerun: dict[str, Timing] | None, results: dict[str, Any], rerun_results: dict[str, Any] | None,
           rss: dict[str, float | None], load: tuple[tuple[float, ...], tuple[float, ...]],
           baselines: list[Timing], source: str, lookups: list[float]) -> list[str]:
    out = [
        f"Trade Point pipeline benchmark: {rows:,} tariff measures of {source} "
        f"({sizes['commodities']:,} commodity lines, tariff_measure.jsonl {sizes['measure_bytes'] / 2**20:,.0f} MiB), "
        f"{os.cpu_count()} cores; load average {load[0][0]:.2f} at start, {load[1][0]:.2f} at end",
        "",
        f"{'step':<26}{'seconds':>10}{'cpu s':>10}{'rows/s':>14}",
        f"{'-' * 26}{'-' * 10:>10}{'-' * 10:>10}{'-' * 14:>14}",
    ]

    def line(label: str, timing: Timing, per_row: bool = True, own_cpu: bool = True) -> None:
        rate = f"{rows / timing.wall:,.0f}" if per_row and timing.wall > 0 else "-"
        cpu = f"{timing.cpu:.2f}" if own_cpu else "-"
        out.append(f"{label:<26}{timing.wall:>10.2f}{cpu:>10}{rate:>14}")

    line("generate landing (setup)", setup["generate"], own_cpu=False)  # a child process
    line("import tradepoint (setup)", setup["import"], per_row=False)
    line(f"raw_load (median of {len(baselines)})", setup["raw_load"])
    for step in STEPS:
        if step in first:
            line(step, first[step])
    pipeline_total = total(first)
    line("pipeline total", pipeline_total)
    if rerun is not None:
        for step in STEPS:
            if step in rerun:
                line(f"rerun {step}", rerun[step])
        line("rerun total", total(rerun))
    out.append("")
    before = (len(baselines) + 1) // 2
    out.append("baseline runs: " + ", ".join(f"{t.wall:.2f}s" for t in baselines[:before]) + " before the pipeline"
               + "".join(f", {t.wall:.2f}s" for t in baselines[before:]) + (" after" if baselines[before:] else ""))
    stage, checks, loaded = results.get("stage", {}), results.get("check", {}), results.get("load", {})
    out.append(f"first run: staged {count(stage, 'rows_staged')}, quarantined {count(checks, 'rows_quarantined')}, "
               f"expectations {count(checks, 'checks_passed')} passed / {count(checks, 'checks_failed')} failed, "
               f"inserted {count(loaded, 'inserted')}, superseded {count(loaded, 'superseded')}, "
               f"published {results.get('publish', {}).get('tables', '-')}")
    if rerun is not None and rerun_results is not None:
        again, rerun_wall = rerun_results.get("load", {}), total(rerun).wall
        out.append(f"rerun: inserted {count(again, 'inserted')}, superseded {count(again, 'superseded')}; "
                   f"rerun total {rerun_wall:.2f}s = {rerun_wall / pipeline_total.wall:.2f} x the first run")
    if lookups:
        out.append(f"lookup: {len(lookups)} calls of marts.tariff_lookup on the published file: "
                   f"p50 {percentile(lookups, 0.5):.1f} ms, p95 {percentile(lookups, 0.95):.1f} ms, "
                   f"max {max(lookups):.1f} ms")
    pipeline_rss = f"{rss['pipeline']:,.0f} MiB" if rss["pipeline"] is not None else "n/a"
    out.append(f"peak RSS: {rss['process']:,.0f} MiB for the process (ru_maxrss); baseline and import "
               f"{rss['baseline']:,.0f} MiB, pipeline steps alone {pipeline_rss}")
    out.append(f"pipeline/raw_load ratio: {pipeline_total.wall / setup['raw_load'].wall:.2f}")
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
    from scrapers.pipelines import new_run_id
    from tradepoint.config import landing_dir

    load_start = os.getloadavg()
    setup: dict[str, Timing] = {}
    setup["generate"], landing = timed("generate landing (child process)", lambda: generate(
        args.source, landing_dir(), args.rows, new_run_id(), seed=args.seed))
    measures = landing / "tariff_measure.jsonl"
    sizes = {"measure_bytes": measures.stat().st_size,
             "commodities": sum(1 for _ in (landing / "commodity.jsonl").open(encoding="utf-8"))}
    log(f"landing run: {landing}")
    timed("flush and read the landing files (page cache)", lambda: warm(landing))

    before = (args.baseline_runs + 1) // 2
    baselines = baseline(measures, workdir, range(1, before + 1), args.baseline_runs, args.rows)

    setup["import"], _ = timed("import tradepoint.pipeline", lambda: __import__("tradepoint.pipeline"))
    baseline_rss = peak_rss_mib()
    pipeline_rss_only = reset_peak_rss()
    first, results, failure = run_steps(args.source, landing, new_run_id())
    rerun = rerun_results = None
    if failure is None and not args.no_rerun:
        rerun, rerun_results, failure = run_steps(args.source, landing, new_run_id())
    end_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux; also reset by clear_refs
    rss = {"process": max(baseline_rss, end_rss), "baseline": baseline_rss,
           "pipeline": peak_rss_mib() if pipeline_rss_only else None}

    lookups = timed("lookups", lambda: lookup_latency(args.seed))[1] if failure is None else []
    baselines += baseline(measures, workdir, range(before + 1, args.baseline_runs + 1), args.baseline_runs, args.rows)
    setup["raw_load"] = sorted(baselines, key=lambda t: t.wall)[len(baselines) // 2]
    for text in report(args.rows, sizes, setup, first, rerun, results, rerun_results, rss,
                       (load_start, os.getloadavg()), baselines, args.source, lookups):
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
