"""Writes the constructed replay recordings of federal_register (deterministic; run from the repo root).

`.venv/bin/python scrapers/recorded/federal_register/build_recordings.py` rewrites every response file and
index.json. The shapes follow the evidence in README.md: the search envelope of
federalregister-api-core's ApiController#render_search, the document fields of its EntryApiRepresentation,
and the modern `next_page_url` (path /api/v1/documents, `format=json`, sorted query, `search_after_cursor`).
Document contents are written for the pipeline; they are not captures of the live API.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlencode

from scrapers.registry import get_source
from scrapers.spiders.federal_register import REQUESTED_FIELDS, date_windows, search_url

HERE = Path(__file__).resolve().parent
SITE = "https://www.federalregister.gov"

ITA = [("DEPARTMENT OF COMMERCE", "Commerce Department", 54, None, "commerce-department"),
       ("International Trade Administration", "International Trade Administration", 261, 54,
        "international-trade-administration")]
ITC = [("INTERNATIONAL TRADE COMMISSION", "International Trade Commission", 262, None,
        "international-trade-commission")]
USTR = [("OFFICE OF THE UNITED STATES TRADE REPRESENTATIVE", "Trade Representative, Office of United States", 491,
         None, "trade-representative-office-of-united-states")]
CBP = [("DEPARTMENT OF HOMELAND SECURITY", "Homeland Security Department", 227, None, "homeland-security-department"),
       ("U.S. Customs and Border Protection", "U.S. Customs and Border Protection", 501, 227,
        "u-s-customs-and-border-protection")]
CBP_TREASURY = [*CBP, ("DEPARTMENT OF THE TREASURY", "Treasury Department", 497, None, "treasury-department")]
BIS = [("DEPARTMENT OF COMMERCE", "Commerce Department", 54, None, "commerce-department"),
       ("Bureau of Industry and Security", "Industry and Security Bureau", 241, 54, "industry-and-security-bureau")]

# (document_number, type, publication_date, agencies, title, abstract, effective_on, comments_close_on,
#  docket_ids, correction_of document number), newest first as order=newest returns them.
WEEK_1 = [
    ("2026-23311", "Notice", "2026-11-20", ITA,
     "Certain Cold-Rolled Steel Flat Products From the Republic of Korea: Final Results of Antidumping Duty "
     "Administrative Review; 2024-2025",
     "The U.S. Department of Commerce (Commerce) determines that producers and/or exporters of certain cold-rolled "
     "steel flat products (cold-rolled steel) from the Republic of Korea (Korea) sold subject merchandise in the "
     "United States at less than normal value during the period of review (POR), September 1, 2024, through August "
     "31, 2025. The products are currently classified under Harmonized Tariff Schedule of the United States (HTSUS) "
     "subheadings 7209.15.0000, 7209.16.0030, 7209.17.0030 and 7211.23.6075.",
     None, None, ["A-580-881"], None),
    ("2026-23305", "Notice", "2026-11-20", ITA,
     "Certain Cold-Rolled Steel Flat Products From the Republic of Korea: Final Results of Countervailing Duty "
     "Administrative Review; 2024",
     "The U.S. Department of Commerce (Commerce) determines that countervailable subsidies were provided to "
     "producers and exporters of certain cold-rolled steel flat products from the Republic of Korea (Korea) during "
     "the period of review, January 1, 2024, through December 31, 2024.",
     None, None, ["C-580-882"], None),
    ("2026-23290", "Notice", "2026-11-19", ITC,
     "Quartz Surface Products: Institution and Scheduling of a Global Safeguard Investigation",
     "Following receipt of a petition filed on November 9, 2026, the Commission instituted investigation No. "
     "TA-201-80 pursuant to section 202 of the Trade Act of 1974 (19 U.S.C. 2252) to determine whether quartz "
     "surface products, provided for in subheadings 6810.99.00 and 6815.99.41 of the Harmonized Tariff Schedule "
     "of the United States (HTS), are being imported into the United States in such increased quantities as to be "
     "a substantial cause of serious injury, or the threat thereof, to the domestic industry.",
     None, None, ["TA-201-80"], None),
    ("2026-23288", "Notice", "2026-11-19", USTR,
     "Notice of Proposed Modification of Action in the Section 301 Investigation of China's Acts, Policies, and "
     "Practices Related to Technology Transfer, Intellectual Property, and Innovation",
     "The Office of the United States Trade Representative (USTR) proposes to modify the action in the Section 301 "
     "investigation of China's acts, policies, and practices related to technology transfer, intellectual property, "
     "and innovation by increasing the additional duty on semiconductors classified in HTSUS subheadings "
     "8541.42.00, 8541.43.00 and 8542.31.00 to 50 percent ad valorem. USTR invites written comments on the "
     "proposed modification.",
     "2027-01-01", "2026-12-18", ["USTR-2026-0031"], None),
    ("2026-23270", "Rule", "2026-11-18", CBP_TREASURY,
     "Informal Entry Procedures and the Administrative Exemption for Low-Value Shipments",
     "This final rule amends the U.S. Customs and Border Protection (CBP) regulations governing informal entries "
     "and the administrative exemption under 19 U.S.C. 1321 for shipments valued at $800 or less, to require the "
     "10-digit HTSUS classification of each article and to end the exemption for goods subject to duties under "
     "section 301 or section 232.",
     "2026-12-18", None, ["USCBP-2026-0019"], None),
    ("2026-23251", "Rule", "2026-11-18", BIS,
     "Additions to the Entity List",
     "In this rule, the Bureau of Industry and Security (BIS) amends the Export Administration Regulations (EAR) "
     "by adding 12 entities under 14 destinations to the Entity List. These entities have been determined by the "
     "U.S. Government to be acting contrary to the national security or foreign policy interests of the United "
     "States. These entities will be listed on the Entity List under the destinations of China, Hong Kong, Iran, "
     "Pakistan, Russia, and the United Arab Emirates (UAE).",
     "2026-11-18", None, ["Docket No. 261113-0291"], None),
    ("2026-23240", "Notice", "2026-11-17", ITA,
     "Initiation of Antidumping and Countervailing Duty Administrative Reviews",
     "The U.S. Department of Commerce (Commerce) has received requests to conduct administrative reviews of various "
     "antidumping duty (AD) and countervailing duty (CVD) orders and findings with October anniversary dates. In "
     "accordance with Commerce&#8217;s regulations, we are initiating those administrative reviews for "
     "Brazil, India, the People&#8217;s Republic of China &amp; Vietnam.",
     None, None, [], None),
    ("2026-23233", "Notice", "2026-11-17", ITC,
     "Hardwood and Decorative Plywood From China, Indonesia, and Vietnam; Scheduling of the Final Phase of "
     "Countervailing Duty and Antidumping Duty Investigations",
     "The Commission hereby gives notice of the scheduling of the final phase of antidumping and countervailing "
     "duty investigation Nos. 701-TA-742-744 and 731-TA-1713-1715 (Final) pursuant to the Tariff Act of 1930 "
     "(\u201cthe Act\u201d) to determine whether an industry in the United States is materially injured by reason "
     "of imports of hardwood and decorative plywood from China, Indonesia, and Vietnam, provided for in subheadings "
     "4412.31.06, 4412.33.32 and 4412.34.32 of the Harmonized Tariff Schedule of the United States.",
     None, None, ["701-TA-742-744", "731-TA-1713-1715"], None),
    ("2026-23218", "Notice", "2026-11-16", ITA,
     "Certain Steel Nails From Taiwan: Final Results of Antidumping Duty Administrative Review; 2024-2025; "
     "Correction",
     "The U.S. Department of Commerce (Commerce) published a notice in the Federal Register on November 6, 2026, "
     "in which Commerce published the final results of the administrative review of the antidumping duty order on "
     "certain steel nails from Taiwan. This notice contained an incorrect period of review.",
     None, None, ["A-583-854"], "2026-22517"),
    ("2026-23205", "Notice", "2026-11-16", ITC,
     "Sunshine Act Meetings",
     None,
     None, None, ["USITC SE-26-054"], None),
    ("2026-23180", "Notice", "2026-11-16", CBP,
     "Accreditation and Approval of Intertek USA, Inc. (Deer Park, TX), as a Commercial Gauger and Laboratory",
     "Notice is hereby given that Intertek USA, Inc. (Deer Park, TX), has been approved to gauge petroleum and "
     "certain petroleum products and accredited to test petroleum and certain petroleum products for customs "
     "purposes for the next three years as of May 15, 2026.",
     None, None, [], None),
    ("2026-23172", "Notice", "2026-11-16", ITA,
     "Certain Quartz Surface Products From India and the Republic of Turkey: Continuation of Antidumping and "
     "Countervailing Duty Orders",
     "As a result of the determinations by the U.S. Department of Commerce (Commerce) and the U.S. International "
     "Trade Commission (ITC) that revocation of the antidumping duty (AD) and countervailing duty (CVD) orders on "
     "certain quartz surface products from India and the Republic of Turkey would likely lead to continuation or "
     "recurrence of dumping, countervailable subsidies, and material injury, Commerce is publishing a notice of "
     "continuation of these AD and CVD orders.",
     "2026-11-16", None, ["A-533-889", "A-489-840", "C-533-890", "C-489-841"], None),
]
WEEK_2 = [
    ("2026-23498", "Notice", "2026-11-27", USTR,
     "Fiscal Year 2027 Tariff-Rate Quota Allocations for Raw Cane Sugar, Refined and Specialty Sugar, and "
     "Sugar-Containing Products",
     "The Office of the United States Trade Representative (USTR) is providing notice of country-by-country "
     "allocations of the fiscal year (FY) 2027 in-quota quantity of the tariff-rate quota (TRQ) for imported raw "
     "cane sugar (HTSUS subheading 1701.13.10), and for certain sugars, syrups, and molasses (refined sugar TRQ).",
     None, None, ["USTR-2026-0040"], None),
    ("2026-23460", "Proposed Rule", "2026-11-24", CBP_TREASURY,
     "Advance Electronic Information for Express Consignment Shipments",
     "This document proposes to amend the U.S. Customs and Border Protection (CBP) regulations to require express "
     "consignment operators to transmit the 6-digit Harmonized System (HS) number, the country of origin and the "
     "seller of each shipment before arrival. Comments must be received on or before January 25, 2027.",
     None, "2027-01-25", ["USCBP-2026-0024"], None),
    ("2026-23455", "Notice", "2026-11-23", ITC,
     "Fine Denier Polyester Staple Fiber From China, India, Korea, and Taiwan; Institution of Five-Year Reviews",
     "The Commission hereby gives notice that it has instituted reviews pursuant to the Tariff Act of 1930 "
     "(\u201cthe Act\u201d), as amended, to determine whether revocation of the antidumping duty orders on fine "
     "denier polyester staple fiber (\u201cPSF\u201d) from China, India, Korea, and Taiwan would be likely to lead "
     "to continuation or recurrence of material injury.",
     None, None, ["731-TA-1346-1349"], None),
]
DESCRIPTION = ("Documents from International Trade Administration, Trade Representative, Office of United States, "
               "U.S. Customs and Border Protection, International Trade Commission, and Industry and Security Bureau")


def html_slug(title: str) -> str:
    """The title part of an html_url: lower case, words joined by '-', cut at a word boundary near 100 chars."""
    words = re.sub(r"[^a-z0-9 -]", "", title.lower().replace("-", " ")).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 100:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def agency_objects(agencies: list[tuple]) -> list[dict]:
    """agencies[] as EntryApiRepresentation renders them."""
    return [{"raw_name": raw, "name": name, "id": agency_id, "url": f"{SITE}/agencies/{slug}",
             "json_url": f"{SITE}/api/v1/agencies/{agency_id}", "parent_id": parent, "slug": slug}
            for raw, name, agency_id, parent, slug in agencies]


def document(row: tuple) -> dict:
    number, kind, published, agencies, title, abstract, effective, comments, dockets, corrects = row
    year, month, day = published.split("-")
    values = {
        "document_number": number, "title": title, "type": kind, "abstract": abstract,
        "publication_date": published, "effective_on": effective, "comments_close_on": comments,
        "agencies": agency_objects(agencies), "docket_ids": dockets,
        "correction_of": f"{SITE}/api/v1/documents/{corrects}.json" if corrects else None,
        "html_url": f"{SITE}/documents/{year}/{month}/{day}/{number}/{html_slug(title)}",
    }
    return {name: values[name] for name in REQUESTED_FIELDS}


def cursor(last: dict) -> str:
    """search_after_cursor: base64 of [publication date in ms since the epoch (UTC midnight), document number]."""
    moment = datetime.combine(date.fromisoformat(last["publication_date"]), datetime.min.time(), UTC)
    raw = json.dumps([int(moment.timestamp() * 1000), last["document_number"]], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def page_url(agencies: list[str], first: date, last: date, per_page: int, page: int, after: str | None) -> str:
    """A next/previous page URL as the API renders it: /documents, sorted parameters, format=json."""
    query = [
        *(("conditions[agencies][]", slug) for slug in agencies),
        ("conditions[publication_date][gte]", first.isoformat()),
        ("conditions[publication_date][lte]", last.isoformat()),
        *(("fields[]", name) for name in REQUESTED_FIELDS),
        ("format", "json"), ("order", "newest"), ("page", str(page)), ("per_page", str(per_page)),
        *((("search_after_cursor", after),) if after else ()),
    ]
    return f"{SITE}/api/v1/documents?{urlencode(query)}"


def main() -> None:
    params = get_source("federal_register").params
    agencies, per_page = list(params["agencies"]), int(params["per_page"])
    until = date.fromisoformat(str(params["recorded_on"]))
    since = date.fromordinal(until.toordinal() - int(params["lookback_days"]) + 1)
    index: dict[str, str] = {}
    for number, ((first, last), rows) in enumerate(zip(date_windows(since, until, int(params["window_days"])),
                                                      [WEEK_1, WEEK_2], strict=True), start=1):
        docs = [document(row) for row in rows]
        pages = [docs[start:start + per_page] for start in range(0, len(docs), per_page)]
        url = search_url(agencies, first, last, per_page)
        for page_number, results in enumerate(pages, start=1):
            body: dict = {"count": len(docs), "description": DESCRIPTION, "total_pages": len(pages)}
            if page_number < len(pages):
                body["next_page_url"] = page_url(agencies, first, last, per_page, page_number + 1,
                                                 cursor(results[-1]))
            if page_number > 1:
                body["previous_page_url"] = page_url(agencies, first, last, per_page, page_number - 1, None)
            body["results"] = results
            name = f"window{number}_{first.isoformat()}_page{page_number}.json"
            (HERE / name).write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            index[url] = name
            url = body.get("next_page_url", "")
    (HERE / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
