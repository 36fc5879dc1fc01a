"""Airflow DAG `tariffs_us`: USITC Harmonized Tariff Schedule of the United States;
crawl → stage → validate → load → publish.

Built by `tradepoint.dag_support.tariff_source_dag` (shared by every keyless tariff source): each task
calls one step of `tradepoint.pipeline` inside the task, so nothing heavy is imported when the DAG
processor parses this file. See dags/README.md.
"""

from __future__ import annotations

from tradepoint.dag_support import tariff_source_dag

tariffs_us = tariff_source_dag("usitc_hts", "tariffs_us", "us")
