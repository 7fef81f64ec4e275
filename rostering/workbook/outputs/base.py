"""What every output sheet module provides (`OutputSheet`) and renders from (`RosterReport`).

A roster workbook is rendered from one `RosterReport`, built once from the problem, the
roster and the solve: the independent checker's verdict, the stats, the hourly coverage
and the rest are computed there, so that every sheet shows the same figures. An output
sheet is one module of this package defining an `OutputSheet` (its name and a function
that renders it); the registry `rostering.workbook.outputs.SHEETS` lists them in
workbook order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ...problem import Problem
from ...report import (
    AgentStats,
    HourRow,
    RuleCheck,
    agent_stats,
    coverage_rows,
    demand_shortfalls,
    handovers,
    horizon_label,
    rule_checks,
    solve_summary,
)
from ...result import Result
from ...roster import Handover, Roster
from ...rules.coverage import Shortfall
from ...rules.view import View

__all__ = ["OutputSheet", "RosterReport"]


@dataclass
class RosterReport:
    """Everything the output sheets show about one roster, computed once.

    Build it with `RosterReport.build`; the figures only one sheet needs (handovers,
    demand shortfalls) are computed on first use.
    """

    problem: Problem
    roster: Roster
    result: Result | None
    view: View
    days: list[date]
    checks: list[RuleCheck]
    """Every hard rule with the independent checker's verdict (`rostering.check`)."""
    stats: list[AgentStats]
    hours: list[HourRow]
    highlight: set[tuple[str, date]]
    codes: list[str]
    """The shift codes shown: those in use, then any other code the roster holds."""
    extra: Mapping[str, object] = field(default_factory=dict)
    """Extra key/value rows for the Summary sheet."""

    @classmethod
    def build(
        cls,
        problem: Problem,
        roster: Roster,
        result: Result | None = None,
        highlight: Collection[tuple[str, date]] = (),
        extra: Mapping[str, object] | None = None,
    ) -> RosterReport:
        """The report of ``roster`` for ``problem`` (``result``: the solve, if any)."""
        view = View(problem, roster)
        codes = [s.code for s in problem.shifts_in_use()]
        for cell in roster:
            if cell.working and cell.shift not in codes:
                codes.append(cell.shift)
        return cls(
            problem,
            roster,
            result,
            view,
            view.days,
            rule_checks(problem, roster),
            agent_stats(problem, roster, view),
            coverage_rows(problem, roster, view),
            {(str(a), d) for a, d in highlight},
            codes,
            dict(extra or {}),
        )

    @property
    def passed(self) -> bool:
        """Whether the roster satisfies every hard rule."""
        return all(c.passed for c in self.checks)

    @property
    def violations(self) -> int:
        """Hard-rule violations found by the checker."""
        return sum(len(c.violations) for c in self.checks)

    @property
    def status(self) -> str:
        """The solve's status, or "not solved here"."""
        return solve_summary(self.result).status

    @property
    def label(self) -> str:
        """The horizon as titles show it (``2026-12``)."""
        return horizon_label(self.problem)

    @cached_property
    def handovers(self) -> list[Handover]:
        """Who hands over to whom, per day (`rostering.report.handovers`)."""
        return handovers(self.problem, self.roster, self.result, self.view)

    @cached_property
    def shortfalls(self) -> list[Shortfall]:
        """Each Demand row's shortfall per day (`rostering.report.demand_shortfalls`)."""
        return demand_shortfalls(self.problem, self.roster, self.view)

    def promotion(self, day: date) -> bool:
        """Whether ``day`` is a promotion day."""
        return day in self.problem.rules.promotion_days


@dataclass(frozen=True)
class OutputSheet:
    """An output sheet: its name (as docs/workbook.md fixes it) and how it is rendered."""

    name: str
    render: Callable[[Any, RosterReport], None]
    """Fills a new, empty worksheet from the report."""
