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
    # units of quantity the line is declared in, as published (US HTS: ["kg"], ["No.", "kg"]); empty
    # where the source publishes none on the line (UK: supplementary-unit measures instead)
    units: list[str] = field(default_factory=list)
    item_type: str = "commodity"


CONDITION_KEYS = ("condition_code", "condition", "document_code", "requirement", "action", "duty_expression")


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
    # the conditions the measure applies under, as published: UK measure_condition objects with the keys
    # of CONDITION_KEYS (a proof of origin for a preference: document_code "U088", its requirement, the
    # action "Apply the mentioned duty"; the row without the document: "Measure not applicable")
    conditions: list[dict[str, str | None]] = field(default_factory=list)
    item_type: str = "tariff_measure"


@dataclass
class PartnerGroupItem(Provenance):
    """A group of origins that measures name instead of one country, with its members as published.

    UK geographical areas ("1011" ERGA OMNES, "2005" GSP least developed countries) list their member
    areas; a US special program ("AU", "A", "S") applies to the countries of its general note. The
    tariff lookup expands a measure on a group to one rate per member country.
    """

    reporter: str  # the market whose measures name the group
    group_id: str  # as measures publish it ("1011", "2005", "A", "COLUMN2")
    group_name: str | None
    members: list[str] = field(default_factory=list)  # member ids as published (ISO-2 or nested group ids)
    item_type: str = "partner_group"


@dataclass
class ExchangeRateItem(Provenance):
    """One reference exchange rate of one day: units of `currency` per one unit of `base_currency`."""

    base_currency: str  # "EUR" for the ECB reference rates
    currency: str  # ISO 4217 code as published
    rate: str  # as published ("0.84638"): staging types it, a bad value is quarantined, not lost
    rate_date: str  # the day the rate was set (ISO date as published)
    item_type: str = "exchange_rate"


@dataclass
class TradeFairItem(Provenance):
    """One event (trade fair, exhibition, trade mission) as a calendar source publishes it.

    Spiders map each source format's own encodings into these fields and nothing more: an iCalendar
    `DTSTART;VALUE=DATE:20270312` becomes `"2027-03-12"`, an all-day `DTEND` (exclusive) becomes the
    last day (inclusive), a `"2027-03-12 09:00:00"` with `timezone` `Europe/Berlin` stays local. Names,
    statuses, places and sector labels stay as published; staging normalises them
    (transforms/fair_*.py and transforms/sql/*/…trade_fairs…).
    """

    record_id: str  # the source's own id of the record (iCalendar UID, API id, JSON-LD @id or page URL)
    name: str
    start: str | None  # ISO 8601 date or date-time as published (offset kept; none = local to `timezone`)
    end: str | None  # ISO 8601, inclusive
    timezone: str | None = None  # IANA zone of zone-less times, where the source names one
    all_day: bool | None = None
    date_text: str | None = None  # the dates as written, when the source gives only text ("12–15 March 2027")
    status: str | None = None  # as published: schema.org eventStatus, iCalendar STATUS, ...
    event_type: str | None = None  # as published ("Trade Mission", "ExhibitionEvent", ...)
    venue: str | None = None
    address: str | None = None  # street address
    city: str | None = None
    region: str | None = None  # state / province
    postal_code: str | None = None
    country: str | None = None  # as published: ISO code or a country name
    organiser: str | None = None
    sectors: list[str] = field(default_factory=list)  # the source's own labels (industries, categories)
    url: str | None = None  # absolute URL of the event's page
    description: str | None = None  # plain text (HTML removed)
    updated: str | None = None  # the source's last-modified time of the record (ISO 8601)
    sequence: int | None = None  # revision number where the source has one (iCalendar SEQUENCE)
    feed: str | None = None  # which configured feed or site of a generic source the record came from
    item_type: str = "trade_fair"


@dataclass
class MarketNoticeItem(Provenance):
    """One regulatory or trade notice (a Federal Register document, a WTO SPS/TBT notification, a feed
    entry) as its source publishes it.

    Spiders map each format's own encodings only (an Atom `updated` to ISO 8601, a relative link to an
    absolute URL); titles and summaries stay as published, HTML included: staging reduces them to safe
    plain text, classifies the notice and extracts HS codes and countries (transforms/notice_*.py).
    """

    notice_id: str  # the source's own id, stable per source (document number, WTO symbol, Atom id)
    title: str
    summary: str | None = None  # as published (may hold HTML, may be cut short)
    document_type: str | None = None  # the source's own label ("Notice", "Rule", "TBT", an Atom category)
    published: str | None = None  # ISO 8601 date or date-time
    updated: str | None = None  # the source's last-modified time (ISO 8601)
    effective: str | None = None  # date the measure takes effect, where given
    comment_deadline: str | None = None  # date comments close, where given
    issuer: str | None = None  # issuing body as published (agency, WTO member, department)
    issuer_country: str | None = None  # country of the issuer as published (code or name)
    countries: list[str] = field(default_factory=list)  # affected countries as the source lists them
    hs_codes: list[str] = field(default_factory=list)  # HS codes the source lists in structured form
    labels: list[str] = field(default_factory=list)  # the source's categories, topics, keywords
    url: str | None = None  # absolute URL of the notice
    language: str | None = None  # ISO 639-1 where given
    amends: str | None = None  # notice_id this one corrects or amends, where the source says so
    feed: str | None = None  # which configured feed of a generic source the entry came from
    item_type: str = "market_notice"
