"""The Federal Register spider on real API responses (samples) and the replay recordings, clock frozen."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import MarketNoticeItem
from scrapers.middlewares import recorded_index, replayed_response
from scrapers.spiders.federal_register import FederalRegisterSpider, corrected_document, date_windows, search_url

SAMPLES = Path(__file__).parent / "samples" / "federal_register"
API = "https://www.federalregister.gov/api/v1/documents.json"


def spider(replay: bool = True, **kwargs: Any) -> FederalRegisterSpider:
    return FederalRegisterSpider.from_crawler(get_crawler(FederalRegisterSpider, {"REPLAY": replay}), **kwargs)


def parse_body(body: bytes, url: str = API, crawl: FederalRegisterSpider | None = None) -> list[Any]:
    response = TextResponse(url=url, body=body, encoding="utf-8", request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((crawl or spider()).parse(response))


def items(out: list[Any]) -> list[MarketNoticeItem]:
    return [item for item in out if isinstance(item, MarketNoticeItem)]


@pytest.fixture(scope="module")
def recorded() -> dict[str, MarketNoticeItem]:
    found: dict[str, MarketNoticeItem] = {}
    for url, path in recorded_index("federal_register").items():
        found.update({item.notice_id: item for item in items(parse_body(path.read_bytes(), url))})
    return found


def test_real_ita_document_field_by_field() -> None:
    document = json.loads((SAMPLES / "documents_2025-05887.json").read_text(encoding="utf-8"))
    crawl = spider()
    [notice] = items(parse_body(json.dumps({"count": 1, "results": [document]}).encode(), crawl=crawl))
    assert notice.notice_id == "2025-05887"
    assert notice.title == ("2,4-Dichlorophenoxyacetic Acid From the People's Republic of China: "
                            "Final Affirmative Countervailing Duty Determination")
    assert notice.summary.startswith("The U.S. Department of Commerce (Commerce) determines that countervailable")
    assert (notice.document_type, notice.published, notice.effective, notice.comment_deadline) == (
        "Notice", "2025-04-07", None, None)
    assert notice.issuer == "Commerce Department; International Trade Administration"
    assert notice.labels == ["commerce-department", "international-trade-administration", "C-570-161"]
    assert notice.url == ("https://www.federalregister.gov/documents/2025/04/07/2025-05887/"
                          "24-dichlorophenoxyacetic-acid-from-the-peoples-republic-of-china-final-affirmative-countervailing")
    assert (notice.issuer_country, notice.language, notice.amends) == ("US", "en", None)
    assert (notice.countries, notice.hs_codes) == ([], [])
    assert notice.fetched_at == "2026-11-28T12:00:00+00:00" and len(notice.content_hash) == 64
    stats = crawl.crawler.stats.get_stats()
    # the single-document endpoint sends every field: all that the spider does not map are counted
    assert stats["unmapped/document/citation"] == 1 and stats["unmapped/document/pdf_url"] == 1
    assert stats["unmapped/agency/json_url"] == 2
    assert "unmapped/document/docket_ids" not in stats


def test_real_search_page_gives_its_results_and_follows_next_page_url_verbatim() -> None:
    out = parse_body((SAMPLES / "search_uscis_2026-09-13.json").read_bytes())
    notices = items(out)
    assert [n.notice_id for n in notices] == ["2026-18736", "2026-18724", "2026-18722"]
    assert (notices[0].document_type, notices[0].published, notices[0].issuer, notices[0].labels) == (
        "Notice", "2026-09-14", None, [])  # agencies were not among that client's fields[]
    [follow] = [r for r in out if isinstance(r, Request)]
    assert follow.url.startswith("https://www.federalregister.gov/api/v1/documents?conditions%5Bagencies%5D%5B%5D=")
    assert follow.url.endswith("&page=2&per_page=5&search_after_cursor=WzE3ODkzNDQwMDAwMDAsIjIwMjYtMTg3MjAiXQ")


def test_ad_review_with_hts_numbers_field_by_field(recorded: dict[str, MarketNoticeItem]) -> None:
    notice = recorded["2026-23311"]
    assert notice.title.startswith("Certain Cold-Rolled Steel Flat Products From the Republic of Korea: Final Results "
                                   "of Antidumping Duty Administrative Review")
    assert "subheadings 7209.15.0000, 7209.16.0030" in notice.summary
    assert (notice.document_type, notice.published, notice.issuer) == (
        "Notice", "2026-11-20", "Commerce Department; International Trade Administration")
    assert notice.labels == ["commerce-department", "international-trade-administration", "A-580-881"]
    assert notice.url.startswith("https://www.federalregister.gov/documents/2026/11/20/2026-23311/certain-cold-rolled")
    assert notice.source_url.endswith("&order=newest&per_page=10")
    assert recorded["2026-23305"].labels[-1] == "C-580-882"


def test_section_301_notice_with_effective_date_and_comment_deadline(recorded: dict[str, MarketNoticeItem]) -> None:
    notice = recorded["2026-23288"]
    assert notice.issuer == "Trade Representative, Office of United States"
    assert (notice.effective, notice.comment_deadline) == ("2027-01-01", "2026-12-18")
    assert notice.labels == ["trade-representative-office-of-united-states", "USTR-2026-0031"]


def test_rules_of_cbp_bis_and_a_proposed_rule(recorded: dict[str, MarketNoticeItem]) -> None:
    cbp = recorded["2026-23270"]
    assert (cbp.document_type, cbp.effective) == ("Rule", "2026-12-18")
    assert cbp.issuer == "Homeland Security Department; U.S. Customs and Border Protection; Treasury Department"
    entity_list = recorded["2026-23251"]
    assert (entity_list.title, entity_list.issuer) == ("Additions to the Entity List",
                                                       "Commerce Department; Industry and Security Bureau")
    assert entity_list.labels[-1] == "Docket No. 261113-0291"
    proposed = recorded["2026-23460"]
    assert (proposed.document_type, proposed.comment_deadline, proposed.published) == (
        "Proposed Rule", "2027-01-25", "2026-11-24")


def test_safeguard_investigation_of_the_usitc(recorded: dict[str, MarketNoticeItem]) -> None:
    notice = recorded["2026-23290"]
    assert notice.issuer == "International Trade Commission"
    assert "investigation No. TA-201-80" in notice.summary and "6810.99.00" in notice.summary
    assert notice.labels == ["international-trade-commission", "TA-201-80"]


def test_correction_names_the_corrected_document(recorded: dict[str, MarketNoticeItem]) -> None:
    assert recorded["2026-23218"].amends == "2026-22517"
    assert recorded["2026-23218"].title.endswith("; Correction")
    assert {n.notice_id for n in recorded.values() if n.amends} == {"2026-23218"}


def test_summaries_stay_as_published(recorded: dict[str, MarketNoticeItem]) -> None:
    assert "Commerce&#8217;s regulations" in recorded["2026-23240"].summary  # entities kept for staging
    assert recorded["2026-23240"].labels == ["commerce-department", "international-trade-administration"]
    assert "(\u201cthe Act\u201d)" in recorded["2026-23455"].summary
    assert recorded["2026-23205"].summary is None  # Sunshine Act notice without abstract


def test_recordings_cover_the_brief(recorded: dict[str, MarketNoticeItem]) -> None:
    assert len(recorded) == 15
    assert {n.document_type for n in recorded.values()} == {"Notice", "Rule", "Proposed Rule"}
    slugs = {label for n in recorded.values() for label in n.labels}
    assert set(spider().agencies) <= slugs
    assert all(n.published and n.url and n.issuer_country == "US" for n in recorded.values())


def test_replayed_crawl_asks_for_two_windows_and_follows_every_page() -> None:
    crawl = spider(replay=True)

    async def first_requests() -> list[Request]:
        return [request async for request in crawl.start()]

    queue, served = asyncio.run(first_requests()), []
    assert len(queue) == 2 and "gte%5D=2026-11-14" in queue[0].url and "lte%5D=2026-11-27" in queue[1].url
    while queue:
        request = queue.pop(0)
        served.append(request.url)
        with freeze_time("2026-11-28T12:00:00Z"):
            queue += [r for r in crawl.parse(replayed_response("federal_register", request)) if isinstance(r, Request)]
    assert sorted(served) == sorted(recorded_index("federal_register"))


def test_since_and_until_make_a_backfill_of_weekly_windows() -> None:
    crawl = spider(replay=False, since="2026-01-01", until="2026-01-20")
    assert crawl.date_range() == (date(2026, 1, 1), date(2026, 1, 20))
    assert list(date_windows(date(2026, 1, 1), date(2026, 1, 20), 7)) == [
        (date(2026, 1, 1), date(2026, 1, 7)), (date(2026, 1, 8), date(2026, 1, 14)),
        (date(2026, 1, 15), date(2026, 1, 20))]
    assert spider(replay=True).date_range() == (date(2026, 11, 14), date(2026, 11, 27))
    with pytest.raises(ValueError, match="since 2026-02-01 is after until 2026-01-01"):
        spider(replay=False, since="2026-02-01", until="2026-01-01").date_range()
    with pytest.raises(ValueError, match="since must be YYYY-MM-DD"):
        spider(replay=False, since="last week").date_range()


def test_search_url_encodes_brackets_and_asks_for_the_mapped_fields() -> None:
    url = search_url(["international-trade-commission"], date(2026, 1, 1), date(2026, 1, 7), 10)
    assert url == (API + "?conditions%5Bagencies%5D%5B%5D=international-trade-commission"
                   "&conditions%5Bpublication_date%5D%5Bgte%5D=2026-01-01"
                   "&conditions%5Bpublication_date%5D%5Blte%5D=2026-01-07"
                   "&fields%5B%5D=document_number&fields%5B%5D=title&fields%5B%5D=type&fields%5B%5D=abstract"
                   "&fields%5B%5D=publication_date&fields%5B%5D=effective_on&fields%5B%5D=comments_close_on"
                   "&fields%5B%5D=agencies&fields%5B%5D=docket_ids&fields%5B%5D=correction_of&fields%5B%5D=html_url"
                   "&order=newest&per_page=10")


def test_empty_window_has_no_results_key_and_ends_quietly() -> None:
    assert parse_body(b'{"count":0,"description":"Documents from International Trade Commission"}') == []


def test_broken_records_are_kept_or_counted() -> None:
    crawl = spider()
    body = json.dumps({"count": 3, "results": [{"title": "No number"}, "not an object",
                                               {"document_number": "2026-1", "agencies": [{"raw_name": "X OFFICE"}]}]})
    [notice] = items(parse_body(body.encode(), crawl=crawl))
    assert (notice.notice_id, notice.title, notice.issuer, notice.labels, notice.url) == ("2026-1", "", "X OFFICE",
                                                                                         [], None)
    assert crawl.crawler.stats.get_value("invalid/no_document_number") == 2


def test_capped_window_is_reported() -> None:
    crawl = spider()
    parse_body(b'{"count": 10000, "total_pages": 50, "results": []}', crawl=crawl)
    assert crawl.crawler.stats.get_value("capped_windows") == 1


@pytest.mark.parametrize(("body", "message"), [
    (b"<html>busy</html>", "response is not JSON"),
    (b'{"errors": {"agencies": "invalid value"}}', "API error {'agencies': 'invalid value'}"),
    (b'{"status": 400, "message": "Pagination limit exceeded."}', "API error 'Pagination limit exceeded.'"),
    (b'{"count": 2, "results": {}}', "`results` is not a list"),
])
def test_bad_document_is_a_clear_error(body: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"federal_register: {API}: ") + ".*" + re.escape(message)):
        parse_body(body)


def test_corrected_document_from_the_api_url() -> None:
    assert corrected_document("https://www.federalregister.gov/api/v1/documents/2026-22517.json") == "2026-22517"
    assert corrected_document("https://www.federalregister.gov/api/v1/documents/E8-1234") == "E8-1234"
    assert corrected_document(None) is None
