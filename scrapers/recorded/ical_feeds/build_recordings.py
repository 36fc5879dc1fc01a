"""Builds the replay recordings of ical_feeds: three constructed .ics feeds, each in its producer's real shape.

Deterministic (no clock, no randomness): rebuilding gives the same bytes. README.md says which evidence each
shape follows. Run: `.venv/bin/python scrapers/recorded/ical_feeds/build_recordings.py [--verify]`.
"""

from __future__ import annotations

import json
import sys
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

HERE = Path(__file__).resolve().parent
CRLF = "\r\n"

ORANGE_CITY = "https://orangecity.biz/events/list/?ical=1"
AMI = "https://www.annamariaislandchamber.org/events/?ical=1&tribe_display=list"
FABLAB = ("http://blog.fablab-cottbus.de/?plugin=all-in-one-event-calendar&controller=ai1ec_exporter_controller"
          "&action=export_events&no_html=true")

# The Events Calendar writes the organiser as it is stored for the chamber's events (verbatim from the stored feed).
ORANGE_CITY_ORGANIZER = 'ORGANIZER;CN="Orange CIty Chamber":MAILTO:mike@orangecity.biz'
DOWNTOWN_ORANGE_CITY = r"Downtown Orange City\, 125 Central Ave NE\, Orange City\, IA\, 51041\, United States"
FABLAB_LOCATION = r"FabLab Cottbus @ Walther-Pauer-Straße 5\, 03044 Cottbus\, Deutschland"
FABLAB_GEO = "+51.76882;+14.32321"

# --- The Events Calendar (ECP 6.x) -----------------------------------------------------------------------------

# US rules: DST from the 2nd Sunday of March 02:00 to the 1st Sunday of November 02:00 (local).
US_ZONES = {"America/Chicago": (-6, "CST", "CDT"), "America/New_York": (-5, "EST", "EDT")}


def nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def last_sunday(year: int, month: int) -> date:
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - 6) % 7)


def offset(hours: int) -> str:
    return f"{'+' if hours >= 0 else '-'}{abs(hours):02d}00"


def tec_vtimezone(zone: str, years: range) -> list[str]:
    """VTIMEZONE as The Events Calendar writes it: one DAYLIGHT/STANDARD pair per year, DTSTART in UTC."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone}"]
    for year in years:
        if zone in US_ZONES:
            std, std_name, dst_name = US_ZONES[zone]
            spring = datetime.combine(nth_sunday(year, 3, 2), datetime.min.time()) + timedelta(hours=2 - std)
            autumn = datetime.combine(nth_sunday(year, 11, 1), datetime.min.time()) + timedelta(hours=1 - std)
        else:  # Europe/Berlin: last Sunday of March / October, 01:00 UTC
            std, std_name, dst_name = 1, "CET", "CEST"
            spring = datetime.combine(last_sunday(year, 3), datetime.min.time()) + timedelta(hours=1)
            autumn = datetime.combine(last_sunday(year, 10), datetime.min.time()) + timedelta(hours=1)
        lines += ["BEGIN:DAYLIGHT", f"TZOFFSETFROM:{offset(std)}", f"TZOFFSETTO:{offset(std + 1)}",
                  f"TZNAME:{dst_name}", f"DTSTART:{spring:%Y%m%dT%H%M%S}", "END:DAYLIGHT",
                  "BEGIN:STANDARD", f"TZOFFSETFROM:{offset(std + 1)}", f"TZOFFSETTO:{offset(std)}",
                  f"TZNAME:{std_name}", f"DTSTART:{autumn:%Y%m%dT%H%M%S}", "END:STANDARD"]
    return [*lines, "END:VTIMEZONE"]


def wall_clock_ts(moment: datetime) -> int:
    """The Events Calendar's UID timestamps: the local wall-clock time read as if it were UTC."""
    return int(moment.replace(tzinfo=UTC).timestamp())


def tec_event(host: str, post_id: int, ev: dict) -> list[str]:
    """One VEVENT in The Events Calendar's property order (DTSTART … ORGANIZER), lines unfolded."""
    if "zone" in ev:
        start, end = ev["start"], ev["end"]
        dates = [f"DTSTART;TZID={ev['zone']}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={ev['zone']}:{end:%Y%m%dT%H%M%S}"]
        uid_span = (wall_clock_ts(start), wall_clock_ts(end))
    else:  # all-day: exclusive DTEND; the UID spans the first day 00:00 to the last day 23:59:59
        first, last = ev["first"], ev["last"]
        dates = [f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}"]
        uid_span = (wall_clock_ts(datetime.combine(first, datetime.min.time())),
                    wall_clock_ts(datetime.combine(last, datetime.max.time().replace(microsecond=0))))
    lines = ["BEGIN:VEVENT", *dates, f"DTSTAMP:{ev['dtstamp']}", f"CREATED:{ev['created']}",
             f"LAST-MODIFIED:{ev['modified']}", f"UID:{post_id}-{uid_span[0]}-{uid_span[1]}@{host}",
             f"SUMMARY:{ev['summary']}", f"DESCRIPTION:{ev['description']}", f"URL:https://{host}/event/{ev['slug']}/",
             f"LOCATION:{ev['location']}", f"CATEGORIES:{ev['categories']}"]
    if "organizer" in ev:
        lines.append(ev["organizer"])
    return [*lines, "END:VEVENT"]


def tec_feed(site: str, version: str, host: str, zones: dict[str, range], events: dict[int, dict]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{site} - ECPv{version}//NONSGML v1.0//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{site}", f"X-ORIGINAL-URL:https://{host}",
             f"X-WR-CALDESC:Events for {site}", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-Robots-Tag:noindex",
             "X-PUBLISHED-TTL:PT1H"]
    for zone, years in zones.items():
        lines += tec_vtimezone(zone, years)
    for post_id, ev in events.items():
        lines += tec_event(host, post_id, ev)
    return CRLF.join([*lines, "END:VCALENDAR"]) + CRLF


ORANGE_CITY_EVENTS = {
    46012: {"zone": "America/Chicago", "start": datetime(2026, 6, 17, 7, 30), "end": datetime(2026, 6, 17, 9, 0),
            "summary": "Export Compliance Breakfast",
            "description": "Export paperwork basics for Sioux County businesses. Breakfast provided.",
            "slug": "export-compliance-breakfast", "location": DOWNTOWN_ORANGE_CITY,
            "categories": "Chamber Events", "dtstamp": "20261128T020114", "created": "20260402T151210Z",
            "modified": "20260402T151210Z", "organizer": ORANGE_CITY_ORGANIZER},
    46188: {"first": date(2026, 10, 17), "last": date(2026, 10, 21), "summary": "SIAL Paris 2026",
            "description": "SIAL Paris\\, the global food innovation show. Iowa companies exhibit in the USA "
                           "pavilion.\\nHall 5A.",
            "slug": "sial-paris-2026", "location": r"Paris Nord Villepinte\, ZAC Paris Nord 2\, Villepinte\, 95970\, "
                                                  r"France",
            "categories": "International Trade Shows,Food and Beverage", "dtstamp": "20261128T020114",
            "created": "20260511T140302Z", "modified": "20260901T093011Z"},
    46240: {"first": date(2027, 2, 15), "last": date(2027, 2, 19), "summary": "Gulfood 2027",
            "description": "The world's largest annual food and beverage trade show. Ask the Chamber about the "
                           "state pavilion.",
            "slug": "gulfood-2027", "location": r"Dubai World Trade Centre\, Sheikh Zayed Road\, Dubai\, "
                                               r"United Arab Emirates",
            "categories": "International Trade Shows,Food and Beverage", "dtstamp": "20261128T020114",
            "created": "20260615T161544Z", "modified": "20261103T120950Z"},
    46301: {"zone": "America/Chicago", "start": datetime(2027, 3, 11, 9, 0), "end": datetime(2027, 3, 11, 15, 0),
            "summary": "Northwest Iowa Export Expo",
            "description": "Meet freight forwarders\\, export lenders and the U.S. Commercial Service. Free for "
                           "Chamber members.",
            "slug": "northwest-iowa-export-expo", "location": DOWNTOWN_ORANGE_CITY,
            "categories": "Chamber Events,Export", "dtstamp": "20261128T020114", "created": "20260904T180012Z",
            "modified": "20261020T144401Z", "organizer": ORANGE_CITY_ORGANIZER},
    46333: {"first": date(2027, 4, 15), "last": date(2027, 4, 19),
            "summary": "China Import and Export Fair (Canton Fair)\\, 141st Session – Phase 1",
            "description": "Phase 1: electronics\\, household electrical appliances\\, machinery and hardware.",
            "slug": "canton-fair-141-phase-1", "location": r"China Import and Export Fair Complex\, 380 Yuejiang "
                                                          r"Zhong Road\, Guangzhou\, China",
            "categories": "International Trade Shows,Electronics,Machinery", "dtstamp": "20261128T020114",
            "created": "20261002T101500Z", "modified": "20261002T101500Z"},
    46390: {"first": date(2027, 10, 9), "last": date(2027, 10, 13), "summary": "Anuga 2027",
            "description": "Anuga\\, the leading trade fair for food and beverages\\, Cologne.",
            "slug": "anuga-2027", "location": r"Koelnmesse\, Messeplatz 1\, Köln\, 50679\, Germany",
            "categories": "International Trade Shows,Food and Beverage", "dtstamp": "20261128T020114",
            "created": "20261110T083000Z", "modified": "20261110T083000Z"},
}

AMI_EVENTS = {
    20811: {"zone": "America/New_York", "start": datetime(2026, 12, 10, 17, 30), "end": datetime(2026, 12, 10, 19, 0),
            "summary": "Produce Export Mission to Berlin: Info Session",
            "description": "Growers and packers interested in the February mission to Berlin: costs\\, schedule and "
                           "booth space.",
            "slug": "produce-export-mission-info-session", "location": r"Chamber Office\, Holmes Beach\, FL\, "
                                                                      r"United States",
            "categories": "Chamber Events,Business Education", "dtstamp": "20261128T061502",
            "created": "20261015T191144Z", "modified": "20261015T191144Z"},
    20840: {"first": date(2027, 2, 3), "last": date(2027, 2, 5), "summary": "FRUIT LOGISTICA 2027",
            "description": "The leading global trade show for the fresh produce business.",
            "slug": "fruit-logistica-2027", "location": r"Messe Berlin\, Messedamm 22\, Berlin\, 14055\, Germany",
            "categories": "Trade Shows", "dtstamp": "20261128T061502", "created": "20261015T193020Z",
            "modified": "20261015T193020Z"},
    20841: {"zone": "Europe/Berlin", "start": datetime(2027, 2, 3, 9, 0), "end": datetime(2027, 2, 5, 17, 0),
            "summary": "Fresh Produce Forum 2027",
            "description": "Three days of talks on sourcing\\, retail and logistics. Held alongside the trade show "
                           "at the same venue; separate registration.",
            "slug": "fresh-produce-forum-2027", "location": r"Messe Berlin\, Messedamm 22\, Berlin\, 14055\, "
                                                           r"Germany",
            "categories": "Conferences", "dtstamp": "20261128T061502", "created": "20261015T193511Z",
            "modified": "20261101T110722Z"},
}

# --- All-in-One Event Calendar (iCalcreator 2.24) ----------------------------------------------------------------


def fold(line: str) -> list[str]:
    """iCalcreator 2.24 folds at 75 characters (not octets): the first 75, then a space and 74 more each."""
    parts, rest = [line[:75]], line[75:]
    while rest:
        parts.append(" " + rest[:74])
        rest = rest[74:]
    return parts


def alt_desc(paragraph: str) -> str:
    """ai1ec's HTML copy of the description, with the fixture's double-escaped newlines in the header."""
    head = r"X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML PUBLIC '-//W3C//DTD HTML 3.2//EN'>\\n<HTML>\\n<HEAD>\\n"
    return head + r"<TITLE></TITLE>\\n</HEAD>\\n<BODY><p>" + paragraph + r"</p>\n</BODY></HTML>"


def ai1ec_event(post_id: int, dates: list[str], summary: str, description: str, slug: str,
                recurrence: tuple[str, ...] = (), sequence: int = 0, status: str | None = None) -> list[str]:
    """One VEVENT in the property order of the ai1ec export fixture (UID, DTSTAMP, CATEGORIES, ... X-ALT-DESC)."""
    props = [f"UID:ai1ec-{post_id}@blog.fablab-cottbus.de", "DTSTAMP:20261127T231502Z", "CATEGORIES:", "CONTACT:",
             f"DESCRIPTION:{description}", *dates, f"GEO:{FABLAB_GEO}", f"LOCATION:{FABLAB_LOCATION}", *recurrence,
             f"SEQUENCE:{sequence}", *([f"STATUS:{status}"] if status else []), f"SUMMARY:{summary}",
             f"URL:http://blog.fablab-cottbus.de/Veranstaltung/{slug}/", "X-COST-TYPE:free",
             alt_desc(description)]
    return ["BEGIN:VEVENT", *(part for prop in props for part in fold(prop)), "END:VEVENT"]


FABLAB_EVENTS = [
    # A yearly fair (RRULE) and the cancellation of its 2027 edition (RECURRENCE-ID override, SEQUENCE bumped).
    ai1ec_event(2315, ["DTSTART;VALUE=DATE:20250613", "DTEND;VALUE=DATE:20250615"], "Lausitzer Makertag",
                "Zwei Tage offene Werkstatt: Aussteller aus der Region zeigen 3D-Druck\\, Lasercutting\\, "
                "Elektronik und Holzbau. Eintritt frei.", "lausitzer-makertag", ("RRULE:FREQ=YEARLY",)),
    ai1ec_event(2315, ["DTSTART;VALUE=DATE:20270613", "DTEND;VALUE=DATE:20270615"], "Lausitzer Makertag",
                "Der Makertag 2027 fällt aus: die Halle wird saniert. 2028 geht es weiter.", "lausitzer-makertag",
                ("RECURRENCE-ID;VALUE=DATE:20270613",), sequence=1, status="CANCELLED"),
    # Floating local time (no TZID, no Z): the calendar's X-WR-TIMEZONE applies.
    ai1ec_event(2321, ["DTSTART:20270116T140000", "DTEND:20270116T170000"], "Lötkurs für Einsteiger",
                "Wir löten einen Blinker. Material wird gestellt\\; bitte anmelden.", "loetkurs-fuer-einsteiger"),
    # UTC time ("Z").
    ai1ec_event(2330, ["DTSTART:20270120T170000Z", "DTEND:20270120T180000Z"],
                "Online-Sprechstunde: Förderung von Messebeteiligungen",
                "Wie junge Unternehmen Zuschüsse für Gemeinschaftsstände auf Messen beantragen. Link nach "
                "Anmeldung.", "online-sprechstunde-messefoerderung"),
    # An old and a new revision of one event (same UID): the higher SEQUENCE (moved one week later) wins.
    ai1ec_event(2336, ["DTSTART;TZID=Europe/Berlin:20270306T170000", "DTEND;TZID=Europe/Berlin:20270306T210000"],
                "Vereinssitzung", "Jahreshauptversammlung mit Vorstandswahl.", "vereinssitzung-2027"),
    ai1ec_event(2336, ["DTSTART;TZID=Europe/Berlin:20270313T170000", "DTEND;TZID=Europe/Berlin:20270313T210000"],
                "Vereinssitzung", "Jahreshauptversammlung mit Vorstandswahl. Neuer Termin: 13. März!",
                "vereinssitzung-2027", sequence=1),
    ai1ec_event(2342, ["DTSTART;TZID=Europe/Berlin:20270508T100000", "DTEND;TZID=Europe/Berlin:20270508T160000"],
                "Tag der offenen Werkstatt", "Führungen durch die Werkstatt\\, Vorführungen an den Maschinen.",
                "tag-der-offenen-werkstatt"),
]

FABLAB_HEADER = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//85.13.163.15//NONSGML kigkonsult.se iCalcreator 2.24.2//",
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-FROM-URL:http://blog.fablab-cottbus.de",
    "X-WR-TIMEZONE:Europe/Berlin",
    "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:STANDARD", "DTSTART:20261025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "RDATE:20271031T030000",
    "TZNAME:CET", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:20270328T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RDATE:20280326T020000",
    "TZNAME:CEST", "END:DAYLIGHT", "END:VTIMEZONE",
]


def fablab_feed() -> str:
    lines = [*FABLAB_HEADER, *(line for event in FABLAB_EVENTS for line in event), "END:VCALENDAR"]
    return CRLF.join(lines) + CRLF


# --- Build and verify ------------------------------------------------------------------------------------------

FILES = {
    "orangecity_chamber.ics": (ORANGE_CITY, lambda: tec_feed(
        "Orange City Chamber of Commerce", "6.11.2.1", "orangecity.biz",
        {"America/Chicago": range(2026, 2028)}, ORANGE_CITY_EVENTS)),
    "ami_chamber.ics": (AMI, lambda: tec_feed(
        "Anna Maria Island Chamber", "6.15.20", "www.annamariaislandchamber.org",
        {"America/New_York": range(2026, 2028), "Europe/Berlin": range(2027, 2028)}, AMI_EVENTS)),
    "fablab_cottbus.ics": (FABLAB, fablab_feed),
}


def build() -> None:
    for name, (_, render) in FILES.items():
        (HERE / name).write_bytes(render().encode("utf-8"))
    index = {url: name for name, (url, _) in FILES.items()}
    (HERE / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")


def verify() -> None:
    """Every file: CRLF only, parses, folding as its producer does; index.json names every file."""
    index = json.loads((HERE / "index.json").read_text(encoding="utf-8"))
    assert sorted(index.values()) == sorted(FILES), index
    for name in FILES:
        body = (HERE / name).read_bytes()
        assert body.count(b"\n") == body.count(b"\r\n"), f"{name}: bare LF"
        calendar = Calendar.from_ical(body)
        assert not [c.errors for c in calendar.walk("VEVENT") if c.errors], name
        if name == "fablab_cottbus.ics":
            assert max(len(line) for line in body.decode("utf-8").split(CRLF)) == 75, name
        print(f"{name}: {len(calendar.walk('VEVENT'))} VEVENTs, {len(body)} bytes")


if __name__ == "__main__":
    if "--verify" not in sys.argv:
        build()
    verify()
