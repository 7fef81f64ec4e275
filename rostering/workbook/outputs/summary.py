"""The ``Summary`` sheet: status, objective terms, bound, gap, time, checks and settings.

Also the Summary of a solve that found no roster (`render_no_roster`): the only sheet of
that workbook, so that it cannot be taken for a roster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.styles import Alignment, Font

from ...problem import Problem
from ...report import horizon_label, problem_summary, rule_parameters, solve_summary
from ...result import Result
from .base import OutputSheet, RosterReport
from .style import (
    BOLD,
    FAIL_FILL,
    FAIL_FONT,
    PASS_FILL,
    PASS_FONT,
    TITLE,
    cell_value,
    header,
    print_setup,
    role_label,
    widths,
)

__all__ = ["SHEET", "Lines", "render_no_roster"]


class Lines:
    """Writes a Summary-style sheet top to bottom: titled sections of label/value rows."""

    def __init__(self, ws: Any, title: str) -> None:
        self.ws = ws
        ws.cell(row=1, column=1, value=title).font = TITLE
        self.row = 1

    def section(self, title: str) -> None:
        """Start a titled section, after a blank row."""
        self.row += 2
        self.ws.cell(row=self.row, column=1, value=title).font = Font(bold=True, size=12)

    def line(self, label: object, *values: object) -> None:
        """One row: a bold label, then its values."""
        self.row += 1
        self.ws.cell(row=self.row, column=1, value=cell_value(label)).font = BOLD
        for i, value in enumerate(values):
            self.ws.cell(row=self.row, column=2 + i, value=cell_value(value))

    def header(self, labels: Sequence[object]) -> None:
        """A header row of a table inside the section."""
        self.row += 1
        header(self.ws, self.row, labels)

    def extra(self, extra: Mapping[str, object] | None) -> None:
        """The caller's extra rows (input file, re-rostering, ...), if any."""
        if extra:
            self.section("其他 Extra")
            for key, value in extra.items():
                self.line(key, value)

    def problem(self, problem: Problem) -> None:
        """The Problem and Rule parameters sections."""
        self.section("问题 Problem")
        for label, value in problem_summary(problem):
            if label.startswith("agents: "):
                role = label.removeprefix("agents: ")
                label = f"agents: {role} {role_label(role)}"
            self.line(label, value)
        self.section("规则参数 Rule parameters")
        self.header(["parameter", "value", "rules"])
        for name, value, users in rule_parameters(problem):
            self.line(name, value, users)


def render(ws: Any, report: RosterReport) -> None:
    """The solve (status, terms, bound, gap), the checker's verdict and the settings."""
    summary = solve_summary(report.result)
    out = Lines(ws, f"Summary {report.label}")
    out.section("求解 Solve")
    status_row = out.row + 1
    for label, value in summary.rows():
        out.line(label, value)
    ws.cell(row=status_row, column=2).font = BOLD
    result = report.result
    if result is not None and result.roster is not None and result.roster != report.roster:
        out.line("note", "this roster differs from the solved one (edited after the solve)")
    if summary.terms:
        out.section("目标 Objective terms")
        out.header(["term", "value", "unit", "weight", "points"])
        for t in summary.terms:
            out.line(t.name, round(t.value, 4), t.unit, t.weight, round(t.points, 4))

    out.section("检查 Checks")
    out.line("hard rules", "PASS" if report.passed else "FAIL")
    ws.cell(row=out.row, column=2).font = PASS_FONT if report.passed else FAIL_FONT
    ws.cell(row=out.row, column=2).fill = PASS_FILL if report.passed else FAIL_FILL
    out.line("violations", report.violations)
    out.extra(report.extra)
    out.problem(report.problem)

    widths(ws, {1: 30, 2: 44, 3: 26, 4: 10, 5: 10})
    for r in ws.iter_rows(min_row=1, max_row=out.row, min_col=2, max_col=2):
        for cell in r:
            cell.alignment = Alignment(horizontal="left", wrap_text=True)
    print_setup(ws, f"Summary {report.label}")


def render_no_roster(
    ws: Any,
    problem: Problem,
    result: Result,
    *,
    lang: str = "en",
    extra: Mapping[str, object] | None = None,
) -> None:
    """The Summary of a solve without a roster: the status, why (the explanation, in
    ``lang``: ``en`` or ``zh``), the problem and the rule parameters."""
    out = Lines(ws, f"Summary {horizon_label(problem)}")
    out.section("求解 Solve")
    for label, value in solve_summary(result).rows():
        out.line(label, value)
    out.line("roster", "无排班 none: no roster is written" if lang == "zh" else "none is written")
    ws.cell(row=out.row, column=2).font = FAIL_FONT
    for note in result.notes:
        out.line("note", note)
    if result.explanation is not None:
        out.section("原因 Why no roster" if lang == "zh" else "Why no roster (原因)")
        for line in result.explanation.lines("zh" if lang == "zh" else "en"):
            out.row += 1
            ws.cell(row=out.row, column=1, value=line)
    out.extra(extra)
    out.problem(problem)
    widths(ws, {1: 30, 2: 44, 3: 26})


SHEET = OutputSheet("Summary", render)
