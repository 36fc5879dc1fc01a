"""The whole pipeline, offline replay, through the CLI: what `make run` does, twice."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scrapers.registry import get_source, load_registry
from tradepoint import pipeline


def tradepoint(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"TRADEPOINT_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "tradepoint.cli", *args], env=env, text=True,
                          capture_output=True, check=False, timeout=600)


MARTS_WITHOUT_FETCH_TIMES = (
    "select * exclude (fetched_at) from marts.tariffs order by all",
    "select * exclude (first_seen, last_seen) from marts.trade_fairs order by all",
    "select * exclude (fetched_at, first_seen, last_seen) from marts.trade_fair_sources order by all",
)


def marts_csv(data: Path) -> list[str]:
    outs = [tradepoint(data, "sql", query, "--format", "csv") for query in MARTS_WITHOUT_FETCH_TIMES]
    assert all(out.returncode == 0 for out in outs), [out.stderr for out in outs]
    return [out.stdout for out in outs]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    data = tmp_path_factory.mktemp("e2e") / "data"
    return data, tradepoint(data, "run")


def test_run_prints_the_summary_and_publishes(replayed) -> None:
    data, out = replayed
    assert out.returncode == 0, out.stderr[-3000:]
    assert "uk_trade_tariff      loaded" in out.stdout
    assert "unmapped source fields (reported, not loaded)" in out.stdout
    assert f"published: {data / 'warehouse' / 'tradepoint.duckdb'}" in out.stdout
    count = tradepoint(data, "sql", "select count(*) as n from marts.tariffs", "--format", "json")
    assert json.loads(count.stdout)["n"] >= 1000


def test_mart_has_the_variety_of_the_recordings(replayed) -> None:
    data, _ = replayed
    out = tradepoint(data, "sql", """
        select count(distinct left(national_code, 2)) as chapters,
               count(*) filter (where regime = 'mfn' and partner = '1011') as mfn,
               count(*) filter (where regime = 'preferential_quota') as quota,
               count(*) filter (where duty_structure like '%MAX%') as max_duties,
               count(*) filter (where specific_unit = 'hl') as per_hl,
               count(*) filter (where valid_to is not null) as ending
        from marts.tariffs where reporter = 'GB'""", "--format", "json")
    row = json.loads(out.stdout)
    assert row["chapters"] == 4 and row["mfn"] >= 50
    assert min(row["quota"], row["max_duties"], row["per_hl"], row["ending"]) > 0


def test_trade_fair_calendar_merges_the_four_kinds_of_source(replayed) -> None:
    data, out = replayed
    assert "trade_fairs: " in out.stdout and "records linked to" in out.stdout
    result = tradepoint(data, "sql", """
        select count(*) as fairs, count(*) filter (where len(sources) > 1) as merged,
               (select count(distinct source) from marts.trade_fair_sources) as kinds,
               count(*) filter (where status <> 'scheduled') as not_scheduled,
               count(*) filter (where end_date < start_date or country is not null and len(country) <> 2) as bad
        from marts.trade_fairs""", "--format", "json")
    row = json.loads(result.stdout)
    assert row["fairs"] >= 20 and row["merged"] >= 3 and row["kinds"] == 4
    assert row["not_scheduled"] >= 1 and row["bad"] == 0


def test_landing_is_immutable_and_reports_unmapped_fields(replayed) -> None:
    data, _ = replayed
    [run] = [p for p in (data / "landing" / "uk_trade_tariff").iterdir()]
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["mode"] == "replay"
    assert manifest["item_counts"]["tariff_measure"] >= 1000
    assert "measure/measure_components" in manifest["unmapped_fields"]  # the duty text is read instead
    assert "measure/measure_conditions" not in manifest["unmapped_fields"]  # mapped to `conditions`
    assert all(len(r["sha256"]) == 64 for r in manifest["responses"])
    for path in run.iterdir():
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_rerun_leaves_the_marts_identical(replayed) -> None:
    data, _ = replayed
    before = marts_csv(data)
    again = tradepoint(data, "run")
    assert again.returncode == 0, again.stderr[-3000:]
    sources = len(load_registry())
    # the same recordings give the same items: no source is staged again (tradepoint/unchanged.py)
    assert again.stdout.count(": same items, not staged again") == sources, again.stdout
    assert "left as it was: every source unchanged since its last load" in again.stdout
    assert marts_csv(data) == before


def test_interactive_sql_shell_reads_statements_until_eof(replayed) -> None:
    data, _ = replayed
    env = os.environ | {"TRADEPOINT_DATA_DIR": str(data)}
    out = subprocess.run([sys.executable, "-m", "tradepoint.cli", "sql", "--format", "csv"], env=env, text=True,
                         input="select count(*) as n\nfrom marts.tariffs\nwhere regime = 'mfn';\nselect 1 as one;\n",
                         capture_output=True, timeout=120, check=True)
    lines = out.stdout.splitlines()
    assert "n" in lines and "one" in lines and int(lines[lines.index("n") + 1]) >= 50


def test_status_reports_each_source(replayed) -> None:
    data, _ = replayed
    out = tradepoint(data, "status", "--format", "json")
    rows = {row["source"]: row for row in map(json.loads, out.stdout.splitlines())}
    assert set(rows) == set(load_registry())
    assert all(row["result"] == "loaded" and row["checks"].endswith("passed") for row in rows.values()), rows
    assert rows["uk_trade_tariff"]["rows_in_marts"] >= 1000


def test_parse_prints_items_and_staged_rows(uk_samples: Path, tmp_path: Path) -> None:
    sample = str(uk_samples / "gb_commodities_api_v2_response_1006101000.json")
    items = [json.loads(line) for line in tradepoint(tmp_path, "parse", "uk_trade_tariff", sample).stdout.splitlines()]
    measures = [item for item in items if item["item_type"] == "tariff_measure"]
    groups = [item for item in items if item["item_type"] == "partner_group"]
    assert (len(items), len(measures), len(groups)) == (51, 41, 9)
    assert {"source", "reporter", "national_code", "measure_type", "partner", "duty_text", "valid_from", "valid_to",
            "source_url"} <= set(measures[-1])
    staged = tradepoint(tmp_path, "parse", "uk_trade_tariff", sample, "--staged",
                        "--url", "https://www.trade-tariff.service.gov.uk/api/v2/commodities/1006101000")
    rows = [json.loads(line) for line in staged.stdout.splitlines()]
    singapore = next(row for row in rows if row["partner"] == "SG")
    assert (singapore["hs6"], singapore["regime"], singapore["ad_valorem_pct"], singapore["duty_structure"]) == (
        "100610", "preferential", 3.8, "AV")


def test_failing_checks_keep_the_last_good_marts(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = pipeline.run(["uk_trade_tariff"])
    assert first["sources"]["uk_trade_tariff"]["status"] == "loaded"
    good = first["publish"]["tables"]["marts.tariffs"]
    monkeypatch.setattr(get_source("uk_trade_tariff").assertions, "min_rows", 10**9)
    second = pipeline.run(["uk_trade_tariff"])
    result = second["sources"]["uk_trade_tariff"]
    assert result["status"] == "blocked" and "expect_table_row_count_to_be_between" in result["message"]
    assert second["publish"]["tables"]["marts.tariffs"] == good


@pytest.mark.parametrize(("source", "path", "name"), [
    ("ical_feeds", "scrapers/recorded/ical_feeds/orangecity_chamber.ics", "Anuga 2027"),
    ("schema_org_events", "tests/scrapers/samples/schema_org_events/schemaorg_exhibitionevent_rdfa.html",
     "Shoes: Pleasure and Pain"),
    ("ita_trade_events", "tests/scrapers/samples/ita_trade_events/trade_event_response_2016.json",
     "SelectUSA Japan Roadshow 2016"),
    ("wp_events_calendar", "scrapers/recorded/wp_events_calendar/calgary_chamber_page1.json", "HANNOVER MESSE 2027"),
])
def test_parse_staged_works_for_every_kind_of_fair_source(source: str, path: str, name: str, tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    out = tradepoint(tmp_path, "parse", source, str(repo / path), "--staged")
    assert out.returncode == 0, out.stderr[-2000:]
    rows = {row["name"]: row for row in map(json.loads, out.stdout.splitlines())}
    assert name in rows
    row = rows[name]
    assert {"start_date", "end_date", "status", "city", "country", "organiser", "sectors", "url"} <= set(row)
    assert row["start_date"] <= row["end_date"] and row["status"] in {"scheduled", "cancelled", "postponed",
                                                                       "rescheduled", "moved_online"}


def test_live_ita_crawl_without_a_key_fails_clearly_and_the_run_goes_on(data_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """No key, live: the source fails at once with a message naming what to set; the other sources still load."""
    monkeypatch.delenv("TRADEPOINT_ITA_API_KEY", raising=False)
    real_crawl = pipeline.crawl
    monkeypatch.setattr(pipeline, "crawl", lambda name, live=False, **kw: real_crawl(
        name, live=live and name == "ita_trade_events", **kw))  # only ITA goes live: no network here
    summary = pipeline.run(["ita_trade_events", "wp_events_calendar"], live=True)
    ita, wp = summary["sources"]["ita_trade_events"], summary["sources"]["wp_events_calendar"]
    assert ita["status"] == "failed"
    assert "no API key: set TRADEPOINT_ITA_API_KEY or the Airflow Connection ita_trade_api" in ita["message"]
    assert wp["status"] == "loaded" and summary["publish"]["tables"]["marts.trade_fairs"] > 0


@pytest.mark.parametrize(("source", "path"), [
    ("federal_register", "tests/scrapers/samples/federal_register/search_uscis_2026-09-13.json"),
    ("wto_eping", "scrapers/recorded/wto_eping/search_page_1.json"),
    ("atom_feeds", "scrapers/recorded/atom_feeds/gov_uk_trade_remedies.atom"),
    ("atom_feeds", "tests/scrapers/samples/atom_feeds/ec_news_eu_explained_first_item.rss"),
])
def test_parse_staged_works_for_every_notice_source(source: str, path: str, tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    out = tradepoint(tmp_path, "parse", source, str(repo / path), "--staged")
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows
    for row in rows:
        assert {"notice_id", "title", "summary", "notice_type", "published", "comment_deadline", "countries",
                "hs_codes"} <= set(row)
        assert "<" not in (row["summary"] or "") and all(code.isdigit() for code in row["hs_codes"])


def test_notices_are_tagged_and_corrections_linked(replayed) -> None:
    data, _ = replayed
    out = tradepoint(data, "sql", """
        select count(*) as notices, count(distinct source) as sources,
               count(*) filter (where len(hs_codes) > 0) as with_products,
               count(*) filter (where len(countries) > 0) as with_countries,
               count(*) filter (where amends is not null) as amending,
               count(*) filter (where len(amended_by) > 0) as amended
        from marts.market_notices where is_current""", "--format", "json")
    row = json.loads(out.stdout)
    assert row["notices"] >= 20 and row["sources"] == 3
    assert row["with_products"] >= 10 and row["with_countries"] >= 10 and row["amending"] >= 1


@pytest.mark.parametrize(("market", "code", "origin", "day", "source", "preferences"), [
    ("GB", "1006", "BD", "2026-11-27", "uk_trade_tariff", True),  # GSP least developed countries, a UK group
    ("XI", "1006", "CA", "2026-11-27", "uk_trade_tariff", True),  # Northern Ireland: EU duties, the CETA preference
    ("US", "0401", "AU", "2026-11-27", "usitc_hts", True),        # the AU program of column 1 special
    ("EU", "0101", "KR", "2022-06-30", "wits_trains", True),      # a WITS reporter's preferential partner (2022 data)
    ("CA", "0101", "JP", "2022-06-30", "wits_trains", False),     # MFN only
])
def test_tariff_lookup_answers_for_each_kind_of_market(replayed, market: str, code: str, origin: str, day: str,
                                                       source: str, preferences: bool) -> None:
    data, _ = replayed
    out = tradepoint(data, "sql", f"""
        select count(*) as lines, count(general_duty) as general, sum(len(preferences)) as preferences,
               list(distinct source) as sources
        from marts.tariff_lookup('{market}', '{code}', '{origin}', date '{day}')""", "--format", "json")
    row = json.loads(out.stdout)
    assert row["lines"] > 0 and row["general"] == row["lines"] and source in row["sources"], row
    assert (row["preferences"] > 0) == preferences, row


@pytest.mark.parametrize(("code", "origin", "expected_codes"), [
    ("0407", "CN", {"9903.88.03", "9903.88.15"}),  # Section 301 lists 3 and 4A: products of China
    ("2901", "RU", {"9903.90.08"}),                # the Russian rate that replaces column 2
    ("0407", "JP", set()),
])
def test_us_lookup_lists_chapter99_duties_for_the_origins_they_name(replayed, code: str, origin: str,
                                                                    expected_codes: set[str]) -> None:
    data, _ = replayed
    out = tradepoint(data, "sql", f"""
        select count(*) as lines, count(*) filter (where len(units) > 0) as with_units,
               flatten(list(list_transform(additional_duties, d -> d.additional_code))) as codes,
               flatten(list(list_transform(additional_duties, d -> d.ad_valorem_pct))) as pcts
        from marts.tariff_lookup('US', '{code}', '{origin}', date '2026-11-27') where source = 'usitc_hts'
        """, "--format", "json")
    row = json.loads(out.stdout)
    assert row["lines"] > 0 and row["with_units"] == row["lines"], row
    assert set(row["codes"]) == expected_codes, row
    assert all(pct is not None for pct in row["pcts"]), row
