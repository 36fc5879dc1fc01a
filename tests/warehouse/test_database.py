"""The work database: a second writer waits for the first instead of failing with a lock error."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.database import connect_work

HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "work.duckdb"
    duckdb.connect(str(path)).close()
    holder = hold_lock(path, 2.0)
    started = time.monotonic()
    with connect_work(path) as con:
        assert con.execute("select 1").fetchone() == (1,)
    assert time.monotonic() - started >= 1.0  # it waited for the holder
    holder.wait(timeout=10)


def test_writer_gives_up_after_the_wait_with_the_lock_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "work.duckdb"
    duckdb.connect(str(path)).close()
    monkeypatch.setenv("TRADEPOINT_LOCK_WAIT", "1")
    holder = hold_lock(path, 4.0)
    with pytest.raises(duckdb.IOException, match="lock"):
        connect_work(path)
    holder.wait(timeout=10)
