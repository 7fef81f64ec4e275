"""The ``Holidays`` sheet (节假日): statutory holidays and make-up workdays (调休).

Rows add days to the calendar of the Rules key ``holiday_calendar`` (China's by default,
from the ``holidays`` library) or override its days: a ``workday`` on a calendar holiday
makes it an ordinary day.
"""

from __future__ import annotations

from ...problem import Holiday
from .. import cells
from ..table import Column, Row, Table
from .base import Contents, Dated, Draft, Rows, SheetSpec, kind_cell, parse_dated

__all__ = ["SPEC"]

_KINDS = {
    "holiday": "holiday",
    "节假日": "holiday",
    "假日": "holiday",
    "休": "holiday",
    "workday": "workday",
    "调休": "workday",
    "上班": "workday",
    "班": "workday",
    "工作日": "workday",
}


_kind = kind_cell(_KINDS, "holiday or workday")


def parse(table: Table, draft: Draft) -> None:
    """``Holidays`` (节假日): a ``date`` (or a range ``a..b``), a ``name`` and a ``kind``."""

    def read(row: Row) -> Dated:
        days = row.get("date", cells.to_dates, required=True)
        name = row.get("name", default="")
        kind = row.get("kind", _kind, default="holiday")
        if days and (why := draft.outside_any(days)):
            row.error("date", why)
        return Dated(days or (), lambda day: ("holidays", Holiday(day, name, kind)))

    parse_dated(table, draft, read)


def rows(contents: Contents) -> Rows:
    """The problem's own holiday rows (the calendar's days are not written)."""
    return [{"date": h.date, "name": h.name, "kind": h.kind} for h in contents.problem.holidays]


SPEC = SheetSpec(
    "Holidays",
    "节假日",
    (
        Column(
            "date",
            "日期",
            True,
            "A date, or a range a..b.\n日期,或区间 a..b。",
        ),
        Column("name", "名称", False, "The holiday's name, e.g. 国庆节.\n节日名称,如 国庆节。"),
        Column(
            "kind",
            "类型",
            False,
            "holiday (default) or workday (a make-up workday, 调休上班). Adds to or overrides "
            "China's calendar (Rules holiday_calendar).\n"
            "holiday 节假日(默认)或 workday 调休上班。"
            "补充或覆盖中国节假日日历(规则 holiday_calendar)。",
        ),
    ),
    parse,
    rows,
    note="Holidays and make-up workdays, beyond China's calendar / 节假日与调休(补充日历)",
)
