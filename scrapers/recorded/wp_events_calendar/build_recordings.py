"""Builds the replay recordings of wp_events_calendar: TEC REST archive pages of two chamber sites.

The documents are constructed (no network here) in the shape The Events Calendar's REST API renders
(see README.md for the evidence of each member). Deterministic: no clock, no randomness; rebuilding
gives the same bytes. `--verify` only checks the files: JSON, envelope keys, unique ids, and that the
pagination a crawl follows (next_rest_url, as Scrapy builds the request URL) stays inside index.json.

    .venv/bin/python scrapers/recorded/wp_events_calendar/build_recordings.py [--verify]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ARCHIVE = "/wp-json/tribe/events/v1/events"
PER_PAGE = 10  # registry params.per_page
SNAPSHOT = date(2026, 8, 20)  # the day the archives are rendered as of ("start_date=now")
FMT = "%Y-%m-%d %H:%M:%S"
SCHEMA = "https://schema.org/"


@dataclass
class Site:
    name: str
    home: str  # home_url(), the origin of global ids
    timezone: str  # the site's WordPress timezone (post dates, defaults of new events)
    json_ld_in_archive: bool  # the site adds '' to tribe_rest_event_json_ld_data_contexts
    venues: dict[str, dict[str, Any]] = field(default_factory=dict)
    organizers: dict[str, dict[str, Any]] = field(default_factory=dict)
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return self.home.split("://", 1)[1]


@dataclass
class Event:
    id: int
    slug: str
    title: str  # as WordPress renders it: entities such as &#8211; and &amp;
    description: str  # the_content: wpautop'ed HTML
    start: str  # local "Y-m-d H:i:s"
    end: str
    timezone: str
    categories: list[str]
    tags: list[str]
    venue: str | None
    organizers: list[str]
    created: str  # post_date (site time)
    modified: str
    all_day: bool = False
    cost: str = ""
    cost_values: list[str] = field(default_factory=list)
    website: str = ""
    featured: bool = False
    event_status: str = "EventScheduled"  # TEC 6.0.11+ JSON-LD eventStatus


def place(id_: int, author: str, created: str, slug: str, name: str, site_tz: str, **fields: Any) -> dict[str, Any]:
    """A venue post: the members TEC sends, empty ones dropped as its array_filter() does."""
    return {"id": id_, "author": author, "created": created, "slug": slug, "venue": name, "site_tz": site_tz,
            **{key: value for key, value in fields.items() if value}}


# --- Calgary Chamber of Commerce (site timezone America/Edmonton; no JSON-LD in archive items) ---------
CALGARY = Site("calgary_chamber", "https://calgarychamber.com", "America/Edmonton", json_ld_in_archive=False)
CALGARY.venues = {
    "boardroom": place(30211, "4", "2025-01-14 09:02:11", "calgary-chamber-boardroom",
                       "Calgary Chamber of Commerce Boardroom", CALGARY.timezone,
                       city="Calgary", country="Canada", province="Alberta", stateprovince="Alberta"),
    "bmo": place(30377, "4", "2025-03-03 14:40:52", "bmo-centre", "BMO Centre", CALGARY.timezone,
                 address="20 Roundup Way SE", city="Calgary", country="Canada", province="Alberta",
                 zip="T2G 2W1", website="https://www.bmocentre.ca/", stateprovince="Alberta"),
    "hannover": place(31502, "4", "2026-02-09 11:15:37", "hannover-exhibition-grounds",
                      "Hannover Exhibition Grounds (Messegelände)", CALGARY.timezone,
                      address="Messegelände", city="Hannover", country="Germany", province="Niedersachsen",
                      zip="30521", website="https://www.messe.de/", stateprovince="Niedersachsen"),
    "duesseldorf": place(31874, "4", "2026-05-26 16:20:05", "messe-dusseldorf", "Messe Düsseldorf",
                         CALGARY.timezone, address="Messeplatz", city="Düsseldorf", country="Germany",
                         province="Nordrhein-Westfalen", zip="40474", stateprovince="Nordrhein-Westfalen"),
}
CALGARY.organizers = {
    "chamber": {"id": 30212, "created": "2025-01-14 09:03:40", "slug": "calgary-chamber-of-commerce",
                "organizer": "Calgary Chamber of Commerce", "website": "https://calgarychamber.com/"},
    "deutsche_messe": {"id": 31503, "created": "2026-02-09 11:16:02", "slug": "deutsche-messe-ag",
                       "organizer": "Deutsche Messe AG", "website": "https://www.messe.de/"},
    "messe_duesseldorf": {"id": 31875, "created": "2026-05-26 16:21:44", "slug": "messe-dusseldorf-gmbh",
                          "organizer": "Messe Düsseldorf GmbH", "website": "https://www.messe-duesseldorf.de/"},
}
CALGARY.terms = {
    "trade-shows": {"name": "Trade Shows &amp; Exhibitions", "id": 41, "count": 6, "taxonomy": "tribe_events_cat"},
    "export-development": {"name": "Export Development", "id": 43, "count": 9, "taxonomy": "tribe_events_cat"},
    "webinars": {"name": "Webinars", "id": 44, "count": 14, "taxonomy": "tribe_events_cat"},
    "signature-events": {"name": "Signature Events", "id": 45, "count": 5, "taxonomy": "tribe_events_cat"},
    "germany": {"name": "Germany", "id": 112, "count": 3, "taxonomy": "post_tag"},
    "industrial-technology": {"name": "Industrial Technology", "id": 113, "count": 2, "taxonomy": "post_tag"},
    "medical-devices": {"name": "Medical Devices", "id": 114, "count": 2, "taxonomy": "post_tag"},
    "ceta": {"name": "CETA", "id": 115, "count": 4, "taxonomy": "post_tag"},
    "united-states": {"name": "United States", "id": 116, "count": 7, "taxonomy": "post_tag"},
    "tariffs": {"name": "Tariffs", "id": 117, "count": 6, "taxonomy": "post_tag"},
}
CALGARY_EVENTS = [
    Event(31620, "webinar-navigating-u-s-tariffs-customs-for-alberta-exporters",
          "Webinar: Navigating U.S. Tariffs &amp; Customs for Alberta Exporters",
          "<p>A one-hour online briefing for Alberta exporters on current U.S. tariff measures, CUSMA "
          "rules of origin and customs documentation, with time for questions.</p>\n<p>Registration closes "
          "the day before; the link to join is sent by e-mail.</p>",
          "2026-09-16 12:00:00", "2026-09-16 13:00:00", "America/Edmonton",
          ["webinars", "export-development"], ["united-states", "tariffs"], None, ["chamber"],
          "2026-06-30 10:41:09", "2026-08-11 15:02:47", cost="Free"),
    Event(31688, "export-essentials-seminar-selling-into-the-eu-under-ceta",
          "Export Essentials Seminar &#8211; Selling into the EU under CETA",
          "<p>How Alberta companies can use the Canada&#8211;EU Comprehensive Economic and Trade Agreement: "
          "tariff elimination schedules, rules of origin, and what EU buyers expect.</p>",
          "2026-10-07 08:00:00", "2026-10-07 10:00:00", "America/Edmonton",
          ["export-development"], ["ceta", "germany"], "boardroom", ["chamber"],
          "2026-07-08 13:27:55", "2026-08-14 09:12:30", cost="$45", cost_values=["45"]),
    Event(31510, "hannover-messe-2027", "HANNOVER MESSE 2027",
          "<p>The world&#8217;s leading trade fair for industrial technology: automation, digital "
          "ecosystems, energy and engineered parts. The Chamber is organising an Alberta business delegation; "
          "contact us to join.</p>",
          "2027-04-12 00:00:00", "2027-04-16 23:59:59", "America/Edmonton",
          ["trade-shows"], ["germany", "industrial-technology"], "hannover", ["deutsche_messe", "chamber"],
          "2026-02-09 11:18:20", "2026-07-21 08:45:03", all_day=True, website="https://www.hannovermesse.de/",
          featured=True),
    Event(31702, "world-trade-day-luncheon-export-awards-2027", "World Trade Day Luncheon &amp; Export Awards",
          "<p>Our annual luncheon celebrating Alberta&#8217;s exporters, with the presentation of the "
          "Export Awards.</p>",
          "2027-05-20 11:30:00", "2027-05-20 13:30:00", "America/Edmonton",
          ["signature-events", "export-development"], [], "bmo", ["chamber"],
          "2026-08-05 09:00:14", "2026-08-05 09:00:14", cost="$95", cost_values=["95"]),
    Event(31880, "medica-2027", "MEDICA 2027",
          "<p>World forum for medicine: medical devices, diagnostics, laboratory technology and health IT. "
          "Runs alongside COMPAMED.</p>",
          "2027-11-15 00:00:00", "2027-11-18 23:59:59", "Europe/Berlin",
          ["trade-shows"], ["germany", "medical-devices"], "duesseldorf", ["messe_duesseldorf"],
          "2026-05-26 16:24:31", "2026-06-02 10:05:56", all_day=True, website="https://www.medica-tradefair.com/"),
]

# --- The Winnipeg Chamber of Commerce (America/Winnipeg; JSON-LD attached to archive items) ----------
WINNIPEG = Site("winnipeg_chamber", "https://www.winnipeg-chamber.com", "America/Winnipeg", json_ld_in_archive=True)
WINNIPEG.venues = {
    "chamber": place(8841, "3", "2024-09-02 10:00:41", "the-winnipeg-chamber-of-commerce",
                     "The Winnipeg Chamber of Commerce", WINNIPEG.timezone,
                     city="Winnipeg", country="Canada", province="Manitoba", stateprovince="Manitoba"),
    "rbc": place(8850, "3", "2024-09-02 10:12:09", "rbc-convention-centre-winnipeg",
                 "RBC Convention Centre Winnipeg", WINNIPEG.timezone, address="375 York Avenue", city="Winnipeg",
                 country="Canada", province="Manitoba", zip="R3C 3J3", stateprovince="Manitoba"),
    "fort_garry": place(9120, "3", "2025-02-17 15:33:28", "the-fort-garry-hotel", "The Fort Garry Hotel",
                        WINNIPEG.timezone, address="222 Broadway", city="Winnipeg", country="Canada",
                        province="Manitoba", zip="R3C 0R3", stateprovince="Manitoba"),
    "frankfurt": place(9877, "3", "2026-01-12 11:41:19", "messe-frankfurt", "Messe Frankfurt", WINNIPEG.timezone,
                       address="Ludwig-Erhard-Anlage 1", city="Frankfurt am Main", country="Germany",
                       province="Hessen", zip="60327", stateprovince="Hessen"),
    "berlin": place(9903, "3", "2026-03-30 09:52:07", "messe-berlin", "Messe Berlin", WINNIPEG.timezone,
                    address="Messedamm 22", city="Berlin", country="Germany", province="Berlin", zip="14055",
                    stateprovince="Berlin"),
    "koelnmesse": place(9915, "3", "2026-04-14 13:08:44", "koelnmesse", "Koelnmesse", WINNIPEG.timezone,
                        address="Messeplatz 1", city="Köln", country="Germany", province="Nordrhein-Westfalen",
                        zip="50679", website="https://www.koelnmesse.de/", stateprovince="Nordrhein-Westfalen"),
    "mexico": place(9950, "3", "2026-05-19 10:27:16", "mexico-city", "Mexico City", WINNIPEG.timezone,
                    city="Mexico City", country="Mexico"),
    "tokyo": place(10012, "3", "2026-07-28 14:55:02", "tokyo", "Tokyo", WINNIPEG.timezone, city="Tokyo",
                   country="Japan"),
}
WINNIPEG.organizers = {
    "chamber": {"id": 8842, "created": "2024-09-02 10:01:15", "slug": "the-winnipeg-chamber-of-commerce",
                "organizer": "The Winnipeg Chamber of Commerce", "website": "https://www.winnipeg-chamber.com/"},
    "messe_frankfurt": {"id": 9878, "created": "2026-01-12 11:42:03", "slug": "messe-frankfurt-exhibition-gmbh",
                        "organizer": "Messe Frankfurt Exhibition GmbH", "website": "https://www.messefrankfurt.com/"},
    "messe_berlin": {"id": 9904, "created": "2026-03-30 09:53:30", "slug": "messe-berlin-gmbh",
                     "organizer": "Messe Berlin GmbH", "website": "https://www.messe-berlin.de/"},
    "koelnmesse": {"id": 9916, "created": "2026-04-14 13:09:12", "slug": "koelnmesse-gmbh",
                   "organizer": "Koelnmesse GmbH", "website": "https://www.koelnmesse.com/"},
}
WINNIPEG.terms = {
    "international-trade": {"name": "International Trade", "id": 12, "count": 31, "taxonomy": "tribe_events_cat"},
    "trade-shows": {"name": "Trade Shows", "id": 13, "count": 8, "taxonomy": "tribe_events_cat"},
    "trade-missions": {"name": "Trade Missions", "id": 14, "count": 5, "taxonomy": "tribe_events_cat"},
    "seminars-workshops": {"name": "Seminars &amp; Workshops", "id": 15, "count": 22,
                           "taxonomy": "tribe_events_cat"},
    "networking": {"name": "Networking", "id": 16, "count": 40, "taxonomy": "tribe_events_cat"},
    "webinars": {"name": "Webinars", "id": 17, "count": 12, "taxonomy": "tribe_events_cat"},
    "automotive": {"name": "Automotive", "id": 201, "count": 2, "taxonomy": "post_tag"},
    "agri-food": {"name": "Agri-Food", "id": 202, "count": 6, "taxonomy": "post_tag"},
    "food-beverage": {"name": "Food &amp; Beverage", "id": 203, "count": 4, "taxonomy": "post_tag"},
    "fresh-produce": {"name": "Fresh Produce", "id": 204, "count": 1, "taxonomy": "post_tag"},
    "food-processing": {"name": "Food Processing", "id": 205, "count": 1, "taxonomy": "post_tag"},
    "germany": {"name": "Germany", "id": 206, "count": 5, "taxonomy": "post_tag"},
    "eu": {"name": "EU", "id": 207, "count": 4, "taxonomy": "post_tag"},
    "mexico": {"name": "Mexico", "id": 208, "count": 2, "taxonomy": "post_tag"},
    "cusma": {"name": "CUSMA", "id": 209, "count": 3, "taxonomy": "post_tag"},
    "asia-pacific": {"name": "Asia-Pacific", "id": 210, "count": 2, "taxonomy": "post_tag"},
    "export-finance": {"name": "Export Finance", "id": 211, "count": 2, "taxonomy": "post_tag"},
}
WINNIPEG_EVENTS = [
    Event(9880, "automechanika-frankfurt-2026", "Automechanika Frankfurt 2026",
          "<p>International trade fair for the automotive aftermarket: parts, repair and maintenance, "
          "diagnostics and car wash. Manitoba suppliers can exhibit on the Canada pavilion.</p>",
          "2026-09-08 00:00:00", "2026-09-12 23:59:59", "Europe/Berlin",
          ["trade-shows", "international-trade"], ["automotive", "germany"], "frankfurt", ["messe_frankfurt"],
          "2026-01-12 11:45:50", "2026-06-18 09:31:12", all_day=True, website="https://automechanika.messefrankfurt.com/"),
    Event(10025, "exporting-101-finding-your-first-international-customer",
          "Exporting 101: Finding Your First International Customer",
          "<p>A practical half-day workshop for first-time exporters: choosing a market, finding buyers, "
          "pricing with Incoterms® and getting paid.</p>",
          "2026-09-24 08:30:00", "2026-09-24 11:30:00", "America/Winnipeg",
          ["seminars-workshops", "international-trade"], [], "chamber", ["chamber"],
          "2026-07-29 10:05:33", "2026-08-12 16:40:21", cost="$35", cost_values=["35"]),
    Event(10031, "ceta-market-access-breakfast", "CETA Market Access Breakfast",
          "<p><strong>This event has been cancelled.</strong> Registered guests will be refunded.</p>\n"
          "<p>A breakfast briefing on market access in the EU under CETA.</p>",
          "2026-10-15 07:30:00", "2026-10-15 09:00:00", "America/Winnipeg",
          ["seminars-workshops", "international-trade"], ["eu"], "fort_garry", ["chamber"],
          "2026-07-30 11:20:47", "2026-08-18 13:02:55", cost="$40", cost_values=["40"],
          event_status="EventCancelled"),
    Event(10040, "business-after-hours-international-trade-edition",
          "Business After Hours: International Trade Edition",
          "<p>Meet exporters, freight forwarders and trade commissioners at our after-work mixer.</p>",
          "2026-11-18 16:30:00", "2026-11-18 18:30:00", "America/Winnipeg",
          ["networking"], [], "rbc", ["chamber"],
          "2026-08-03 09:44:10", "2026-08-03 09:44:10", cost="$25", cost_values=["25"]),
    Event(10047, "webinar-incoterms-for-manitoba-exporters", "Webinar: Incoterms® 2020 for Manitoba Exporters",
          "<p>Online session on choosing the right Incoterms® rule for your export contracts.</p>\n"
          "<p><em>Postponed &#8211; a new date will be announced.</em></p>",
          "2026-12-03 12:00:00", "2026-12-03 13:00:00", "America/Winnipeg",
          ["webinars", "international-trade"], [], None, ["chamber"],
          "2026-08-04 14:12:09", "2026-08-19 10:58:31", cost="Free", event_status="EventPostponed"),
    Event(9906, "fruit-logistica-2027", "FRUIT LOGISTICA 2027",
          "<p>The leading international trade fair for the fresh produce business, covering the whole "
          "value chain from seed to shelf.</p>",
          "2027-02-03 00:00:00", "2027-02-05 23:59:59", "Europe/Berlin",
          ["trade-shows"], ["fresh-produce", "agri-food", "germany"], "berlin", ["messe_berlin"],
          "2026-03-30 09:55:12", "2026-05-04 15:20:40", all_day=True, website="https://www.fruitlogistica.com/"),
    Event(9952, "trade-delegation-to-mexico-manitoba-manufacturers",
          "Trade Delegation to Mexico &#8211; Manitoba Manufacturers",
          "<p>A four-day delegation to Mexico City for Manitoba manufacturers: pre-arranged B2B meetings, "
          "site visits and a CUSMA briefing with the Trade Commissioner Service.</p>",
          "2027-03-08 00:00:00", "2027-03-11 23:59:59", "America/Mexico_City",
          ["trade-missions", "international-trade"], ["mexico", "cusma"], "mexico", ["chamber"],
          "2026-05-19 10:31:02", "2026-08-07 12:16:45", all_day=True, cost="$2,500", cost_values=["2500"]),
    Event(9918, "anuga-foodtec-2027", "Anuga FoodTec 2027",
          "<p>International supplier fair for the food and beverage industry: processing, packaging, "
          "automation and food safety.</p>",
          "2027-03-23 00:00:00", "2027-03-26 23:59:59", "Europe/Berlin",
          ["trade-shows"], ["food-processing", "germany"], "koelnmesse", ["koelnmesse"],
          "2026-04-14 13:15:27", "2026-04-14 13:15:27", all_day=True, website="https://www.anugafoodtec.com/"),
    Event(10051, "export-finance-breakfast-edc-bdc-programs", "Export Finance Breakfast: EDC &amp; BDC Programs",
          "<p>Export Development Canada and BDC explain credit insurance, working-capital guarantees and "
          "financing for exporters.</p>",
          "2027-04-20 07:30:00", "2027-04-20 09:00:00", "America/Winnipeg",
          ["seminars-workshops", "international-trade"], ["export-finance"], "fort_garry", ["chamber"],
          "2026-08-06 10:09:58", "2026-08-06 10:09:58", cost="$40", cost_values=["40"]),
    Event(10058, "manitoba-trade-investment-forum-2027", "Manitoba Trade &amp; Investment Forum 2027",
          "<p>A day of panels on supply chains, new markets and investment attraction, with the province&#8217;s "
          "trade partners.</p>",
          "2027-06-09 08:00:00", "2027-06-09 16:30:00", "America/Winnipeg",
          ["international-trade", "networking"], [], "rbc", ["chamber"],
          "2026-08-10 11:35:16", "2026-08-17 08:22:04", cost="$150", cost_values=["150"]),
    Event(9920, "anuga-2027", "Anuga 2027",
          "<p>The world&#8217;s leading trade fair for food and beverages, with ten trade shows under one "
          "roof in Cologne.</p>",
          "2027-10-09 00:00:00", "2027-10-13 23:59:59", "Europe/Berlin",
          ["trade-shows"], ["food-beverage", "agri-food", "germany"], "koelnmesse", ["koelnmesse"],
          "2026-04-14 13:20:03", "2026-06-23 14:48:39", all_day=True, website="https://www.anuga.com/"),
    Event(10016, "trade-mission-to-japan-south-korea", "Trade Mission to Japan &amp; South Korea",
          "<p>A mission to Tokyo and Seoul for agri-food and clean-technology companies, under the CPTPP and "
          "the Canada&#8211;Korea Free Trade Agreement.</p>",
          "2027-11-01 00:00:00", "2027-11-05 23:59:59", "Asia/Tokyo",
          ["trade-missions", "international-trade"], ["asia-pacific", "agri-food"], "tokyo", ["chamber"],
          "2026-07-28 15:02:44", "2026-08-13 09:47:50", all_day=True, cost="$3,900", cost_values=["3900"]),
]


def local_to_utc(value: str, zone: str) -> str:
    moment = datetime.strptime(value, FMT).replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(ZoneInfo("UTC")).strftime(FMT)


def details(value: str) -> dict[str, str]:
    moment = datetime.strptime(value, FMT)
    return {"year": f"{moment:%Y}", "month": f"{moment:%m}", "day": f"{moment:%d}", "hour": f"{moment:%H}",
            "minutes": f"{moment:%M}", "seconds": f"{moment:%S}"}


def global_ids(site: Site, post_id: int) -> dict[str, Any]:
    gid = f"{site.host}?id={post_id}"
    return {"global_id": gid, "global_id_lineage": [gid]}


def post_dates(created: str, modified: str, zone: str) -> dict[str, str]:
    return {"date": created, "date_utc": local_to_utc(created, zone), "modified": modified,
            "modified_utc": local_to_utc(modified, zone)}


def venue_data(site: Site, key: str) -> dict[str, Any]:
    """Post_Repository::get_venue_data: members in TEC's order, empties dropped, then the map flags and ids."""
    venue = site.venues[key]
    data: dict[str, Any] = {"id": venue["id"], "author": venue["author"], "status": "publish",
                            **post_dates(venue["created"], venue["created"], venue["site_tz"]),
                            "url": f"{site.home}/venue/{venue['slug']}/", "venue": venue["venue"],
                            "slug": venue["slug"]}
    for member in ("address", "city", "country", "province", "state", "zip", "phone", "website", "stateprovince"):
        if venue.get(member):
            data[member] = venue[member]
    return {**data, "show_map": True, "show_map_link": True, **global_ids(site, venue["id"])}


def organizer_data(site: Site, key: str) -> dict[str, Any]:
    org = site.organizers[key]
    return {"id": org["id"], "author": "3" if site is WINNIPEG else "4", "status": "publish",
            **post_dates(org["created"], org["created"], site.timezone),
            "url": f"{site.home}/organizer/{org['slug']}/", "organizer": org["organizer"], "slug": org["slug"],
            "website": org["website"], **global_ids(site, org["id"])}


def term_data(site: Site, slug: str) -> dict[str, Any]:
    term = site.terms[slug]
    kind = "categories" if term["taxonomy"] == "tribe_events_cat" else "tags"
    base = f"{site.home}/wp-json/tribe/events/v1/{kind}"
    return {"name": term["name"], "slug": slug, "term_group": 0, "term_taxonomy_id": term["id"],
            "taxonomy": term["taxonomy"], "description": "", "parent": 0, "count": term["count"], "filter": "raw",
            "id": term["id"], "urls": {"self": f"{base}/{term['id']}", "collection": base}}


def abbreviation(value: str, zone: str) -> str:
    return datetime.strptime(value, FMT).replace(tzinfo=ZoneInfo(zone)).tzname() or ""


def offset_iso(value: str, zone: str) -> str:
    return datetime.strptime(value, FMT).replace(tzinfo=ZoneInfo(zone)).isoformat()


def json_ld(site: Site, event: Event, permalink: str) -> dict[str, Any]:
    """The event JSON-LD TEC builds (Tribe__Events__JSON_LD__Event + the Event Status modifier)."""
    data: dict[str, Any] = {"@context": "http://schema.org", "@type": "Event", "name": event.title,
                            "description": "", "url": permalink,
                            "startDate": offset_iso(event.start, event.timezone),
                            "endDate": offset_iso(event.end, event.timezone)}
    if event.venue:
        venue = site.venues[event.venue]
        address = {"@type": "PostalAddress", "streetAddress": venue.get("address", ""),
                   "addressLocality": venue.get("city", ""), "addressRegion": venue.get("stateprovince", ""),
                   "postalCode": venue.get("zip", ""), "addressCountry": venue.get("country", "")}
        data["location"] = {"@type": "Place", "name": venue["venue"], "description": "",
                            "url": f"{site.home}/venue/{venue['slug']}/", "address": address,
                            "telephone": "", "sameAs": venue.get("website", "")}
    if event.organizers:
        org = site.organizers[event.organizers[0]]
        data["organizer"] = {"@type": "Person", "name": org["organizer"], "description": "",
                             "url": f"{site.home}/organizer/{org['slug']}/", "telephone": "", "email": "",
                             "sameAs": org["website"]}
    data["performer"] = "Organization"
    if event.cost_values:
        data["offers"] = {"@type": "Offer", "price": event.cost_values[0], "url": permalink}
    data["eventAttendanceMode"] = f"{SCHEMA}OfflineEventAttendanceMode"
    data["eventStatus"] = f"{SCHEMA}{event.event_status}"
    return data


def event_data(site: Site, event: Event) -> dict[str, Any]:
    """Post_Repository::get_event_data, members in TEC's order."""
    permalink = f"{site.home}/event/{event.slug}/"
    utc_start, utc_end = local_to_utc(event.start, event.timezone), local_to_utc(event.end, event.timezone)
    data: dict[str, Any] = {
        "id": event.id, **global_ids(site, event.id), "author": "3" if site is WINNIPEG else "4",
        "status": "publish", **post_dates(event.created, event.modified, site.timezone),
        "url": permalink, "rest_url": f"{site.home}/wp-json/tribe/events/v1/events/{event.id}",
        "title": event.title, "description": event.description, "excerpt": "", "slug": event.slug,
        "image": False, "all_day": event.all_day,
        "start_date": event.start, "start_date_details": details(event.start),
        "end_date": event.end, "end_date_details": details(event.end),
        "utc_start_date": utc_start, "utc_start_date_details": details(utc_start),
        "utc_end_date": utc_end, "utc_end_date_details": details(utc_end),
        "timezone": event.timezone, "timezone_abbr": abbreviation(event.start, event.timezone),
        "cost": event.cost,
        "cost_details": {"currency_symbol": "$", "currency_code": "CAD", "currency_position": "prefix",
                         "values": event.cost_values},
        "website": event.website, "show_map": True, "show_map_link": True, "hide_from_listings": False,
        "sticky": False, "featured": event.featured,
        "categories": [term_data(site, slug) for slug in event.categories],
        "tags": [term_data(site, slug) for slug in event.tags],
        "venue": venue_data(site, event.venue) if event.venue else [],
        "organizer": [organizer_data(site, key) for key in event.organizers],
    }
    if site.json_ld_in_archive:
        data["json_ld"] = json_ld(site, event, permalink)
    return data


def tec_args() -> tuple[str, str]:
    """start_date=now and the default end_date (+24 months), as the inclusive range TEC expands them to."""
    start = datetime.combine(SNAPSHOT, datetime.min.time())
    last_day = SNAPSHOT.replace(year=SNAPSHOT.year + 2)
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time()) - timedelta(seconds=1)
    return start.strftime(FMT), end.strftime(FMT)


def rest_url(site: Site, page: int) -> str:
    """get_current_rest_url(): base `…/events/` + supported query vars, values not URL-encoded."""
    start, end = tec_args()
    return (f"{site.home}{ARCHIVE}/?page={page}&per_page={PER_PAGE}&start_date={start}&end_date={end}"
            "&status=publish")


def without_page(site: Site) -> str:
    """remove_query_arg('page', rest_url): add_query_arg re-encodes the existing values (urlencode)."""
    start, end = (value.replace(" ", "+").replace(":", "%3A") for value in tec_args())
    return f"{site.home}{ARCHIVE}/?per_page={PER_PAGE}&start_date={start}&end_date={end}&status=publish"


def archive_pages(site: Site, events: list[Event]) -> list[dict[str, Any]]:
    """Archive_Event::get(): events, rest_url, next_rest_url / previous_rest_url, total, total_pages."""
    chunks = [events[i:i + PER_PAGE] for i in range(0, len(events), PER_PAGE)]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        page: dict[str, Any] = {"events": [event_data(site, event) for event in chunk],
                                "rest_url": rest_url(site, number)}
        if number < len(chunks):
            page["next_rest_url"] = f"{without_page(site)}&page={number + 1}"
        if number > 1:
            page["previous_rest_url"] = without_page(site) + ("" if number == 2 else f"&page={number - 1}")
        page["total"] = len(events)
        page["total_pages"] = len(chunks)
        pages.append(page)
    return pages


def wp_json(document: Any) -> str:
    """wp_json_encode() as the WordPress REST server sends it: compact, \\u escapes, escaped slashes."""
    return json.dumps(document, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def first_url(site: Site) -> str:
    return f"{site.home}{ARCHIVE}?per_page={PER_PAGE}&start_date=now"


def build() -> dict[str, str]:
    index: dict[str, str] = {}
    for site, events in ((CALGARY, CALGARY_EVENTS), (WINNIPEG, WINNIPEG_EVENTS)):
        events = sorted(events, key=lambda event: (event.start, event.id))  # TEC orders by start date
        for number, page in enumerate(archive_pages(site, events), start=1):
            name = f"{site.name}_page{number}.json"
            (HERE / name).write_text(wp_json(page) + "\n", encoding="utf-8")
            url = first_url(site) if number == 1 else f"{without_page(site)}&page={number}"
            index[url] = name
    (HERE / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return index


def verify() -> None:
    """Every file parses as an archive page; ids are unique; every next_rest_url is recorded."""
    from scrapy import Request  # only the check needs Scrapy's URL handling

    index = json.loads((HERE / "index.json").read_text(encoding="utf-8"))
    seen: set[str] = set()
    for url, name in index.items():
        page = json.loads((HERE / name).read_text(encoding="utf-8"))
        assert next(iter(page)) == "events" and {"rest_url", "total", "total_pages"} <= set(page), name
        for event in page["events"]:
            assert event["global_id"] not in seen, event["global_id"]
            seen.add(event["global_id"])
        if "next_rest_url" in page:
            assert Request(page["next_rest_url"]).url in index, f"{name}: next page not recorded"
        assert Request(url).url == url, f"{url} is not as Scrapy builds it"
    print(f"ok: {len(index)} pages, {len(seen)} events")


if __name__ == "__main__":
    if "--verify" not in sys.argv:
        build()
    verify()
