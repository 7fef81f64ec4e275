"""The ``Forecast`` sheet (咨询预测): inquiries per clock hour.

The sheet is only parsed here: its rows go to ``draft.extras["Forecast"]`` as
`ForecastRow`s. The hourly demand they imply (Erlang C against the Staffing sheet's
targets) is the core's to compute (`rostering.staffing_report.StaffingData.demand`),
once the whole workbook has been read without error.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from ...roles import PRESALES, ROLE_NAMES_ZH
from ...staffing import ForecastRow
from .. import cells
from ..cells import Invalid, show
from ..sizes import MAX_AGENTS, MAX_FORECAST_ROWS
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC"]

MAX_HANDLING_SECONDS = 86_400
"""The longest handling time, in seconds (a day)."""
MAX_CONCURRENCY = 100
"""The most chats one agent may handle at once."""

_ANY_ROLE = "*"
_ANY_WORDS = {"any", "all", "*", "任意", "全部", "任意岗位"}


def _role(value: object) -> str:
    if cells.norm(value) in _ANY_WORDS:
        return _ANY_ROLE
    return cells.role(value)


def _hour(value: object) -> int:
    """A clock hour 0-23: a number, a time on the hour (08:00) or a one-hour range (8-9)."""
    wrong = Invalid(
        f"hour must be a whole number 0-23 (or a time on the hour such as 08:00), got {show(value)}"
    )
    if isinstance(value, bool):
        raise wrong
    if isinstance(value, int | float) and float(value).is_integer():
        if 0 <= value <= 23:
            return int(value)
        raise wrong
    if isinstance(value, str):
        typed = value.strip()
        if typed.isdigit():
            return _hour(int(typed))
        parts = re.split(r"\s*[-–~～]\s*", typed)
        if len(parts) == 2:
            first, second = _hour(_clock(parts[0], wrong)), _clock(parts[1], wrong)
            if (first + 1) % 24 != second.hour % 24 or second.minute:
                raise Invalid(f"hour {show(value)} is not one clock hour")
            return first
    clock = _clock(value, wrong)
    if clock.minute:
        raise wrong
    return clock.hour


def _clock(value: object, wrong: Invalid) -> time:
    if isinstance(value, str) and value.strip().isdigit():
        found = int(value.strip())
        if 0 <= found <= 24:
            return time(found % 24)
        raise wrong
    try:
        return cells.to_time(value)
    except Invalid:
        raise wrong from None


def _seconds(value: object) -> float:
    """Handling time in seconds: a number (``180``, ``180s``, ``180秒``) or an Excel time."""
    wrong = f"handling_time must be seconds above 0, got {show(value)}"
    if isinstance(value, time):
        seconds = float(value.hour * 3600 + value.minute * 60 + value.second)
    elif isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, str):
        typed = re.sub(r"\s*(s|sec|secs|seconds|秒)$", "", value.strip().lower())
        try:
            seconds = cells.amount(typed)
        except Invalid:
            raise Invalid(wrong) from None
    else:
        try:
            seconds = cells.amount(value)
        except Invalid:
            raise Invalid(wrong) from None
    if not 0 < seconds <= MAX_HANDLING_SECONDS:
        raise Invalid(wrong if seconds <= 0 else f"{wrong} (at most {MAX_HANDLING_SECONDS})")
    return seconds


def parse(table: Table, draft: Draft) -> None:
    """``Forecast`` (咨询预测): inquiries per clock hour, per date (blank: every day) and
    role (blank: pre-sales; ``any``/任意: agents of any role)."""
    seen: dict[tuple[date | None, int, str | None], int] = {}
    found: list[ForecastRow] = []
    for row in table.rows:
        day = row.get("date", cells.to_date)
        if day is not None and (why := draft.outside(day)):
            row.error("date", why)
        hour = row.get("hour", _hour, required=True)
        role_text = row.get("role", _role, default=PRESALES)
        role = None if role_text == _ANY_ROLE else role_text
        inquiries = row.get(
            "inquiries", cells.bounded("inquiries", low=0, low_open=False), required=True
        )
        seconds = row.get("handling_time", _seconds, required=True)
        concurrency = row.get(
            "concurrency", cells.whole("concurrency", 1, MAX_CONCURRENCY), default=1
        )
        if not row.ok:
            continue
        load = inquiries * seconds / 3600 / concurrency
        if load > MAX_AGENTS:
            row.error(
                "inquiries",
                f"{inquiries:g} inquiries of {seconds:g} s, {concurrency} at a time, are the "
                f"work of {load:,.0f} agents in one hour; at most {MAX_AGENTS} "
                "(check inquiries, handling_time and concurrency)",
            )
            continue
        key = (day, hour, role)
        if key in seen:
            when = "every day" if day is None else str(day)
            who = "any role" if role is None else role
            row.error(
                "hour",
                f"hour {hour} of {when} for {who} is listed twice (also row {seen[key]})",
            )
            continue
        seen[key] = row.number
        try:
            found.append(ForecastRow(day, hour, role, inquiries, seconds, concurrency))
        except ValueError as problem:
            row.error("inquiries", str(problem))
        else:
            draft.origins.setdefault("Forecast", []).append(row)
    draft.extras["Forecast"] = tuple(found)


def rows(contents: Contents) -> Rows:
    """The forecast rows, roles in Chinese (任意 for any role)."""
    if contents.staffing is None:
        return []
    return [
        {
            "date": row.date,
            "hour": row.hour,
            "role": ROLE_NAMES_ZH[row.role] if row.role else "任意",
            "inquiries": row.inquiries,
            "handling_time": row.aht_seconds,
            "concurrency": row.concurrency,
        }
        for row in contents.staffing.forecast
    ]


SPEC = SheetSpec(
    "Forecast",
    "咨询预测",
    (
        Column("date", "日期", False, "Date; blank = every day.\n日期;留空=每天。"),
        Column(
            "hour",
            "小时",
            True,
            "Clock hour 0-23: the row covers hour:00 to hour+1:00.\n"
            "小时 0-23:该行为整点开始的一小时。",
        ),
        Column(
            "role",
            "岗位",
            False,
            "Role answering these inquiries; blank = pre-sales; any = any role.\n"
            "接待岗位;留空=售前;任意=任意岗位。",
        ),
        Column(
            "inquiries",
            "咨询量",
            True,
            "Inquiries arriving in that hour.\n该小时进线咨询量。",
        ),
        Column(
            "handling_time",
            "处理时长",
            True,
            "Average handling time in seconds, as observed at this concurrency.\n"
            "平均处理时长(秒),按该并发下实际统计。",
        ),
        Column(
            "concurrency",
            "并发",
            False,
            "Chats one agent handles at once; blank = 1.\n每人同时接待数;留空=1。",
        ),
    ),
    parse,
    rows,
    note="Inquiries per hour; each row becomes an hourly Demand row / "
    "每小时咨询量,每行转为一小时的需求人数",
    max_rows=MAX_FORECAST_ROWS,
    too_many=f"more than {MAX_FORECAST_ROWS} rows: at most one per date (or every day), "
    "hour and role",
)
