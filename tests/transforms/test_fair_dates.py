"""Fair dates in many written forms and languages: given text → expected dates; unreadable → error."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from transforms.fair_dates import normalise_dates


@pytest.mark.parametrize(("text", "first", "last"), [
    ("12–15 March 2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("12.-15.03.2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("12.03.2027 - 15.03.2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("12.03.-15.03.2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("12.03. - 15.03.2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("28.12.-02.01.2027", date(2026, 12, 28), date(2027, 1, 2)),
    ("2027-03-12 - 2027-03-15", date(2027, 3, 12), date(2027, 3, 15)),
    ("2027-03-12 to 2027-03-15", date(2027, 3, 12), date(2027, 3, 15)),
    ("March 12-15, 2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("12 - 15 Mar 2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("12 March – 2 April 2027", date(2027, 3, 12), date(2027, 4, 2)),
    ("28 Dec 2026 – 2 Jan 2027", date(2026, 12, 28), date(2027, 1, 2)),
    ("15. bis 18. November 2027", date(2027, 11, 15), date(2027, 11, 18)),
    ("du 17 au 21 octobre 2026", date(2026, 10, 17), date(2026, 10, 21)),
    ("12-15 марта 2027", date(2027, 3, 12), date(2027, 3, 15)),
    ("5 May 2027", date(2027, 5, 5), date(2027, 5, 5)),
    ("2027-04-12", date(2027, 4, 12), date(2027, 4, 12)),
    ("25/01/2027", date(2027, 1, 25), date(2027, 1, 25)),
])
def test_written_dates(text: str, first: date, last: date) -> None:
    dates = normalise_dates(None, None, text)
    assert (dates.start_date, dates.end_date, dates.error) == (first, last, None)


@pytest.mark.parametrize(("text", "reason"), [
    ("03/04/2027", "ambiguous"),
    ("sometime in spring", "no year"),
    ("31.02.2027", "no such day"),
    ("15-12 March 2027", "before start"),
])
def test_unreadable_dates_are_errors_quoting_the_text_not_guesses(text: str, reason: str) -> None:
    dates = normalise_dates(None, None, text)
    assert (dates.start_date, dates.end_date) == (None, None)
    assert reason in dates.error and (text in dates.error or "before start" in reason)


def test_iso_values_keep_times_and_zones() -> None:
    local = normalise_dates("2027-04-12T09:00:00", "2027-04-16T18:00:00", None, "Europe/Berlin")
    assert (local.start_date, local.end_date) == (date(2027, 4, 12), date(2027, 4, 16))
    assert local.starts_at.astimezone(UTC) == datetime(2027, 4, 12, 7, 0, tzinfo=UTC)
    utc = normalise_dates("2027-01-06T17:00:00Z", None, None)
    assert (utc.start_date, utc.end_date, utc.starts_at) == (date(2027, 1, 6), date(2027, 1, 6),
                                                             datetime(2027, 1, 6, 17, 0, tzinfo=UTC))
    floating = normalise_dates("2027-01-06T09:00:00", None, None)
    assert (floating.start_date, floating.starts_at) == (date(2027, 1, 6), None)  # no zone: no instant


def test_missing_start_and_unknown_zone_are_errors() -> None:
    assert normalise_dates(None, "2027-01-06", None).error == "no start date"
    assert "unknown time zone" in normalise_dates("2027-01-06T09:00:00", None, None, "Mars/Olympus").error
