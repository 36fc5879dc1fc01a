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
