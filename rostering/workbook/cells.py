"""Cell values as the core's types: the converters every sheet shares, and the errors.

A converter takes one raw cell value (what openpyxl read: text, a number, a date, a time,
a bool) and returns the core's value, or raises `Invalid` with a message that says what
was expected. The sheet modules (`rostering.workbook.inputs`) build on these; a
`CellError` names the sheet and cell (``Staff!C7``) a problem is at.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..roles import ROLE_NAMES_ZH, ROLES, normalize_role

__all__ = [
    "ROLE_HINT",
    "CellError",
    "Invalid",
    "Unreadable",
    "WorkbookError",
    "amount",
    "blank",
    "boolean",
    "bounded",
    "match_code",
    "norm",
    "number",
    "real",
    "role",
    "share",
    "show",
    "split",
    "text",
    "to_date",
    "to_dates",
    "to_ident",
    "to_month",
    "to_time",
    "whole",
]


# -- errors ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class CellError:
    """One problem in a workbook: the sheet, the cell (``"C7"``) and what is wrong.

    ``cell`` is None for a problem of a whole sheet; ``sheet`` is ``""`` for a problem of
    the whole file.
    """

    sheet: str
    cell: str | None
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        if self.cell is None:
            return f"{self.sheet}: {self.message}"
        return f"{self.sheet}!{self.cell}: {self.message}"


class WorkbookError(ValueError):
    """A workbook that cannot be read; ``errors`` lists every problem found, in order."""

    def __init__(self, errors: Iterable[CellError]) -> None:
        self.errors: list[CellError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class Invalid(Exception):
    """A cell value that cannot be converted; the message says why."""


@dataclass(frozen=True)
class Unreadable:
    """A cell whose value cannot be known from the file: an error value (``#REF!``) or a
    formula saved without its result. Reading it is an error at that cell, never a blank."""

    message: str

    def __str__(self) -> str:
        return self.message


# -- looking at values ----------------------------------------------------------------------
def blank(value: object) -> bool:
    """Whether a cell holds nothing (None, or only spaces); an `Unreadable` cell is not
    blank."""
    return value is None or (isinstance(value, str) and not value.strip())


def show(value: object) -> str:
    """A cell value as a message quotes it."""
    if isinstance(value, str):
        return f"'{value.strip()}'"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def norm(value: object) -> str:
    """A sheet, column or key name for matching: lower case, spaces and dashes as ``_``."""
    return re.sub(r"[\s\-]+", "_", str(value).strip().lower())


def text(value: object) -> str:
    """A cell as text, surrounding spaces removed."""
    return str(value).strip()


def split(value: str) -> list[str]:
    """Items of a list typed by hand: commas (also ``，`` and ``、``), semicolons or spaces."""
    return [p for p in re.split(r"[,，、;；\s]+", value.strip()) if p]


def match_code(value: str, codes: Iterable[str]) -> str | None:
    """The shift code that ``value`` names (exactly, else ignoring case), or None."""
    codes = list(codes)
    if value in codes:
        return value
    folded = [c for c in codes if c.lower() == value.lower()]
    return folded[0] if len(folded) == 1 else None


# -- converters -----------------------------------------------------------------------------
def to_ident(value: object) -> str:
    """An agent id (工号): ``1001.0`` as Excel stores a number becomes ``"1001"``."""
    if isinstance(value, bool | date | time):
        raise Invalid(f"invalid id {show(value)}")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text(value)


_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_MONTH_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})$")


def to_date(value: object) -> date:
    """A real Excel date or ISO text ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _DATE_RE.match(value.strip())
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                pass
    raise Invalid(f"invalid date {show(value)} (expected YYYY-MM-DD)")


def to_dates(value: object) -> list[date]:
    """Comma-separated dates, each a date or a range ``a..b`` (inclusive)."""
    if isinstance(value, date):
        return [to_date(value)]
    out: list[date] = []
    listed = re.sub(r"\s*(\.\.|~|～|至)\s*", "..", str(value))
    for part in split(listed):
        if ".." in part:
            first_text, _, last_text = part.partition("..")
            first, last = to_date(first_text), to_date(last_text)
            if last < first:
                raise Invalid(f"range {show(part)} ends before it starts")
            if (last - first).days >= 366:
                raise Invalid(f"range {show(part)} is longer than a year")
            out.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
        else:
            out.append(to_date(part))
    return out


def to_time(value: object) -> time:
    """An Excel time or ``HH:MM`` text; ``24:00`` is midnight."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, timedelta) and timedelta(0) <= value <= timedelta(days=1):
        minutes = round(value.total_seconds() / 60) % 1440
        return time(minutes // 60, minutes % 60)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _float(value).is_integer() and 0 <= value <= 24:
            return time(int(value) % 24)  # a whole number of hours
        if 0 < value < 1:  # Excel's fraction of a day
            minutes = round(value * 1440) % 1440
            return time(minutes // 60, minutes % 60)
    if isinstance(value, str):
        match = _TIME_RE.match(value.strip().replace("：", ":"))
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if (hour, minute) == (24, 0):
                return time(0)
            if hour < 24 and minute < 60:
                return time(hour, minute)
    raise Invalid(f"invalid time {show(value)} (expected HH:MM)")


def _float(value: int | float) -> float:
    """``value`` as a float; a whole number too large for one is infinite."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def number(value: object) -> float:
    """A number: a numeric cell or numeric text (NaN and infinity pass; bounds refuse them)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise Invalid(f"not a number: {show(value)}")


def whole(what: str, low: int = 0, high: int | None = None) -> Callable[[object], int]:
    """A converter to a whole number from ``low`` to ``high`` (no upper bound when None);
    messages name ``what`` and the allowed range. NaN and infinity are refused."""
    at_most = "" if high is None else f" (at most {high})"

    def convert(value: object) -> int:
        try:
            found = number(value)
        except Invalid:
            found = math.nan
        if not found.is_integer() or found < low:
            raise Invalid(f"{what} must be a whole number >= {low}, got {show(value)}{at_most}")
        if high is not None and found > high:
            raise Invalid(f"{what} must be a whole number from {low} to {high}, got {show(value)}")
        return int(found)

    return convert


def real(
    what: str, low: float, high: float, *, low_open: bool = False
) -> Callable[[object], float]:
    """A converter to a finite number from ``low`` (above it when ``low_open``) to
    ``high``; a whole number comes back as an int. NaN and infinity are refused."""
    lowest = f"above {low:g}" if low_open else f"from {low:g}"

    def convert(value: object) -> float:
        try:
            found = number(value)
        except Invalid:
            found = math.nan
        too_low = found <= low if low_open else found < low
        if math.isnan(found) or too_low or found > high:
            raise Invalid(f"{what} must be a number {lowest} to {high:g}, got {show(value)}")
        return int(found) if found.is_integer() else found

    return convert


_TRUE = {"true", "yes", "y", "1", "on", "是", "对"}
_FALSE = {"false", "no", "n", "0", "off", "否", "不"}


def boolean(value: object) -> bool:
    """True or false, as people type it: true/false, yes/no, 1/0, 是/否."""
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if isinstance(value, int | float) and value in (0, 1):
        word = str(int(value))
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise Invalid(f"expected true or false (yes/no, 1/0, 是/否), got {show(value)}")


def to_month(value: object) -> date:
    """``YYYY-MM`` text or an Excel date: the first day of that month."""
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    if isinstance(value, str):
        typed = value.strip()
        match = _MONTH_RE.match(typed)
        if match and 1 <= int(match.group(2)) <= 12 and int(match.group(1)) >= 1:
            return date(int(match.group(1)), int(match.group(2)), 1)
        try:
            day = to_date(typed)
        except Invalid:
            pass
        else:
            return date(day.year, day.month, 1)
    raise Invalid(f"invalid month {show(value)} (expected YYYY-MM)")


ROLE_HINT = ", ".join(ROLES) + " or " + ", ".join(ROLE_NAMES_ZH[r] for r in ROLES)
"""The roles a cell may name, for messages and notes."""


def role(value: object) -> str:
    """A role, English or Chinese (see `rostering.roles.normalize_role`)."""
    found = normalize_role(text(value))
    if found is None:
        raise Invalid(f"unknown role {show(value)} (expected {ROLE_HINT})")
    return found


def amount(value: object) -> float:
    """A number as people type it: ``1000000``, ``1,000,000``, ``¥1,000,000``, ``100万``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(_float(value)):
            return float(value)
    elif isinstance(value, str):
        digits = re.sub(r"[,，\s¥￥$元]", "", value)
        factor = 1.0
        if digits[-1:] in ("万", "亿"):
            factor = 1e4 if digits[-1] == "万" else 1e8
            digits = digits[:-1]
        try:
            found = float(digits)
        except ValueError:
            pass
        else:
            if math.isfinite(found):
                return found * factor
    raise Invalid(f"not a number: {show(value)}")


def share(value: object) -> float:
    """A share: ``0.6`` or ``60%`` (text, or a cell formatted as a percentage)."""
    if isinstance(value, str) and value.strip()[-1:] in ("%", "％"):
        return amount(value.strip()[:-1]) / 100
    return amount(value)


def bounded(
    name: str, *, low: float, high: float = math.inf, low_open: bool, high_open: bool = True
) -> Callable[[object], float]:
    """A converter to a number in an interval; a share when ``high`` is 1."""
    is_share = high == 1
    left, right = "(" if low_open else "[", ")" if high_open else "]"
    interval = f">= {low:g}" if high == math.inf else f"in {left}{low:g}, {high:g}{right}"
    if low_open and high == math.inf:
        interval = f"above {low:g}"

    def convert(value: object) -> float:
        try:
            found = (share if is_share else amount)(value)
        except Invalid:
            raise Invalid(f"{name} must be a number, got {show(value)}") from None
        too_low = found <= low if low_open else found < low
        too_high = found >= high if high_open else found > high
        if too_low or too_high:
            hint = ""
            if is_share and 1 < found <= 100 and found.is_integer():
                hint = f" (for {found:g} percent write {found:g}% or {found / 100:g})"
            raise Invalid(f"{name} must be {interval}, got {show(value)}{hint}")
        return found

    return convert
