"""schema.org Event / ExhibitionEvent markup on trade-fair organisers' pages: JSON-LD, microdata and RDFa.

One generic spider for every site in the registry's `params.sites`. It starts at each site's listing page,
follows `link[rel~=next]` / `a[rel~=next]` and the site's own `follow` CSS selector (event links, pagination
anchors without rel) to pages on the site's hosts, and maps every Event-typed node of every page it reaches
(types in `params.event_types`, also inside `@graph`, `@type` lists, nested values and `subEvent`). `parse`
reads any page of any site, so `tradepoint parse schema_org_events PAGE.html --url URL` works on one page.

Markup is read with extruct 0.18, one syntax at a time, because its all-in-one `extract` loses data:
- JSON-LD block by block: one broken block would drop the page's whole "json-ld" result, so each block is
  parsed on its own and a broken one is logged with the URL and the reason (stats `invalid/json_ld_block`);
- microdata in extruct's uniform shape (`@type`, properties at top level; `itemid` comes back as `id`);
- RDFa comes back as expanded JSON-LD (full IRIs, `[{"@value": ..}]` lists, linked blank nodes), which is
  compacted here. pyRdfa reads a `<time datetime>` as its text, against the HTML+RDFa rule that `@datetime`
  is the value (https://www.w3.org/TR/rdfa-in-html/#additional-rules), so `@datetime` is copied to
  `@content` before extraction.
The same event in two syntaxes of one page (same name, start and URL) is yielded once (stats `duplicate/..`).

Mapping decisions (the item has no field for what is counted as unmapped):
- `record_id`: the node's `@id`; else its `url` (or the page URL) + "#" + name, without the start date so
  that a rescheduled event keeps its id; events of one page sharing that id get "@" + start appended.
- `subEvent`: every child Event is a record of its own, with its own id; the link to the parent is not kept.
- `start`/`end`: `startDate`/`endDate` as published (date-only stays date-only, offsets kept; `endDate` is
  inclusive already); a value that is not ISO 8601 goes to `date_text` instead. `previousStartDate` is
  counted as unmapped: a rescheduled or postponed event keeps the `startDate` it publishes.
- `status`: `eventStatus` as published (full IRI or bare "EventRescheduled"). `eventAttendanceMode` is
  neither a status nor a type: counted as unmapped, and a VirtualLocation is never a venue.
- `location`: the first physical one (Place with a PostalAddress or a text address, a bare PostalAddress,
  or plain text as the venue); `organiser`: the organizers' names joined by "; ";
  `sectors`: `keywords` (comma-separated text, a list, DefinedTerms) then the names of `about` topics.
Run with `-a event_types=Event,MusicEvent` to collect other types than `params.event_types`.
Spec: https://schema.org/Event, https://developers.google.com/search/docs/appearance/structured-data/event.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urldefrag, urlparse

import extruct
import scrapy
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html, parse_xmldom_html
from lxml.etree import ParserError
from scrapy.http import Response, TextResponse
from w3lib.html import remove_tags

from scrapers.base import TradePointSpider
from scrapers.items import TradeFairItem

Node = dict[str, Any]

# How the vocabulary is written in each syntax: full IRIs (RDFa, microdata itemtype) or a compact IRI.
SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")
# ISO 8601 as schema.org Date / DateTime: date-only, local time, or with Z / an offset.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?")
BLOCK_BREAKS = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6])>", re.IGNORECASE)
JSONLD_SCRIPTS = '//script[@type="application/ld+json"]'
NEXT_LINKS = "link[rel~=next], a[rel~=next]"
SITE_KEYS = frozenset({"name", "start_url", "publisher", "terms_url", "follow", "domains"})

EVENT_FIELDS = frozenset({
    "@context", "@type", "@id", "name", "startDate", "endDate", "eventStatus", "location", "organizer", "url",
    "description", "keywords", "about", "subEvent",
})
PLACE_FIELDS = frozenset({"@context", "@type", "@id", "name", "address"})
ADDRESS_FIELDS = frozenset({
    "@context", "@type", "@id", "streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry",
})
ORGANIZER_FIELDS = frozenset({"@context", "@type", "@id", "name"})
TYPE_FIELDS = frozenset({"@context", "@type", "@id"})


@dataclass(frozen=True)
class Site:
    """One organiser site of `params.sites`: where to start, what to follow, which hosts belong to it."""

    name: str
    start_url: str
    publisher: str
    terms_url: str
    follow: str = ""  # CSS selector of further links to follow (event pages, pagination without rel=next)
    domains: tuple[str, ...] = ()  # hosts besides the start URL's that the site's event pages live on

    @classmethod
    def from_params(cls, entry: dict[str, Any]) -> Site:
        """Validate one registry entry, naming it in the error."""
        missing = sorted(key for key in ("name", "start_url", "publisher", "terms_url") if not entry.get(key))
        unknown = sorted(set(entry) - SITE_KEYS)
        if missing or unknown:
            raise ValueError(f"schema_org_events: site {entry.get('name')!r}: missing {missing}, unknown {unknown}")
        return cls(**{**entry, "domains": tuple(entry.get("domains", ()))})

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({urlparse(self.start_url).hostname or "", *self.domains})


class SchemaOrgEventsSpider(TradePointSpider):
    """Crawls organisers' listing and event pages and yields one TradeFairItem per Event node."""

    name = "schema_org_events"

    def __init__(self, event_types: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.sites = [Site.from_params(entry) for entry in params["sites"]]
        hosts = [host for site in self.sites for host in site.hosts]
        if len(hosts) != len(set(hosts)):
            raise ValueError(f"schema_org_events: a host belongs to two sites in params.sites: {sorted(hosts)}")
        self.event_types = frozenset(event_types.split(",") if event_types else params["event_types"])

    async def start(self) -> Any:
        for site in self.sites:
            yield scrapy.Request(site.start_url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any page of any site: its events (every syntax), then the links to follow."""
        tree = html_tree(response)
        site = self.site_for(response.url)
        base = {**self.provenance(response), "feed": site.name if site else None}
        yield from with_unique_ids(self.page_events(response, tree, base))
        if site is not None:
            yield from self.follow(response, site)

    def page_events(self, response: Response, tree: Any, base: dict[str, Any]) -> list[TradeFairItem]:
        """One item per event node; the same event repeated in another syntax of the page is counted once."""
        items: list[TradeFairItem] = []
        seen: set[tuple[str, str | None, str | None]] = set()
        for syntax, nodes in self.page_markup(response, tree):
            index = id_index(nodes)
            for node in walk(nodes):
                if not self.is_event(node):
                    continue
                item = self.event_item(node, index, response, base)
                if (item.name, item.start, item.url) in seen:
                    self.count(f"duplicate/{syntax}")
                    continue
                seen.add((item.name, item.start, item.url))
                items.append(item)
        return items

    def site_for(self, url: str) -> Site | None:
        host = urlparse(url).hostname
        return next((site for site in self.sites if host in site.hosts), None)

    def follow(self, response: Response, site: Site) -> Iterator[scrapy.Request]:
        """Next pages and the site's configured links, on the site's own hosts only."""
        selector = ", ".join(filter(None, [NEXT_LINKS, site.follow]))
        for href in response.css(selector).xpath("@href").getall():
            url = urldefrag(response.urljoin(href.strip())).url
            if urlparse(url).hostname in site.hosts:
                yield scrapy.Request(url, callback=self.parse)

    # --- markup --------------------------------------------------------------------------------------

    def page_markup(self, response: Response, tree: Any) -> Iterator[tuple[str, list[Node]]]:
        """The page's schema.org nodes per syntax; a syntax extruct cannot read is logged, the others kept."""
        yield "json-ld", self.jsonld_nodes(tree, response.url)
        for syntax, extract in (("microdata", microdata_nodes), ("rdfa", rdfa_nodes)):
            try:
                yield syntax, extract(response)
            except Exception as err:  # pyRdfa/lxml errors have no common base; one syntax must not sink the page
                self.invalid(syntax, f"{response.url}: {syntax} markup skipped: {err!r}")

    def jsonld_nodes(self, tree: Any, url: str) -> list[Node]:
        """Every JSON-LD node, block by block (top-level arrays and `@graph` members are separate nodes)."""
        extractor = JsonLdExtractor()
        nodes: list[Node] = []
        for number, script in enumerate(tree.xpath(JSONLD_SCRIPTS), start=1):
            try:
                items = extractor.extract_items(script)
            except ValueError as err:
                self.invalid("json_ld_block", f"{url}: JSON-LD block {number} skipped: {err}")
                continue
            for item in items:
                graph = item.get("@graph") if isinstance(item, dict) else None
                nodes.extend(node for node in as_list(graph if graph is not None else item) if isinstance(node, dict))
        return nodes

    def is_event(self, node: Node) -> bool:
        node_types = types(node)
        if not self.event_types.isdisjoint(node_types):
            return True
        if "startDate" in node:  # an event-like node of a type this source does not collect
            self.count(f"skipped_type/{node_types[0] if node_types else 'untyped'}")
        return False

    # --- mapping -------------------------------------------------------------------------------------

    def event_item(self, node: Node, index: dict[str, Node], response: Response, base: dict[str, Any]) -> TradeFairItem:
        self.report_unmapped("Event", node, EVENT_FIELDS)
        name = clean(text(node.get("name")))
        start_text, end_text = text(node.get("startDate")), text(node.get("endDate"))
        start, end = iso(start_text), iso(end_text)
        link = text(node.get("url"))
        url = response.urljoin(link) if link else response.url
        return TradeFairItem(
            **base,
            record_id=record_id(node, response, url, name or start),
            name=name or "",
            start=start,
            end=end,  # schema.org endDate is inclusive: kept as published
            all_day=None if start is None else "T" not in start,
            date_text=" – ".join(t for t, parsed in ((start_text, start), (end_text, end)) if t and not parsed) or None,
            status=text(node.get("eventStatus")),
            event_type=", ".join(types(node)) or None,
            **self.place_fields(node.get("location"), index),
            organiser=self.organiser(node.get("organizer"), index),
            sectors=sectors(node, index),
            url=url,
            description=plain_text(text(node.get("description"))),
        )

    def place_fields(self, location: Any, index: dict[str, Node]) -> dict[str, str | None]:
        """Venue and address of the first physical location (a Place, a PostalAddress or plain text)."""
        places = [deref(value, index) for value in as_list(location)]
        physical = []
        for place in places:
            if isinstance(place, dict) and "VirtualLocation" in types(place):
                self.report_unmapped("VirtualLocation", place, TYPE_FIELDS)
            elif place:
                physical.append(place)
        if len(physical) > 1:
            self.count("unmapped/Event/location[further]")
        if not physical:
            return {}
        place = physical[0]
        if not isinstance(place, dict):
            return {"venue": clean(text(place))}
        if "PostalAddress" in types(place):
            return self.address_fields(place, index)
        self.report_unmapped("Place", place, PLACE_FIELDS)
        return {"venue": clean(text(place.get("name"))), **self.address_fields(place.get("address"), index)}

    def address_fields(self, address: Any, index: dict[str, Node]) -> dict[str, str | None]:
        """A PostalAddress field by field; a plain-text address is kept whole in `address`."""
        address = deref(first(address), index)
        if not isinstance(address, dict):
            return {"address": clean(text(address))} if address else {}
        self.report_unmapped("PostalAddress", address, ADDRESS_FIELDS)
        country = deref(first(address.get("addressCountry")), index)  # a code, a name or a Country object
        return {
            "address": clean(text(address.get("streetAddress"))),
            "city": clean(text(address.get("addressLocality"))),
            "region": clean(text(address.get("addressRegion"))),
            "postal_code": clean(text(address.get("postalCode"))),
            "country": clean(text(country.get("name") if isinstance(country, dict) else country)),
        }

    def organiser(self, value: Any, index: dict[str, Node]) -> str | None:
        names = []
        for organizer in as_list(value):
            organizer = deref(organizer, index)
            if isinstance(organizer, dict):
                self.report_unmapped("Organization", organizer, ORGANIZER_FIELDS)
                organizer = organizer.get("name")
            if name := clean(text(organizer)):
                names.append(name)
        return "; ".join(names) or None

    # --- bookkeeping ---------------------------------------------------------------------------------

    def count(self, key: str) -> None:
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def invalid(self, reason: str, message: str) -> None:
        """Markup that cannot become an item: logged with the URL and reason, and counted."""
        self.logger.warning("schema_org_events: %s", message)
        self.count(f"invalid/{reason}")


def html_tree(response: Response) -> Any:
    """The page as an lxml tree, or a clear error for a response that is not an HTML page."""
    if not isinstance(response, TextResponse):
        raise ValueError(f"schema_org_events: {response.url}: not an HTML page")
    try:
        return parse_html(response.body, encoding=response.encoding)
    except ParserError as err:
        raise ValueError(f"schema_org_events: {response.url}: not an HTML page ({err})") from err


def microdata_nodes(response: Response) -> list[Node]:
    """Microdata items in extruct's uniform shape, with `itemid` as `@id` like the other syntaxes."""
    tree = parse_html(response.body, encoding=response.encoding)
    items = extruct.extract(tree, base_url=response.url, syntaxes=["microdata"], uniform=True)["microdata"]
    return [itemid_as_id(item) for item in items]


def itemid_as_id(value: Any) -> Any:
    if isinstance(value, list):
        return [itemid_as_id(child) for child in value]
    if not isinstance(value, dict):
        return value
    node = {key: itemid_as_id(child) for key, child in value.items()}
    if "@type" in node and "id" in node:
        node["@id"] = node.pop("id")
    return node


def rdfa_nodes(response: Response) -> list[Node]:
    """RDFa nodes compacted to short property names, `@value`s unwrapped, links kept as `{"@id": ..}`."""
    tree = parse_xmldom_html(response.body, encoding=response.encoding)
    if not tree.xpath("//*[@typeof]"):
        return []  # no RDFa-typed node, so no Event: spare pyRdfa the page
    for time in tree.xpath("//time[@property][@datetime][not(@content)]"):
        time.set("content", time.get("datetime"))
    expanded = extruct.extract(tree, base_url=response.url, syntaxes=["rdfa"])["rdfa"]
    return [compact_rdfa(node) for node in expanded]


def compact_rdfa(node: Node) -> Node:
    compact: Node = {}
    for key, values in node.items():
        if key in ("@id", "@type"):
            compact[key] = values
            continue
        plain = [value.get("@value", value) for value in values]
        compact[local_name(key)] = plain[0] if len(plain) == 1 else plain
    return compact


# --- helpers on schema.org nodes (plain dicts, whatever the syntax) -----------------------------------

def local_name(term: str) -> str:
    """"https://schema.org/ExhibitionEvent", "schema:ExhibitionEvent" → "ExhibitionEvent"."""
    for prefix in SCHEMA_PREFIXES:
        if term.startswith(prefix):
            return term[len(prefix):]
    return term


def types(node: Node) -> list[str]:
    return [local_name(str(value)) for value in as_list(node.get("@type"))]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def first(value: Any) -> Any:
    values = as_list(value)
    return values[0] if values else None


def walk(value: Any) -> Iterator[Node]:
    """Every dict in document order, nested ones included (subEvent, @graph members, ItemList items)."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child)


def id_index(nodes: Iterable[Node]) -> dict[str, Node]:
    """Nodes by `@id`, so a reference `{"@id": ..}` (JSON-LD @graph, RDFa) can be followed."""
    index: dict[str, Node] = {}
    for node in walk(list(nodes)):
        if isinstance(node.get("@id"), str) and set(node) - {"@id"}:
            index.setdefault(node["@id"], node)
    return index


def deref(value: Any, index: dict[str, Node]) -> Any:
    """The node a bare reference points to (the reference itself if it is not on the page)."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        return index.get(value["@id"], value)
    return value


def text(value: Any) -> str | None:
    """A property value as text: the first non-empty of a list, an `@value`, a name, or an `@id`."""
    if isinstance(value, list):
        return next((found for child in value if (found := text(child))), None)
    if isinstance(value, dict):
        key = next((key for key in ("@value", "name", "@id") if key in value), None)
        return text(value[key]) if key else None
    if value is None or isinstance(value, bool):
        return None
    return str(value).strip() or None


def clean(value: str | None) -> str | None:
    """HTML text with its insignificant whitespace collapsed."""
    return " ".join(value.split()) or None if value else None


def plain_text(value: str | None) -> str | None:
    """HTML (some CMSs put it in JSON-LD descriptions) as plain text; paragraphs and line breaks become newlines."""
    if not value:
        return None
    return html.unescape(remove_tags(BLOCK_BREAKS.sub("\n", value))).strip() or None


def iso(value: str | None) -> str | None:
    """The value if it is an ISO 8601 date or date-time as schema.org requires, else None (see date_text)."""
    return value if value and ISO_DATE.fullmatch(value) else None


def record_id(node: Node, response: Response, url: str, key: str | None) -> str:
    """The node's `@id` (not an RDFa blank node, which changes every run); else event URL + "#" + name.

    The start date is left out (used only when there is no name), so a rescheduled event keeps its id;
    `with_unique_ids` adds it where one page has several events of one name and URL.
    """
    node_id = node.get("@id")
    if isinstance(node_id, str) and node_id.strip() and not node_id.startswith("_:"):
        return response.urljoin(node_id.strip())
    return f"{url}#{key or ''}"


def with_unique_ids(items: list[TradeFairItem]) -> list[TradeFairItem]:
    """Events of one page sharing an id (one name and URL on several dates, eg-0201) get "@" + start appended."""
    counts = Counter(item.record_id for item in items)
    return [replace(item, record_id=f"{item.record_id}@{item.start or ''}") if counts[item.record_id] > 1 else item
            for item in items]


def sectors(node: Node, index: dict[str, Node]) -> list[str]:
    """The labels of `keywords` (comma-delimited text or DefinedTerms) and of `about`, as published."""
    labels: list[str | None] = []
    for keyword in as_list(node.get("keywords")):
        keyword = deref(keyword, index)
        if isinstance(keyword, str):
            labels.extend(keyword.split(","))
        elif isinstance(keyword, dict):
            labels.append(text(keyword.get("name")))
    for topic in as_list(node.get("about")):
        topic = deref(topic, index)
        labels.append(text(topic.get("name")) if isinstance(topic, dict) else text(topic))
    return list(dict.fromkeys(label for label in map(clean, labels) if label))
