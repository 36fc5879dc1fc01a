"""Airflow DAG `market_notices`: regulatory and trade notices from every notice source, daily.

Per source (a task group each): crawl → stage → validate → load → record_run; then publish whatever
loaded, emitting the marts' Assets, and fail the run if a source did not load. Sources that crawl by
date (registry `params.incremental`) fetch only what is new since their last successful load; a run
triggered with the params `since` / `until` (YYYY-MM-DD) backfills that date range instead. Nothing
heavy is imported at module level. See dags/README.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, Param, dag

from tradepoint.dag_support import LIVE_VARIABLE, family_tasks, registry

DAG_ID = "market_notices"
FAMILY = "market_notices"
SOURCES = {name: entry for name, entry in registry().items() if entry["family"] == FAMILY}
MARTS = [
    Asset(name=f"tradepoint.marts.{mart}", uri=f"x-tradepoint://warehouse/marts.{mart}", group="tradepoint")
    for mart in ("market_notices", "notice_products", "notice_countries")
]

DOC_MD = f"""
### {DAG_ID}: regulatory and trade notices, tagged by type, product and country

Sources (`scrapers/sources.yaml`, family `{FAMILY}`): {", ".join(f"`{name}`" for name in SOURCES) or "none yet"}.

* **<source>.crawl / stage / validate / load / record_run**: as in `tariffs_uk`, per source.
* **publish** (runs whatever happened before it): emits {", ".join(f"`{asset.name}`" for asset in MARTS)}.
* **all_sources_loaded**: fails the run if any source did not load (after the others were published).

**Incremental**: sources with `params.incremental` crawl from the day before their last successful
load. **Backfill**: trigger with params `since` and `until` (YYYY-MM-DD). **Reads**: Variable
`{LIVE_VARIABLE}`; Connections named by the sources' `params.key_connection` (e.g. `wto_api`).
"""


@dag(
    dag_id=DAG_ID,
    description="Regulatory and trade notices, tagged by notice type, HS code and country",
    doc_md=DOC_MD,
    schedule="0 6 * * *",
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # one run at a time: the pipeline is the single writer of the DuckDB work file
    tags=["tradepoint", "market_notices"],
    params={
        "since": Param(None, type=["null", "string"], description="backfill from this day (YYYY-MM-DD)"),
        "until": Param(None, type=["null", "string"], description="backfill up to this day (YYYY-MM-DD)"),
    },
    default_args={
        "owner": FAMILY,
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=2),
    },
)
def market_notices() -> None:
    family_tasks(DAG_ID, SOURCES, MARTS)


market_notices()
