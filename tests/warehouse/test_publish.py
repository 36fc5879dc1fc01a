"""Publishing swaps a complete new file in; readers in other processes never see an error."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from tests.factories import commodity, measure
from warehouse.history import merge_versions
from warehouse.publish import connect_published, mart_names, publish

BATCH = "staging.int_uk_trade_tariff__tariff_rows"

READER = textwrap.dedent("""
    import json, sys, time, duckdb
    path, seconds = sys.argv[1], float(sys.argv[2])
    reads, errors, sizes, end = 0, [], set(), time.time() + seconds
    while time.time() < end:
        try:
            con = duckdb.connect(path, read_only=True)
            sizes.add(con.execute("select count(*) from marts.tariffs").fetchone()[0])
            con.close()
            reads += 1
        except Exception as err:
            errors.append(repr(err))
    print(json.dumps([reads, len(errors), sorted(sizes), errors[:3]]))
""")


def load_lines(con, stage_batch, n: int, run_id: str) -> None:
    stage_batch(con, [commodity()] + [measure(measure_sid=str(i)) for i in range(n)])
    merge_versions(con, target="core.tariff_measures", batch=BATCH, seen=BATCH,
                   scope="staging.stg_uk_trade_tariff__commodities",
                   key=("source", "reporter", "national_code", "producline_suffix", "measure_sid"),
                   scope_key=("source", "reporter", "national_code", "producline_suffix"), run_id=run_id)


def test_publish_builds_marts_and_meta(work, stage_batch, tmp_path: Path) -> None:
    load_lines(work, stage_batch, 30, "r1")
    target = tmp_path / "pub" / "tradepoint.duckdb"
    result = publish(work, "r1", target)
    assert result["tables"]["marts.tariffs"] == 30
    assert set(result["tables"]) == {f"marts.{name}" for name in mart_names()}
    with connect_published(target) as con:
        assert con.execute("select count(*) from marts.tariffs").fetchone()[0] == 30
        assert con.execute("select count(*) from meta.runs").fetchone()[0] == 0
        assert con.execute("select count(*) from core.tariff_measures").fetchone()[0] == 30
        schemas = {row[0] for row in con.execute("select schema_name from duckdb_schemas()").fetchall()}
        assert {"marts", "core", "meta", "quarantine"} <= schemas and not {"raw", "staging"} & schemas
    assert [p.name for p in target.parent.iterdir()] == ["tradepoint.duckdb"]  # no leftovers


def test_readers_in_another_process_never_fail_while_loads_publish(work, stage_batch, tmp_path: Path) -> None:
    target = tmp_path / "pub" / "tradepoint.duckdb"
    load_lines(work, stage_batch, 10, "r0")
    publish(work, "r0", target)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(target), "6"], stdout=subprocess.PIPE, text=True)
    deadline, version = time.time() + 5, 1
    while time.time() < deadline:
        load_lines(work, stage_batch, 10 + 40 * (version % 3), f"r{version}")
        publish(work, f"r{version}", target)
        version += 1
    reads, errors, sizes, samples = json.loads(reader.communicate(timeout=60)[0])
    assert errors == 0, samples
    assert reads > 20 and version > 3
    assert set(sizes) <= {10, 50, 90}  # only whole published states were ever seen


def test_failed_publish_leaves_the_last_good_file(work, stage_batch, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "pub" / "tradepoint.duckdb"
    load_lines(work, stage_batch, 10, "r1")
    publish(work, "r1", target)
    load_lines(work, stage_batch, 50, "r2")
    monkeypatch.setattr("warehouse.publish.SCRATCH_SCHEMAS", ("no_such_schema",))
    with pytest.raises(duckdb.CatalogException):
        publish(work, "r2", target)
    with connect_published(target) as con:
        assert con.execute("select count(*) from marts.tariffs").fetchone()[0] == 10
    assert [p.name for p in target.parent.iterdir()] == ["tradepoint.duckdb"]
