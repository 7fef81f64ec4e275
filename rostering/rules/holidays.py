"""Statutory holidays (法定节假日) and make-up workdays (调休): the calendar and the cap.

The calendar is ``holiday_calendar`` (China's, from the ``holidays`` library:
`rostering.holiday_calendar`) with the Holidays sheet's rows added or overriding it
(`Problem.holiday_days`). Holiday work is marked in the printed roster and counted in the
Stats; ``max_holiday_days`` caps the holidays each agent works, and ``holiday_fairness``
spreads them in the fairness term (`rostering.rules.fairness`). Both are off by default,
so a roster of a month with holidays is the same as before unless the workbook asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..index import FIRST_SHIFT
from ..params import Choice, Flag, Param, Whole
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .base import Encoding
    from .view import View


class HolidayCap(Rule):
    """At most ``max_holiday_days`` statutory holidays worked by each agent.

    Holidays are the days off of ``holiday_calendar`` (China's: 元旦, 春节, 清明, 劳动节,
    端午, 中秋, 国庆, and the weekend days of each break) with the Holidays sheet's rows;
    a make-up workday (调休上班) is an ordinary day. Counts the holidays beyond the cap.
    """

    name = "holidays"
    number = 18
    title = "Holidays worked at most"
    title_zh = "节假日上班天数上限"
    relax_rank = 60
    params = (
        Param(
            "holiday_calendar",
            "节假日日历",
            Choice(("CN", "none"), {"cn": "CN", "china": "CN", "中国": "CN", "无": "none"}),
            "CN",
            "statutory holidays and make-up workdays: CN (China's) or none",
            "法定节假日和调休日历: CN (中国) 或 none (不用)",
            off="none",
        ),
        Param(
            "max_holiday_days",
            "节假日最多上班天数",
            Whole(0, 366),
            0,
            "holidays each agent works, at most (0: no cap)",
            "每人节假日最多上班天数 (0 为不限)",
            off=0,
        ),
        Param(
            "holiday_fairness",
            "节假日公平",
            Flag(),
            False,
            "spread holidays worked evenly (in the fairness term)",
            "节假日上班天数平均分配 (计入公平项)",
            off=False,
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return problem.rules.max_holiday_days > 0 and bool(problem.holiday_dates())

    def explain_title(self, problem: Problem) -> Text:
        cap = problem.rules.max_holiday_days
        return Text(f"at most {cap} holidays worked per agent", f"每人节假日最多上班 {cap} 天")

    def relax(self, problem: Problem) -> Text:
        return Text("raise max_holiday_days (0: no cap)", "提高节假日最多上班天数 (0 为不限)")

    @staticmethod
    def _days(ix: Index) -> set[int]:
        return {ix.day_index[d] for d in ix.problem.holiday_dates() if d in ix.day_index}

    def pattern_ok(self, ix: Index, a: int, pattern: Sequence[int]) -> bool:
        if not ix.rules.max_holiday_days:
            return True
        days = self._days(ix)
        return sum(1 for d in days if pattern[d] >= FIRST_SHIFT) <= ix.rules.max_holiday_days

    def encode(self, m: Encoding) -> None:
        days = self._days(m.ix)
        cap = m.ix.rules.max_holiday_days
        if len(days) <= cap:
            return
        for a in range(m.ix.A):
            expr = m.agent_sum(a, lambda d, sym: int(d in days and sym >= FIRST_SHIFT))
            if expr is None:  # grouped: the group's months are filtered
                continue
            m.cp.add(expr <= cap)

    def check(self, view: View) -> list[Violation]:
        cap = view.rules.max_holiday_days
        if not cap:
            return []
        holidays = sorted(view.problem.holiday_dates())
        out = []
        for agent in view.agents:
            worked = [d for d in holidays if view.works(agent.id, d)]
            if len(worked) > cap:
                out.append(
                    Violation(
                        self.name,
                        f"{agent.id}: {len(worked)} holidays worked (at most {cap})",
                        agent.id,
                        worked[cap],
                        len(worked) - cap,
                    )
                )
        return out
