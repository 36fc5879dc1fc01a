"""Write (or `--verify`) the constructed replay recordings of the WTO ePing search API.

Deterministic: the same notifications every run, paged as the API pages (`page`, `pageSize`), the
envelope `{currentPage, pageSize, totalCount, items}`. The evidence for every field is in README.md.
Run: `.venv/bin/python scrapers/recorded/wto_eping/build_recordings.py [--verify]`.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).parent
ENDPOINT = "https://api.wto.org/eping/notifications/search"
SINCE = "2026-10-28"  # recorded_on 2026-11-27 minus lookback_days 30
PAGE_SIZE = 10
DOCS = "https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/"


def day(iso: str | None) -> str | None:
    return f"{iso}T00:00:00+00:00" if iso else None


def hs(*codes: tuple[int, str, str]) -> list[dict[str, object]]:
    return [{"id": ident, "code": code, "name": f"{code} - {name}"} for ident, code, name in codes]


def named(*labels: str) -> list[dict[str, str]]:
    return [{"name": label} for label in labels]


def notification(ident: int, symbol: str, area: str, kind: str, member: str, distributed: str | None,
                 deadline: str | None, title: str, description: str, products: str,
                 codes: list[dict[str, object]], objectives: list[dict[str, str]], link: str, attachment: str | None,
                 entry_into_force: str | None = None, entry_text: str | None = None,
                 keywords: list[dict[str, str]] | None = None, affected: list[dict[str, str]] | None = None,
                 title_html: str | None = None) -> dict[str, object]:
    """One item in the order the consumers of the API read it; HTML fields beside their *Plain twins."""
    return {
        "id": ident,
        "documentSymbol": symbol,
        "area": area,
        "notificationType": kind,
        "notifyingMember": member,
        "distributionDate": day(distributed),
        "commentDeadlineDate": day(deadline),
        "isOpenForComments": deadline is not None and deadline >= "2026-11-27",
        "proposedEntryIntoForceDate": day(entry_into_force),
        "proposedEntryIntoForceDateText": entry_text,
        "title": title_html or (f"<p>{title}</p>" if title else None),
        "titlePlain": title or None,
        "description": description,
        "descriptionPlain": plain(description),
        "productsFreeText": f"<p>{products}</p>",
        "productsFreeTextPlain": products,
        "hsCodes": codes,
        "objectives": objectives,
        "keywords": keywords or [],
        "countriesAffected": affected or [],
        "allTradingPartners": not affected,
        "linkToNotification": link,
        "notifiedDocumentLink": attachment,
    }


def plain(markup: str) -> str:
    """The plain twin of a small HTML fragment (tags dropped, the few entities used here decoded)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


NOTIFICATIONS = [
    notification(
        131201, "G/TBT/N/EU/1201", "TBT", "Regular notification", "European Union", "2026-11-24", "2027-01-23",
        "Draft Commission Implementing Regulation laying down rules for the application of Regulation (EU) "
        "2025/xxx as regards the safety of toys",
        "<p>The draft Implementing Regulation sets out:</p><ul><li>the format of the <strong>digital product "
        "passport</strong> for toys (HS 9503);</li><li>warnings &amp; age labelling on toys placed on the "
        "Union market.</li></ul><p>Products of subheading 9503.00 and 9504.90 are covered.</p>",
        "Toys; games", hs((50211, "950300", "Tricycles, scooters, pedal cars and similar wheeled toys"),
                          (50219, "950490", "Other games")),
        named("Protection of human health or safety", "Consumer information, labelling"),
        DOCS + "G/TBTN26/EU1201.pdf", "https://members.wto.org/crnattachments/2026/TBT/EEC/26_07211_00_e.pdf",
        entry_text="20 days after publication in the Official Journal of the European Union",
    ),
    notification(
        131188, "G/SPS/N/USA/3512", "SPS", "Regular notification", "United States of America", "2026-11-20",
        "2027-01-19", "Fluopyram; Pesticide Tolerances. Proposed rule",
        "<p>This proposed rule establishes tolerances for residues of fluopyram in or on apple (HS 0808.10) and "
        "citrus fruit, group 10-10 (HS 0805).</p>",
        "Apples; citrus fruit", hs((1012, "080810", "Apples, fresh"), (998, "0805", "Citrus fruit, fresh or dried")),
        named("Food safety"), DOCS + "G/SPS/NUSA3512.pdf",
        "https://members.wto.org/crnattachments/2026/SPS/USA/26_07150_00_e.pdf",
        keywords=named("Pesticides", "Maximum residue limits (MRLs)"),
    ),
    notification(
        131176, "G/TBT/N/CHN/2061", "TBT", "Regular notification", "China", "2026-11-18", "2027-01-17",
        "Safety requirements for lithium-ion batteries used in electric bicycles",
        "<p>The mandatory national standard specifies safety requirements for lithium-ion batteries and battery "
        "packs of electric bicycles (HS 8507.60), including thermal runaway and overcharge tests.</p>",
        "Lithium-ion accumulators", hs((44890, "850760", "Lithium-ion accumulators")),
        named("Protection of human health or safety", "Quality requirements"),
        DOCS + "G/TBTN26/CHN2061.pdf", "https://members.wto.org/crnattachments/2026/TBT/CHN/26_07102_00_x.pdf",
        entry_into_force="2027-12-01",
    ),
    notification(
        131170, "G/SPS/N/BRA/2310", "SPS", "Regular notification", "Brazil", "2026-11-17", "2027-01-16",
        "Draft resolution 1402, 10 November 2026 - active ingredient F15 (Flutriafol) of the Monographs List of "
        "Active Ingredients for Pesticides",
        "<p>This draft resolution proposes the inclusion of the MRL of 0.05 mg/kg for soya beans (HS 1201.90) for "
        "the active ingredient flutriafol.</p>",
        "Soya beans", hs((2301, "120190", "Soya beans, other than seed")), named("Food safety"),
        DOCS + "G/SPS/NBRA2310.pdf", None, keywords=named("Pesticides", "Maximum residue limits (MRLs)"),
    ),
    notification(
        131164, "G/TBT/N/KEN/1702", "TBT", "Regular notification", "Kenya", "2026-11-16", "2027-01-15",
        "DKS 2951:2026, Fortified maize meal - Specification",
        "<p>This Draft Kenya Standard specifies requirements and methods of sampling and test for fortified "
        "maize meal (HS 1102.20) intended for human consumption.</p>",
        "Maize (corn) flour", hs((2410, "110220", "Maize (corn) flour")),
        named("Protection of human health or safety", "Consumer information, labelling", "Quality requirements"),
        DOCS + "G/TBTN26/KEN1702.pdf", "https://members.wto.org/crnattachments/2026/TBT/KEN/26_07033_00_e.pdf",
    ),
    notification(
        131160, "G/TBT/N/EU/1150/Add.1", "TBT", "Addendum", "European Union", "2026-11-13", None,
        "Commission Delegated Regulation amending Regulation (EU) 2023/1542 as regards battery labelling",
        "<p>The European Union would like to inform WTO Members that the draft notified in "
        "G/TBT/N/EU/1150 was adopted on 3 November 2026 and published in the Official Journal of the European "
        "Union L 2026/2231.</p>",
        "Batteries", hs((44890, "850760", "Lithium-ion accumulators")), named("Consumer information, labelling"),
        DOCS + "G/TBTN25/EU1150A1.pdf", "https://eur-lex.europa.eu/eli/reg_del/2026/2231/oj",
        entry_into_force="2027-02-18",
    ),
    notification(
        131152, "G/SPS/N/JPN/1420", "SPS", "Regular notification", "Japan", "2026-11-12", "2027-01-11",
        "Revision of the Specifications and Standards for Foods, Food Additives, Etc. under the Food Sanitation "
        "Act (Revision of Standards for Residues of Agricultural Chemicals)",
        "<p>Proposed maximum residue limits (MRLs) for the pesticide mepronil in foods, including rice "
        "(HS 1006) and tea (HS 0902).</p>",
        "Agricultural products", hs((2150, "1006", "Rice"), (1420, "0902", "Tea")), named("Food safety"),
        DOCS + "G/SPS/NJPN1420.pdf", None, keywords=named("Maximum residue limits (MRLs)"),
    ),
    notification(
        131149, "G/TBT/N/USA/2205/Corr.1", "TBT", "Corrigendum", "United States of America", "2026-11-10", None,
        "Energy Conservation Program: Energy Conservation Standards for Consumer Water Heaters",
        "<p>The title of the notified document in item 5 of G/TBT/N/USA/2205 should read &quot;Energy "
        "Conservation Standards for Consumer Water Heaters&quot;.</p>",
        "Water heaters", hs((46012, "851610", "Electric instantaneous or storage water heaters")),
        named("Prevention of deceptive practices and consumer protection"), DOCS + "G/TBTN26/USA2205C1.pdf", None,
    ),
    notification(
        131140, "G/SPS/N/CHN/1350/Rev.1", "SPS", "Revision", "China", "2026-11-06", "2027-01-05",
        "Administrative Measures for Registration of Overseas Producers of Imported Food (revised draft)",
        "<p>This revision replaces G/SPS/N/CHN/1350. Registration of overseas manufacturers of meat "
        "(HS 0201, 0203), dairy products (HS 0401-0406) and aquatic products is required.</p>",
        "Meat; dairy products; aquatic products",
        hs((120, "0201", "Meat of bovine animals, fresh or chilled"), (130, "0203", "Meat of swine"),
           (440, "0406", "Cheese and curd")),
        named("Food safety", "Animal health"), DOCS + "G/SPS/NCHN1350R1.pdf",
        "https://members.wto.org/crnattachments/2026/SPS/CHN/26_06880_00_x.pdf\r\n"
        "https://members.wto.org/crnattachments/2026/SPS/CHN/26_06880_01_x.pdf",
        entry_into_force="2027-06-01",
    ),
    notification(
        131133, " G/TBT/N/BDI/601, G/TBT/N/KEN/1705, G/TBT/N/RWA/1190, G/TBT/N/TZA/1290, G/TBT/N/UGA/2150",
        "TBT", "Regular notification", "Kenya", "2026-11-04", "2027-01-03",
        "DEAS 126:2026, Petroleum jelly for cosmetic use - Specification, Third Edition",
        "<p>This Draft East African Standard specifies requirements and methods of sampling and test for "
        "petroleum jelly for cosmetic use.</p>",
        "Petroleum jelly", hs((33412, "271210", "Petroleum jelly")),
        named("Consumer information, labelling", "Reducing trade barriers and facilitating trade",
              "Harmonization", "Quality requirements"),
        DOCS + "G/TBTN26/KEN1705.pdf", None,
    ),
    notification(
        131125, "G/SPS/N/KEN/320", "SPS", "Emergency notification", "Kenya", "2026-11-03", None,
        "Emergency measures to prevent the introduction of tomato brown rugose fruit virus (ToBRFV)",
        "<p>Kenya suspends imports of tomato and pepper seeds (HS 1209.91) from the affected countries until "
        "a pest risk analysis is completed.</p>",
        "Tomato and pepper seeds", hs((2602, "120991", "Vegetable seeds, of a kind used for sowing")),
        named("Plant protection", "Protect territory from other damage from pests"),
        DOCS + "G/SPS/NKEN320.pdf", None, entry_into_force="2026-11-01",
        keywords=named("Plant health", "Pest risk analysis (PRA)"),
        affected=named("Ethiopia", "Uganda", "United Republic of Tanzania"),
    ),
    notification(
        131118, "G/TBT/N/BRA/1580", "TBT", "Regular notification", "Brazil", None, "2027-01-02",
        "Portaria Inmetro n° 512, 29 October 2026 - Conformity assessment requirements for electric shower heads",
        "<p>The draft establishes conformity assessment requirements for electric shower heads (HS 8516.10), "
        "with a focus on electrical safety &amp; energy efficiency.</p>",
        "Electric shower heads", hs((46012, "851610", "Electric instantaneous or storage water heaters")),
        named("Protection of human health or safety", "Prevention of deceptive practices and consumer protection"),
        DOCS + "G/TBTN26/BRA1580.pdf", "https://members.wto.org/crnattachments/2026/TBT/BRA/26_06950_00_x.pdf",
    ),
    notification(
        131110, "G/SPS/N/EU/890", "SPS", "Regular notification", "European Union", "2026-10-30", "2026-12-29",
        "Draft Commission Implementing Regulation concerning the renewal of the authorisation of a preparation "
        "of Bacillus velezensis as a feed additive for chickens for fattening",
        "<p>The draft renews the authorisation of a preparation of <em>Bacillus velezensis</em> as a zootechnical "
        "feed additive.</p>",
        "Feed additives", [], named("Food safety", "Animal health"), DOCS + "G/SPS/NEU890.pdf", None,
        keywords=named("Feed additives"),
    ),
    notification(
        131102, "G/TBT/N/USA/2210", "TBT", "Regular notification", "United States of America", "2026-10-29",
        "2026-12-28", "",
        "<p>Federal Motor Vehicle Safety Standards; brake hoses for motor vehicles (HS 8708.30, parts of "
        "8708.99.81).</p>",
        "Brake hoses", hs((47020, "870830", "Brakes and servo-brakes and parts thereof")),
        named("Protection of human health or safety"), DOCS + "G/TBTN26/USA2210.pdf", None,
    ),
]


def pages() -> dict[str, dict[str, object]]:
    """URL (as the spider builds it) → page document."""
    total = len(NOTIFICATIONS)
    out: dict[str, dict[str, object]] = {}
    for number, start in enumerate(range(0, total, PAGE_SIZE), start=1):
        query = urlencode({"language": 1, "distributionDateFrom": SINCE, "page": number, "pageSize": PAGE_SIZE})
        out[f"{ENDPOINT}?{query}"] = {
            "currentPage": number, "pageSize": PAGE_SIZE, "totalCount": total,
            "items": NOTIFICATIONS[start:start + PAGE_SIZE],
        }
    return out


def main(verify: bool) -> int:
    index: dict[str, str] = {}
    stale: list[str] = []
    for number, (url, page) in enumerate(pages().items(), start=1):
        name = f"search_page_{number}.json"
        index[url] = name
        body = json.dumps(page, ensure_ascii=False, indent=1) + "\n"
        if verify:
            stale += [] if (HERE / name).read_text(encoding="utf-8") == body else [name]
        else:
            (HERE / name).write_text(body, encoding="utf-8")
    index_body = json.dumps(index, indent=1) + "\n"
    if verify:
        stale += [] if (HERE / "index.json").read_text(encoding="utf-8") == index_body else ["index.json"]
        print("stale: " + ", ".join(stale) if stale else "recordings up to date")
        return 1 if stale else 0
    (HERE / "index.json").write_text(index_body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main("--verify" in sys.argv[1:]))
