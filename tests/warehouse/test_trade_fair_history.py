"""Trade-fair records through load and deduplication: changes kept as history, cross-source merge, reruns."""

from __future__ import annotations

from typing import Any

from tests.factories import fair
from tradepoint.pipeline import merge_batch
from warehouse.fair_links import link_fair_records
from warehouse.publish import define_marts

BATCH = "staging.int_{source}__fair_rows"


def load(work: Any, stage_batch: Any, run_id: str, items: list[dict[str, Any]], source: str = "ical_feeds") -> dict:
    stage_batch(work, items, source)
    batch = BATCH.format(source=source)
    counts = merge_batch(work, source, run_id, batch=batch, seen=batch)
    link_fair_records(work, run_id)
    return counts


def mart(work: Any, name: str, order: str) -> list[dict[str, Any]]:
    define_marts(work)
    cursor = work.execute(f"select * from marts.{name} order by {order}")
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_cancellation_is_a_new_version_and_the_fair_shows_it(work, stage_batch) -> None:
    assert load(work, stage_batch, "r1", [fair()])["inserted"] == 1
    assert load(work, stage_batch, "r2", [fair()])["inserted"] == 0  # a rerun changes nothing
    counts = load(work, stage_batch, "r3", [fair(status="CANCELLED")])
    assert (counts["inserted"], counts["superseded"]) == (1, 1)
    history = mart(work, "trade_fair_changes", "valid_from")
    assert [(row["status"], row["loaded_run_id"], row["superseded_run_id"]) for row in history] == [
        ("scheduled", "r1", "r3"), ("cancelled", "r3", None)]
    [edition] = mart(work, "trade_fairs", "fair_id")
    assert (edition["name"], edition["status"], edition["country"]) == ("HANNOVER MESSE 2027", "cancelled", "DE")


def test_same_fair_from_two_sources_is_one_edition_with_both_links(work, stage_batch) -> None:
    load(work, stage_batch, "r1", [fair()])
    load(work, stage_batch, "r1", [fair(source="wp_events_calendar", record_id="site?id=7", name="Hannover Messe",
                                        city="Hanover", country="DE", start="2027-04-12T09:00:00",
                                        end="2027-04-16T18:00:00", timezone="Europe/Berlin", all_day=False)],
         source="wp_events_calendar")
    [edition] = mart(work, "trade_fairs", "fair_id")
    assert edition["sources"] == ["ical_feeds", "wp_events_calendar"] and edition["source_records"] == 2
    links = mart(work, "trade_fair_sources", "source")
    assert {row["fair_id"] for row in links} == {edition["fair_id"]}
    assert sum(row["matched_to"] is not None for row in links) == 1 and all(row["evidence"] for row in links)


def test_a_record_no_longer_listed_stays_with_its_last_sighting(work, stage_batch) -> None:
    load(work, stage_batch, "r1", [fair(), fair(record_id="other", name="Anuga 2027", start="2027-10-09",
                                                end="2027-10-13", city="Köln")])
    load(work, stage_batch, "r2", [fair()])
    editions = mart(work, "trade_fairs", "name")
    assert [row["name"] for row in editions] == ["Anuga 2027", "HANNOVER MESSE 2027"]
    seen = dict(work.execute("select record_id, last_seen_run_id from core.trade_fair_seen").fetchall())
    assert seen == {"hm-2027@example.test": "r2", "other": "r1"}
