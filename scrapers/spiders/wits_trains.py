"""World Bank WITS / UNCTAD TRAINS: HS6 tariff averages (MFN and preferential) over SDMX 2.1 REST.

One request per reporter x partner x year x product set (registry params), answered in SDMX-JSON
(`format=JSON`): `structure` lists the dimensions and attributes with their codes, `dataSets[0].series`
is keyed by dimension indexes ("0:0:2:0:0") and each observation is an array [value, attribute
indexes...]. Everything is decoded by the structure: dimension and attribute positions come from
their ids, never from fixed offsets, so `tradepoint parse wits_trains FILE` reads any saved answer.

The series key of real WITS answers does not follow the declared dimension order: PRODUCTCODE comes
before PARTNER (mwouts/world_trade_data swaps them for tariffs, issue #3). The key order is therefore
checked against the structure: the declared order when the keys fit it, else the one order of the
dimensions that every key fits (an ambiguous or impossible order is an error, never a guess).

What TRAINS publishes at HS6 is the simple average of the ad valorem rates of the national tariff lines
in the subheading (OBS_VALUE_MEASURE "SimpleAverage"); lines with non ad valorem duties are left out
and counted in NBR_NA_LINES. A subheading none of whose lines is ad valorem gets an empty duty text:
its 0 is no rate. MIN_RATE, MAX_RATE, line counts and the nomenclature go to `footnotes` ("KEY=value").
Partner 000 (World) carries the MFN rate and becomes "ALL"; a country or group partner carries the
preferential rate (the reporter publishes no PTA rate for other partners).

Errors come back as `<wits:error>` XML (HTTP 200 or 4xx, the XML possibly escaped inside a `<string>`
element): every one fails the crawl with the source, URL and WITS message. No SDMX-ML data is read:
no real WITS SDMX-ML answer was found to build against (request `format=JSON`).
Evidence for all of this: scrapers/recorded/wits_trains/README.md and the registry's `evidence`.
"""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import pycountry
import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import CommodityItem, PartnerGroupItem, TariffMeasureItem

DATAFLOW = "DF_WITS_Tariff_TRAINS"
DECLARABLE_SUFFIX = "80"
ALL_PARTNERS = "ALL"
WORLD = "000"  # the WITS partner "World": the MFN rate, open to every origin

MESSAGE_FIELDS = frozenset({"header", "dataSets", "structure"})
MAPPED_DIMENSIONS = frozenset({"FREQ", "REPORTER", "PARTNER", "PRODUCTCODE", "DATATYPE", "TIME_PERIOD"})
TARIFF_TYPE = "TARIFFTYPE"
# Attributes carried into `footnotes` as "ID=value", in the structure's order.
FOOTNOTE_ATTRIBUTES = frozenset({
    "DATASOURCE", "NOMENCODE", "EXCLUDEDFROM", "SUM_OF_RATES", "MIN_RATE", "MAX_RATE", "TOTALNOOFLINES",
    "NBR_PREF_LINES", "NBR_MFN_LINES", "NBR_NA_LINES", "OBS_VALUE_MEASURE",
})
MAPPED_ATTRIBUTES = FOOTNOTE_ATTRIBUTES | {TARIFF_TYPE}
# 4xx answers carry a <wits:error> body worth reading (WITS-API user guide v1.2: HTTP status codes on errors).
ERROR_STATUSES = [400, 404, 413, 500, 503]
MAX_KEY_DIMENSIONS = 8  # the key order is searched over permutations


# ---------------------------------------------------------------------------------------------------
# <wits:error> answers


@dataclass(frozen=True)
class WitsError:
    """One `<wits:message>` of a `<wits:error>` answer."""

    message: str
    id: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        code = " ".join(part for part in (self.id and f"id={self.id}", self.key and f"key={self.key!r}") if part)
        return f"{self.message} ({code})" if code else self.message


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def wits_errors(body: bytes) -> list[WitsError] | None:
    """The messages of a `<wits:error>` answer (the XML as it is, or escaped inside `<string>`), or None
    when the body is not one."""
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if "wits:error" not in text:
        return None
    if not text.startswith("<"):
        return None  # a JSON document that happens to contain the words
    try:
        root = ET.fromstring(text)
        if _local(root.tag) == "string":  # the service wraps its XML as an escaped string
            root = ET.fromstring((root.text or "").strip())
    except ET.ParseError:
        root = None
    if root is not None and _local(root.tag) == "error":
        found = [WitsError(" ".join("".join(el.itertext()).split()), el.get("id"), el.get("key"))
                 for el in root.iter() if _local(el.tag) == "message"]
        return found or [WitsError(" ".join("".join(root.itertext()).split()) or "(no message)")]
    # not well-formed: read the messages off the text
    plain = unescape(text)
    found = [WitsError(" ".join(m.group(2).split()), *_id_key(m.group(1)))
             for m in re.finditer(r"<wits:message([^>]*)>(.*?)</wits:message>", plain, re.S)]
    return found or [WitsError(" ".join(re.sub(r"<[^>]+>", " ", plain).split()) or "(no message)")]


def _id_key(attributes: str) -> tuple[str | None, str | None]:
    values = dict(re.findall(r'(\w+)="([^"]*)"', attributes))
    return values.get("id"), values.get("key")


# ---------------------------------------------------------------------------------------------------
# SDMX-JSON decoding by structure


@dataclass(frozen=True)
class Component:
    """A dimension or attribute of the structure, with its codes (`values`: dicts with id, name, ...)."""

    id: str
    name: str | None
    values: Sequence[dict[str, Any]]

    @classmethod
    def from_json(cls, obj: Any, where: str) -> Component:
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            raise ValueError(f"{where}: a component without an id: {str(obj)[:80]}")
        values = obj.get("values") or []
        if not isinstance(values, list):
            raise ValueError(f"{where}: {obj['id']}: `values` is not a list")
        return cls(obj["id"], obj.get("name"), values)

    def value(self, index: Any, where: str) -> dict[str, Any] | None:
        """The code at `index` (None stays None: the attribute is not set)."""
        if index is None:
            return None
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.values):
            raise ValueError(f"{where}: {self.id}: index {index!r} outside its {len(self.values)} values")
        return self.values[index]


@dataclass
class Observation:
    """One observation with every dimension and attribute resolved to its code."""

    value: Any
    dimensions: dict[str, dict[str, Any]]
    attributes: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    attribute_order: list[str] = field(default_factory=list)


def ordered_dimensions(raw: Any, where: str) -> list[Component]:
    """Dimensions in key order: by `keyPosition` (relative), list order where it is missing."""
    items = raw or []
    if not isinstance(items, list):
        raise ValueError(f"{where} is not a list")
    ranked = sorted(enumerate(items), key=lambda pair: (
        pair[1].get("keyPosition") if isinstance(pair[1], dict) and isinstance(pair[1].get("keyPosition"), int)
        else pair[0], pair[0]))
    return [Component.from_json(obj, where) for _, obj in ranked]


def _equivalent(one: Sequence[Component], other: Sequence[Component]) -> bool:
    """Two key orders decode every key alike when the dimensions they place differently have one value."""
    return all(a is b or (len(a.values) == 1 and len(b.values) == 1) for a, b in zip(one, other, strict=True))


def resolve_key_order(declared: list[Component], keys: Iterable[str], where: str) -> tuple[list[Component], bool]:
    """The dimension order the keys follow: the declared one when every key fits it, else the only order
    (up to dimensions with one value) that every key fits. Returns (order, follows the declaration)."""
    parsed: list[list[int]] = []
    for key in keys:
        try:
            parts = [int(part) for part in key.split(":")] if key != "" else []
        except ValueError as err:
            raise ValueError(f"{where}: key {key!r} is not made of indexes") from err
        if len(parts) != len(declared):
            raise ValueError(f"{where}: key {key!r} has {len(parts)} parts for {len(declared)} dimensions "
                             f"({', '.join(d.id for d in declared)})")
        parsed.append(parts)
    if not parsed or not declared:
        return declared, True
    highest = [max(parts[i] for parts in parsed) for i in range(len(declared))]

    def fits(order: Sequence[Component]) -> bool:
        return all(0 <= high < len(dim.values) for high, dim in zip(highest, order, strict=True))

    if len(declared) > MAX_KEY_DIMENSIONS:
        if fits(declared):
            return declared, True
        raise ValueError(f"{where}: keys do not fit the declared dimensions")
    classes: list[list[Component]] = []
    for order in itertools.permutations(declared):
        if fits(order) and not any(_equivalent(order, known) for known in classes):
            classes.append(list(order))
    if not classes:
        raise ValueError(f"{where}: the keys fit no order of the dimensions "
                         f"({', '.join(f'{d.id}:{len(d.values)}' for d in declared)}; highest indexes {highest})")
    if len(classes) > 1:
        raise ValueError(f"{where}: the keys fit several orders of the dimensions "
                         f"({' | '.join(','.join(d.id for d in order) for order in classes)}): ambiguous")
    return classes[0], _equivalent(classes[0], declared)


class SdmxJsonData:
    """An SDMX-JSON data message (the WITS generation: `dataSets` + `structure`), decoded by its structure."""

    def __init__(self, doc: Any, where: str) -> None:
        if not isinstance(doc, dict) or not isinstance(doc.get("structure"), dict):
            raise ValueError(f"{where}: not an SDMX-JSON data message (no `structure`)")
        self.where = where
        self.doc = doc
        structure = doc["structure"]
        dims = structure.get("dimensions") or {}
        attrs = structure.get("attributes") or {}
        self.dataset_dimensions = [Component.from_json(o, f"{where}: dimensions.dataset")
                                   for o in dims.get("dataset") or []]
        self.series_dimensions = ordered_dimensions(dims.get("series"), f"{where}: dimensions.series")
        self.observation_dimensions = ordered_dimensions(dims.get("observation"), f"{where}: dimensions.observation")
        self.dataset_attributes = [Component.from_json(o, f"{where}: attributes.dataset")
                                   for o in attrs.get("dataset") or []]
        self.series_attributes = [Component.from_json(o, f"{where}: attributes.series")
                                  for o in attrs.get("series") or []]
        self.observation_attributes = [Component.from_json(o, f"{where}: attributes.observation")
                                       for o in attrs.get("observation") or []]
        data_sets = doc.get("dataSets") or []
        if not isinstance(data_sets, list):
            raise ValueError(f"{where}: `dataSets` is not a list")
        self.data_sets = data_sets
        self.key_order_as_declared = True

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in (*self.dataset_dimensions, *self.series_dimensions, *self.observation_dimensions)]

    @property
    def attribute_ids(self) -> list[str]:
        return [a.id for a in (*self.dataset_attributes, *self.series_attributes, *self.observation_attributes)]

    def observations(self) -> Iterator[Observation]:
        for number, data_set in enumerate(self.data_sets):
            yield from self._data_set(data_set, f"{self.where}: dataSets[{number}]")

    def _data_set(self, data_set: Any, where: str) -> Iterator[Observation]:
        if not isinstance(data_set, dict):
            raise ValueError(f"{where} is not an object")
        if "observations" in data_set and "series" not in data_set:
            raise ValueError(f"{where}: flat observations (dimensionAtObservation=AllDimensions) are not read")
        series = data_set.get("series") or {}
        if not isinstance(series, dict):
            raise ValueError(f"{where}: `series` is not an object")
        order, as_declared = resolve_key_order(self.series_dimensions, series, f"{where}: series")
        self.key_order_as_declared &= as_declared
        fixed_dims = {d.id: self._only_value(d, where) for d in self.dataset_dimensions}
        fixed_attrs = self._attributes(self.dataset_attributes, data_set.get("attributes"), f"{where}: attributes")
        for key, entry in series.items():
            if not isinstance(entry, dict):
                raise ValueError(f"{where}: series {key!r} is not an object")
            indexes = [int(part) for part in key.split(":")] if key != "" else []
            dims = dict(fixed_dims)
            for dim, index in zip(order, indexes, strict=True):
                dims[dim.id] = dim.value(index, f"{where}: series {key!r}") or {}
            attrs = {**fixed_attrs, **self._attributes(self.series_attributes, entry.get("attributes"),
                                                       f"{where}: series {key!r} attributes")}
            observations = entry.get("observations") or {}
            if not isinstance(observations, dict):
                raise ValueError(f"{where}: series {key!r}: `observations` is not an object")
            obs_order, obs_declared = resolve_key_order(self.observation_dimensions, observations,
                                                        f"{where}: series {key!r} observations")
            self.key_order_as_declared &= obs_declared
            for obs_key, values in observations.items():
                yield self._observation(obs_key, values, obs_order, dims, attrs, f"{where}: series {key!r}")

    def _observation(self, obs_key: str, values: Any, order: list[Component], dims: dict[str, dict[str, Any]],
                     attrs: dict[str, dict[str, Any] | None], where: str) -> Observation:
        if not isinstance(values, list):
            values = [values]
        here = f"{where} observation {obs_key!r}"
        obs_dims = dict(dims)
        indexes = [int(part) for part in obs_key.split(":")] if obs_key != "" else []
        for dim, index in zip(order, indexes, strict=True):
            obs_dims[dim.id] = dim.value(index, here) or {}
        obs_attrs = {**attrs, **self._attributes(self.observation_attributes, values[1:], here)}
        return Observation(values[0] if values else None, obs_dims, obs_attrs, self.attribute_ids)

    @staticmethod
    def _attributes(components: list[Component], indexes: Any, where: str) -> dict[str, dict[str, Any] | None]:
        indexes = indexes or []
        if not isinstance(indexes, list):
            raise ValueError(f"{where}: attribute indexes are not a list")
        if len(indexes) > len(components):
            raise ValueError(f"{where}: {len(indexes)} attribute indexes for {len(components)} attributes")
        padded = [*indexes, *[None] * (len(components) - len(indexes))]  # trailing unset ones may be left out
        return {c.id: c.value(i, where) for c, i in zip(components, padded, strict=True)}

    @staticmethod
    def _only_value(dim: Component, where: str) -> dict[str, Any]:
        if len(dim.values) != 1:
            raise ValueError(f"{where}: dataset-level dimension {dim.id} has {len(dim.values)} values, not 1")
        return dim.values[0]


# ---------------------------------------------------------------------------------------------------
# The spider


def code_of(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    code = value.get("id")
    return None if code is None else str(code)


def rate_text(value: Any) -> str:
    """The published simple average as a percentage: 0 → "0%", 6.0 → "6%", 10.8000001907349 → as is."""
    number = float(value)
    if number.is_integer():
        return f"{int(number)}%"
    return f"{number!r}%"


def as_number(value: dict[str, Any] | None) -> float | None:
    try:
        return float(code_of(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def validity(period: dict[str, Any], where: str) -> tuple[str, str, str]:
    """(year, valid_from, valid_to) of a TIME_PERIOD code: its `start`/`end` where the structure gives them
    ("2017-01-01T00:00:00"), else the calendar year of a 4-digit id."""
    year = code_of(period) or ""
    start, end = period.get("start"), period.get("end")
    if isinstance(start, str) and isinstance(end, str) and len(start) >= 10 and len(end) >= 10:
        return year, start[:10], end[:10]
    if re.fullmatch(r"\d{4}", year):
        return year, f"{year}-01-01", f"{year}-12-31"
    raise ValueError(f"{where}: TIME_PERIOD {period!r} is neither a year nor has start and end")


class WitsTrainsSpider(TradePointSpider):
    """Crawls TRAINS HS6 tariff averages of the reporters, partners, years and product sets in the registry."""

    name = "wits_trains"
    handle_httpstatus_list = ERROR_STATUSES

    def __init__(self, reporters: str | None = None, years: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.endpoint: str = params["endpoint"]
        self.frequency: str = str(params.get("frequency", "A"))
        self.datatype: str = str(params.get("datatype", "reported"))
        self.request_timeout = int(params.get("download_timeout", 600))
        partners_of = {str(rep): [str(p) for p in partners] for rep, partners in params["reporters"].items()}
        if reporters:
            wanted = [code.strip() for code in reporters.split(",") if code.strip()]
            unknown = [code for code in wanted if code not in partners_of]
            if unknown:
                raise ValueError(f"wits_trains: reporters {unknown} are not in params.reporters {sorted(partners_of)}")
            partners_of = {code: partners_of[code] for code in wanted}
        self.partners_of = partners_of
        self.years = [str(y) for y in (years.split(",") if years else params["years"])]
        self.product_sets: dict[str, list[str]] = {str(name): [str(code) for code in codes]
                                                   for name, codes in params["product_sets"].items()}
        self.country_codes: dict[str, str] = {WORLD: ALL_PARTNERS, **{str(k): str(v) for k, v in
                                                                      (params.get("country_codes") or {}).items()}}
        self.partner_groups: dict[str, dict[str, Any]] = {str(k): v for k, v in
                                                          (params.get("partner_groups") or {}).items()}
        self._logged_key_order = False

    async def start(self) -> Any:
        for reporter, partners in self.partners_of.items():
            for year in self.years:
                for partner in partners:
                    for name, products in self.product_sets.items():
                        yield scrapy.Request(self.data_url(reporter, partner, products, year), callback=self.parse,
                                             meta={"download_timeout": self.request_timeout,
                                                   "partition": f"{reporter}/{partner}/{year}/{name}"})

    def data_url(self, reporter: str, partner: str, products: Sequence[str], year: str) -> str:
        """`{endpoint}{FREQ}.{REPORTER}.{PARTNER}.{PRODUCT+PRODUCT...}.{DATATYPE}/?startperiod=&endperiod=&format=JSON`
        (the trailing slash is required by WITS)."""
        key = ".".join([self.frequency, reporter, partner, "+".join(products), self.datatype])
        return f"{self.endpoint}{key}/?startperiod={year}&endperiod={year}&format=JSON"

    # -- parsing ------------------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """One answer of the data endpoint: its commodities, measures and the partner groups they name."""
        message = self.read_message(response)
        self.report_unmapped("message", message.doc, MESSAGE_FIELDS)
        self.report_unmapped("dimension", message.dimension_ids, MAPPED_DIMENSIONS)
        self.report_unmapped("attribute", message.attribute_ids, MAPPED_ATTRIBUTES)
        base = self.provenance(response)
        lines: set[tuple[str, str]] = set()
        groups: set[tuple[str, str]] = set()
        for obs in message.observations():
            items = self.observation_items(obs, base, response.url)
            if items is None:
                continue
            commodity, measure = items
            if (commodity.reporter, commodity.national_code) not in lines:
                lines.add((commodity.reporter, commodity.national_code))
                yield commodity
            yield measure
            partner_code = code_of(obs.dimensions.get("PARTNER")) or ""
            if partner_code in self.partner_groups and (commodity.reporter, partner_code) not in groups:
                groups.add((commodity.reporter, partner_code))
                yield self.partner_group(commodity.reporter, partner_code, base)
        if not message.key_order_as_declared:
            self.count("series_key_order_not_as_declared")
            if not self._logged_key_order:
                self._logged_key_order = True
                self.logger.info("%s: series keys do not follow the declared dimension order; "
                                 "decoded in the order they fit (a known WITS trait)", response.url)

    def read_message(self, response: Response) -> SdmxJsonData:
        """The decoded SDMX-JSON message, or a clear error: a `<wits:error>` answer, another HTTP error,
        SDMX-ML, or not JSON."""
        errors = wits_errors(response.body)
        if errors is not None:
            self.count("wits_errors")
            raise ValueError(f"wits_trains: {response.url}: WITS answered an error (HTTP {response.status}): "
                             + "; ".join(str(error) for error in errors))
        head = response.body.lstrip(b"\xef\xbb\xbf \t\r\n")[:60]
        if response.status >= 400:
            raise ValueError(f"wits_trains: {response.url}: HTTP {response.status} (starts {head!r})")
        if head.startswith(b"<"):
            raise ValueError(f"wits_trains: {response.url}: an XML answer (SDMX-ML?) is not read; "
                             f"request format=JSON (starts {head!r})")
        try:
            doc = json.loads(response.body)
        except json.JSONDecodeError as err:
            raise ValueError(f"wits_trains: {response.url}: response is not JSON: {err}") from err
        header = doc.get("header") if isinstance(doc, dict) else None
        dataflow = header.get("id") if isinstance(header, dict) else None
        if dataflow is not None and dataflow != DATAFLOW:
            raise ValueError(f"wits_trains: {response.url}: an answer of the dataflow {dataflow!r}, not {DATAFLOW}")
        return SdmxJsonData(doc, f"wits_trains: {response.url}")

    def observation_items(self, obs: Observation, base: dict[str, str],
                          url: str) -> tuple[CommodityItem, TariffMeasureItem] | None:
        dims = obs.dimensions
        missing = sorted({"REPORTER", "PARTNER", "PRODUCTCODE", "TIME_PERIOD"} - dims.keys())
        if missing:
            raise ValueError(f"wits_trains: {url}: the structure lacks the dimensions {missing}")
        if obs.value is None or isinstance(obs.value, bool) or as_number({"id": obs.value}) is None:
            self.count("observations_without_value")
            return None
        reporter_code = code_of(dims["REPORTER"]) or ""
        partner_code = code_of(dims["PARTNER"]) or ""
        product = code_of(dims["PRODUCTCODE"]) or ""
        year, valid_from, valid_to = validity(dims["TIME_PERIOD"], f"wits_trains: {url}")
        datatype = code_of(dims.get("DATATYPE")) or self.datatype
        reporter = self.country(reporter_code)
        partner = self.country(partner_code)
        attrs = obs.attributes
        tariff = attrs.get(TARIFF_TYPE)
        tariff_type = code_of(tariff)
        if tariff_type is None:
            self.count("observations_without_tarifftype")
        total, not_ad_valorem = as_number(attrs.get("TOTALNOOFLINES")), as_number(attrs.get("NBR_NA_LINES"))
        no_ad_valorem_line = total is not None and not_ad_valorem is not None and not_ad_valorem >= total
        if no_ad_valorem_line:
            self.count("observations_without_ad_valorem_line")
        if total is None:  # the real answer has some with an empty TOTALNOOFLINES: the value stays as published
            self.count("observations_without_line_counts")
        footnotes = [f"{attr_id}={code_of(attrs[attr_id])}" for attr_id in obs.attribute_order
                     if attr_id in FOOTNOTE_ATTRIBUTES and code_of(attrs.get(attr_id)) not in (None, "")]
        description = str(dims["PRODUCTCODE"].get("name") or product).strip()
        commodity = CommodityItem(
            **base, reporter=reporter, national_code=product, producline_suffix=DECLARABLE_SUFFIX,
            description=description, number_indents=None, declarable=True, leaf=True,
            goods_nomenclature_sid=product, parent_sid=None,
        )
        measure = TariffMeasureItem(
            **base, reporter=reporter, national_code=product, producline_suffix=DECLARABLE_SUFFIX,
            measure_sid=f"{year}:{partner_code}:{tariff_type}:{datatype}",
            measure_type=tariff_type,  # type: ignore[arg-type]  # None: quarantined by the checks
            measure_type_description=tariff.get("name") if tariff else None,
            partner=partner, partner_name=dims["PARTNER"].get("name"),
            duty_text="" if no_ad_valorem_line else rate_text(obs.value),
            valid_from=valid_from, valid_to=valid_to, footnotes=footnotes,
        )
        return commodity, measure

    def country(self, code: str) -> str:
        """ISO-2 of a WITS numeric country code; WITS codes outside ISO 3166-1 from params.country_codes
        (000 World → "ALL", 918 European Union → "EU"); group codes ("A10") stay as published."""
        if code in self.country_codes:
            return self.country_codes[code]
        if code.isdigit():
            country = pycountry.countries.get(numeric=code.zfill(3))
            if country is not None:
                return country.alpha_2
            self.count(f"unmapped_country_code/{code}")
        return code

    def partner_group(self, reporter: str, group_id: str, base: dict[str, str]) -> PartnerGroupItem:
        """A preference group as params.partner_groups lists it (from TRAINS preference beneficiaries)."""
        group = self.partner_groups[group_id]
        return PartnerGroupItem(**base, reporter=reporter, group_id=group_id, group_name=group.get("name"),
                                members=[self.country(str(member)) for member in group.get("members") or []])

    def count(self, key: str) -> None:
        stats = self.crawler.stats if hasattr(self, "crawler") else None
        if stats is not None:
            stats.inc_value(f"wits_trains/{key}")
