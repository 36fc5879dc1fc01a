"""An unchanged landing run is not staged again; any change to items or code is processed in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories import commodity, fair, measure
from tradepoint import pipeline, unchanged
from tradepoint.offline_parse import write_landing


def land(folder: Path, items: list[dict], fetched_at: str = "2026-11-28T12:00:00+00:00") -> str:
    """A landing run as the landing pipeline writes it: item files and a manifest with the items digest."""
    items = [item | {"fetched_at": fetched_at, "content_hash": fetched_at} for item in items]
    folder.mkdir(parents=True)
    write_landing(items, folder)
    digest = sum(unchanged.item_digest(item) for item in items) % 2**64
    counts: dict[str, int] = {}
    for item in items:
        counts[item["item_type"]] = counts.get(item["item_type"], 0) + 1
    (folder / "manifest.json").write_text(json.dumps({"item_counts": counts, "items_digest": f"{digest:016x}"}))
    return str(folder)


def run_steps(landing: str, run_id: str, source: str = "uk_trade_tariff") -> dict:
    return {"stage": pipeline.stage(source, landing), "check": pipeline.check(source, run_id),
            "load": pipeline.load(source, run_id)}


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRADEPOINT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


ITEMS = [commodity(), *(measure(measure_sid=str(n), duty_text=f"{n}.00 %") for n in range(1, 1001))]


def test_a_recrawl_with_the_same_items_is_skipped(tmp_path: Path) -> None:
    first = run_steps(land(tmp_path / "a", ITEMS), "r1")
    assert first["load"]["inserted"] == 1000 and "unchanged_since" not in first["stage"]
    # another crawl, other fetch times and items in another order: same content
    again = run_steps(land(tmp_path / "b", ITEMS[::-1], fetched_at="2026-11-29T12:00:00+00:00"), "r2")
    assert again["stage"] == {"source": "uk_trade_tariff", "rows_staged": 0, "unchanged_since": "r1"}
    assert again["check"]["unchanged_since"] == "r1"
    assert again["load"] == {"inserted": 0, "superseded": 0, "unchanged_since": "r1"}


def test_a_changed_item_is_processed_and_becomes_the_new_reference(tmp_path: Path) -> None:
    run_steps(land(tmp_path / "a", ITEMS), "r1")
    changed = [*ITEMS[:-1], ITEMS[-1] | {"duty_text": "9.99 %"}]
    second = run_steps(land(tmp_path / "b", changed), "r2")
    assert "unchanged_since" not in second["stage"] and second["load"]["superseded"] == 1
    assert run_steps(land(tmp_path / "c", changed), "r3")["load"]["unchanged_since"] == "r2"
    # back to the first content: compared with the last load (r2), so processed again
    assert run_steps(land(tmp_path / "d", ITEMS), "r4")["load"]["superseded"] == 1


def test_a_code_change_or_a_missing_digest_processes_in_full(tmp_path: Path, monkeypatch) -> None:
    run_steps(land(tmp_path / "a", ITEMS), "r1")
    monkeypatch.setattr(unchanged, "code_fingerprint", lambda: "another parser")
    assert "unchanged_since" not in run_steps(land(tmp_path / "b", ITEMS), "r2")["stage"]
    legacy = land(tmp_path / "c", ITEMS)
    (Path(legacy) / "manifest.json").write_text(json.dumps({"item_counts": {}}))
    assert "unchanged_since" not in run_steps(legacy, "r3")["stage"]


def test_a_changed_code_map_in_the_registry_processes_in_full(tmp_path: Path, monkeypatch) -> None:
    from scrapers.registry import get_source

    run_steps(land(tmp_path / "a", ITEMS), "r1")
    entry = get_source("uk_trade_tariff")
    codes = entry.measure_codes.model_copy(update={"regimes": {**entry.measure_codes.regimes, "103": "non_mfn"}})
    monkeypatch.setattr(entry, "measure_codes", codes)
    again = run_steps(land(tmp_path / "b", ITEMS), "r2")
    assert "unchanged_since" not in again["stage"] and again["load"]["superseded"] == 1000  # regime is published


def test_blocked_runs_are_not_a_reference(tmp_path: Path) -> None:
    bad = [commodity(), measure(measure_sid="1", duty_text="not a duty")] * 1
    with pytest.raises(pipeline.ChecksFailed):
        run_steps(land(tmp_path / "a", bad), "r1")
    with pytest.raises(pipeline.ChecksFailed):  # the same bad batch is checked (and blocked) again
        run_steps(land(tmp_path / "b", bad), "r2")


def test_an_unchanged_calendar_still_counts_as_seen(tmp_path: Path) -> None:
    from warehouse.database import connect_work

    fairs = [fair(record_id=f"fair-{n}@example.test", name=f"Fair {n}") for n in range(12)]
    run_steps(land(tmp_path / "a", fairs), "r1", "ical_feeds")
    again = run_steps(land(tmp_path / "b", fairs[::-1], fetched_at="2026-11-29T12:00:00+00:00"), "r2", "ical_feeds")
    assert again["load"] == {"inserted": 0, "superseded": 0, "unchanged_since": "r1", "records_seen": 12}
    with connect_work() as con:
        assert con.execute("select distinct last_seen_run_id from core.trade_fair_seen").fetchall() == [("r2",)]
