"""API keys of keyed sources: from the environment, else from an Airflow Connection, never from the repo.

Airflow tasks export a Connection's password into the source's variable before the crawl's child
process starts (tradepoint.dag_support.export_credentials); the Connection lookup here serves
connections Airflow can resolve without its database (`AIRFLOW_CONN_<ID>` variables, secrets backends).
Airflow is imported only for that lookup: the spiders run without it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager


def api_key(env: str, connection: str) -> str | None:
    """The key in the environment variable `env`, else the password of the Airflow Connection `connection`."""
    if key := os.environ.get(env, "").strip():
        return key
    with logging_kept():
        try:
            from airflow.sdk import Connection
            from airflow.sdk.exceptions import AirflowNotFoundException
        except ImportError:
            return None
        try:
            return (Connection.get(connection).password or "").strip() or None
        except AirflowNotFoundException:
            return None


@contextmanager
def logging_kept() -> Iterator[None]:
    """Importing Airflow installs its own root log handlers; put Scrapy's back, or the crawl's errors would
    go uncounted (the landing manifest fails a run on `log_count/ERROR`) and its log would move to stdout."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
