"""The shared trade-fair staging models: given landed items → expected staged rows (in-memory DuckDB)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.factories import fair, stage_rows

SOURCE = "ical_feeds"
BATCH = f"staging.int_{SOURCE}__fair_rows"


def staged(tmp_path: Path, items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["record_id"]: row for row in stage_rows(tmp_path, SOURCE, items, BATCH)}


def test_typed_and_normalised_row(tmp_path: Path) -> None:
    row = staged(tmp_path, [fair()])["hm-2027@example.test"]
    assert (row["name"], row["start_date"], row["end_date"], row["edition_year"]) == (
        "HANNOVER MESSE 2027", date(2027, 4, 12), date(2027, 4, 16), 2027)
    assert (row["status"], row["city"], row["country"], row["country_known"]) == ("scheduled", "Hannover", "DE", True)
    assert row["sectors"] == ["energy_environment", "industrial_machinery"]
    assert row["source_sectors"] == ["Industrial automation", "Energy"]
    assert (row["date_error"], row["years_from_fetch"], row["status_known"]) == (None, 1, True)


def test_statuses_and_written_dates(tmp_path: Path) -> None:
    rows = staged(tmp_path, [
        fair(record_id="a", status="https://schema.org/EventCancelled"),
        fair(record_id="b", status="EventPostponed"),
        fair(record_id="c", status="CANCELLED"),
        fair(record_id="d", status="https://schema.org/EventMovedOnline"),
        fair(record_id="e", status="CONFIRMED", start=None, end=None, date_text="12.-15.03.2027"),
        fair(record_id="f", status="maybe"),
    ])
    assert {key: row["status"] for key, row in rows.items()} == {
        "a": "cancelled", "b": "postponed", "c": "cancelled", "d": "moved_online", "e": "scheduled", "f": None}
    assert (rows["e"]["start_date"], rows["e"]["end_date"]) == (date(2027, 3, 12), date(2027, 3, 15))
    assert rows["f"]["status_known"] is False and rows["f"]["status_raw"] == "maybe"


def test_bad_values_are_flagged_not_guessed(tmp_path: Path) -> None:
    rows = staged(tmp_path, [
        fair(record_id="a", start=None, end=None, date_text="03/04/2027"),
        fair(record_id="b", country="Narnia"),
        fair(record_id="c", country=None, city=None, venue="Online"),
    ])
    assert rows["a"]["start_date"] is None and "ambiguous" in rows["a"]["date_error"]
    assert (rows["b"]["country"], rows["b"]["country_known"], rows["b"]["country_raw"]) == (None, False, "Narnia")
    assert (rows["c"]["country"], rows["c"]["country_known"]) == (None, True)  # no country is not a bad one


def test_row_hash_ignores_fetch_metadata_and_follows_the_dates(tmp_path: Path) -> None:
    first = staged(tmp_path / "a", [fair()])["hm-2027@example.test"]["row_hash"]
    again = staged(tmp_path / "b", [fair(fetched_at="2027-01-01T00:00:00+00:00", content_hash="f" * 64)])
    moved = staged(tmp_path / "c", [fair(start="2027-04-19", end="2027-04-23")])
    assert again["hm-2027@example.test"]["row_hash"] == first
    assert moved["hm-2027@example.test"]["row_hash"] != first
