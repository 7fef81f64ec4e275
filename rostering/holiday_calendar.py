"""China's statutory holidays and make-up workdays (调休), from the ``holidays`` library.

The State Council publishes each year's arrangement in November; the ``holidays`` package
(python-holidays, kept up to date release by release) carries it: the statutory and
substituted days off, and the weekend days worked in exchange (``weekend_workdays``).
Its day-off list names weekdays only, so the weekend days a break spans (the Saturday and
Sunday of Golden Week) are added here: a Saturday or Sunday next to a day off (through
other such weekend days) that is not a make-up workday belongs to the break.

A year whose arrangement the library does not know yet (before November for the next
year) has its statutory days but no make-up workdays; `unpublished_years` names such
years so that the product can say so. The ``Holidays`` sheet (`rostering.Holiday` rows)
adds or overrides days either way.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from .values import ProblemError, parse_date

__all__ = [
    "CALENDARS",
    "HOLIDAY_KINDS",
    "Holiday",
    "HolidayKind",
    "calendar_days",
    "unpublished_years",
]

HolidayKind = Literal["holiday", "workday"]
HOLIDAY_KINDS: tuple[str, ...] = get_args(HolidayKind)


@dataclass(frozen=True)
class Holiday:
    """A day of the holiday calendar (节假日): a statutory ``holiday`` (元旦, 春节, 国庆 ...)
    or a make-up ``workday`` (调休上班). In `Problem.holidays` it adds a day to the
    calendar of ``rules.holiday_calendar`` or overrides it (a ``workday`` on a calendar
    holiday makes it an ordinary day)."""

    date: date
    name: str = ""
    kind: HolidayKind = "holiday"

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", parse_date(self.date, "holiday", "date"))
        object.__setattr__(self, "name", str(self.name).strip())
        if self.kind not in HOLIDAY_KINDS:
            raise ProblemError(
                f"holiday on {self.date}: unknown kind '{self.kind}'",
                field="kind",
                allowed="holiday or workday",
                value=self.kind,
            )


CALENDARS = ("CN", "none")
"""The calendars ``rules.holiday_calendar`` may name: China's, or none."""

_ONE = timedelta(days=1)
_DAY_OFF = "休息日"


@functools.cache
def _china_year(year: int) -> tuple[tuple[tuple[date, str], ...], frozenset[date]]:
    """The days off of ``year`` with their Chinese names, and its make-up workdays."""
    import holidays as library  # imported on first use: a few hundred milliseconds

    found = library.China(years=(year - 1, year, year + 1), language="zh_CN")
    workdays = frozenset(found.weekend_workdays)
    off = {day: _plain(str(name)) for day, name in found.items()}
    days = dict(off)
    for day in sorted(off):
        for step in (-_ONE, _ONE):  # weekend days next to a day off join the break
            other = day + step
            while other.weekday() >= 5 and other not in workdays and other not in days:
                days[other] = off[day]
                other += step
    named = {d: n for d, n in days.items() if n != _DAY_OFF}
    for day, name in list(days.items()):  # a substituted day off takes its break's name
        if name == _DAY_OFF:
            near = [d for d in named if abs((d - day).days) <= 4]
            if near:
                days[day] = named[min(near, key=lambda d: (abs((d - day).days), d))]
    return (
        tuple(sorted((d, n) for d, n in days.items() if d.year == year)),
        frozenset(d for d in workdays if d.year == year),
    )


def _plain(name: str) -> str:
    """The holiday's name without the library's notes (补假, 调休 ...)."""
    for mark in ("（", "("):
        name = name.split(mark)[0]
    return name.strip() or _DAY_OFF


def calendar_days(calendar: str, start: date, end: date) -> dict[date, Holiday]:
    """The holidays and make-up workdays of ``calendar`` from ``start`` to ``end``.

    Parameters
    ----------
    calendar
        ``"CN"`` (China) or ``"none"`` (no calendar: an empty result).
    start, end
        The horizon, inclusive.

    Returns
    -------
    dict of date to Holiday
        Kind ``holiday`` for days off (statutory, substituted and the weekend days of a
        break), kind ``workday`` for the weekend days worked in exchange (调休上班).
    """
    if calendar != "CN":
        return {}
    out: dict[date, Holiday] = {}
    for year in range(start.year, end.year + 1):
        off, workdays = _china_year(year)
        for day, name in off:
            if start <= day <= end:
                out[day] = Holiday(day, name, "holiday")
        for day in workdays:
            if start <= day <= end:
                out[day] = Holiday(day, "调休上班", "workday")
    return dict(sorted(out.items()))


def unpublished_years(calendar: str, start: date, end: date) -> list[int]:
    """Years of the horizon with holidays in it but no make-up workdays in the library:
    most likely an arrangement not published yet, to be completed in the Holidays sheet."""
    if calendar != "CN":
        return []
    out = []
    for year in range(start.year, end.year + 1):
        off, workdays = _china_year(year)
        if not workdays and any(start <= day <= end for day, _ in off):
            out.append(year)
    return out
