"""Airflow DAG `exchange_rates`: reference exchange rates (the ECB's euro rates), on TARGET working days.

Per source (a task group each): crawl → stage → validate → load → record_run; then publish, emitting the
Asset of `marts.exchange_rates`, and fail the run if a source did not load. The 90-day file is crawled,
so a missed day is filled by the next run. Nothing heavy is imported at module level. See dags/README.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, dag

from tradepoint.dag_support import LIVE_VARIABLE, family_tasks, registry

DAG_ID = "exchange_rates"
FAMILY = "exchange_rates"
SOURCES = {name: entry for name, entry in registry().items() if entry["family"] == FAMILY}
MARTS = [Asset(name="tradepoint.marts.exchange_rates", uri="x-tradepoint://warehouse/marts.exchange_rates",
               group="tradepoint")]

DOC_MD = f"""
### {DAG_ID}: reference exchange rates

Sources (`scrapers/sources.yaml`, family `{FAMILY}`): {", ".join(f"`{name}`" for name in SOURCES)}.
Used to convert specific duties (`marts.fx_rate`, `tradepoint duty --value ... --currency ...`).

* **<source>.crawl / stage / validate / load / record_run**: as in `tariffs_uk`, per source.
* **publish** (runs whatever happened before it): emits `{MARTS[0].name}`.
* **all_sources_loaded**: fails the run if any source did not load.

**Reads**: Variable `{LIVE_VARIABLE}`. **Connections**: none.
"""


@dag(
    dag_id=DAG_ID,
    description="Reference exchange rates (ECB euro rates)",
    doc_md=DOC_MD,
    schedule=next(iter(SOURCES.values()))["schedule"],
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # one run at a time: the pipeline is the single writer of the DuckDB work file
    tags=["tradepoint", "exchange_rates"],
    default_args={
        "owner": FAMILY,
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(minutes=30),
    },
)
def exchange_rates() -> None:
    family_tasks(DAG_ID, SOURCES, MARTS)


exchange_rates()
