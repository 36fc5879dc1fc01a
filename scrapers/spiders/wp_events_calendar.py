"""The Events Calendar (StellarWP) REST API on WordPress sites of chambers of commerce and trade bodies.

One generic spider for every site listed in the registry (`params.sites`: name, base_url, publisher).
Each site's archive is read from `<base_url>/wp-json/tribe/events/v1/events?per_page=N&start_date=now`
(`start_date` takes any strtotime() text; "now" keeps the request URL the same every day) and the
`next_rest_url` the API returns is followed until the API leaves it out. One callback reads any
archive page of any site, so `tradepoint parse wp_events_calendar FILE --url URL` works on a saved page.

Format: https://theeventscalendar.com/knowledgebase/introduction-to-the-events-calendar-rest-api/ and the
plugin's own code (src/Tribe/REST/V1/Endpoints/Archive_Event.php, Post_Repository.php); the research
notes behind the mapping are in scrapers/recorded/wp_events_calendar/README.md.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import scrapy
from scrapy.http import Response
from w3lib.html import remove_tags

from scrapers.base import TradePointSpider
from scrapers.items import TradeFairItem

JsonObject = dict[str, Any]

ARCHIVE_PATH = "/wp-json/tribe/events/v1/events"
TEC_DATETIME = "%Y-%m-%d %H:%M:%S"  # start_date, end_date, utc_*, modified_utc: "Y-m-d H:i:s"
# Sites set to a manual UTC offset instead of a city store it as "UTC+2", "UTC-3:30" or "UTC+5.5".
UTC_OFFSET = re.compile(r"UTC([+-])(\d{1,2})(?:([:.])(\d{1,2}))?")
# The WP_Error TEC answers for a page past the end ("empty later page = 404").
PAGE_NOT_FOUND = "event-archive-page-not-found"

ENVELOPE_FIELDS = frozenset({"events", "rest_url", "next_rest_url", "previous_rest_url", "total", "total_pages"})
EVENT_FIELDS = frozenset({
    "id", "global_id", "title", "description", "all_day", "start_date", "end_date", "utc_start_date",
    "utc_end_date", "timezone", "url", "modified_utc", "categories", "tags", "venue", "organizer", "json_ld",
})
VENUE_FIELDS = frozenset({"venue", "address", "city", "province", "state", "stateprovince", "zip", "country"})
ORGANIZER_FIELDS = frozenset({"organizer"})
TERM_FIELDS = frozenset({"name"})
JSON_LD_FIELDS = frozenset({"eventStatus"})


class WpEventsCalendarSpider(TradePointSpider):
    """Crawls the events archive of every site in the registry (or of `-a sites=name1,name2`)."""

    name = "wp_events_calendar"

    def __init__(self, sites: str | None = None, per_page: str | int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        configured: list[JsonObject] = list(params["sites"])
        if sites:
            wanted = set(sites.split(","))
            configured = [site for site in configured if site["name"] in wanted]
            if missing := wanted - {site["name"] for site in configured}:
                raise ValueError(f"wp_events_calendar: unknown site(s) {sorted(missing)}")
        if not configured:
            raise ValueError("wp_events_calendar: no sites configured in params.sites")
        self.sites = configured
        self.per_page = int(per_page or params["per_page"])

    async def start(self) -> Any:
        for site in self.sites:
            yield scrapy.Request(self.archive_url(site), callback=self.parse)

    def archive_url(self, site: JsonObject) -> str:
        """First page of a site's archive: events from today on (TEC caps per_page at 50)."""
        return f"{site['base_url'].rstrip('/')}{ARCHIVE_PATH}?per_page={self.per_page}&start_date=now"

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any archive page: its events as items, then the next page if the API names one."""
        document = self.archive_document(response)
        if document is None:
            return
        self.report_unmapped("archive", document, ENVELOPE_FIELDS)
        base: dict[str, Any] = {**self.provenance(response), "feed": self.site_name(response.url)}
        for position, event in enumerate(document["events"]):
            if not isinstance(event, dict):
                self.count_invalid(response.url, position, "not_an_object")
            elif (item := self.event_item(event, base, response)) is None:
                self.count_invalid(response.url, position, "no_id")
            else:
                yield item
        next_url = document.get("next_rest_url")
        if next_url:
            # A page emptied between two requests answers 404 with PAGE_NOT_FOUND: let it reach parse.
            yield scrapy.Request(response.urljoin(next_url), callback=self.parse,
                                 meta={"handle_httpstatus_list": [404]})

    def archive_document(self, response: Response) -> JsonObject | None:
        """The archive envelope, None for the end-of-pages 404, or a clear error naming source and URL."""
        try:
            document = json.loads(response.body)
        except json.JSONDecodeError as err:
            raise ValueError(f"wp_events_calendar: {response.url}: response is not JSON: {err}") from err
        if isinstance(document, dict) and document.get("code") == PAGE_NOT_FOUND:
            self.logger.info("wp_events_calendar: %s: no such page, end of archive", response.url)
            return None
        if not isinstance(document, dict) or not isinstance(document.get("events"), list):
            code = document.get("code") if isinstance(document, dict) else None
            raise ValueError(f"wp_events_calendar: {response.url}: not an events archive page"
                             + (f" (WordPress error {code!r})" if code else ""))
        return document

    def site_name(self, url: str) -> str | None:
        """The configured site a URL belongs to (its `name`), else the URL's host (None for a local file)."""
        for site in self.sites:
            if url.startswith(site["base_url"].rstrip("/") + "/"):
                return site["name"]
        return urlparse(url).netloc or None

    def event_item(self, event: JsonObject, base: dict[str, Any], response: Response) -> TradeFairItem | None:
        """One TEC event as published; None only when it has no id to be a record at all."""
        record_id = event.get("global_id") or (
            f"{urlparse(response.url).netloc}?id={event['id']}" if event.get("id") is not None else None)
        if not record_id:
            return None
        self.report_unmapped("event", event, EVENT_FIELDS)
        start, end, timezone = event_dates(event)
        venue = self.venue_fields(event.get("venue"))
        return TradeFairItem(
            **base,
            record_id=str(record_id),
            name=plain_text(event.get("title")) or "",
            start=start,
            end=end,
            timezone=timezone,
            all_day=event.get("all_day") if isinstance(event.get("all_day"), bool) else None,
            status=self.event_status(event.get("json_ld")),
            organiser=self.organiser(event.get("organizer")),
            sectors=self.labels([*as_list(event.get("categories")), *as_list(event.get("tags"))]),
            url=response.urljoin(event["url"]) if event.get("url") else None,
            description=plain_text(event.get("description")),
            updated=utc_iso(event.get("modified_utc")),
            **venue,
        )

    def venue_fields(self, venue: Any) -> dict[str, str | None]:
        """Venue columns from the venue object; TEC sends `[]` when an event has none (online events)."""
        if not isinstance(venue, dict) or not venue:
            return {}
        self.report_unmapped("venue", venue, VENUE_FIELDS)
        return {
            "venue": plain_text(venue.get("venue")),
            "address": venue.get("address") or None,
            "city": venue.get("city") or None,
            "region": venue.get("stateprovince") or venue.get("province") or venue.get("state") or None,
            "postal_code": venue.get("zip") or None,
            "country": venue.get("country") or None,
        }

    def organiser(self, organizers: Any) -> str | None:
        """The first organizer's name; further organizers are counted, the item has one organiser."""
        found = [org for org in as_list(organizers) if isinstance(org, dict)]
        for org in found:
            self.report_unmapped("organizer", org, ORGANIZER_FIELDS)
        if len(found) > 1:
            self.report_unmapped("event", ["further_organizers"], frozenset())
        return plain_text(found[0].get("organizer")) if found else None

    def labels(self, terms: Iterable[Any]) -> list[str]:
        """Category then tag names as published (entities decoded), each once."""
        names: list[str] = []
        for term in terms:
            if not isinstance(term, dict):
                continue
            self.report_unmapped("term", term, TERM_FIELDS)
            name = plain_text(term.get("name"))
            if name and name not in names:
                names.append(name)
        return names

    def event_status(self, json_ld: Any) -> str | None:
        """schema.org eventStatus of the event's JSON-LD, where the site attaches JSON-LD to archive items.

        TEC keeps its event status (scheduled / canceled / postponed) out of the REST event data; it
        only shows in the JSON-LD it builds (`eventStatus`), which the archive carries on sites that add
        it through the `tribe_rest_event_json_ld_data_contexts` filter. Without it the status is unknown.
        """
        if not isinstance(json_ld, dict):
            return None
        self.report_unmapped("json_ld", json_ld, JSON_LD_FIELDS)
        return json_ld.get("eventStatus") or None

    def count_invalid(self, url: str, position: int, reason: str) -> None:
        self.logger.warning("wp_events_calendar: %s: event #%d dropped: %s", url, position, reason)
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"invalid/{reason}")


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def plain_text(value: Any) -> str | None:
    """HTML (titles, descriptions, names carry tags and entities such as &#8211; or &amp;) as text."""
    if not isinstance(value, str):
        return None
    return html.unescape(remove_tags(value)).strip() or None


def parse_tec(value: Any) -> datetime | None:
    """A TEC "Y-m-d H:i:s" value, or None when absent or unreadable (the record is kept, staging flags it)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), TEC_DATETIME)
    except ValueError:
        return None


def utc_iso(value: Any) -> str | None:
    moment = parse_tec(value)
    return f"{moment.isoformat()}+00:00" if moment else None


def iana_zone(name: Any) -> str | None:
    """The event's `timezone` when it is an IANA zone ("Europe/Berlin", "UTC"); None otherwise."""
    if not isinstance(name, str) or not name.strip() or UTC_OFFSET.fullmatch(name.strip()):
        return None
    try:
        ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name.strip()


def utc_offset(name: Any) -> str | None:
    """"+HH:MM" of a manual-offset zone ("UTC+0" → "+00:00", "UTC+5.5" → "+05:30"), else None."""
    match = UTC_OFFSET.fullmatch(name.strip()) if isinstance(name, str) else None
    if not match:
        return None
    sign, hours, separator, fraction = match.groups()
    if not fraction:
        minutes = 0
    elif separator == ".":  # WordPress writes half hours as decimals: "UTC+5.5"
        minutes = round(float(f"0.{fraction}") * 60)
    else:
        minutes = int(fraction)
    return f"{sign}{int(hours):02d}:{minutes:02d}"


def event_dates(event: JsonObject) -> tuple[str | None, str | None, str | None]:
    """(start, end, timezone) in the item's encoding.

    All-day events become dates; their inclusive last day is the end minus the day's start time,
    because TEC stores an all-day event from the site's day cutoff (00:00 by default) to one second
    before the next cutoff ("2027-04-16 23:59:59", or "2027-04-17 05:59:59" with a 06:00 cutoff).
    Timed events stay local with the IANA zone; a manual UTC offset goes into the ISO string instead
    (it is not a zone name); with neither, the API's UTC times are used.
    """
    start, end = parse_tec(event.get("start_date")), parse_tec(event.get("end_date"))
    zone = iana_zone(event.get("timezone"))
    if event.get("all_day") is True:
        return day(start), last_day(start, end), zone
    if zone:
        return iso(start), iso(end), zone
    if offset := utc_offset(event.get("timezone")):
        return iso(start, offset), iso(end, offset), None
    return utc_iso(event.get("utc_start_date")), utc_iso(event.get("utc_end_date")), None


def iso(moment: datetime | None, offset: str = "") -> str | None:
    return f"{moment.isoformat()}{offset}" if moment else None


def day(moment: datetime | None) -> str | None:
    return moment.date().isoformat() if moment else None


def last_day(start: datetime | None, end: datetime | None) -> str | None:
    if end is None:
        return None
    cutoff = start.time() if start else datetime.min.time()
    shifted: date = (end - timedelta(hours=cutoff.hour, minutes=cutoff.minute, seconds=cutoff.second)).date()
    return shifted.isoformat()
