"""Builders of landing items for tests: a valid default, overridden field by field."""

from __future__ import annotations

from typing import Any


def measure(**overrides: Any) -> dict[str, Any]:
    item = {
        "item_type": "tariff_measure", "source": "uk_trade_tariff", "reporter": "GB",
        "national_code": "1006101000", "producline_suffix": "80", "measure_sid": "1",
        "measure_type": "103", "measure_type_description": "Third country duty", "partner": "1011",
        "partner_name": "ERGA OMNES", "duty_text": "6.00 %", "valid_from": "2021-01-01T00:00:00.000Z",
        "valid_to": None, "excluded_partners": [], "order_number": None, "additional_code": None,
        "legal_acts": [], "footnotes": [], "source_url": "https://example.test/commodities/1006101000",
        "fetched_at": "2026-11-28T12:00:00+00:00", "content_hash": "0" * 64,
    }
    return item | overrides


def commodity(**overrides: Any) -> dict[str, Any]:
    item = {
        "item_type": "commodity", "source": "uk_trade_tariff", "reporter": "GB", "national_code": "1006101000",
        "producline_suffix": "80", "description": "For sowing", "number_indents": 2, "declarable": True,
        "leaf": True, "goods_nomenclature_sid": "31829", "parent_sid": None,
        "source_url": "https://example.test/commodities/1006101000", "fetched_at": "2026-11-28T12:00:00+00:00",
        "content_hash": "0" * 64,
    }
    return item | overrides


def partner_group(**overrides: Any) -> dict[str, Any]:
    """A partner_group item (scrapers.items.PartnerGroupItem): a UK geographical-area group."""
    item = {
        "item_type": "partner_group", "source": "uk_trade_tariff", "reporter": "GB", "group_id": "2005",
        "group_name": "GSP – Least Developed Countries", "members": ["BD", "KH"],
        "source_url": "https://example.test/commodities/1006101000", "fetched_at": "2026-11-28T12:00:00+00:00",
        "content_hash": "0" * 64,
    }
    return item | overrides


def fair(**overrides: Any) -> dict[str, Any]:
    """A trade_fair item as a spider lands it (scrapers.items.TradeFairItem)."""
    item = {
        "item_type": "trade_fair", "source": "ical_feeds", "record_id": "hm-2027@example.test",
        "name": "HANNOVER MESSE 2027", "start": "2027-04-12", "end": "2027-04-16", "timezone": None,
        "all_day": True, "date_text": None, "status": None, "event_type": None, "venue": "Messegelände",
        "address": None, "city": "30521 Hannover", "region": None, "postal_code": None, "country": "Germany",
        "organiser": "Deutsche Messe AG", "sectors": ["Industrial automation", "Energy"],
        "url": "https://www.hannovermesse.de/en/", "description": None, "updated": None, "sequence": None,
        "feed": "example", "source_url": "https://example.test/fairs.ics",
        "fetched_at": "2026-11-28T12:00:00+00:00", "content_hash": "0" * 64,
    }
    return item | overrides


def notice(**overrides: Any) -> dict[str, Any]:
    """A market_notice item as a spider lands it (scrapers.items.MarketNoticeItem)."""
    item = {
        "item_type": "market_notice", "source": "federal_register", "notice_id": "2026-21001",
        "title": "Certain Cold-Rolled Steel Flat Products From the Republic of Korea: Final Results of "
                 "Antidumping Duty Administrative Review; 2024-2025",
        "summary": "<p>The products are classified under HTSUS subheading 7209.15.0000 &amp; 7209.16.0030.</p>",
        "document_type": "Notice", "published": "2026-10-15", "updated": None, "effective": "2026-10-15",
        "comment_deadline": None, "issuer": "International Trade Administration", "issuer_country": "US",
        "countries": [], "hs_codes": [], "labels": ["international-trade-administration"],
        "url": "https://www.federalregister.gov/documents/2026/10/15/2026-21001/cold-rolled-steel",
        "language": "en", "amends": None, "feed": None,
        "source_url": "https://www.federalregister.gov/api/v1/documents.json",
        "fetched_at": "2026-11-28T12:00:00+00:00", "content_hash": "0" * 64,
    }
    return item | overrides


def stage_rows(folder: Any, source: str, items: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    """Land `items` in `folder`, stage them for `source` in an in-memory work database, and return the
    rows of `table` (a staging model), as dicts, in row_id order."""
    from tradepoint.offline_parse import write_landing
    from tradepoint.pipeline import stage_into
    from warehouse.database import connect_work

    folder.mkdir(parents=True, exist_ok=True)
    write_landing(items, folder)
    with connect_work(":memory:") as con:
        stage_into(con, source, str(folder))
        cursor = con.execute(f"select * from {table} order by row_id")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
