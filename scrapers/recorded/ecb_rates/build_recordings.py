"""Build the replay recordings of `ecb_rates`: the ECB's daily and 90-day reference-rate files.

The format follows real answers of https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml as
stored in public repositories (README.md names them): a GESMES envelope, subject and sender, then
`Cube/Cube[@time]/Cube[@currency][@rate]`, newest day first, rates per 1 EUR with the ECB's published
precision per currency. The figures are constructed: the 30 currencies and their levels are those of
the real daily file of 2024-06-28 (less BGN), moved by a small deterministic wave per day, on the TARGET working
days of the 90 days up to the recording date (weekends and TARGET holidays have no rates).

Run: python scrapers/recorded/ecb_rates/build_recordings.py
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path

from dateutil.easter import easter

HERE = Path(__file__).resolve().parent
SITE = "https://www.ecb.europa.eu/stats/eurofxref/"
RECORDED_ON = date(2026, 11, 27)  # a Friday: the last TARGET day before the registry's recorded_on

# Real levels of 2024-06-28 (dialogplay/tool-directory, integrations/ecb_exchange_rate/README.md), as published,
# less the Bulgarian lev: Bulgaria adopted the euro on 1 January 2026, so 2026 files no longer quote BGN.
LEVELS = (
    ("USD", "1.0705"), ("JPY", "171.94"), ("CZK", "25.025"), ("DKK", "7.4575"),
    ("GBP", "0.84638"), ("HUF", "395.10"), ("PLN", "4.3090"), ("RON", "4.9773"), ("SEK", "11.3595"),
    ("CHF", "0.9634"), ("ISK", "148.90"), ("NOK", "11.3965"), ("TRY", "35.1868"), ("AUD", "1.6079"),
    ("BRL", "5.8915"), ("CAD", "1.4670"), ("CNY", "7.7748"), ("HKD", "8.3594"), ("IDR", "17487.21"),
    ("ILS", "4.0200"), ("INR", "89.2495"), ("KRW", "1474.86"), ("MXN", "19.5654"), ("MYR", "5.0501"),
    ("NZD", "1.7601"), ("PHP", "62.560"), ("SGD", "1.4513"), ("THB", "39.319"), ("ZAR", "19.4970"),
)
def target_days(last: date, span: int = 90) -> list[date]:
    """TARGET2 working days in the `span` days up to `last`, newest first (no weekends, 1 January,
    Good Friday, Easter Monday, 1 May, 25 and 26 December)."""
    days = []
    for back in range(span):
        day = last - timedelta(days=back)
        easter_sunday = easter(day.year)
        holidays = {date(day.year, 1, 1), easter_sunday - timedelta(days=2), easter_sunday + timedelta(days=1),
                    date(day.year, 5, 1), date(day.year, 12, 25), date(day.year, 12, 26)}
        if day.weekday() < 5 and day not in holidays:
            days.append(day)
    return days


def rate_on(day: date, index: int, currency: str, level: str) -> str:
    """The level moved by at most ±1.5 %, with the published number of decimals."""
    decimals = len(level.split(".")[1])
    wave = 0.015 * math.sin(day.toordinal() / 9 + index)
    return f"{float(level) * (1 + wave):.{decimals}f}"


def envelope(days: list[date]) -> str:
    cubes = []
    for day in days:
        quotes = "".join(f"\n\t\t\t<Cube currency='{c}' rate='{rate_on(day, i, c, level)}'/>"
                         for i, (c, level) in enumerate(LEVELS))
        cubes.append(f"\n\t\t<Cube time='{day.isoformat()}'>{quotes}\n\t\t</Cube>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
            'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n'
            "\t<gesmes:subject>Reference rates</gesmes:subject>\n"
            "\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n"
            f"\t<Cube>{''.join(cubes)}\n\t</Cube>\n</gesmes:Envelope>\n")


def main() -> None:
    days = target_days(RECORDED_ON)
    files = {"eurofxref-daily.xml": days[:1], "eurofxref-hist-90d.xml": days}
    for name, covered in files.items():
        (HERE / name).write_text(envelope(covered), encoding="utf-8")
    index = {SITE + name: name for name in files}
    (HERE / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
