"""Dates in and out of JSON-LD: ISO 8601 out, whatever publishers write in."""

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

# Tried in order after ISO 8601 and RFC 2822; day-first before month-first for slashes.
_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y%m%d",
)


def _utc(moment: datetime) -> datetime | None:
    """Aware and in UTC; naive datetimes are taken as UTC already. None when the offset carries
    the moment past year 1 or 9999 (0001-01-01T00:00:00+14:00): as unreadable as any bad date."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return None


def read(value) -> date | datetime | None:
    """A date (no time given) or a UTC datetime (time given) from what a document holds."""
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return value
    if isinstance(value, dict):
        return read(value.get("@value"))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return _utc(datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text))
    except ValueError:
        pass
    try:
        return _utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for pattern in _FORMATS:
        try:
            parsed = datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
        return _utc(parsed) if "%H" in pattern else parsed.date()
    return None


def day(value) -> date | None:
    """The calendar day (UTC) of a date or datetime, or None."""
    moment = read(value)
    return moment.date() if isinstance(moment, datetime) else moment


def iso_day(value) -> str | None:
    moment = day(value)
    return moment.isoformat() if moment else None


def iso_moment(value) -> str | None:
    """ISO 8601 with UTC offset for a datetime; a plain date stays a date."""
    moment = read(value)
    return moment.isoformat() if moment else None
