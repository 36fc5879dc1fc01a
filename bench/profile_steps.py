"""Where the pipeline's time goes: stage, check, load and publish broken into their parts.

    python -m bench.profile_steps --rows 200000
    python -m bench.profile_steps --landing <landing run folder>

Runs the same code as tradepoint.pipeline's steps (the same SQL models and warehouse functions, in
the same order, on one connection per step as the pipeline opens them), timing each part, in a fresh
TRADEPOINT_DATA_DIR. A diagnostic for docs/performance.md: keep it in step with the pipeline.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMES: list[tuple[str, float]] = []

# --what-if: candidate changes, applied in memory only (the project's files are not touched).
# 1. `m.is_duty and d.duty_text = m.duty_text` in a LEFT JOIN's ON clause makes DuckDB plan a
#    blockwise nested-loop join (rows x distinct duty texts); an equality alone is a hash join.
# 2. row_number() over the wide rows makes the window operator materialise every column; numbering
#    a narrow (rowid, key) projection and joining it back by rowid gives the same row_id.
INT_MODEL_PATCHES = [
    ("on m.is_duty and d.duty_text = m.duty_text", "on d.duty_text = if(m.is_duty, m.duty_text, null)"),
    ("row_number() over (order by m.national_code, m.producline_suffix, m.measure_sid) as row_id",
     "ids.row_id"),
    ("from staging.stg_uk_trade_tariff__measures as m\n",
     "from staging.stg_uk_trade_tariff__measures as m\n"
     "join (select rowid as rid, row_number() over (order by national_code, producline_suffix, measure_sid)"
     " as row_id from staging.stg_uk_trade_tariff__measures) as ids on ids.rid = m.rowid\n"),
]


def patched(sql: str) -> str:
    for old, new in INT_MODEL_PATCHES:
        if old not in sql:
            print(f"[profile] what-if patch not applicable (model changed?): {old!r}", file=sys.stderr)
            continue
        sql = sql.replace(old, new)
    return sql


def gx_frame_types(arrow_type: Any) -> Any:
    """What-if 3: ArrowDtype for strings only; numbers and dates as numpy dtypes, which GX handles
    vectorised (ExpectColumnValuesToBeBetween maps a Python function over double[pyarrow]) and
    pandas hashes fast (GX fingerprints the whole frame; date32[pyarrow] hashes per element)."""
    import pandas as pd
    import pyarrow as pa

    return pd.ArrowDtype(arrow_type) if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) \
        else None


def part(label: str, func: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = func()
    TIMES.append((label, time.perf_counter() - started))
    print(f"[profile] {label}: {TIMES[-1][1]:.2f}s", file=sys.stderr, flush=True)
    return result


def profile(landing: Path, run_id: str, what_if: bool = False) -> None:
    import pandas as pd

    from scrapers.registry import get_source
    from tradepoint.config import runs_dir
    from tradepoint.pipeline import build_duty_table, plan_for
    from transforms.duty_expressions import parse_distinct, to_arrow
    from transforms.models import models, run_model
    from warehouse import checks
    from warehouse.database import connect_work
    from warehouse.history import merge_versions
    from warehouse.publish import publish

    name = "uk_trade_tariff"
    source = get_source(name)
    plan = plan_for(source)
    batch = plan.batch(name)

    # stage
    con = part("stage: connect (schema, ref.countries)", connect_work)
    for layer, params in (("raw", {"landing_dir": str(landing)}), ("staging", None)):
        for path in models(layer, name):
            part(f"stage: model {path.stem}", lambda p=path, q=params: run_model(con, p, q))
    texts = part("stage: distinct duty_text", lambda: con.execute(
        f"select distinct duty_text from staging.stg_{name}__{plan.duty_texts_from}").fetchall())
    parsed, unparsed = part(f"stage: parse_distinct ({len(texts)} texts)",
                            lambda: parse_distinct(text for (text,) in texts))
    part("stage: build_duty_table", lambda: build_duty_table(con, to_arrow(parsed), unparsed))
    for path in models("intermediate", name):
        if what_if:
            sql = patched(path.read_text(encoding="utf-8"))
            part(f"stage: model {path.stem} (what-if)", lambda q=sql: con.execute(q))
        else:
            part(f"stage: model {path.stem}", lambda p=path: run_model(con, p))
    part("stage: count", lambda: con.execute(f"select count(*) from {batch}").fetchone())
    part("stage: close (checkpoint)", con.close)

    # check (warehouse.checks.run_checks, part by part)
    con = part("check: connect", connect_work)
    violations = part("check: find_violations (SQL rules)", lambda: checks.find_violations(con, batch, plan.rules))
    part("check: count", lambda: con.execute(f"select count(*) from {batch}").fetchone())
    part("check: quarantine_rows", lambda: checks.quarantine_rows(con, batch, violations, run_id, name, plan.key))
    con.execute(f"create or replace view {batch}__clean as select * from {batch} anti join {violations} using (row_id)")
    columns = sorted({column for rule in plan.rules for column in rule.columns})

    def fetch() -> Any:
        frame = con.execute(f"select {', '.join(columns)} from {batch}__clean").arrow()
        return frame.read_all() if hasattr(frame, "read_all") else frame

    table = part(f"check: fetch {len(columns)} columns as Arrow", fetch)
    if what_if:
        frame = part("check: to_pandas (what-if: numpy numbers, dates)",
                     lambda: table.to_pandas(types_mapper=gx_frame_types, date_as_object=False))
    else:
        frame = part("check: to_pandas (ArrowDtype)", lambda: table.to_pandas(types_mapper=pd.ArrowDtype))
    result = part("check: GX validation (checkpoint.run)", lambda: checks.gx_validate(frame, plan.rules, source))
    part("check: summarise", lambda: checks.summarise(result))
    report = runs_dir() / run_id
    report.mkdir(parents=True, exist_ok=True)
    part("check: write GX report", lambda: (report / f"checks_{name}.json").write_text(
        json.dumps(result, indent=1, default=str), encoding="utf-8"))
    part("check: close (checkpoint)", con.close)

    # load
    con = part("load: connect", connect_work)
    part("load: merge_versions", lambda: merge_versions(
        con, target=plan.target, batch=f"{batch}__clean", seen=batch, scope=plan.scope(name), key=plan.key,
        scope_key=plan.scope_key, run_id=run_id))
    part("load: close (checkpoint)", con.close)

    # publish
    con = part("publish: connect", connect_work)
    part("publish: build marts file, checkpoint, swap", lambda: publish(con, run_id))
    part("publish: close", con.close)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_steps", description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="measures to generate (default 200000)")
    parser.add_argument("--landing", type=Path, help="profile this landing run folder instead of generating one")
    parser.add_argument("--what-if", action="store_true",
                        help="apply the candidate changes listed in INT_MODEL_PATCHES and gx_frame_types (in memory)")
    parser.add_argument("--keep", action="store_true", help="keep the data dir (work.duckdb) afterwards")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tradepoint-profile-"))
    os.environ["TRADEPOINT_DATA_DIR"] = str(workdir)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        from bench.landing import generate
        from bench.pipeline import warm
        from scrapers.pipelines import new_run_id
        from tradepoint.config import landing_dir

        landing = args.landing or generate(landing_dir(), args.rows, new_run_id())
        warm(landing)
        import tradepoint.pipeline  # noqa: F401 - imports (GX) outside the timings

        profile(landing.resolve(), new_run_id(), what_if=args.what_if)
    finally:
        if args.keep:
            print(f"[profile] kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    width = max(len(label) for label, _ in TIMES)
    for step in ("stage", "check", "load", "publish"):
        parts = [(label, seconds) for label, seconds in TIMES if label.startswith(step + ":")]
        total = sum(seconds for _, seconds in parts)
        for label, seconds in parts:
            print(f"{label:<{width}}  {seconds:7.2f}s  {seconds / total:5.0%}")
        print(f"{step + ' total':<{width}}  {total:7.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
