"""Airflow DAG `tariffs_uk`: UK Trade Tariff API v2 (GB and Northern Ireland XI tariffs);
crawl → stage → validate → load → publish.

Built by `tradepoint.dag_support.tariff_source_dag` (shared by every keyless tariff source): each task
calls one step of `tradepoint.pipeline` inside the task, so nothing heavy is imported when the DAG
processor parses this file. See dags/README.md.
"""

from __future__ import annotations

from tradepoint.dag_support import tariff_source_dag

tariffs_uk = tariff_source_dag("uk_trade_tariff", "tariffs_uk", "uk")
