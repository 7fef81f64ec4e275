"""The input sheets of staff.xlsx, one module each, and their registry `SHEETS`.

Adding an input sheet is one module here (a `SheetSpec`: names, columns, parser, template
rows) and one line in `SHEETS`; reading (`rostering.workbook.reader`), the template
(`rostering.workbook.template`) and its README sheet are driven by this list.
"""

from __future__ import annotations

from . import demand, forecast, leave, limits, peaks, rules, shifts, staff, staffing
from .base import Contents, Draft, Parser, Rows, SheetSpec, next_month
from .rules import CONVERTERS as RULE_CONVERTERS
from .rules import RULE_KEYS
from .staffing import STAFFING_ITEMS, StaffingItem

__all__ = [
    "RULE_CONVERTERS",
    "RULE_KEYS",
    "SHEETS",
    "STAFFING_ITEMS",
    "Contents",
    "Draft",
    "Parser",
    "Rows",
    "SheetSpec",
    "StaffingItem",
    "next_month",
    "sheet",
]

SHEETS: tuple[SheetSpec, ...] = (
    rules.SPEC,
    shifts.SPEC,
    staff.SPEC,
    leave.SPEC,
    demand.SPEC,
    peaks.SPEC,
    limits.SPEC,
    staffing.SPEC,
    forecast.SPEC,
)
"""The input sheets, in the order they are parsed (later sheets use earlier ones)."""


def sheet(name: str) -> SheetSpec:
    """The input sheet called ``name`` (its English name)."""
    return next(s for s in SHEETS if s.name == name)
