"""The shared market-notice staging models: given landed notices → expected staged rows (in-memory DuckDB)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.factories import notice, stage_rows

SOURCE = "federal_register"
BATCH = f"staging.int_{SOURCE}__notice_rows"


def staged(tmp_path: Path, items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["notice_id"]: row for row in stage_rows(tmp_path, SOURCE, items, BATCH)}


def test_notice_is_cleaned_classified_and_tagged(tmp_path: Path) -> None:
    row = staged(tmp_path, [notice()])["2026-21001"]
    assert row["summary"] == "The products are classified under HTSUS subheading 7209.15.0000 & 7209.16.0030."
    assert row["notice_type"] == "anti_dumping" and row["type_rule"] and row["type_explanation"]
    assert row["hs_codes"] == ["720915", "720916"] and row["countries"] == ["KR"]
    assert (row["published"], row["issuer_country"], row["hs_all_valid"], row["date_error"]) == (
        date(2026, 10, 15), "US", True, False)


def test_listed_codes_outside_the_nomenclature_are_flagged_not_kept(tmp_path: Path) -> None:
    row = staged(tmp_path, [notice(summary=None, hs_codes=["9999.99", "0406.90"], countries=["Narnia"])])["2026-21001"]
    assert row["hs_codes"] == ["040690"] and row["hs_all_valid"] is False and row["countries_all_known"] is False


def test_notice_returned_twice_is_kept_once_with_its_latest_update(tmp_path: Path) -> None:
    rows = staged(tmp_path, [notice(updated="2026-10-15T10:00:00Z", title="Old"),
                             notice(updated="2026-10-16T10:00:00Z", title="Corrected title")])
    assert [row["title"] for row in rows.values()] == ["Corrected title"]


def test_row_hash_ignores_fetch_metadata_and_follows_the_content(tmp_path: Path) -> None:
    first = staged(tmp_path / "a", [notice()])["2026-21001"]["row_hash"]
    again = staged(tmp_path / "b", [notice(fetched_at="2027-01-01T00:00:00+00:00", content_hash="f" * 64)])
    changed = staged(tmp_path / "c", [notice(effective="2026-11-01")])
    assert again["2026-21001"]["row_hash"] == first and changed["2026-21001"]["row_hash"] != first
