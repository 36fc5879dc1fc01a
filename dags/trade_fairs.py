"""Airflow DAG `trade_fairs`: every trade-fair calendar source, deduplicated into one calendar, weekly.

Per source (a task group each): crawl → stage → validate → load → record_run. Then, whatever each
source's outcome, `consolidate` links the records of all sources to fair editions (deduplication),
and `publish` swaps in the new warehouse file and emits the two marts' Assets. Each task calls one
step of `tradepoint.pipeline`, imported inside the task: nothing heavy at module level. See
dags/README.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, dag

from tradepoint.dag_support import LIVE_VARIABLE, family_tasks, registry

DAG_ID = "trade_fairs"
FAMILY = "trade_fairs"
SOURCES = {name: entry for name, entry in registry().items() if entry["family"] == FAMILY}
SCHEDULES = {entry["schedule"] for entry in SOURCES.values()}
if len(SCHEDULES) != 1:
    raise ValueError(f"{DAG_ID}: the trade_fairs sources must share one schedule, found {sorted(SCHEDULES)}")

MARTS = [
    Asset(name=f"tradepoint.marts.{mart}", uri=f"x-tradepoint://warehouse/marts.{mart}", group="tradepoint")
    for mart in ("trade_fairs", "trade_fair_sources")
]

DOC_MD = f"""
### {DAG_ID}: trade-fair calendars, deduplicated

Sources (`scrapers/sources.yaml`, family `{FAMILY}`): {", ".join(f"`{name}`" for name in SOURCES)}.

* **<source>.crawl / stage / validate / load / record_run**: as in `tariffs_uk`, per source. A source
  that fails (for example `ita_trade_events` without its API key in live mode) is recorded as failed
  in `meta.runs`; the other sources still load.
* **consolidate** (runs whatever the sources' outcomes): `tradepoint.pipeline.consolidate`, links
  every current record to its fair edition (docs/dedup.md), replacing `core.trade_fair_links`.
* **publish** (runs whatever happened before it): atomic swap of the published DuckDB file; emits
  the Assets {", ".join(f"`{asset.name}`" for asset in MARTS)}.
* **all_sources_loaded**: fails the run if any source did not load (after the others were published).

**Reads**: Variable `{LIVE_VARIABLE}` (`true` = live crawl, else replay); Connection `ita_trade_api`
(password = the ITA API key; or the environment variable `TRADEPOINT_ITA_API_KEY`); the workers'
`TRADEPOINT_DATA_DIR`. Writers of the DuckDB work file queue for its lock (`TRADEPOINT_LOCK_WAIT`).

Schedule `{next(iter(SCHEDULES))}` (UTC, weekly) from the registry. Owner: `{FAMILY}`.
"""


@dag(
    dag_id=DAG_ID,
    description="Trade-fair calendars from four kinds of public source, deduplicated into one calendar",
    doc_md=DOC_MD,
    schedule=next(iter(SCHEDULES)),
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # one run at a time: the pipeline is the single writer of the DuckDB work file
    tags=["tradepoint", "trade_fairs"],
    default_args={
        "owner": FAMILY,
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=2),
    },
)
def trade_fairs() -> None:
    family_tasks(DAG_ID, SOURCES, MARTS, consolidate_family=FAMILY)


trade_fairs()
