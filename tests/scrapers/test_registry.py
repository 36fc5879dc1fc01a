"""One name per source everywhere: registry entry, spider, recorded responses, test file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from scrapers.middlewares import recorded_index
from scrapers.registry import UnknownSource, get_source, load_registry

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted(load_registry())


def spider_names() -> set[str]:
    settings = Settings()
    settings.setmodule("scrapers.settings")
    return set(SpiderLoader.from_settings(settings).list())


@pytest.mark.parametrize("name", SOURCES)
def test_every_source_has_spider_recordings_and_tests(name: str) -> None:
    assert name in spider_names()
    assert (REPO / "scrapers" / "spiders" / f"{name}.py").is_file()
    assert (REPO / "tests" / "scrapers" / f"test_{name}.py").is_file()
    index = recorded_index(name)
    assert index, f"{name}: no recorded responses"
    missing = [str(path) for path in index.values() if not path.is_file()]
    assert not missing, f"{name}: index.json names missing files {missing}"
    assert (REPO / "scrapers" / "recorded" / name / "README.md").is_file()


def test_every_spider_is_a_registered_source() -> None:
    assert spider_names() == set(SOURCES)


def test_bad_entry_fails_fast_naming_the_field(tmp_path: Path) -> None:
    entry = yaml.safe_load((REPO / "scrapers" / "sources.yaml").read_text())["uk_trade_tariff"]
    entry.pop("licence")
    bad = tmp_path / "sources.yaml"
    bad.write_text(yaml.safe_dump({"broken_source": entry}))
    with pytest.raises(ValidationError, match="licence"):
        load_registry.__wrapped__(bad)


def test_unknown_source_lists_the_known_ones() -> None:
    with pytest.raises(UnknownSource, match="uk_trade_tariff"):
        get_source("no_such_source")


@pytest.mark.parametrize(("change", "message"), [
    (lambda entry: entry.pop("measure_codes"), "measure_codes: required for a tariff source"),
    (lambda entry: entry["measure_codes"]["regimes"].update({"103": "cheap"}), "regimes.103"),
    (lambda entry: entry["measure_codes"].update({"group_partners": "[0-9"}), "group_partners"),
])
def test_tariff_code_maps_are_validated(tmp_path: Path, change, message: str) -> None:
    entry = yaml.safe_load((REPO / "scrapers" / "sources.yaml").read_text())["uk_trade_tariff"]
    change(entry)
    bad = tmp_path / "sources.yaml"
    bad.write_text(yaml.safe_dump({"broken_source": entry}))
    with pytest.raises(ValidationError, match=message):
        load_registry.__wrapped__(bad)


def test_code_maps_name_only_the_checked_regimes() -> None:
    from typing import get_args

    from scrapers.registry import Regime
    from warehouse.suites import REGIMES

    assert {*get_args(Regime), "other"} == set(REGIMES)
    tariffs = [source for source in load_registry().values() if source.family == "tariffs"]
    assert tariffs and all(source.staging_params() for source in tariffs)
