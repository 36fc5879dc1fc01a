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


def test_unlisted_past_record_stays_and_unlisted_upcoming_record_is_withdrawn(work, stage_batch) -> None:
    past = fair(record_id="past", name="SIAL Paris 2024", start="2024-10-19", end="2024-10-23", city="Paris",
                country="FR")
    upcoming = fair(record_id="upcoming", name="Anuga 2027", start="2027-10-09", end="2027-10-13", city="Köln")
    load(work, stage_batch, "r1", [fair(), past, upcoming])
    counts = load(work, stage_batch, "r2", [fair()])  # the feed no longer lists the other two
    assert (counts["inserted"], counts["superseded"]) == (0, 1)
    assert [row["name"] for row in mart(work, "trade_fairs", "name")] == ["HANNOVER MESSE 2027", "SIAL Paris 2024"]
    withdrawn = [row for row in mart(work, "trade_fair_changes", "record_id") if row["record_id"] == "upcoming"]
    assert [(row["loaded_run_id"], row["superseded_run_id"]) for row in withdrawn] == [("r1", "r2")]
    seen = dict(work.execute("select record_id, last_seen_run_id from core.trade_fair_seen").fetchall())
    assert seen == {"hm-2027@example.test": "r2", "past": "r1", "upcoming": "r1"}


def test_a_record_returned_twice_is_kept_once_with_its_latest_revision(work, stage_batch) -> None:
    counts = load(work, stage_batch, "r1", [fair(sequence=1, status="CONFIRMED"), fair(sequence=2, status="CANCELLED")])
    assert counts["inserted"] == 1
    [edition] = mart(work, "trade_fairs", "fair_id")
    assert edition["status"] == "cancelled"


def test_two_feeds_of_one_source_listing_the_same_fair_are_one_edition(work, stage_batch) -> None:
    load(work, stage_batch, "r1", [fair(), fair(record_id="hm@other", feed="other_chamber", city="Hanover")])
    [edition] = mart(work, "trade_fairs", "fair_id")
    assert edition["source_records"] == 2


def test_edition_keeps_its_id_when_another_source_joins(work, stage_batch) -> None:
    load(work, stage_batch, "r1", [fair(country=None)])
    [before] = mart(work, "trade_fairs", "fair_id")
    load(work, stage_batch, "r2", [fair(source="ita_trade_events", record_id="ITA:1", name="Hannover Messe",
                                        city="Hanover", country="DE")], source="ita_trade_events")
    [after] = mart(work, "trade_fairs", "fair_id")
    assert after["fair_id"] == before["fair_id"] and after["source_records"] == 2


def test_previous_ids_go_to_the_larger_part_of_a_split_edition() -> None:
    import pandas as pd

    from warehouse.fair_links import keep_previous_ids

    links = pd.DataFrame({"record_key": ["a", "b", "c", "d"], "fair_id": ["tf_new1", "tf_new1", "tf_new2", "tf_old"]})
    previous = pd.DataFrame({"record_key": ["a", "b", "c"], "fair_id": ["tf_old", "tf_old", "tf_old"]})
    kept = keep_previous_ids(links, previous)
    assert kept["fair_id"].tolist() == ["tf_old", "tf_old", "tf_new2", "tf_old_n"]
