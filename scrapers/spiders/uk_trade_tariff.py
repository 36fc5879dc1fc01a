"""UK Trade Tariff API v2: every import measure of the GB tariff and of the Northern Ireland (XI) tariff.

The service publishes two tariffs with the same API: the UK Global Tariff for Great Britain under
`/api/v2/` (reporter GB) and, under `/xi/api/v2/`, the tariff applied in Northern Ireland (reporter XI:
EU measures, duties in EUR, EU geographical areas). One run crawls every reporter in the registry's
`params.reporters` ({reporter: [chapters]}); `-a reporter=XI` limits it to one reporter (or a comma
list) and `-a chapters=10` sets the chapters of every reporter crawled.

Walk, per reporter: sections → chapters → headings → commodities (`--all`), or chapters in scope →
headings → commodities. One callback reads any document the API returns (section list, section,
chapter, heading, commodity) and dispatches on its JSON:API `data.type`, so `tradepoint parse
uk_trade_tariff FILE` works on any saved response. Every item carries the reporter of its document:
from the URL (`/xi/api/` → XI), else, for a saved file, from the document's
`meta.duty_calculator.source` ("xi" or "uk"), else the first reporter configured.
API: https://api.trade-tariff.service.gov.uk/reference.html (JSON:API, Open Government Licence v3).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import CONDITION_KEYS, CommodityItem, PartnerGroupItem, TariffMeasureItem
from scrapers.jsonapi import JsonApiDocument, JsonObject

SITE = "https://www.trade-tariff.service.gov.uk"
API_ROOTS = {"GB": f"{SITE}/api/v2/", "XI": f"{SITE}/xi/api/v2/"}

COMMODITY_FIELDS = frozenset({
    "goods_nomenclature_item_id", "goods_nomenclature_sid", "producline_suffix", "description",
    "description_plain", "formatted_description", "number_indents", "declarable", "leaf", "parent_sid",
})
MEASURE_FIELDS = frozenset({
    "id", "effective_start_date", "effective_end_date", "import", "duty_expression", "measure_type",
    "geographical_area", "excluded_countries", "order_number", "additional_code", "legal_acts", "footnotes",
    "measure_conditions",
})
DECLARABLE_SUFFIX = "80"
SOURCE_REPORTERS = {"uk": "GB", "xi": "XI"}  # meta.duty_calculator.source -> reporter


class UkTradeTariffSpider(TradePointSpider):
    """Crawls import measures of the UK tariffs: GB, and XI for Northern Ireland (`params.reporters`)."""

    name = "uk_trade_tariff"

    def __init__(self, chapters: str | None = None, all: str | bool = False, reporter: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        configured = {str(code).upper(): [str(c) for c in scope]
                      for code, scope in dict(self.source.params["reporters"]).items()}
        wanted = [code.strip().upper() for code in reporter.split(",")] if reporter else list(configured)
        unknown = [code for code in wanted if code not in API_ROOTS]
        if unknown or not wanted:
            raise ValueError(f"uk_trade_tariff: reporter must be one of {sorted(API_ROOTS)}, got {reporter!r}")
        only = chapters.split(",") if isinstance(chapters, str) else None
        # reporter -> chapters crawled (a reporter named on the command line but not configured needs chapters)
        self.reporters: dict[str, list[str]] = {code: list(only or configured.get(code, [])) for code in wanted}
        self.reporter = wanted[0]  # the reporter of a saved document that names none
        self.crawl_all = all in (True, "1", "true", "yes")
        if not self.crawl_all and any(not scope for scope in self.reporters.values()):
            raise ValueError(f"uk_trade_tariff: no chapters for {self.reporters}: pass -a chapters=... or -a all=1")

    async def start(self) -> Any:
        for reporter, chapters in self.reporters.items():
            if self.crawl_all:
                yield self.api_request("sections", reporter)
                continue
            for chapter in chapters:
                yield self.api_request(f"chapters/{int(chapter):02d}", reporter)

    def api_request(self, path: str, reporter: str) -> scrapy.Request:
        return scrapy.Request(API_ROOTS[reporter] + path, callback=self.parse)

    def document_reporter(self, url: str, doc: JsonApiDocument) -> str:
        """GB or XI: from the URL's API root; for a saved file, from the tariff the document says it
        comes from (commodity and declarable heading documents: `meta.duty_calculator.source`)."""
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            return "XI" if parts.path.startswith("/xi/") else "GB"
        sources = [obj.get("meta", {}).get("duty_calculator", {}).get("source")
                   for obj in [*doc.primary(), *doc.of_type("measure")]]
        named = next((SOURCE_REPORTERS[s] for s in sources if s in SOURCE_REPORTERS), None)
        return named or self.reporter

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any document of the API: dispatch on the type of its primary data."""
        doc = JsonApiDocument.from_bytes(response.body)
        primary = doc.primary()
        kind = primary[0]["type"] if primary else "empty"
        handlers = {
            "section": self.parse_sections,
            "chapter": self.parse_chapter,
            "heading": self.parse_heading,
            "commodity": self.parse_commodity,
        }
        if kind not in handlers:
            raise ValueError(f"uk_trade_tariff: {response.url}: unexpected document type {kind!r}")
        reporter = self.document_reporter(response.url, doc)
        yield from handlers[kind](doc, {**self.provenance(response), "reporter": reporter})

    def parse_sections(self, doc: JsonApiDocument, base: dict[str, str]) -> Iterator[scrapy.Request]:
        """The section list links to sections; a single section links to its chapters."""
        if isinstance(doc.data, list):
            for section in doc.data:
                yield self.api_request(f"sections/{section['id']}", base["reporter"])
            return
        for chapter in doc.related(doc.data, "chapters"):
            code = chapter["attributes"]["goods_nomenclature_item_id"][:2]
            yield self.api_request(f"chapters/{code}", base["reporter"])

    def parse_chapter(self, doc: JsonApiDocument, base: dict[str, str]) -> Iterator[scrapy.Request]:
        for heading in doc.related(doc.primary()[0], "headings"):
            code = heading["attributes"]["goods_nomenclature_item_id"][:4]
            yield self.api_request(f"headings/{code}", base["reporter"])

    def parse_heading(self, doc: JsonApiDocument, base: dict[str, str]) -> Iterator[Any]:
        """A heading lists its commodity tree; a declarable heading carries measures itself."""
        heading = doc.primary()[0]
        if heading["attributes"].get("declarable"):
            yield from self.parse_commodity(doc, base)
            return
        for commodity in doc.related(heading, "commodities"):
            item = self.commodity_item(commodity, base)
            yield item
            if item.leaf and item.producline_suffix == DECLARABLE_SUFFIX:
                yield self.api_request(f"commodities/{item.national_code}", base["reporter"])

    def parse_commodity(self, doc: JsonApiDocument, base: dict[str, str]) -> Iterator[Any]:
        """A declarable line: the line itself and every import measure that applies to it."""
        line = doc.primary()[0]
        commodity = self.commodity_item(line, base)
        yield commodity
        for measure in doc.related(line, "import_measures"):
            yield self.measure_item(doc, measure, commodity, base)
        yield from self.partner_groups(doc, base)

    def partner_groups(self, doc: JsonApiDocument, base: dict[str, str]) -> Iterator[PartnerGroupItem]:
        """Every geographical area of the document that has member areas (a group such as 1011 ERGA
        OMNES or 2005 GSP least developed countries): the lookup expands measures on it to its members."""
        for area in doc.of_type("geographical_area"):
            members = [child["id"] for child in doc.related(area, "children_geographical_areas")]
            if members:
                yield PartnerGroupItem(**base, group_id=area["id"], group_name=area["attributes"].get("description"),
                                       members=members)

    def commodity_item(self, obj: JsonObject, base: dict[str, str]) -> CommodityItem:
        attrs = obj["attributes"]
        self.report_unmapped(obj["type"], attrs, COMMODITY_FIELDS)
        parent = attrs.get("parent_sid")
        return CommodityItem(
            **base,
            national_code=attrs["goods_nomenclature_item_id"],
            producline_suffix=attrs.get("producline_suffix") or DECLARABLE_SUFFIX,
            description=attrs.get("description_plain") or attrs["description"],
            number_indents=attrs.get("number_indents"),
            declarable=attrs.get("declarable"),
            leaf=attrs.get("leaf", attrs.get("declarable")),
            goods_nomenclature_sid=str(attrs.get("goods_nomenclature_sid") or obj["id"]),
            parent_sid=None if parent is None else str(parent),
        )

    def measure_item(self, doc: JsonApiDocument, measure: JsonObject, commodity: CommodityItem,
                     base: dict[str, str]) -> TariffMeasureItem:
        attrs = measure["attributes"]
        self.report_unmapped("measure", [*attrs, *measure.get("relationships", {})], MEASURE_FIELDS)
        area = doc.related_one(measure, "geographical_area") or {"id": None, "attributes": {}}
        measure_type = doc.related_one(measure, "measure_type") or {"id": None, "attributes": {}}
        duty = doc.related_one(measure, "duty_expression")
        order_number = doc.related_one(measure, "order_number")
        additional_code = doc.related_one(measure, "additional_code")
        return TariffMeasureItem(
            **base,
            national_code=commodity.national_code,
            producline_suffix=commodity.producline_suffix,
            measure_sid=str(measure["id"]),
            measure_type=measure_type["id"],
            measure_type_description=measure_type["attributes"].get("description"),
            partner=area["id"],
            partner_name=area["attributes"].get("description"),
            duty_text=duty["attributes"]["base"] if duty else "",
            valid_from=attrs.get("effective_start_date"),
            valid_to=attrs.get("effective_end_date"),
            excluded_partners=[area["id"] for area in doc.related(measure, "excluded_countries")],
            order_number=order_number["attributes"]["number"] if order_number else None,
            additional_code=additional_code["attributes"]["code"] if additional_code else None,
            legal_acts=[act["id"] for act in doc.related(measure, "legal_acts")],
            footnotes=[note["id"] for note in doc.related(measure, "footnotes")],
            conditions=[self.condition(obj) for obj in doc.related(measure, "measure_conditions")],
        )

    def condition(self, obj: JsonObject) -> dict[str, str | None]:
        """A measure condition's published texts; its other attributes (the amounts of a threshold
        condition) are counted as unmapped when they carry a value."""
        attrs = obj["attributes"]
        self.report_unmapped("measure_condition", [key for key, value in attrs.items() if value not in (None, "")],
                             frozenset(CONDITION_KEYS))
        return {key: None if attrs.get(key) in (None, "") else str(attrs[key]) for key in CONDITION_KEYS}

