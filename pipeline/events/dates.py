"""Publication dates as ISO days (YYYY-MM-DD), from the forms corpora and feeds give them in."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")  # m/d/yy (FA-KES), m/d/yyyy
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_WRITTEN = re.compile(
    r"^\s*(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\s*$"
)  # June 18, 2017
_WRITTEN_DMY = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")  # 18 June 2017


def iso_day(raw: str | None) -> str | None:
    """The day a date string names, as YYYY-MM-DD, or None when it names no day this understands."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    found: date | None = None
    if m := _ISO.match(text):
        found = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := _SLASHED.match(text):
        year = int(m.group(3))
        found = _day(year + 2000 if year < 100 else year, int(m.group(1)), int(m.group(2)))
    elif m := _WRITTEN.match(text):
        found = _month_day(m.group(1), int(m.group(2)), int(m.group(3)))
    elif m := _WRITTEN_DMY.match(text):
        found = _month_day(m.group(2), int(m.group(1)), int(m.group(3)))
    else:
        found = _rfc2822(text)
    return found.isoformat() if found else None


def ordinal(iso: str | None) -> int | None:
    """Days since year 1 of an ISO day, for time distances."""
    return date.fromisoformat(iso).toordinal() if iso else None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(month: str, day: int, year: int) -> date | None:
    number = _MONTHS.get(month[:3].lower())
    return _day(year, number, day) if number else None


def _rfc2822(text: str) -> date | None:
    """RSS dates: 'Sun, 18 Jun 2017 14:03:00 GMT'."""
    try:
        parsed: datetime = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date()
