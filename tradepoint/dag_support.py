"""What Trade Point's DAG files share: registry entries read cheaply, steps that report their errors,
and the per-source run record.

Imported at the top of DAG files, so it imports only airflow.sdk and yaml: the heavy modules
(scrapy, duckdb, pandas, great_expectations, tradepoint.pipeline) are imported inside the functions,
which run in tasks, never at parse time.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from airflow.sdk import Asset, TaskGroup, TriggerRule, Variable, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException

LIVE_VARIABLE = "tradepoint_live"
STEP_TASKS = {"crawl": "crawl", "stage": "stage", "check": "validate", "load": "load"}


def registry() -> dict[str, dict[str, Any]]:
    """scrapers/sources.yaml as raw entries, read with yaml only (cheap at parse time).

    `find_spec` locates the installed `scrapers` package without importing it (its registry module
    would pull in pydantic validation on every parse).
    """
    spec = importlib.util.find_spec("scrapers")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the tradepoint project is not installed: package 'scrapers' not found")
    path = Path(next(iter(spec.submodule_search_locations))) / "sources.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def live() -> bool:
    """The Variable tradepoint_live: "true" crawls the real URLs; anything else, or unset, replays."""
    return str(Variable.get(LIVE_VARIABLE, default="false")).strip().lower() == "true"


def export_credentials(entry: dict[str, Any]) -> None:
    """Put the source's key (the password of the Connection `params.key_connection`) into the
    environment variable `params.key_env`, where the crawl's child process looks for it.

    A child process cannot read Airflow Connections stored in the metadata database itself. A key
    already in the environment wins; without either, a live crawl fails with a clear message.
    """
    params = entry.get("params") or {}
    conn_id, env = params.get("key_connection"), params.get("key_env")
    if not conn_id or not env or os.environ.get(env):
        return
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        password = Connection.get(conn_id).password
    except AirflowNotFoundException:
        return
    if password:
        os.environ[env] = password


def crawl_window(source: str, entry: dict[str, Any], context: dict[str, Any]) -> dict[str, str]:
    """Spider arguments `since`/`until` for a source that crawls by date (registry `params.incremental`):
    the run's params when given (a backfill), else, live, since the source's last successful load;
    {} otherwise (a replay crawls the windows it has recordings of)."""
    if not (entry.get("params") or {}).get("incremental"):
        return {}
    params = context.get("params") or {}
    window = {name: str(params[name]) for name in ("since", "until") if params.get(name)}
    if "since" not in window and live():  # a replay crawls its recorded windows
        from tradepoint.pipeline import last_loaded_day

        since = last_loaded_day(source)
        if since:
            window["since"] = since
    return window


def step(name: str, func: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Call one pipeline step; on failure, leave the reason in XCom (key `error`) for record_run.

    A batch failing its checks (ChecksFailed) becomes AirflowFailException: retrying cannot help.
    """
    from tradepoint.pipeline import ChecksFailed

    ti = get_current_context()["ti"]
    try:
        return func(*args, **kwargs)
    except ChecksFailed as err:
        ti.xcom_push(key="error", value={"status": "blocked", "message": str(err)})
        raise AirflowFailException(str(err)) from err
    except Exception as err:
        ti.xcom_push(key="error", value={"status": "failed", "message": f"{name}: {type(err).__name__}: {err}"})
        raise


def record_source_run(source: str, context: dict[str, Any], task_prefix: str = "") -> str:
    """One row in meta.runs for a source's run, whatever happened; fails the task unless it loaded.

    Reads the results and the first error its step tasks (`<task_prefix>crawl`, ...) left in XCom.
    """
    from scrapers.pipelines import new_run_id
    from tradepoint.pipeline import record_outcome

    ti, dag_run = context["ti"], context["dag_run"]
    task_ids = {name: f"{task_prefix}{task}" for name, task in STEP_TASKS.items()}
    results = {name: ti.xcom_pull(task_ids=task_id) or {} for name, task_id in task_ids.items()}
    error = next(filter(None, (ti.xcom_pull(task_ids=task_id, key="error") for task_id in task_ids.values())), None)
    run_id = results["crawl"].get("run_id") or new_run_id()
    started = (dag_run.start_date or datetime.now(UTC)).timestamp()
    status, message = record_outcome(run_id, source, started, results, error)
    if status != "loaded":
        raise AirflowFailException(f"{source}: {status}: {message}")
    return status


def source_steps(source: str, entry: dict[str, Any], task_prefix: str = "") -> tuple[Any, Any]:
    """The tasks of one source's run, inside the current DAG (or task group): crawl → stage →
    validate → load, then record_run whatever happened. Returns (the crawl's manifest, record_run).

    `task_prefix` is the task group's id and a dot, if any: record_run reads its siblings' XCom.
    """

    @task
    def crawl(**context: Any) -> dict[str, Any]:
        """Spider into the landing zone (a new landing run id per attempt); returns its manifest."""
        from tradepoint.pipeline import crawl as crawl_source

        export_credentials(entry)
        return step("crawl", crawl_source, source, live=live(), spider_args=crawl_window(source, entry, context))

    @task
    def stage(manifest: dict[str, Any]) -> dict[str, Any]:
        from tradepoint.pipeline import stage as stage_source

        return step("stage", stage_source, source, manifest["path"])

    @task
    def validate(manifest: dict[str, Any]) -> dict[str, Any]:
        from tradepoint.pipeline import check

        return step("validate", check, source, manifest["run_id"])

    @task
    def load(manifest: dict[str, Any]) -> dict[str, Any]:
        from tradepoint.pipeline import load as load_source

        return step("load", load_source, source, manifest["run_id"])

    @task(trigger_rule=TriggerRule.ALL_DONE)
    def record_run(**context: Any) -> str:
        """One row in meta.runs for this run, whatever happened; fails the run unless loaded."""
        return record_source_run(source, context, task_prefix=task_prefix)

    manifest = crawl()
    loaded = load(manifest)
    stage(manifest) >> validate(manifest) >> loaded
    recorded = record_run()
    loaded >> recorded
    return manifest, recorded


def family_tasks(dag_id: str, sources: dict[str, dict[str, Any]], marts: list[Asset],
                 consolidate_family: str | None = None) -> None:
    """The body of a family's DAG: a task group of `source_steps` per source; then, whatever their
    outcomes, the family's consolidate step (if any) and publish (emitting the marts' Assets); last,
    a task that fails the run if a source did not load, so the run's state tells the truth while the
    sources that loaded are still published."""

    @task(trigger_rule=TriggerRule.ALL_DONE)
    def consolidate(**context: Any) -> dict[str, Any]:
        """The family's step over all its sources' records (trade fairs: deduplication)."""
        from tradepoint.pipeline import consolidate as consolidate_step

        return step("consolidate", consolidate_step, consolidate_family, context["run_id"])

    @task(outlets=marts, trigger_rule=TriggerRule.ALL_DONE)
    def publish(**context: Any) -> dict[str, Any]:
        """Publish whatever loaded (also when consolidate failed: its previous results stay)."""
        from tradepoint.pipeline import publish as publish_marts

        result = step("publish", publish_marts, context["run_id"])
        for asset in marts:
            context["outlet_events"][asset].extra = {
                "run_id": context["run_id"], "path": result["path"],
                "rows": result["tables"].get(asset.name.removeprefix("tradepoint.")),
            }
        return result

    @task(trigger_rule=TriggerRule.ALL_DONE)
    def all_sources_loaded(**context: Any) -> list[str]:
        """Fails the run if a source did not load (after the others were published)."""
        outcomes = {source: context["ti"].xcom_pull(task_ids=f"{source}.record_run") for source in sources}
        missing = sorted(source for source, status in outcomes.items() if status != "loaded")
        if missing:
            raise AirflowFailException(f"{dag_id}: not loaded: {', '.join(missing)} (see meta.runs)")
        return sorted(outcomes)

    recorded_runs = []
    for source, entry in sources.items():
        with TaskGroup(group_id=source, tooltip=entry["title"]):
            _, recorded = source_steps(source, entry, task_prefix=f"{source}.")
        recorded_runs.append(recorded)
    published = publish()
    if consolidate_family:
        linked = consolidate()
        recorded_runs >> linked
        linked >> published
    else:
        recorded_runs >> published
    [published, *recorded_runs] >> all_sources_loaded()


# The published mart every tariff DAG refreshes. A custom `x-` URI scheme: Airflow keeps it as it is (no
# provider normaliser needed) and it does not depend on where TRADEPOINT_DATA_DIR points. The event's
# `extra` carries the actual file path, the run id and the row count.
TARIFFS_MART = Asset(name="tradepoint.marts.tariffs", uri="x-tradepoint://warehouse/marts.tariffs", group="tradepoint")

SOURCE_DAG_DOC = """
### {dag_id}: {title}

Crawls {access_url} (source `{source}` in `scrapers/sources.yaml`), stages and parses it, validates the
batch, merges it into the versioned core table and publishes the marts (`{marts}`) into
`$TRADEPOINT_DATA_DIR/warehouse/tradepoint.duckdb`.

* **crawl**: `tradepoint.pipeline.crawl`, spider in a child process into the landing zone. Offline
  replay of the recorded responses unless the Variable `{live}` is `true`.
* **stage**: `tradepoint.pipeline.stage`, raw → staging → intermediate SQL models, duty parsing; a crawl
  whose items equal the last load's is not staged again ("unchanged since run X").
* **validate**: `tradepoint.pipeline.check`, quarantine + Great Expectations. A batch that fails its
  checks fails this task **without retries**; nothing is loaded and the last good marts stay published.
* **load**: `tradepoint.pipeline.load`, versioned merge into the core table.
* **record_run**: runs whatever happened (trigger rule `all_done`); writes the outcome
  (loaded / blocked / failed) to `meta.runs` and fails the run if the source was not loaded.
* **publish**: `tradepoint.pipeline.publish`, atomic swap of the published DuckDB file; emits the
  Asset `{asset}` (`{uri}`).

**Reads**: Variable `{live}` (`true` = live crawl, anything else or unset = replay); the environment
variable `TRADEPOINT_DATA_DIR` of the worker (default `./data`). **Connections**: none (auth `{auth}`).

Owner: `{owner}`. Schedule `{schedule}` (UTC) from the registry. One active run at a time: the pipeline is
the single writer of `warehouse/work.duckdb`.
"""


def tariff_source_dag(source: str, dag_id: str, tag: str) -> Any:
    """The DAG of one keyless tariff source: its steps, then publish emitting the tariffs Asset."""
    from datetime import timedelta

    from airflow.sdk import dag

    entry = registry()[source]

    @dag(
        dag_id=dag_id,
        description=entry["title"],
        doc_md=SOURCE_DAG_DOC.format(
            dag_id=dag_id, title=entry["title"], access_url=entry["access_url"], source=source,
            marts=", ".join(entry["marts"]), live=LIVE_VARIABLE, asset=TARIFFS_MART.name, uri=TARIFFS_MART.uri,
            auth=entry["auth"], owner=entry["owner"], schedule=entry["schedule"]),
        schedule=entry["schedule"],
        start_date=datetime(2025, 1, 1, tzinfo=UTC),
        catchup=False,
        max_active_runs=1,  # one writer of the DuckDB work file
        tags=["tradepoint", "tariffs", tag],
        default_args={
            "owner": entry["owner"],
            "retries": 2,
            "retry_delay": timedelta(minutes=5),
            "execution_timeout": timedelta(hours=2),
        },
    )
    def source_dag() -> None:
        @task(outlets=[TARIFFS_MART])
        def publish(manifest: dict[str, Any], **context: Any) -> dict[str, Any]:
            from tradepoint.pipeline import publish as publish_marts

            result = step("publish", publish_marts, manifest["run_id"])
            context["outlet_events"][TARIFFS_MART].extra = {
                "run_id": manifest["run_id"], "path": result["path"],
                "rows": result["tables"].get("marts.tariffs"),
            }
            return result

        manifest, recorded = source_steps(source, entry)
        recorded >> publish(manifest)

    return source_dag()
