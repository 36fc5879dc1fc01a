"""Build the replay recordings of the ITA Trade Events API: two pages of `/v2/trade_events/search`.

Constructed, not captured (see README.md): the envelope and the per-agency result shapes follow the
GovWizely/webservices views and a captured 2016 response; the events are the 2026/27 editions the
trade-fair sources share (/work/research/shared_fairs.md) plus ITA's own missions and webinars.
Deterministic (no clock, no randomness): rebuilding gives the same bytes. Standard library only.

    .venv/bin/python scrapers/recorded/ita_trade_events/build_recordings.py            # rebuild + verify
    .venv/bin/python scrapers/recorded/ita_trade_events/build_recordings.py --verify   # verify only
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ENDPOINT = "https://api.trade.gov/v2/trade_events/search"
PAGE_SIZE = 10  # = params.page_size in scrapers/sources.yaml

# Region labels as the API's fixtures print them (spec/support/trade_events/v2/{ita,sba}/results.json).
US_REGIONS = (["Asia Pacific Economic Cooperation", "NAFTA", "Trans Pacific Partnership", "CAFTA-DR"],
              ["Western Hemisphere", "Pacific Rim", "North America"])
EU_REGIONS = (["European Union - 28"], ["Europe"])
GULF_REGIONS = ([], ["Middle East"])
ASIA_REGIONS = ([], ["Asia", "South Asia"])
ASEAN_REGIONS = (["Asia Pacific Economic Cooperation", "Trans Pacific Partnership"], ["Asia", "Pacific Rim"])
AFRICA_REGIONS = ([], ["Sub-Saharan Africa"])


def contact(first: str, last: str, title: str, post: str) -> dict[str, Any]:
    """An ITA contact; e-mail and phone left null (values may be null in the API) to invent no addresses."""
    return {"email": None, "first_name": first, "last_name": last, "person_title": title, "phone": None,
            "post": post}


def ita(event_id: str, name: str, event_type: str, start: str, end: str, *, cost: float,
        registration: tuple[str | None, str | None], description: str, industries: list[str], url: str | None,
        venue: dict[str, Any], contacts: list[dict[str, Any]], regions: tuple[list[str], list[str]]
        ) -> dict[str, Any]:
    """An ITA result in the key order of the consolidated `_entry.json.jbuilder` (ita field list)."""
    return {
        "id": event_id, "event_name": name, "event_type": event_type, "start_date": start, "end_date": end,
        "cost": cost, "registration_link": registration[0], "registration_title": registration[1],
        "description": description, "industries": industries, "url": url, "venues": [venue],
        "contacts": contacts, "source": "ITA", "trade_regions": regions[0], "world_regions": regions[1],
    }


def venue(city: str, country: str, state: str | None, name: str) -> dict[str, Any]:
    """ITA/SBA venue keys in the order of the captured response (city, country, state, venue)."""
    return {"city": city, "country": country, "state": state, "venue": name}


def sba_id(doc: dict[str, Any]) -> str:
    """SBA ids are a SHA1 of these fields joined (app/importers/trade_event/sba_data.rb `generate_id`)."""
    fields = ("city", "cost", "country", "event_name", "event_type", "start_date", "start_time", "end_date",
              "end_time", "time_zone")
    return hashlib.sha1("".join("" if doc.get(f) is None else str(doc[f]) for f in fields).encode()).hexdigest()


def sba_workshop() -> dict[str, Any]:
    """An SBA result: times and a Windows time-zone name, venue with `address`, no url/registration_title."""
    place = {"address": "10 S. Howard Street Suite 6220", "city": "Baltimore", "country": "US", "state": "MD",
             "venue": "U.S. Small Business Administration"}
    fields = {"event_name": "Small Business Export Finance Workshop", "event_type": "SBA Sponsored",
              "start_date": "2026-12-10", "start_time": "10:00", "end_date": "2026-12-10", "end_time": "12:00",
              "time_zone": "Eastern Standard Time", "cost": None}
    event_id = sba_id({**fields, "city": place["city"], "country": place["country"]})
    return {
        "id": event_id, **fields, "registration_link": None,
        "description": "For established businesses that are currently exporting, or looking to export as a way "
                       "to grow revenues. Talk to experts about your business and your export financing needs. "
                       "SBA will then present methods of trade finance, risk mitigation and creative uses of loan "
                       "proceeds under its export loan guarantee programs.",
        "industries": [], "venues": [place],
        "contacts": [{"email": None, "last_name": "Baltimore District Office", "phone": None,
                      "post": "Small Business Administration"}],
        "source": "SBA", "trade_regions": US_REGIONS[0], "world_regions": US_REGIONS[1],
    }


def ustda_reverse_mission() -> dict[str, Any]:
    """A USTDA result: start date not parseable upstream (null), two venues, `&nbsp;` in the description.
    The id is a 40-hex string like the fixture's; how USTDA derives it is not known (SHA1 of the name here)."""
    name = "Philippines: Grid Modernization Reverse Trade Mission"
    return {
        "id": hashlib.sha1(name.encode()).hexdigest(), "event_name": name, "start_date": None,
        "end_date": "2027-03-26", "start_time": None, "end_time": None, "cost": None, "cost_currency": None,
        "registration_link": None, "registration_title": name,
        "description": "The Grid Modernization Reverse Trade Mission will bring Philippine utility and "
                       "government representatives to the United States to meet U.S.&nbsp;suppliers of "
                       "transmission and distribution technologies.&nbsp; The delegation will hold a business "
                       "briefing in Washington, DC and site visits in Houston, Texas.",
        "industries": ["Electricity Transmission & Distribution"], "url": None,
        "venues": [{"country": "US", "state": "DC", "city": "Washington", "venue": "Washington, DC"},
                   {"country": "US", "state": "TX", "city": "Houston", "venue": "Houston, TX"}],
        "first_name": None, "last_name": None, "post": None, "person_title": None, "phone": None, "email": None,
        "source": "USTDA", "event_type": None, "trade_regions": US_REGIONS[0], "world_regions": US_REGIONS[1],
    }


def events() -> list[dict[str, Any]]:
    """All 13 results, in the API's order (start_date ascending; a null start_date sorts last)."""
    fair_pavilion = (None, None)
    return [
        ita("74518", "Export Controls on Dual-Use Items: Compliance Essentials", "Seminar-Webinar",
            "2026-12-09", "2026-12-09", cost=50.0,
            registration=("https://emenuapps.ita.doc.gov/ePublic/event/editWebReg.do?SmartCode=7K2P",
                          "Register for this event"),
            description="On December 9 at 1:00 pm EST, the U.S. Commercial Service will host a webinar on export "
                        "controls for dual-use items: classification, licensing and recordkeeping. The webinar "
                        "will end with a question and answer session.",
            industries=[], url=None, venue=venue("Washington", "US", "DC", "Your Computer"),
            contacts=[contact("Dana", "Whitfield", "International Trade Specialist", "Baltimore")],
            regions=US_REGIONS),
        sba_workshop(),
        ita("74230", "CES 2027", "International Buyer Program", "2027-01-06", "2027-01-09", cost=0.0,
            registration=fair_pavilion,
            description="CES is the global stage for innovation in consumer technology. Through the International "
                        "Buyer Program, the U.S. Commercial Service recruits foreign buyer delegations and offers "
                        "matchmaking with U.S. exhibitors at the International Business Center.",
            industries=["Consumer Electronics", "Electronic Components", "Telecommunications Eq."],
            url="www.ces.tech", venue=venue("Las Vegas", "US", "NV", "Las Vegas Convention Center"),
            contacts=[contact("Jordan", "Ellis", "International Trade Specialist", "Trade Event Programs")],
            regions=US_REGIONS),
        ita("74102", "Arab Health 2027", "Trade Fair", "2027-01-25", "2027-01-28", cost=0.0,
            registration=fair_pavilion,
            description="Arab Health is the largest healthcare exhibition in the Middle East. The U.S. Commercial "
                        "Service in Dubai supports the USA Pavilion and arranges meetings with distributors and "
                        "hospital buyers from the Gulf region.",
            industries=["Medical Eq.", "Health Care Services", "Laboratory Scientific Instruments"],
            url="https://www.arabhealthonline.com", venue=venue("Dubai", "AE", None, "Dubai World Trade Centre"),
            contacts=[contact("Samir", "Haddad", "Commercial Specialist", "Dubai")], regions=GULF_REGIONS),
        ita("74135", "Gulfood 2027", "Trade Fair", "2027-02-15", "2027-02-19", cost=0.0,
            registration=fair_pavilion,
            description="Gulfood is the largest annual food and beverage trade show in the Middle East and North "
                        "Africa. U.S. exporters can exhibit in the USA Pavilion and meet importers, distributors and "
                        "retailers from across the region.",
            industries=["Agricultural Sector", "Processed Food", "Food Processing/Packaging Eq."],
            url="https://www.gulfood.com", venue=venue("Dubai", "AE", None, "Dubai World Trade Centre"),
            contacts=[contact("Samir", "Haddad", "Commercial Specialist", "Dubai")], regions=GULF_REGIONS),
        ita("74390", "Clean Energy Business Development Mission to Kenya and Tanzania - POSTPONED", "Trade Mission",
            "2027-03-15", "2027-03-19", cost=3500.0,
            registration=("https://emenuapps.ita.doc.gov/ePublic/TM/7M4Q", "Apply for this event"),
            description="POSTPONED: this mission has been postponed; new dates will be announced. The U.S. "
                        "Department of Commerce, International Trade Administration, is organizing a Clean Energy "
                        "Business Development Mission to Nairobi, Kenya and Dar es Salaam, Tanzania, for U.S. "
                        "renewable energy, storage and grid companies.",
            industries=["Renewable Energy Eq.", "Electrical Power Systems", "Energy Storage"],
            url=None, venue=venue("Nairobi", "KE", None, "hotel"),
            contacts=[contact("Grace", "Mwangi", "Commercial Specialist", "Nairobi"),
                      contact("Chris", "Baxter", "International Trade Specialist", "Trade Event Programs")],
            regions=AFRICA_REGIONS),
        ita("74047", "Hannover Messe 2027", "Trade Fair", "2027-04-12", "2027-04-16", cost=0.0,
            registration=fair_pavilion,
            description="HANNOVER MESSE is the world's leading trade fair for industrial technology: automation, "
                        "digital ecosystems, energy solutions and engineered parts. The U.S. Commercial Service "
                        "supports U.S. exhibitors in the USA Pavilion.",
            industries=["General Industrial Eq./Supplies", "Robotics", "Electrical Power Systems"],
            url="https://www.hannovermesse.de/en/", venue=venue("Hanover", "DE", None, "Hannover Exhibition Grounds"),
            contacts=[contact("Katrin", "Vogel", "Commercial Specialist", "Munich")], regions=EU_REGIONS),
        ita("74411", "SelectUSA Investment Summit 2027", "Trade Promotion Event", "2027-05-02", "2027-05-05",
            cost=1595.0, registration=("https://emenuapps.ita.doc.gov/ePublic/newRegistration.jsp?SmartCode=7N1A",
                                       "Register for this event"),
            description="The SelectUSA Investment Summit is the highest-profile event dedicated to promoting "
                        "foreign direct investment into the United States, bringing together investors, economic "
                        "development organizations and industry experts.",
            industries=["Accounting Services", "Architectural/Constr./Engineering SVC", "Environmental Technologies"],
            url="https://www.selectusasummit.us",
            venue=venue("National Harbor", "US", "MD", "Gaylord National Resort & Convention Center"),
            contacts=[contact("Priya", "Raman", "International Trade Specialist", "SelectUSA")], regions=US_REGIONS),
        ita("74475", "Healthcare Technology Trade Mission to Vietnam", "Trade Mission", "2027-06-14", "2027-06-18",
            cost=4000.0, registration=("https://emenuapps.ita.doc.gov/ePublic/TM/7P3D", "Apply for this event"),
            description="The International Trade Administration is organizing a Healthcare Technology Trade Mission "
                        "to Hanoi and Ho Chi Minh City for U.S. medical device, health IT and hospital services "
                        "companies.",
            industries=["Medical Eq.", "Health Care Services", "Computer Software"],
            url=None, venue=venue("Hanoi", "VN", None, "hotel"),
            contacts=[contact("Linh", "Tran", "Commercial Specialist", "Hanoi")], regions=ASEAN_REGIONS),
        ita("74460", "Infrastructure Business Development Mission to India", "Trade Mission", "2027-09-13",
            "2027-09-17", cost=4500.0,
            registration=("https://emenuapps.ita.doc.gov/ePublic/TM/7P2C", "Apply for this event"),
            description="The mission will introduce U.S. firms to India's transport, water and smart-city "
                        "infrastructure projects, with stops in New Delhi and Mumbai.",
            industries=["Architectural/Constr./Engineering SVC", "Construction Eq.", "Water Resources Eq./Services"],
            url=None, venue=venue("New Delhi", "IN", None, "U.S. Embassy New Delhi"),
            contacts=[contact("Arjun", "Mehta", "Commercial Specialist", "New Delhi")], regions=ASIA_REGIONS),
        ita("74512", "MEDICA 2027", "Trade Fair", "2027-11-15", "2027-11-18", cost=0.0,
            registration=fair_pavilion,
            description="MEDICA is the world's largest trade fair for the medical sector. The U.S. Commercial "
                        "Service supports U.S. exhibitors at the USA Pavilion organized by Messe Duesseldorf North "
                        "America.",
            industries=["Medical Eq.", "Health Care Services", "Laboratory Scientific Instruments"],
            url="https://www.medica-tradefair.com", venue=venue("Düsseldorf", "DE", None, "Messe Düsseldorf"),
            contacts=[contact("Katrin", "Vogel", "Commercial Specialist", "Munich")], regions=EU_REGIONS),
        ita("74513", "COMPAMED 2027", "Trade Fair", "2027-11-15", "2027-11-18", cost=0.0,
            registration=fair_pavilion,
            description="COMPAMED is the international trade fair for suppliers to the medical technology industry: "
                        "components, materials and contract manufacturing. It takes place in parallel with MEDICA.",
            industries=["Medical Eq.", "Electronic Components", "Plastics Materials/Resins"],
            url="https://www.compamed-tradefair.com", venue=venue("Düsseldorf", "DE", None, "Messe Düsseldorf"),
            contacts=[contact("Katrin", "Vogel", "Commercial Specialist", "Munich")], regions=EU_REGIONS),
        ustda_reverse_mission(),
    ]


def aggregations(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Bucket counts over the whole hit set, as Elasticsearch terms (count desc, then key asc)."""
    def buckets(counter: Counter[str]) -> list[dict[str, Any]]:
        return [{"key": key, "doc_count": n} for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
    countries = Counter(c for r in results for c in {v.get("country") for v in r["venues"]} if c)
    return {"sources": buckets(Counter(r["source"] for r in results)), "countries": buckets(countries)}


def page(results: list[dict[str, Any]], offset: int, performed_at: str) -> dict[str, Any]:
    """The envelope in the order of `api_controller.rb` query_info_fields, then aggregations and results."""
    return {
        "total": len(results),
        "offset": offset,
        "sources_used": [
            {"source": "ITA", "source_last_updated": "2026-11-27T21:08:07+00:00",
             "last_imported": "2026-11-28T03:08:06+00:00"},
            {"source": "SBA", "source_last_updated": "", "last_imported": "2026-11-28T03:38:44+00:00"},
            {"source": "USTDA", "source_last_updated": "2026-11-26T15:02:11+00:00",
             "last_imported": "2026-11-28T03:08:05+00:00"},
            {"source": "DL", "source_last_updated": "2026-11-28T03:08:04+00:00",
             "last_imported": "2026-11-28T03:08:04+00:00"},
        ],
        "search_performed_at": performed_at,
        "aggregations": aggregations(results),
        "results": results[offset:offset + PAGE_SIZE],
    }


def rails_json(document: dict[str, Any]) -> str:
    """Compact JSON as Rails renders it: UTF-8 kept, `&`, `<`, `>` escaped (ActiveSupport's HTML-safe JSON)."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def page_url(offset: int) -> str:
    return f"{ENDPOINT}?size={PAGE_SIZE}&offset={offset}"


def build() -> dict[str, str]:
    results = events()
    index = {}
    for number, offset in enumerate(range(0, len(results), PAGE_SIZE)):
        name = f"search_offset_{offset}.json"
        performed_at = f"2026-11-28T04:00:{12 + number:02d}+00:00"
        (HERE / name).write_text(rails_json(page(results, offset, performed_at)), encoding="utf-8")
        index[page_url(offset)] = name
    (HERE / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return index


def verify() -> None:
    """Every page parses; walking size/offset from 0 reaches exactly the indexed URLs; ids are unique."""
    index = json.loads((HERE / "index.json").read_text(encoding="utf-8"))
    seen, ids, offset = [], [], 0
    while True:
        url = page_url(offset)
        assert url in index, f"pagination asks for {url}, which has no recording"
        seen.append(url)
        doc = json.loads((HERE / index[url]).read_text(encoding="utf-8"))
        assert doc["offset"] == offset and isinstance(doc["results"], list), url
        ids += [f"{r['source']}:{r['id']}" for r in doc["results"]]
        offset += len(doc["results"])
        if not doc["results"] or offset >= doc["total"]:
            break
    assert sorted(seen) == sorted(index), f"recorded but never requested: {set(index) - set(seen)}"
    assert len(ids) == len(set(ids)) == doc["total"], "ids must be unique and add up to total"
    print(f"ok: {len(seen)} pages, {len(ids)} results")


if __name__ == "__main__":
    if "--verify" not in sys.argv[1:]:
        build()
    verify()
