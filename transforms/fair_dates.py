"""Dates of a fair record: ISO values as the spiders map them, or dates written as text, to typed dates.

Spiders give `start`/`end` as ISO 8601 (a date, or a date-time with an offset, or a local date-time
with an IANA `timezone`), or, for sources that publish only text, `date_text` such as
"12–15 March 2027", "12.-15.03.2027", "March 12-15, 2027" or "17 au 21 octobre 2026". Text is split
into its two ends here (what is shared — month, year — is written once, at one end) and each end is
read by `dateparser` in whatever language it is written. What cannot be read for certain is an
error, kept with the raw text for quarantine; nothing is guessed (a numeric date such as 03/04/2027
could be either order, so it is an error unless the day is above 12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser

# Range separators in written dates: dashes, "to"/"until" and their equivalents in other languages.
RANGE = re.compile(r"\s*(?:[–—‒-]|\bto\b|\buntil\b|\bbis\b|\bau\b|\bal\b|\btot\b|\bdo\b)\s*", re.IGNORECASE)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY_ONLY = re.compile(r"(\d{1,2})\.?")
DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")  # "12.03." in "12.03.-15.03.2027": year from the end
ISO_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:[–—‒]|\s-\s|\bto\b|\buntil\b|\bbis\b|\bau\b)\s*(\d{4}-\d{2}-\d{2})",
                       re.IGNORECASE)
NUMERIC = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
LEADING_WORDS = re.compile(r"^(?:from|du|vom|dal|van|od)\s+", re.IGNORECASE)
PARSER_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                   "REQUIRE_PARTS": ["day", "month"]}
MAX_DAYS = 366  # a "fair" longer than a year is a misread, not a fair


@dataclass(frozen=True)
class FairDates:
    """Typed dates of one record: end inclusive; times only where the source gave them."""

    start_date: date | None
    end_date: date | None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    error: str | None = None


class DateError(ValueError):
    """A date that cannot be read for certain; the message quotes it."""


def normalise_dates(start: str | None, end: str | None, date_text: str | None,
                    timezone: str | None = None) -> FairDates:
    """The record's typed dates, or an error naming what could not be read (never a guess)."""
    try:
        if start:
            starts_at, start_date = read_iso(start, timezone)
            ends_at, end_date = read_iso(end, timezone) if end else (None, start_date)
            return checked(FairDates(start_date, end_date, starts_at, ends_at))
        if date_text:
            first, last = read_text_range(date_text)
            return checked(FairDates(first, last))
        return FairDates(None, None, error="no start date")
    except DateError as err:
        return FairDates(None, None, error=str(err))


def checked(dates: FairDates) -> FairDates:
    if dates.start_date and dates.end_date and not 0 <= (dates.end_date - dates.start_date).days <= MAX_DAYS:
        return FairDates(None, None, error=f"end {dates.end_date} before start {dates.start_date} or over a year later")
    return dates


def read_iso(value: str, timezone: str | None) -> tuple[datetime | None, date]:
    """(aware date-time or None for a date-only value, its local date) of an ISO 8601 value."""
    text = value.strip()
    if ISO_DATE.fullmatch(text):
        return None, date.fromisoformat(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as err:
        raise DateError(f"not an ISO 8601 date: {value!r}") from err
    if moment.tzinfo is None and timezone:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(timezone))
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise DateError(f"unknown time zone {timezone!r} for {value!r}") from err
    return (moment if moment.tzinfo else None), moment.date()


def read_text_range(text: str) -> tuple[date, date]:
    """(first, last day) of dates written as text: one day or a range."""
    cleaned = LEADING_WORDS.sub("", " ".join(text.split()))
    if ISO_DATE.fullmatch(cleaned):
        day = date.fromisoformat(cleaned)
        return day, day
    iso_range = ISO_RANGE.fullmatch(cleaned)
    if iso_range:
        return date.fromisoformat(iso_range.group(1)), date.fromisoformat(iso_range.group(2))
    parts = [part for part in RANGE.split(cleaned, maxsplit=1) if part]
    if len(parts) == 1:
        day = read_day(parts[0], text)
        return day, day
    last = read_day(complete_end(parts[0], parts[1]), text)
    first = read_start(parts[0], last, text)
    year_given = re.search(r"(?<!\d)\d{4}(?!\d)", parts[0]) is not None
    if first > last and first.month > last.month and not year_given:  # "28 Dec - 2 Jan 2027": the year before
        first = first.replace(year=first.year - 1)
    return first, last


def complete_end(start: str, end: str) -> str:
    """The end part with the month the start names, for "March 12-15, 2027" (end "15, 2027")."""
    if re.fullmatch(r"\d{1,2},?\s*\d{4}", end.strip()):
        month = re.sub(r"[\d,.\s]+$", "", start).strip()
        return f"{month} {end}" if month else end
    return end


def read_start(start: str, last: date, original: str) -> date:
    """The first day: its missing month and year are the end's ("12" in "12-15 March 2027", "12.03."
    in "12.03.-15.03.2027"); numeric parts are read here, never by dateparser (which may read them
    month first)."""
    day_only = DAY_ONLY.fullmatch(start.strip())
    if day_only:
        return safe_date(last.year, last.month, int(day_only.group(1)), original)
    day_month = DAY_MONTH.fullmatch(start.strip())
    if day_month:
        return safe_date(last.year, int(day_month.group(2)), int(day_month.group(1)), original)
    return read_day(start, original, default_year=last.year)


def read_day(part: str, original: str, default_year: int | None = None) -> date:
    """One day written as text, in any language dateparser knows; errors quote the original text."""
    numeric = NUMERIC.fullmatch(part.strip())
    if numeric:
        day, month, year = (int(group) for group in numeric.groups())
        if day <= 12 and month <= 12 and day != month and "." not in part:
            raise DateError(f"ambiguous numeric date {part!r} in {original!r} (day/month order unknown)")
        return safe_date(year, month, day, original)
    has_year = re.search(r"(?<!\d)\d{4}(?!\d)", part) is not None
    if not has_year and default_year is None:
        raise DateError(f"no year in {original!r}")
    text = part if has_year else f"{part} {default_year}"
    parsed = dateparser.parse(text, settings=PARSER_SETTINGS)
    if parsed is None:
        raise DateError(f"cannot read date {part!r} in {original!r}")
    return parsed.date()


def safe_date(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise DateError(f"no such day {year}-{month:02d}-{day:02d} in {original!r}") from err

