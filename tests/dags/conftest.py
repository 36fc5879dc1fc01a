"""Airflow test set-up, local to tests/dags: a throw-away AIRFLOW_HOME with a SQLite metadata DB.

Airflow reads its configuration once, when `airflow` is first imported, so the environment is set
before that and the test modules here import airflow only inside fixtures and tests. The variables
are set for the tests of this folder only (package scope) and restored afterwards; other test
folders never see them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS_DIR = REPO / "dags"
AIRFLOW_BIN = Path(sys.executable).with_name("airflow")


def airflow_env(home: Path, dags_folder: Path = DAGS_DIR) -> dict[str, str]:
    """What a local Airflow needs: its home (airflow.cfg, SQLite DB, logs) and the DAGs folder."""
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    }


@pytest.fixture(scope="package", autouse=True)
def airflow_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh AIRFLOW_HOME, its metadata DB migrated once (`airflow db migrate`, ~5 s)."""
    if "airflow" in sys.modules:
        pytest.fail("airflow was imported before tests/dags/conftest.py set AIRFLOW_HOME: import it lazily")
    home = tmp_path_factory.mktemp("airflow_home")
    with pytest.MonkeyPatch.context() as env:
        for name, value in airflow_env(home).items():
            env.setenv(name, value)
        env.delenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", raising=False)
        env.delenv("AIRFLOW_VAR_TRADEPOINT_LIVE", raising=False)  # replay unless a test says otherwise
        proc = subprocess.run([str(AIRFLOW_BIN), "db", "migrate"], capture_output=True, text=True,
                              timeout=300, check=False)
        assert proc.returncode == 0, f"airflow db migrate failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
        yield home


@pytest.fixture(scope="package")
def airflow_cli(airflow_home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `airflow ARGS...` in a child process against the test AIRFLOW_HOME (and `dags_folder`)."""

    def run(*args: str, dags_folder: Path = DAGS_DIR, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = os.environ | airflow_env(airflow_home, dags_folder)
        return subprocess.run([str(AIRFLOW_BIN), *args], capture_output=True, text=True, env=env,
                              timeout=timeout, check=False)

    return run


@pytest.fixture(scope="package")
def dagbag(airflow_home: Path) -> Any:
    """Every DAG file in dags/, parsed the way the DAG processor parses them."""
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_DIR))
