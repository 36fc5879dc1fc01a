"""The WITS / UNCTAD TRAINS spider on real SDMX-JSON answers (../shared/samples) and on the recordings,
clock frozen; and its staging models (in-memory DuckDB)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import CommodityItem, PartnerGroupItem, TariffMeasureItem
from scrapers.middlewares import recorded_index
from scrapers.spiders.wits_trains import (
    Component,
    SdmxJsonData,
    WitsTrainsSpider,
    resolve_key_order,
    wits_errors,
)
from tradepoint.offline_parse import write_landing
from tradepoint.pipeline import stage_into
from transforms.models import models
from warehouse.database import connect_work

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wits_trains"
RECORDED = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "wits_trains"
DATA = "https://wits.worldbank.org/API/V1/SDMX/V21/rest/data/DF_WITS_Tariff_TRAINS/"
# The URL mwouts/world_trade_data builds for the tariff sample (reporter 840, partner 000, all products, 2017).
SAMPLE_URL = ("https://wits.worldbank.org/API/V1/SDMX/V21/datasource/trn/reporter/840/partner/000/product/all/"
              "year/2017/datatype/reported?format=JSON")


@pytest.fixture(scope="module")
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"real samples missing: {SAMPLES} (shared/ must sit beside the repo)")
    return SAMPLES


def new_spider() -> WitsTrainsSpider:
    return get_crawler(WitsTrainsSpider).spidercls.from_crawler(get_crawler(WitsTrainsSpider))


def parse(body: bytes, url: str = SAMPLE_URL, status: int = 200, spider: WitsTrainsSpider | None = None) -> list:
    response = TextResponse(url=url, body=body, status=status, encoding="utf-8", request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((spider or WitsTrainsSpider()).parse(response))


def measures(items: list) -> dict[str, TariffMeasureItem]:
    return {item.national_code: item for item in items if isinstance(item, TariffMeasureItem)}


def comparable(items: list) -> list[tuple]:
    """What a measure says, without fetch metadata and with footnotes as a set (their order is the structure's)."""
    return sorted((m.reporter, m.national_code, m.measure_sid, m.measure_type, m.measure_type_description, m.partner,
                   m.partner_name, m.duty_text, m.valid_from, m.valid_to, tuple(sorted(m.footnotes)))
                  for m in items if isinstance(m, TariffMeasureItem))


@pytest.fixture(scope="module")
def sample_doc(samples: Path) -> dict[str, Any]:
    return json.loads((samples / "world_trade_data_sample_tariff_data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_items(samples: Path) -> list:
    return parse((samples / "world_trade_data_sample_tariff_data.json").read_bytes())


# -- the real answer ---------------------------------------------------------------------------------


def test_real_answer_gives_one_line_and_one_measure_per_subheading(sample_items: list) -> None:
    lines = [item for item in sample_items if isinstance(item, CommodityItem)]
    assert len(lines) == len(measures(sample_items)) == 5388
    asses = next(line for line in lines if line.national_code == "010130")
    assert (asses.reporter, asses.producline_suffix, asses.description, asses.number_indents, asses.declarable,
            asses.leaf, asses.goods_nomenclature_sid, asses.parent_sid) == (
        "US", "80", "(2012-) - Asses", None, True, True, "010130", None)


def test_real_mfn_measure_field_by_field(sample_items: list) -> None:
    """Series "0:0:2:0:0" = [6, 0, null, 0, 1, 1, 1, 0, 0, 0, 0, 0]: key part 2 is the product (010130)."""
    asses = measures(sample_items)["010130"]
    assert (asses.reporter, asses.partner, asses.partner_name) == ("US", "ALL", "World")
    assert (asses.measure_type, asses.measure_type_description) == ("MFN", "Most Favoured Nation Tariff")
    assert asses.measure_sid == "2017:000:MFN:Reported"
    assert asses.duty_text == "6%"
    assert (asses.valid_from, asses.valid_to) == ("2017-01-01", "2017-12-31")
    assert asses.footnotes == ["DATASOURCE=TRN", "NOMENCODE=H5", "SUM_OF_RATES=6", "MIN_RATE=6", "MAX_RATE=6",
                               "TOTALNOOFLINES=1", "NBR_PREF_LINES=0", "NBR_MFN_LINES=1", "NBR_NA_LINES=0",
                               "OBS_VALUE_MEASURE=SimpleAverage"]
    assert (asses.source, asses.source_url) == ("wits_trains", SAMPLE_URL)
    assert asses.fetched_at == "2026-11-28T12:00:00+00:00"
    assert asses.excluded_partners == [] and asses.order_number is None and asses.producline_suffix == "80"


def test_real_averages_keep_their_published_digits(sample_doc: dict[str, Any], sample_items: list) -> None:
    products = sample_doc["structure"]["dimensions"]["series"][3]["values"]
    code = products[35]["id"]  # series "0:0:35:0:0" observes 10.8000001907349
    assert sample_doc["dataSets"][0]["series"]["0:0:35:0:0"]["observations"]["0"][0] == 10.8000001907349
    assert measures(sample_items)[code].duty_text == "10.8000001907349%"


def test_subheading_without_an_ad_valorem_line_has_no_duty(sample_doc: dict[str, Any], sample_items: list) -> None:
    """"0:0:7:0:0": TOTALNOOFLINES 1 = NBR_NA_LINES 1, value 0: an average over no line, not a 0 % rate."""
    code = sample_doc["structure"]["dimensions"]["series"][3]["values"][7]["id"]
    line = measures(sample_items)[code]
    assert line.duty_text == "" and "NBR_NA_LINES=1" in line.footnotes and "TOTALNOOFLINES=1" in line.footnotes
    # 377 observations have NBR_NA_LINES = TOTALNOOFLINES, one of them (271000) with both empty: its line
    # counts are unknown, so its published 0 stays (and the empty attributes are left out of the footnotes)
    assert sum(1 for m in measures(sample_items).values() if m.duty_text == "") == 376
    oils = measures(sample_items)["271000"]
    assert oils.duty_text == "0%" and not [f for f in oils.footnotes if "LINES" in f and f != "NBR_PREF_LINES=0"]


def test_real_keys_do_not_follow_the_declared_order_and_are_decoded_by_fit(sample_doc: dict[str, Any]) -> None:
    message = SdmxJsonData(sample_doc, "sample")
    assert [d.id for d in message.series_dimensions] == ["FREQ", "REPORTER", "PARTNER", "PRODUCTCODE", "DATATYPE"]
    first = next(message.observations())
    assert code_ids(first.dimensions) == {"FREQ": "A", "REPORTER": "840", "PARTNER": "000", "PRODUCTCODE": "010121",
                                          "DATATYPE": "Reported", "TIME_PERIOD": "2017"}
    assert message.key_order_as_declared is False
    spider = new_spider()
    parse(json.dumps(sample_doc).encode(), spider=spider)
    assert spider.crawler.stats.get_value("wits_trains/series_key_order_not_as_declared") == 1


def code_ids(dims: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {key: value["id"] for key, value in dims.items()}


def test_decoding_follows_the_structure_not_positions(sample_doc: dict[str, Any], sample_items: list) -> None:
    """Reorder the declared dimensions (and write every key in that order) and reverse the observation
    attributes (and every observation array): the same measures come out."""
    doc = copy.deepcopy(sample_doc)
    dims = {d["id"]: d for d in doc["structure"]["dimensions"]["series"]}
    real_key_order = ["FREQ", "REPORTER", "PRODUCTCODE", "PARTNER", "DATATYPE"]  # as the real keys are written
    new_order = ["DATATYPE", "PRODUCTCODE", "FREQ", "PARTNER", "REPORTER"]
    doc["structure"]["dimensions"]["series"] = [{**dims[dim_id], "keyPosition": i}
                                                for i, dim_id in enumerate(new_order)]
    attrs = doc["structure"]["attributes"]["observation"]
    doc["structure"]["attributes"]["observation"] = list(reversed(attrs))
    series = {}
    for key, entry in doc["dataSets"][0]["series"].items():
        parts = dict(zip(real_key_order, key.split(":"), strict=True))
        obs = {k: [v[0], *reversed(v[1:])] for k, v in entry["observations"].items()}
        series[":".join(parts[dim_id] for dim_id in new_order)] = {**entry, "observations": obs}
    doc["dataSets"][0]["series"] = series
    spider = new_spider()
    reordered = parse(json.dumps(doc).encode(), spider=spider)
    assert comparable(reordered) == comparable(sample_items)
    assert spider.crawler.stats.get_value("wits_trains/series_key_order_not_as_declared") is None
    assert measures(reordered)["010130"].footnotes[:2] == ["DATASOURCE=TRN", "OBS_VALUE_MEASURE=SimpleAverage"]


def dim(dim_id: str, count: int) -> Component:
    return Component(dim_id, dim_id, [{"id": f"{dim_id}{i}"} for i in range(count)])


def test_key_order_is_the_only_one_the_keys_fit() -> None:
    freq, partner, product = dim("FREQ", 1), dim("PARTNER", 2), dim("PRODUCTCODE", 3)
    declared = [freq, partner, product]
    order, as_declared = resolve_key_order(declared, ["0:2:1", "0:0:0"], "t")  # product index 2 at position 1
    assert [d.id for d in order] == ["FREQ", "PRODUCTCODE", "PARTNER"] and as_declared is False
    order, as_declared = resolve_key_order(declared, ["0:1:2", "0:0:0"], "t")
    assert order == declared and as_declared is True
    with pytest.raises(ValueError, match="several orders"):
        resolve_key_order([freq, dim("PARTNER", 2), dim("PRODUCTCODE", 2)], ["0:1:1", "0:0:0"], "t")
    with pytest.raises(ValueError, match="fit no order"):
        resolve_key_order(declared, ["0:5:1"], "t")
    with pytest.raises(ValueError, match="2 parts for 3 dimensions"):
        resolve_key_order(declared, ["0:1"], "t")


def test_trade_sample_keys_follow_the_declared_order(samples: Path) -> None:
    """The TradeStats answer puts PRODUCTCODE where it declares it: only the tariff answer swaps."""
    doc = json.loads((samples / "world_trade_data_sample_trade_data.json").read_text(encoding="utf-8"))
    message = SdmxJsonData(doc, "trade sample")
    observations = list(message.observations())
    assert len(observations) == 29 and message.key_order_as_declared is True
    assert code_ids(observations[1].dimensions)["PRODUCTCODE"] == "06-15_Vegetable"
    assert observations[0].attributes == {"DATASOURCE": {"id": "WITS-CMT", "name": "WITS - UNSD Comtrade"}}
    with pytest.raises(ValueError, match="dataflow 'DF_WITS_TradeStats_Trade', not DF_WITS_Tariff_TRAINS"):
        parse(json.dumps(doc).encode())


# -- codes, years, errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "expected"), [
    ("840", "US"), ("124", "CA"), ("410", "KR"), ("036", "AU"), ("000", "ALL"), ("918", "EU"), ("A10", "A10")])
def test_numeric_codes_map_to_iso2(code: str, expected: str) -> None:
    assert WitsTrainsSpider().country(code) == expected


def test_unknown_numeric_code_is_kept_and_counted() -> None:
    spider = new_spider()
    assert spider.country("999") == "999"
    assert spider.crawler.stats.get_value("wits_trains/unmapped_country_code/999") == 1


def small_doc(period: dict[str, Any]) -> dict[str, Any]:
    def one(dim_id: str, value: dict[str, Any], position: int) -> dict[str, Any]:
        return {"id": dim_id, "name": dim_id, "keyPosition": position, "role": None, "values": [value]}

    return {"header": {"id": "DF_WITS_Tariff_TRAINS"},
            "dataSets": [{"action": "Information", "series": {"0:0:0:0": {"observations": {"0": [4.5, 0]}}}}],
            "structure": {"dimensions": {"series": [one("REPORTER", {"id": "124", "name": "Canada"}, 0),
                                                    one("PARTNER", {"id": "000", "name": "World"}, 1),
                                                    one("PRODUCTCODE", {"id": "090111"}, 2),
                                                    one("DATATYPE", {"id": "Reported"}, 3)],
                                         "observation": [one("TIME_PERIOD", period, 0)]},
                          "attributes": {"observation": [{"id": "TARIFFTYPE", "values": [{"id": "MFN"}]}]}}}


@pytest.mark.parametrize(("period", "validity"), [
    ({"id": "2019", "start": "2019-01-01T00:00:00", "end": "2019-12-31T00:00:00"}, ("2019-01-01", "2019-12-31")),
    ({"id": "2021"}, ("2021-01-01", "2021-12-31")),
])
def test_validity_is_the_year(period: dict[str, Any], validity: tuple[str, str]) -> None:
    [line, measure] = parse(json.dumps(small_doc(period)).encode())
    assert (measure.valid_from, measure.valid_to) == validity
    assert measure.measure_sid == f"{period['id']}:000:MFN:Reported"
    assert (line.description, measure.duty_text, measure.footnotes) == ("090111", "4.5%", [])


def test_a_period_that_is_no_year_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"TIME_PERIOD .* is neither a year"):
        parse(json.dumps(small_doc({"id": "2021-Q1"})).encode())


NO_DATA_URL = next(url for url, path in recorded_index("wits_trains").items() if path.suffix == ".xml")
# mwouts/world_trade_data issue #1: the data service's answer, as the issue shows it
ISSUE_1 = ('<string>\n<wits:error xmlns:wits="http://wits.worldbank.org"> <wits:message id="150" key="Invalid '
           'Indicator Code.">The provided Indicator code parameter value is not valid.</wits:message> </wits:error>\n'
           '</string>')
# the metadata service's form: the XML itself (mwouts/world_trade_data referential.py reads wits:error/wits:message)
RAW = ('<?xml version="1.0" encoding="utf-8"?><wits:error xmlns:wits="http://wits.worldbank.org">'
       '<wits:message id="150" key="Invalid Indicator Code.">The provided Indicator code parameter value is not '
       'valid.</wits:message></wits:error>')


def test_recorded_no_data_error_fails_naming_source_url_and_message() -> None:
    spider = new_spider()
    with pytest.raises(ValueError) as err:
        parse((RECORDED / "error_124_156_2022_01.xml").read_bytes(), url=NO_DATA_URL, spider=spider)
    text = str(err.value)
    assert text.startswith(f"wits_trains: {NO_DATA_URL}: WITS answered an error (HTTP 200): ")
    assert "No records found for the provided parameter values. (id=110 key='NoRecordsFound')" in text
    assert spider.crawler.stats.get_value("wits_trains/wits_errors") == 1


@pytest.mark.parametrize("body", [ISSUE_1, RAW, ISSUE_1.replace("<wits", "&lt;wits").replace("</wits", "&lt;/wits")
                                  .replace('">', '"&gt;').replace("> ", "&gt; ").replace("</wits:error>", "")])
def test_error_forms_are_read(body: str) -> None:
    errors = wits_errors(body.encode())
    assert errors is not None and errors[0].id == "150" and errors[0].key == "Invalid Indicator Code."
    assert errors[0].message == "The provided Indicator code parameter value is not valid."


def test_error_with_http_404_and_other_failures_are_clear() -> None:
    with pytest.raises(ValueError, match=r"WITS answered an error \(HTTP 404\): The provided Indicator"):
        parse(RAW.encode(), status=404)
    with pytest.raises(ValueError, match=r"HTTP 500 \(starts b'<html>"):
        parse(b"<html>Server Error</html>", status=500)
    with pytest.raises(ValueError, match=r"an XML answer \(SDMX-ML\?\) is not read"):
        parse(b'<?xml version="1.0"?><message:StructureSpecificData/>')
    with pytest.raises(ValueError, match="not JSON"):
        parse(b"{oops")
    assert wits_errors(b'{"note": "wits:error"}') is None


# -- requests and recordings -------------------------------------------------------------------------


def test_requests_partition_reporters_partners_years_and_product_sets() -> None:
    async def collect(spider: WitsTrainsSpider) -> list[Request]:
        return [request async for request in spider.start()]

    import asyncio

    requests = asyncio.run(collect(WitsTrainsSpider()))
    assert len(requests) == 14  # 840: 3 partners, 918: 2, 124: 2; x 2 product sets; 1 year
    first = requests[0]
    assert first.url.startswith(DATA + "A.840.000.010121+010129+")
    assert first.url.endswith("+010690.reported/?startperiod=2022&endperiod=2022&format=JSON")
    assert first.meta["download_timeout"] == 600 and first.meta["partition"] == "840/000/2022/01"
    index = recorded_index("wits_trains")
    assert all(request.url.rstrip("/") in index for request in requests)
    assert NO_DATA_URL not in {r.url for r in requests}  # the no-data partition is not crawled by default
    only = asyncio.run(collect(WitsTrainsSpider(reporters="918", years="2021")))
    assert {r.meta["partition"] for r in only} == {"918/000/2021/01", "918/000/2021/09", "918/410/2021/01",
                                                     "918/410/2021/09"}
    with pytest.raises(ValueError, match=r"not in params\.reporters"):
        WitsTrainsSpider(reporters="276")


@pytest.fixture(scope="module")
def recorded_items() -> list:
    out: list = []
    for url, path in recorded_index("wits_trains").items():
        if path.suffix == ".json":
            out.extend(parse(path.read_bytes(), url=url))
    return out


def test_recordings_give_mfn_and_preferential_measures(recorded_items: list) -> None:
    rows = [m for m in recorded_items if isinstance(m, TariffMeasureItem)]
    assert len(rows) == 423
    assert {(m.reporter, m.partner, m.measure_type) for m in rows} == {
        ("US", "ALL", "MFN"), ("EU", "ALL", "MFN"), ("CA", "ALL", "MFN"), ("US", "CA", "PRF"), ("US", "A10", "PRF"),
        ("EU", "KR", "PRF"), ("CA", "US", "PRF")}
    keys = [(m.reporter, m.national_code, m.measure_sid) for m in rows]
    assert len(keys) == len(set(keys))


def test_recorded_measures_field_by_field(recorded_items: list) -> None:
    by_key = {(m.reporter, m.national_code, m.partner): m for m in recorded_items if isinstance(m, TariffMeasureItem)}
    coffee = by_key[("EU", "090111", "ALL")]
    assert (coffee.measure_sid, coffee.duty_text, coffee.partner_name) == ("2022:000:MFN:Reported", "7.675%", "World")
    assert coffee.footnotes == ["DATASOURCE=TRN", "NOMENCODE=H6", "SUM_OF_RATES=30.7", "MIN_RATE=2.5",
                                "MAX_RATE=12.5", "TOTALNOOFLINES=4", "NBR_PREF_LINES=0", "NBR_MFN_LINES=4",
                                "NBR_NA_LINES=0", "OBS_VALUE_MEASURE=SimpleAverage"]
    korea = by_key[("EU", "090112", "KR")]
    assert (korea.measure_type, korea.measure_type_description, korea.partner_name, korea.duty_text) == (
        "PRF", "Preferential Tariff", "Korea, Rep.", "0.833333333333333%")
    assert "NBR_PREF_LINES=2" in korea.footnotes and "NBR_MFN_LINES=1" in korea.footnotes
    assert by_key[("EU", "090121", "ALL")].duty_text == ""  # its only line is not ad valorem
    assert (korea.valid_from, korea.valid_to) == ("2022-01-01", "2022-12-31")


def test_recorded_group_partner_lists_its_members(recorded_items: list) -> None:
    groups = [g for g in recorded_items if isinstance(g, PartnerGroupItem)]
    assert {(g.reporter, g.group_id) for g in groups} == {("US", "A10")}
    assert groups[0].members == ["CR", "DO", "SV", "GT", "HN", "US"]
    assert groups[0].group_name == "CAFTA-DR-USA:CRI, DOM, SLV, GTM, HND, USA"


# -- staging -----------------------------------------------------------------------------------------


def staged(tmp_path: Path, items: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    write_landing(items, tmp_path)
    with connect_work(":memory:") as con:
        stage_into(con, "wits_trains", str(tmp_path))
        cursor = con.execute(f"select * from {table}")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def landing(items: list) -> list[dict[str, Any]]:
    from dataclasses import asdict

    return [asdict(item) for item in items]


def test_staged_rows_regime_partner_type_and_duty(tmp_path: Path, recorded_items: list) -> None:
    rows = staged(tmp_path, landing(recorded_items), "staging.int_wits_trains__tariff_rows")
    assert len(rows) == 423
    kinds = {(r["measure_type"], r["regime"], r["partner"], r["partner_type"]) for r in rows}
    assert kinds == {("MFN", "mfn", "ALL", "all"), ("PRF", "preferential", "CA", "country"),
                     ("PRF", "preferential", "US", "country"), ("PRF", "preferential", "KR", "country"),
                     ("PRF", "preferential", "A10", "group")}
    coffee = next(r for r in rows if (r["reporter"], r["national_code"], r["partner"]) == ("EU", "090111", "ALL"))
    assert (coffee["hs6"], coffee["ad_valorem_pct"], coffee["duty_structure"], coffee["is_duty"]) == (
        "090111", 7.675, "AV", True)
    assert str(coffee["valid_from"]) == "2022-01-01" and str(coffee["valid_to"]) == "2022-12-31"
    assert all(r["commodity_found"] and r["duty_parse_error"] is None and not r["date_error"] for r in rows)
    no_rate = next(r for r in rows if (r["reporter"], r["national_code"], r["partner"]) == ("EU", "090121", "ALL"))
    assert no_rate["is_duty"] is False and no_rate["ad_valorem_pct"] is None


def test_staged_commodities_one_row_per_subheading(tmp_path: Path, recorded_items: list) -> None:
    lines = staged(tmp_path, landing(recorded_items), "staging.stg_wits_trains__commodities")
    assert len(lines) == 3 * 73
    horse = next(r for r in lines if (r["reporter"], r["national_code"]) == ("CA", "010121"))
    assert (horse["hs6"], horse["declarable"], horse["number_indents"], horse["parent_sid"]) == (
        "010121", True, None, None)


def test_other_tariff_types_are_other(tmp_path: Path, recorded_items: list) -> None:
    items = landing([i for i in recorded_items if isinstance(i, CommodityItem | TariffMeasureItem)][:2])
    items[1]["measure_type"] = "AHS"
    [row] = staged(tmp_path, items, "staging.stg_wits_trains__measures")
    assert row["regime"] == "other"


def test_staging_is_the_tariff_familys_shared_models(tmp_path: Path, recorded_items: list) -> None:
    """Every tariff source stages through the same models (its codes are registry data), so the columns
    the intermediate model reads are the same for all of them."""
    for source in ("wits_trains", "uk_trade_tariff", "usitc_hts"):
        assert {path.name for path in models("staging", source, "tariffs")} == {
            "stg_tariffs__commodities.sql", "stg_tariffs__measures.sql", "stg_tariffs__partner_groups.sql"}
    write_landing(landing(recorded_items), tmp_path)
    with connect_work(":memory:") as con:
        stage_into(con, "wits_trains", str(tmp_path))
        kinds = con.execute("select distinct regime, partner_type from staging.stg_wits_trains__measures").fetchall()
    assert {("mfn", "all"), ("preferential", "country")} <= set(kinds)

