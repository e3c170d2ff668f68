"""Dates as the handbook prints them, in Mexican Spanish (Babel's CLDR data, never a
hand-written list of month or weekday names)."""

from __future__ import annotations

import datetime

from babel.dates import format_date, get_month_names

LOCALE = "es_MX"


def long_date(value: datetime.date | None) -> str:
    """``2027-02-04`` → ``jueves 4 de febrero de 2027``; nothing for no date."""
    if value is None:
        return ""
    return format_date(value, "EEEE d 'de' MMMM 'de' y", locale=LOCALE)


def cover_date(value: datetime.date) -> str:
    """``2026-11-21`` → ``21 de noviembre de 2026`` (the date on a printed document's cover)."""
    return format_date(value, "d 'de' MMMM 'de' y", locale=LOCALE)


def short_date(value: datetime.date | None) -> str:
    """``2027-02-04`` → ``4 feb 2027``; nothing for no date."""
    if value is None:
        return ""
    return format_date(value, "d MMM y", locale=LOCALE)


def month_abbreviations() -> list[str]:
    """``["ene", "feb", …, "dic"]``: the months as axis labels show them."""
    return list(get_month_names("abbreviated", context="stand-alone", locale=LOCALE).values())
