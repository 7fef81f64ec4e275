"""The input sheets of staff.xlsx, one module each, and their registry `SHEETS`.

Adding an input sheet is one module here (a `SheetSpec`: names, columns, parser, template
rows) and one line in `SHEETS`; reading (`rostering.workbook.reader`), the template
(`rostering.workbook.template`), its README sheet and the sheet table of the docs
(`markdown_table`) are driven by this list.
"""

from __future__ import annotations

from . import demand, forecast, holidays, leave, limits, peaks, rules, shifts, staff, staffing
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
    "markdown_table",
    "next_month",
    "sheet",
    "shown",
]

SHEETS: tuple[SheetSpec, ...] = (
    rules.SPEC,
    shifts.SPEC,
    staff.SPEC,
    leave.SPEC,
    demand.SPEC,
    peaks.SPEC,
    limits.SPEC,
    holidays.SPEC,
    staffing.SPEC,
    forecast.SPEC,
)
"""The input sheets, in the order they are parsed (later sheets use earlier ones)."""


_SHOWN = (
    "Staff",
    "Rules",
    "Shifts",
    "Leave",
    "Demand",
    "Peaks",
    "Limits",
    "Holidays",
    "Staffing",
    "Forecast",
)


def sheet(name: str) -> SheetSpec:
    """The input sheet called ``name`` (its English name)."""
    return next(s for s in SHEETS if s.name == name)


def shown() -> list[SheetSpec]:
    """The input sheets in the order people see them (the template, the docs): the team
    first; a sheet not placed here comes last."""
    known = {s.name: s for s in SHEETS}
    return [known[n] for n in _SHOWN if n in known] + [s for s in SHEETS if s.name not in _SHOWN]


def markdown_table() -> str:
    """The input sheets as a markdown table: sheet (Chinese alias), required, columns
    (optional ones in italics), what it holds."""
    lines = ["| sheet | required | columns | what |", "|---|---|---|---|"]
    for spec in shown():
        columns = ", ".join(
            f"`{c.name}` ({c.zh})" if c.required else f"*`{c.name}` ({c.zh})*" for c in spec.columns
        )
        lines.append(
            f"| `{spec.name}` ({spec.zh}) | {'yes' if spec.required else 'no'} | {columns} "
            f"| {spec.note} |"
        )
    return "\n".join(lines) + "\n"
