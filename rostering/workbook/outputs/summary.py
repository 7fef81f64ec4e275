"""The ``Summary`` sheet: the roster in plain words first, then the solve's figures.

From the top: what the roster achieved and what it could not, and why
(`rostering.briefing.briefing`); the status, objective, bound, gap and time; the objective
terms; the checker's verdict; the caller's extra rows; the solver's details (the engine's
phases, its settings and counts); the problem and the rule parameters. Prints on A4
portrait, one page wide.

Also the Summary of a solve that found no roster (`render_no_roster`): the only sheet of
that workbook, so that it cannot be taken for a roster.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl.styles import Alignment, Font

from ...briefing import SUB, briefing, no_roster_briefing
from ...problem import Problem
from ...report import SolveSummary, horizon_label, problem_summary, rule_parameters, solve_summary
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

WIDTHS = {1: 30, 2: 40, 3: 14, 4: 10, 5: 10}
"""The Summary's columns: about 104 units, so that it prints portrait at full size."""
LEFT = Alignment(horizontal="left")
TEXT_WIDTH = 100
"""Characters of a plain-words line before it wraps onto the next row."""
VALUE_WIDTH = 70
"""Characters of a value (column B) before it wraps onto the next row."""


def _wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` characters (wide characters such as
    Chinese count twice), at spaces where it can."""
    lines = []
    for part in str(text).splitlines() or [""]:
        wide = sum(1 for ch in part if ord(ch) > 0x2E7F)
        lines += textwrap.wrap(part, max(20, width - wide), break_on_hyphens=False) or [""]
    return lines


class Lines:
    """Writes a Summary-style sheet top to bottom: titled sections of label/value rows.

    Rows never rely on Excel to wrap text: a long text is cut into rows here, so that the
    sheet looks (and prints) the same in Excel and LibreOffice.
    """

    def __init__(self, ws: Any, title: str) -> None:
        self.ws = ws
        ws.cell(row=1, column=1, value=title).font = TITLE
        self.row = 1

    def section(self, title: str) -> None:
        """Start a titled section, after a blank row."""
        self.row += 2
        self.ws.cell(row=self.row, column=1, value=title).font = Font(bold=True, size=12)

    def line(self, label: object, *values: object) -> None:
        """One row: a bold label, then its values (left-aligned); a long text in column B
        goes on over the rows below."""
        self.row += 1
        self.ws.cell(row=self.row, column=1, value=cell_value(label)).font = BOLD
        shown = [cell_value(v) for v in values]
        room = VALUE_WIDTH if len(values) == 1 else int(WIDTHS[2]) - 2
        rest: list[str] = []
        if shown and isinstance(shown[0], str) and len(shown[0]) > room:
            shown[0], *rest = _wrap(shown[0], room)
        for i, value in enumerate(shown):
            cell = self.ws.cell(row=self.row, column=2 + i, value=value)
            cell.alignment = LEFT
        for more in rest:
            self.row += 1
            self.ws.cell(row=self.row, column=2, value=more).alignment = LEFT

    def text(self, text: str, *, bullet: str = "• ", font: Font | None = None) -> None:
        """A sentence across the sheet, from column A, cut into rows."""
        for i, part in enumerate(_wrap(text, TEXT_WIDTH - len(bullet))):
            self.row += 1
            lead = bullet if i == 0 else " " * len(bullet)
            cell = self.ws.cell(row=self.row, column=1, value=lead + part)
            if font is not None:
                cell.font = font

    def sentences(self, lines: Iterable[str]) -> None:
        """Plain-words lines (`rostering.briefing`): bullets, details indented below."""
        for line in lines:
            if line.startswith(SUB):
                self.text(line[len(SUB) :], bullet="    – ")
            else:
                self.text(line)

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

    def solve(self, summary: SolveSummary) -> None:
        """The Solve section: status, objective, bound, gap, times and the notes (the
        settings go to `details`)."""
        self.section("求解 Solve")
        for label, value in summary.rows():
            if label.startswith("setting: "):
                continue
            self.line(label, value)
            if label == "status":
                self.ws.cell(row=self.row, column=2).font = BOLD

    def details(self, settings: Mapping[str, Any]) -> None:
        """The solver's details: each phase of the engine, then every setting and count."""
        if not settings:
            return
        self.section("求解细节 Solver details")
        phases = settings.get("phases")
        if isinstance(phases, Iterable) and not isinstance(phases, str | bytes) and phases:
            self.header(["phase", "seconds", "objective", "bound"])
            for phase in phases:
                if isinstance(phase, Mapping):
                    self.line(
                        phase.get("phase"),
                        phase.get("seconds"),
                        phase.get("objective"),
                        phase.get("bound"),
                    )
            self.row += 1
        for key, value in settings.items():
            if key == "phases":
                continue
            if isinstance(value, Mapping):  # counts per step, e.g. what improved the roster
                value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
            self.line(key, cell_value(value))

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

    def finish(self, heading: str) -> None:
        """Column widths and the page setup (A4 portrait, one page wide)."""
        widths(self.ws, WIDTHS)
        self.ws.print_area = f"A1:E{self.row}"
        print_setup(self.ws, heading)


def render(ws: Any, report: RosterReport) -> None:
    """The roster in plain words; the solve (status, terms, bound, gap), the checker's
    verdict, the solver's details and the problem."""
    summary = solve_summary(report.result)
    out = Lines(ws, f"Summary {report.label}")
    out.section("概要 In plain words")
    result = report.result
    said = briefing(
        report.problem,
        report.roster,
        result,
        view=report.view,
        checks=report.checks,
        stats=report.stats,
        shortfalls=report.shortfalls,
    )
    if result is not None and result.roster is not None and result.roster != report.roster:
        said.insert(0, "This roster differs from the solved one (edited after the solve).")
    out.sentences(said)
    out.solve(summary)
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
    out.details(summary.settings)
    out.problem(report.problem)
    out.finish(f"Summary {report.label}")


def render_no_roster(
    ws: Any,
    problem: Problem,
    result: Result,
    *,
    lang: str = "en",
    extra: Mapping[str, object] | None = None,
) -> None:
    """The Summary of a solve without a roster: what happened in plain words, why (the
    explanation, in ``lang``: ``en`` or ``zh``), the solve, the problem and the rule
    parameters."""
    summary = solve_summary(result)
    out = Lines(ws, f"Summary {horizon_label(problem)}")
    out.section("概要 In plain words")
    out.sentences(no_roster_briefing(result))
    if result.explanation is not None:
        out.section("原因 Why no roster" if lang == "zh" else "Why no roster (原因)")
        for line in result.explanation.lines("zh" if lang == "zh" else "en"):
            out.text(line, bullet="")
    out.solve(summary)
    out.line("roster", "无排班 none: no roster is written" if lang == "zh" else "none is written")
    ws.cell(row=out.row, column=2).font = FAIL_FONT
    out.extra(extra)
    out.details(summary.settings)
    out.problem(problem)
    out.finish(f"Summary {horizon_label(problem)}")


SHEET = OutputSheet("Summary", render)
