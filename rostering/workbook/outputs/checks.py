"""The ``Checks`` sheet: every hard rule with pass/fail, from the independent checker."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Font

from .base import OutputSheet, RosterReport
from .style import (
    BOLD,
    CENTER,
    FAIL_FILL,
    FAIL_FONT,
    PASS_FILL,
    PASS_FONT,
    header,
    print_setup,
    widths,
)

__all__ = ["SHEET"]


def render(ws: Any, report: RosterReport) -> None:
    """Every hard rule, pass or fail, from the independent checker; the violations."""
    failed = [c for c in report.checks if not c.passed]
    if report.passed:
        verdict = (
            f"PASS 通过: the roster satisfies every hard rule ({len(report.checks)} rules checked)"
        )
    else:
        verdict = (
            f"FAIL 不通过: {report.violations} violation(s) of {len(failed)} hard rule(s): "
            + ", ".join(c.name for c in failed)
        )
    cell = ws.cell(row=1, column=1, value=verdict)
    cell.font = PASS_FONT if report.passed else FAIL_FONT
    cell.fill = PASS_FILL if report.passed else FAIL_FILL
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    ws.cell(
        row=2,
        column=1,
        value=(
            "Checked by the independent checker (rostering.check_by_rule) when this file "
            "was written; not copied from the solver."
        ),
    ).font = Font(italic=True, size=9)
    head = 4
    header(ws, head, ["rule #", "rule", "title", "result", "violations"])
    row = head
    for c in report.checks:
        row += 1
        values = (c.number, c.name, c.title, "PASS" if c.passed else "FAIL", len(c.violations))
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        res = ws.cell(row=row, column=4)
        res.fill = PASS_FILL if c.passed else FAIL_FILL
        res.font = PASS_FONT if c.passed else FAIL_FONT
        res.alignment = CENTER
    rules_end = row

    row += 2
    ws.cell(row=row, column=1, value="违规 Violations").font = BOLD
    row += 1
    names = {a.id: a.name for a in report.problem.agents}
    numbers = {c.name: c.number for c in report.checks}
    if not failed:
        ws.cell(row=row, column=1, value="none")
        ws.auto_filter.ref = f"A{head}:E{rules_end}"
    else:
        list_head = row
        header(ws, row, ["rule #", "rule", "agent", "name", "date", "amount", "message"])
        for c in failed:
            for v in c.violations:
                row += 1
                found = (
                    numbers.get(v.rule),
                    v.rule,
                    v.agent,
                    names.get(v.agent or "", ""),
                    v.date.isoformat() if v.date else None,
                    v.amount,
                    v.message,
                )
                for col, item in enumerate(found, start=1):
                    ws.cell(row=row, column=col, value=item)
        ws.auto_filter.ref = f"A{list_head}:G{row}"
    widths(ws, {1: 8, 2: 14, 3: 30, 4: 10, 5: 12, 6: 9, 7: 80})
    ws.freeze_panes = f"A{head + 1}"
    print_setup(ws, f"Checks {report.label}", title_rows=f"{head}:{head}")


SHEET = OutputSheet("Checks", render)
