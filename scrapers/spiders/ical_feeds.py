"""iCalendar (RFC 5545) feeds of chambers, trade-promotion bodies and trade-fair organisers: one generic spider.

The registry's `params.feeds` lists the feeds ({name, url, publisher, licence, ...}); each is one `text/calendar`
document. A feed of The Events Calendar (WordPress) exports only one list page (30 events by default), so a feed may
name its `next_page` URL template and `page_size`: a full page is followed by the next, a short page is the last.

Mapping (iCalendar's own encodings only; names, statuses and labels stay as published):
- recurring events (RRULE/RDATE, RECURRENCE-ID overrides) are expanded with recurring-ical-events within the
  horizon [crawl date - lookback_days, crawl date + horizon_days]; an occurrence's record_id is
  "UID/<original start date>" (the RECURRENCE-ID date, so a moved occurrence keeps its id), a single event's is
  its UID. Cancelled overrides come back with STATUS CANCELLED and are kept;
- all-day DTEND is exclusive: end = DTEND - 1 day, never before the start (Evolution writes DTEND = DTSTART);
- TZID times stay local with `timezone` = the zone, UTC ("Z") times keep "+00:00", floating times stay local
  with the calendar's X-WR-TIMEZONE (if any) as `timezone`;
- of duplicate UIDs (per RECURRENCE-ID) only the highest SEQUENCE, then the latest LAST-MODIFIED, is kept.
Every other property is counted as unmapped (stats `unmapped/vevent/<NAME>`, `unmapped/vcalendar/<NAME>`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import recurring_ical_events
import scrapy
from icalendar import Calendar, Component, vDDDTypes
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import TradeFairItem

EVENT_FIELDS = frozenset({
    "UID", "SUMMARY", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "STATUS",
    "LOCATION", "CATEGORIES", "URL", "ORGANIZER", "DESCRIPTION", "LAST-MODIFIED", "SEQUENCE",
})
CALENDAR_FIELDS = frozenset({"X-WR-CALNAME", "X-WR-TIMEZONE"})
RECURRENCE_FIELDS = ("RRULE", "RDATE", "RECURRENCE-ID")
EARLIEST = datetime.min.replace(tzinfo=UTC)
MAX_PAGES = 50  # a feed whose server ignores the page number must not be followed forever


@dataclass(frozen=True)
class When:
    """The dates of one occurrence as the item carries them."""

    start: str | None
    end: str | None
    timezone: str | None = None
    all_day: bool | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class Document:
    """What every event of one feed document shares."""

    response: Response
    base: dict[str, Any]  # provenance fields and the feed's name
    default_tz: str | None  # X-WR-TIMEZONE: the zone of the document's floating times
    window: tuple[date, date]  # the horizon occurrences are expanded in


class IcalFeedsSpider(TradePointSpider):
    """Reads every configured iCalendar feed, expanding recurring events within the horizon."""

    name = "ical_feeds"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.feeds: list[dict[str, Any]] = list(params.get("feeds", []))
        for feed in self.feeds:
            missing = {"name", "url"} - feed.keys() | ({"page_size"} - feed.keys() if "next_page" in feed else set())
            if missing:
                raise ValueError(f"ical_feeds: feed {feed!r} lacks {sorted(missing)}")
        self.horizon_days = int(params.get("horizon_days", 1095))
        self.lookback_days = int(params.get("lookback_days", 0))

    async def start(self) -> Any:
        for feed in self.feeds:
            yield scrapy.Request(feed["url"], callback=self.parse, meta={"feed": feed["name"], "page": 1})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any feed document (first or later page): its events as items, then the next page if it was full."""
        calendar = read_calendar(response)
        feed = self.feed_config(response)
        calendar_name = text(calendar.get("X-WR-CALNAME"))
        # Taken out before expansion: recurring-ical-events would move UTC times into this zone.
        default_tz = text(calendar.pop("X-WR-TIMEZONE", None))
        self.report_unmapped("vcalendar", calendar.keys(), CALENDAR_FIELDS)
        events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
        self.logger.info("ical_feeds: %s: calendar %r with %d VEVENTs", response.url, calendar_name, len(events))
        today = self.as_of()
        window = (today - timedelta(days=self.lookback_days), today + timedelta(days=self.horizon_days))
        doc = Document(response, {**self.provenance(response), "feed": feed.get("name") or calendar_name},
                       default_tz, window)
        for uid, group in self.latest_revisions(events, response.url).items():
            yield from self.parse_series(uid, group, doc)
        next_page = self.next_page(feed, response, len(events))
        if next_page is not None:
            yield next_page

    def next_page(self, feed: dict[str, Any], response: Response, n_events: int) -> scrapy.Request | None:
        """The following list page, when this page was full (a short page is the feed's last)."""
        if "next_page" not in feed or n_events < int(feed["page_size"]):
            return None
        page = int(response.meta.get("page", 1)) + 1
        if page > MAX_PAGES:
            self.logger.warning("ical_feeds: %s: stopped after %d pages", feed["name"], MAX_PAGES)
            return None
        return scrapy.Request(feed["next_page"].format(page=page), callback=self.parse,
                              meta={"feed": feed["name"], "page": page})

    def latest_revisions(self, events: list[Component], url: str) -> dict[str, list[Component]]:
        """Events grouped by UID, keeping per (UID, RECURRENCE-ID) only the latest revision.

        A feed may carry an old and a new revision of one event: the higher SEQUENCE wins, then the later
        LAST-MODIFIED, then the later position in the document.
        """
        latest: dict[tuple[str, str | None], Component] = {}
        for event in events:
            uid = text(event.get("UID"))
            if uid is None:
                self.logger.warning("ical_feeds: %s: VEVENT %r has no UID, skipped", url, text(event.get("SUMMARY")))
                self.count("invalid/no_uid")
                continue
            key = (uid, ical_text(event.get("RECURRENCE-ID")))
            if key in latest:
                self.count("ical_feeds/superseded_revisions")
                if revision(event) < revision(latest[key]):
                    continue
            latest[key] = event
        groups: dict[str, list[Component]] = defaultdict(list)
        for (uid, _), event in latest.items():
            groups[uid].append(event)
        return groups

    def parse_series(self, uid: str, group: list[Component], doc: Document) -> Iterator[TradeFairItem]:
        """One UID: a single event, or a recurring series with its overrides, as items within the horizon."""
        for event in group:
            self.report_unmapped("vevent", event.keys(), EVENT_FIELDS)
        dated = [event for event in group if isinstance(event.get("DTSTART"), vDDDTypes)]
        for event in group:
            if not isinstance(event.get("DTSTART"), vDDDTypes):  # yielded as is: staging quarantines it
                yield self.event_item(event, uid, When(None, None, date_text=ical_text(event.get("DTSTART"))), doc)
        if not dated:
            return
        series = Calendar()
        series.subcomponents.extend(dated)
        try:
            occurrences = recurring_ical_events.of(series, keep_recurrence_attributes=True).between(*doc.window)
        except Exception as err:  # one bad series must not cost the rest of the feed
            self.logger.warning("ical_feeds: %s: UID %s cannot be expanded: %s", doc.response.url, uid, err)
            self.count("invalid/unexpandable_series")
            return
        if not occurrences:
            first = min(as_date(event["DTSTART"].dt) for event in dated)
            self.count("ical_feeds/skipped_past" if first < doc.window[0] else "ical_feeds/skipped_after_horizon")
        recurring = any(field in event for event in dated for field in RECURRENCE_FIELDS)
        source_tzid = next((event["DTSTART"].params["TZID"] for event in dated if "TZID" in event["DTSTART"].params),
                           None)
        for occurrence in occurrences:
            record_id = f"{uid}/{occurrence_date(occurrence).isoformat()}" if recurring else uid
            yield self.event_item(occurrence, record_id, when(occurrence, source_tzid, doc.default_tz), doc)

    def event_item(self, event: Component, record_id: str, dates: When, doc: Document) -> TradeFairItem:
        url = text(event.get("URL"))
        return TradeFairItem(
            **doc.base,
            record_id=record_id,
            name=text(event.get("SUMMARY")) or "",
            start=dates.start,
            end=dates.end,
            timezone=dates.timezone,
            all_day=dates.all_day,
            date_text=dates.date_text,
            status=text(event.get("STATUS")),
            venue=text(event.get("LOCATION")),
            organiser=organiser(event.get("ORGANIZER")),
            sectors=categories(event.get("CATEGORIES")),
            url=doc.response.urljoin(url) if url else None,
            description=text(event.get("DESCRIPTION")),
            updated=timestamp(event.get("LAST-MODIFIED")),
            sequence=integer(event.get("SEQUENCE")),
        )

    def count(self, key: str) -> None:
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def read_calendar(response: Response) -> Calendar:
    """The response's VCALENDAR, or a clear error naming the source and URL."""
    body = response.body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body.upper().startswith(b"BEGIN:VCALENDAR"):
        raise ValueError(f"ical_feeds: {response.url}: not an iCalendar document (starts {body[:40]!r})")
    try:
        return Calendar.from_ical(body)
    except ValueError as err:
        raise ValueError(f"ical_feeds: {response.url}: unreadable iCalendar document: {err}") from err


def revision(event: Component) -> tuple[int, datetime]:
    """How recent a revision of an event is: SEQUENCE first, LAST-MODIFIED second (RFC 5545 3.8.7.4)."""
    modified = event.get("LAST-MODIFIED")
    stamp = modified.dt if isinstance(modified, vDDDTypes) and isinstance(modified.dt, datetime) else EARLIEST
    return integer(event.get("SEQUENCE")) or 0, stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def when(occurrence: Component, source_tzid: str | None, default_tz: str | None) -> When:
    """An occurrence's dates: all-day ends made inclusive, zones kept as the feed writes them.

    recurring-ical-events drops a TZID=UTC parameter from the occurrences it builds, so the series' own TZID
    (`source_tzid`) tells a TZID time in zone UTC from a "Z" time.
    """
    start, end = occurrence.start, occurrence.end
    if not isinstance(start, datetime):
        last = max(start, end - timedelta(days=1)) if end is not None else start
        return When(start.isoformat(), last.isoformat(), all_day=True)
    if start.tzinfo is None:
        return When(start.isoformat(), end.isoformat() if end else None, default_tz, all_day=False)
    zone = getattr(start.tzinfo, "key", None) or ("UTC" if start.tzinfo is UTC else None)
    if zone == "UTC" and source_tzid is None:
        return When(start.isoformat(), end.astimezone(start.tzinfo).isoformat() if end else None, all_day=False)
    local_end = end.astimezone(start.tzinfo).replace(tzinfo=None).isoformat() if end else None
    return When(start.replace(tzinfo=None).isoformat(), local_end, zone or source_tzid, all_day=False)


def occurrence_date(occurrence: Component) -> date:
    """The original start date of an occurrence (RECURRENCE-ID), stable when the occurrence is moved."""
    original = occurrence.get("RECURRENCE-ID") or occurrence["DTSTART"]
    return as_date(original.dt)


def as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def text(value: Any) -> str | None:
    """A TEXT value as published (icalendar has already unescaped it); blank values become None."""
    if value is None or not str(value).strip():
        return None
    return str(value)


def ical_text(value: Any) -> str | None:
    """A property's value as written in the feed (for keys and for dates that could not be parsed)."""
    if value is None:
        return None
    return value.to_ical().decode("utf-8", "replace") if hasattr(value, "to_ical") else str(value)


def integer(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def timestamp(value: Any) -> str | None:
    return value.dt.isoformat() if isinstance(value, vDDDTypes) else None


def organiser(value: Any) -> str | None:
    """ORGANIZER: its common name (CN), else the address without "mailto:"."""
    if value is None:
        return None
    name = text(value.params.get("CN")) if hasattr(value, "params") else None
    address = str(value)
    return name or text(address[7:] if address.lower().startswith("mailto:") else address)


def categories(value: Any) -> list[str]:
    """All CATEGORIES labels, across repeated properties, in order; empty labels dropped."""
    props: Iterable[Any] = value if isinstance(value, list) else [] if value is None else [value]
    return [label for prop in props for cat in getattr(prop, "cats", [prop]) if (label := text(cat))]
