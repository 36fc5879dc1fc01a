"""Airflow DAG `tariffs_us`: the USITC HTS source (US), crawl → stage → validate → load → publish.

Each task calls one step of `tradepoint.pipeline`, imported inside the task: the scheduler's DAG
processor parses this file often, so nothing heavy (scrapy, duckdb, pandas, great_expectations,
pyarrow, tradepoint.pipeline) is imported at module level. See dags/README.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import Asset, dag, task

from tradepoint.dag_support import LIVE_VARIABLE, registry, source_steps, step

SOURCE = "usitc_hts"
DAG_ID = "tariffs_us"

# The published mart this DAG refreshes: the same Asset as dags/tariffs_uk.py (one marts.tariffs, fed
# by every tariff source). The event's `extra` carries the actual file path, the run id and the row count.
TARIFFS_MART = Asset(
    name="tradepoint.marts.tariffs",
    uri="x-tradepoint://warehouse/marts.tariffs",
    group="tradepoint",
)


ENTRY = registry()[SOURCE]

DOC_MD = f"""
### {DAG_ID}: {ENTRY["title"]}

Crawls the USITC HTS REST export (source `{SOURCE}` in `scrapers/sources.yaml`), stages and parses it,
validates the batch, merges it into the versioned core table and publishes the marts
(`{", ".join(ENTRY["marts"])}`) into `$TRADEPOINT_DATA_DIR/warehouse/tradepoint.duckdb`.

* **crawl**: `tradepoint.pipeline.crawl`, spider in a child process into the landing zone. Offline
  replay of the recorded responses unless the Variable `{LIVE_VARIABLE}` is `true`.
* **stage**: `tradepoint.pipeline.stage`, raw → staging → intermediate SQL models, duty parsing.
* **validate**: `tradepoint.pipeline.check`, quarantine + Great Expectations. A batch that fails its
  checks fails this task **without retries**; nothing is loaded and the last good marts stay published.
* **load**: `tradepoint.pipeline.load`, versioned merge into the core table.
* **record_run**: runs whatever happened (trigger rule `all_done`); writes the outcome
  (loaded / blocked / failed) to `meta.runs` and fails the run if the source was not loaded.
* **publish**: `tradepoint.pipeline.publish`, atomic swap of the published DuckDB file; emits the
  Asset `{TARIFFS_MART.name}` (`{TARIFFS_MART.uri}`).

**Reads**: Variable `{LIVE_VARIABLE}` (`true` = live crawl, anything else or unset = replay); the
environment variable `TRADEPOINT_DATA_DIR` of the worker (default `./data`). **Connections**: none
(the source needs no credentials: auth `{ENTRY["auth"]}`).

Owner: `{ENTRY["owner"]}`. Schedule `{ENTRY["schedule"]}` (UTC) from the registry. One active run at a time:
the pipeline is the single writer of `warehouse/work.duckdb`.
"""


@dag(
    dag_id=DAG_ID,
    description=ENTRY["title"],
    doc_md=DOC_MD,
    schedule=ENTRY["schedule"],
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # one writer of the DuckDB work file
    tags=["tradepoint", "tariffs", "us"],
    default_args={
        "owner": ENTRY["owner"],
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=2),
    },
)
def tariffs_us() -> None:
    @task(outlets=[TARIFFS_MART])
    def publish(manifest: dict[str, Any], **context: Any) -> dict[str, Any]:
        from tradepoint.pipeline import publish as publish_marts

        result = step("publish", publish_marts, manifest["run_id"])
        context["outlet_events"][TARIFFS_MART].extra = {
            "run_id": manifest["run_id"], "path": result["path"],
            "rows": result["tables"].get("marts.tariffs"),
        }
        return result

    manifest, recorded = source_steps(SOURCE, ENTRY)
    recorded >> publish(manifest)


tariffs_us()
