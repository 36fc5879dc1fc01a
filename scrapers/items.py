"""Item models of Trade Point's spiders: what a spider extracts, before any cleaning.

Items are faithful to the source: codes, texts and dates as published. Typing and normalisation
happen in staging (transforms/). Every item also carries where and when it was fetched, so landing
files are self-describing. The schemas are documented in docs/items.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Provenance:
    """Where an item came from: set from the response that yielded it."""

    source: str
    source_url: str
    fetched_at: str  # ISO 8601 UTC timestamp of the fetch (or the replay)
    content_hash: str  # sha256 of the response body


@dataclass
class CommodityItem(Provenance):
    """One goods-nomenclature line of a national tariff (a heading or commodity code)."""

    reporter: str  # ISO-2 of the market applying the tariff (GB, XI)
    national_code: str  # 10-digit goods nomenclature item id, as published
    producline_suffix: str  # "80" = declarable line; other values are grouping lines
    description: str
    number_indents: int | None
    declarable: bool | None
    leaf: bool | None
    goods_nomenclature_sid: str
    parent_sid: str | None
    item_type: str = "commodity"


@dataclass
class TariffMeasureItem(Provenance):
    """One import measure applying to one commodity code, as the source publishes it."""

    reporter: str
    national_code: str
    producline_suffix: str
    measure_sid: str  # the source's measure id
    measure_type: str  # the source's measure type id, e.g. "103"
    measure_type_description: str | None
    partner: str  # geographical area id as published: ISO-2 country or 4-digit group ("1011")
    partner_name: str | None
    duty_text: str  # duty expression as published ("" for non-duty measures)
    valid_from: str | None  # as published (ISO timestamp)
    valid_to: str | None
    excluded_partners: list[str] = field(default_factory=list)
    order_number: str | None = None  # tariff-quota order number
    additional_code: str | None = None
    legal_acts: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    item_type: str = "tariff_measure"
