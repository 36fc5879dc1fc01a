"""The pipeline's steps, each a plain function with JSON-serialisable inputs and outputs.

The CLI (`tradepoint run`) calls them in a row; Airflow DAGs call one per task and pass results
through XCom. Steps: crawl (child process, into landing) → stage (SQL models + duty parsing) →
check (quarantine + Great Expectations) → load (versioned merge) → publish (atomic file swap).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from scrapers.registry import Source, get_source, load_registry
from tradepoint.config import runs_dir
from tradepoint.families import PLANS, FamilyPlan, call_hook

log = logging.getLogger("tradepoint")


class StepFailed(RuntimeError):
    """A step failed for one source; the message names the source and the reason."""


class ChecksFailed(StepFailed):
    """The batch failed its checks: it is not loaded and the last good marts stay published."""


def plan_for(source: Source) -> FamilyPlan:
    return PLANS[source.family]


@contextmanager
def timed(step: str, source: str) -> Iterator[None]:
    started = time.perf_counter()
    log.info("%s: %s ...", source, step)
    yield
    log.info("%s: %s done in %.1fs", source, step, time.perf_counter() - started)


def crawl(source_name: str, live: bool = False, spider_args: dict[str, str] | None = None,
          run_id: str | None = None) -> dict[str, Any]:
    """Run the source's spider in a child process into the landing zone; returns its manifest."""
    get_source(source_name)
    cmd = [sys.executable, "-m", "scrapers.crawl", source_name]
    cmd += ["--live"] if live else []
    cmd += ["--run-id", run_id] if run_id else []
    for name, value in (spider_args or {}).items():
        cmd += ["-a", f"{name}={value}"]
    with timed("crawl" + (" (live)" if live else " (replay)"), source_name):
        returncode, stdout, errors = run_child(cmd)
    lines = stdout.strip().splitlines()
    manifest = json.loads(lines[-1]) if lines else {}
    if returncode != 0 or manifest.get("status") != "ok":
        first = f"; first error: {errors[0]}" if errors else ""
        raise StepFailed(f"{source_name}: crawl failed (exit {returncode}, {manifest.get('errors', '?')} errors)"
                         f"{first}; landing: {manifest.get('path', 'none')}")
    return manifest


def run_child(cmd: list[str]) -> tuple[int, str, list[str]]:
    """Run a child process, passing its log (stderr) through as it comes, so long crawls show
    progress; returns (exit code, stdout, the messages of its ERROR log lines)."""
    errors: list[str] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            sys.stderr.write(line)
            if "ERROR: " in line:
                errors.append(line.split("ERROR: ", 1)[1].strip())
        returncode = proc.wait()
        out.seek(0)
        return returncode, out.read(), errors


def last_loaded_day(source_name: str) -> str | None:
    """The day (ISO) before the source's last successful load started: where an incremental crawl
    resumes (one day of overlap: the versioned merge makes re-fetched notices a no-op); None if never."""
    from warehouse.database import connect_work

    with connect_work() as con:
        day = con.execute("select cast(max(started_at) as date) - 1 from meta.runs where source = ? and status = "
                          "'loaded'", [source_name]).fetchone()[0]
    return day.isoformat() if day else None


def stage(source_name: str, landing_path: str) -> dict[str, Any]:
    """Run the source's raw → staging → intermediate models over one landing run, unless its items are
    those of the source's last load (tradepoint.unchanged): then nothing is staged, checked or merged."""
    from tradepoint import unchanged
    from warehouse.database import connect_work

    with timed("stage", source_name), connect_work() as con:
        since = unchanged.prepare(con, source_name, landing_path)
        if since:
            log.info("%s: items unchanged since run %s: not staged again", source_name, since)
            return {"source": source_name, "rows_staged": 0, "unchanged_since": since}
        return stage_into(con, source_name, landing_path)


def stage_into(con: Any, source_name: str, landing_path: str) -> dict[str, Any]:
    """Stage one landing run in the given database: SQL layers, with the family's Python step between."""
    from transforms.models import run_layer

    source = get_source(source_name)
    plan = plan_for(source)
    run_layer(con, "raw", source_name, {"landing_dir": landing_path}, family=source.family)
    run_layer(con, "staging", source_name, source.staging_params(), family=source.family)
    counts = call_hook(plan.prepare, con, source_name) if plan.prepare else {}
    run_layer(con, "intermediate", source_name, family=source.family)
    rows = con.execute(f"select count(*) from {plan.batch(source_name)}").fetchone()[0]
    return {"source": source_name, "rows_staged": rows} | counts


def check(source_name: str, run_id: str) -> dict[str, Any]:
    """Quarantine failing rows and validate the batch; raises ChecksFailed if it must not load."""
    from tradepoint import unchanged
    from warehouse.checks import run_checks
    from warehouse.database import connect_work

    source = get_source(source_name)
    plan = plan_for(source)
    with timed("check", source_name), connect_work() as con:
        since = unchanged.unchanged_since(con, source_name)
        if since:
            return {"source": source_name, "unchanged_since": since, "rows_quarantined": 0}
        outcome = run_checks(con, source, plan.batch(source_name), plan.rules, plan.key, run_id,
                             runs_dir() / run_id)
    result = outcome.to_dict() | {"source": source_name}
    if not outcome.passed:
        raise ChecksFailed(f"{source_name}: checks failed, not loaded: {'; '.join(outcome.failures)}")
    return result


def load(source_name: str, run_id: str) -> dict[str, Any]:
    """Merge the checked batch into its core table (versioned, idempotent)."""
    from tradepoint import unchanged
    from warehouse.checks import CheckedTables
    from warehouse.database import connect_work

    tables = CheckedTables(plan_for(get_source(source_name)).batch(source_name))
    with timed("load", source_name), connect_work() as con:
        since = unchanged.unchanged_since(con, source_name)
        if since:
            counts = {"inserted": 0, "superseded": 0, "unchanged_since": since}
            for hook in plan_for(get_source(source_name)).on_unchanged:
                counts |= call_hook(hook, con, source_name, run_id, since)
            return counts
        counts = merge_batch(con, source_name, run_id, batch=tables.clean, seen=tables.checked,
                             incoming=tables.checked_clean)
        unchanged.remember(con, source_name, run_id)
        return counts


def merge_batch(con: Any, source_name: str, run_id: str, *, batch: str, seen: str, incoming: str | None = None
                ) -> dict[str, Any]:
    """Versioned merge of a batch into the family's core table, its scope dimension and its after-load step."""
    from warehouse.history import merge_versions

    plan = plan_for(get_source(source_name))
    scope = plan.scope(source_name)
    counts = merge_versions(con, target=plan.target, batch=batch, seen=seen, incoming=incoming, scope=scope,
                            rows=plan.rows(source_name), key=plan.key, scope_key=plan.scope_key, run_id=run_id,
                            vanish_filter=plan.vanish_filter).to_dict()
    if plan.scope_target:  # the crawled lines themselves: never closed by a crawl that did not reach them
        lines = merge_versions(con, target=plan.scope_target, batch=scope, seen=scope, scope=scope, rows=scope,
                               key=plan.scope_key, scope_key=plan.scope_key, run_id=run_id)
        counts |= {f"{plan.scope_entity}_{name}": value for name, value in lines.to_dict().items()}
    for hook in plan.after_load:
        counts |= call_hook(hook, con, source_name, run_id)
    return counts | {"source": source_name}


def consolidate(family: str, run_id: str) -> dict[str, Any]:
    """The family's step over all its sources' loaded records (trade fairs: deduplication)."""
    from warehouse.database import connect_work

    plan = PLANS[family]
    if not plan.consolidate:
        return {}
    with timed("consolidate", family), connect_work() as con:
        return call_hook(plan.consolidate, con, run_id) | {"family": family}


def record_run(run_id: str, source_name: str, status: str, started_at: float, results: dict[str, Any],
               message: str = "") -> None:
    """One row in meta.runs for this (run, source), whatever happened."""
    from warehouse.database import connect_work

    crawl_ = results.get("crawl", {})
    checks = results.get("check", {})
    loaded = results.get("load", {})
    with connect_work() as con:
        con.execute("""
            insert into meta.runs values (?, ?, ?, ?, ?, to_timestamp(?), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, [run_id, source_name, crawl_.get("run_id"), crawl_.get("mode"), status, started_at,
              sum(crawl_.get("item_counts", {}).values()) if crawl_ else None,
              results.get("stage", {}).get("rows_staged"), checks.get("rows_quarantined"),
              loaded.get("inserted"), loaded.get("superseded"), checks.get("checks_passed"),
              checks.get("checks_failed"), status == "loaded", message])


def record_outcome(run_id: str, source_name: str, started_at: float, results: dict[str, Any],
                   error: dict[str, str] | None = None) -> tuple[str, str]:
    """Decide and record a source's outcome from its step results and the first step error, if any.

    `loaded` if the load step reported; else the error's status (`blocked` for failed checks,
    `failed` otherwise); else `failed` (an upstream step stopped without reporting).
    """
    if results.get("load", {}).get("unchanged_since"):
        status, message = "loaded", f"unchanged since run {results['load']['unchanged_since']}: not staged again"
    elif results.get("load"):
        status, message = "loaded", ""
    elif error:
        status, message = error["status"], error["message"]
    else:
        status, message = "failed", "an upstream step failed or was cleared before it reported"
    record_run(run_id, source_name, status, started_at, results, message)
    return status, message


def publish(run_id: str) -> dict[str, Any]:
    """Build the marts into a new file and swap it in atomically."""
    from warehouse.database import connect_work
    from warehouse.publish import publish as publish_marts

    with timed("publish", "warehouse"), connect_work() as con:
        return publish_marts(con, run_id)


def publish_if_changed(run_id: str, results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Publish, unless every source's items were unchanged since its last load and a published file
    exists: then the published file already holds this state and is left as it is."""
    from tradepoint.config import published_db_path

    if published_db_path().exists() and all(r.get("load", {}).get("unchanged_since") for r in results.values()):
        log.info("every source unchanged since its last load: published file left as it is")
        return {"path": str(published_db_path()), "run_id": run_id, "tables": {},
                "skipped": "every source unchanged since its last load"}
    return publish(run_id)


def run_source(source_name: str, run_id: str, live: bool = False) -> dict[str, Any]:
    """crawl → stage → check → load for one source; never raises, records the outcome."""
    started, results, error = time.time(), {}, None
    try:
        results["crawl"] = crawl(source_name, live=live, run_id=run_id)
        results["stage"] = stage(source_name, results["crawl"]["path"])
        results["check"] = check(source_name, run_id)
        results["load"] = load(source_name, run_id)
    except ChecksFailed as err:
        error = {"status": "blocked", "message": str(err)}
    except StepFailed as err:  # its message names the source
        error = {"status": "failed", "message": f"{type(err).__name__}: {err}"}
    except Exception as err:  # a failing source must not stop the others; it is reported, named
        error = {"status": "failed", "message": f"{source_name}: {type(err).__name__}: {err}"}
    if error:
        log.error(error["message"])
    results["status"], results["message"] = record_outcome(run_id, source_name, started, results, error)
    return results


def run(sources: list[str] | None = None, live: bool = False) -> dict[str, Any]:
    """The whole pipeline for the given sources (default: all); publishes once at the end."""
    from scrapers.pipelines import new_run_id

    run_id = new_run_id()
    names = sources or sorted(load_registry())
    summary: dict[str, Any] = {"run_id": run_id, "mode": "live" if live else "replay", "sources": {}}
    for name in names:
        summary["sources"][name] = run_source(name, run_id, live=live)
    summary["consolidate"] = {}
    for family in sorted({get_source(name).family for name in names}):
        try:
            summary["consolidate"][family] = consolidate(family, run_id)
        except Exception as err:  # reported; the marts then show the family's links of the last good run
            log.error("%s: consolidate failed: %s: %s", family, type(err).__name__, err)
            summary["consolidate"][family] = {"error": f"{type(err).__name__}: {err}"}
    summary["publish"] = publish_if_changed(run_id, summary["sources"])
    report = runs_dir() / run_id / "summary.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(summary, indent=1, default=str), encoding="utf-8")
    summary["report"] = str(report)
    return summary

