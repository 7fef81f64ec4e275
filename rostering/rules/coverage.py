"""Rule 8, coverage: a minimum on every shift (hard) and the Demand sheet (soft).

Not to be confused with the Curtois & Qu style head-count cover per date and shift
(``rostering/rules/shift_cover.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..index import DAY
from ..params import Param, Whole
from ..values import minutes_of
from .base import Rule, Term, Text, Violation

if TYPE_CHECKING:
    from ..model import Model
    from ..problem import Demand, Problem
    from .view import View


class Coverage(Rule):
    """Every shift in use has at least ``min_agents_per_shift`` agents on each day it exists.

    Counts the missing agents per day and shift.
    """

    name = "coverage"
    number = 8
    title = "Minimum agents per shift"
    title_zh = "每班最少人数"
    relax_rank = 90
    params = (
        Param(
            "min_agents_per_shift",
            "每班最少人数",
            Whole(0),
            1,
            "agents on each shift in use on each day it exists, at least",
            "每个班次每天最少人数",
            off=0,
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        need = problem.rules.min_agents_per_shift
        return Text(
            f"at least {need} agent(s) on every shift every day", f"每个班次每天至少 {need} 人"
        )

    def relax(self, problem: Problem) -> Text:
        return Text(
            "add an agent who can work the short shift, let more agents work it, "
            "or lower min_agents_per_shift (min 0 allows an empty shift)",
            "增加能上该班次的客服, 或让更多人可上该班次, 或降低每班最少人数 (设为 0 允许空班)",
        )

    def encode(self, m: Model) -> None:
        need = m.ix.rules.min_agents_per_shift
        if need <= 0:
            return
        for inst in m.ix.all_instances:
            m.cp.add(m.count(inst.day, inst.shift) >= need)

    def check(self, view: View) -> list[Violation]:
        need = view.rules.min_agents_per_shift
        out = []
        for day in view.days:
            on = [s.code for _a, s in view.on_duty(day)]
            for shift in view.problem.shifts:
                if not view.offered(shift, day):
                    continue
                have = on.count(shift.code)
                if have < need:
                    out.append(
                        Violation(
                            self.name,
                            f"{day} {shift.code}: {have} agent(s), at least {need}",
                            None,
                            day,
                            need - have,
                        )
                    )
        return out


@dataclass(frozen=True)
class Shortfall:
    """One demand slot and how far the roster falls short of it."""

    row: int
    date: date
    role: str | None
    what: str
    required: int
    have: int
    minutes: int

    @property
    def missing(self) -> int:
        return max(0, self.required - self.have)


class DemandCoverage(Rule):
    """Demand (需求人数) is met as far as the team allows.

    Each Demand row asks for a headcount on a date (or every date), for a role (or any),
    on a shift, through a time window, or working that day. The term counts agent-hours
    below what is asked: missing agents times the shift's or window's length (for a
    whole-day row, the shortest shift in use).
    """

    name = "demand"
    title = "Demand coverage"
    title_zh = "需求人数"
    terms = (
        Term(
            "unmet_demand",
            "unmet_demand",
            "agent-hours",
            per_hour=True,
            default=100,
            zh="缺人权重",
            help="points per agent-hour of unmet demand",
            help_zh="每缺一人小时的扣分",
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return bool(problem.demand)

    def encode(self, m: Model) -> None:
        ix = m.ix
        day_minutes = min(
            (s.minutes for s, used in zip(ix.shifts, ix.in_use, strict=True) if used),
            default=0,
        )
        for row, dm in enumerate(ix.problem.demand):
            days = [ix.day_index[dm.date]] if dm.date is not None else range(ix.D)
            for d in days:
                if dm.required == 0:
                    continue
                if dm.kind == "shift":
                    s = ix.shift_index[dm.shift]  # type: ignore[index]
                    have = m.count(d, s, dm.role) if ix.instances[d][s] else 0
                    minutes = ix.shifts[s].minutes
                elif dm.kind == "window":
                    start = d * DAY + minutes_of(dm.start)  # type: ignore[arg-type]
                    length = (minutes_of(dm.end) - minutes_of(dm.start)) % DAY or DAY  # type: ignore[arg-type]
                    have = sum(
                        m.count(i.day, i.shift, dm.role)
                        for i in ix.all_instances
                        if i.start <= start and start + length <= i.end
                    )
                    minutes = length
                else:
                    have = sum(m.count(d, s, dm.role) for s in range(ix.S) if ix.instances[d][s])
                    minutes = day_minutes
                short = m.cp.new_int_var(0, dm.required, f"unmet_{row}_{d}")
                m.cp.add(short >= dm.required - have)
                m.add_term("unmet_demand", short * minutes)

    def shortfalls(self, view: View) -> list[Shortfall]:
        """Every demand slot of the roster with what it got."""
        problem = view.problem
        used = {c for a in problem.agents for c in a.shifts}
        day_minutes = min((s.minutes for s in problem.shifts if s.code in used), default=0)
        out = []
        for row, dm in enumerate(problem.demand):
            for day in [dm.date] if dm.date is not None else view.days:
                out.append(self._slot(view, row, dm, day, day_minutes))
        return out

    @staticmethod
    def _slot(view: View, row: int, dm: Demand, day: date, day_minutes: int) -> Shortfall:
        def fits(role: str) -> bool:
            return dm.role is None or role == dm.role

        if dm.kind == "shift":
            shift = view.shift_types[dm.shift]  # type: ignore[index]
            have = sum(1 for a, s in view.on_duty(day) if s is shift and fits(a.role))
            return Shortfall(row, day, dm.role, shift.code, dm.required, have, shift.minutes)
        if dm.kind == "window":
            start = view.at(day, minutes_of(dm.start))  # type: ignore[arg-type]
            end = view.at(day, minutes_of(dm.end))  # type: ignore[arg-type]
            if end <= start:
                end += timedelta(days=1)
            have = sum(1 for a in view.online_through(start, end) if fits(a.role))
            what = f"{start:%H:%M}-{end:%H:%M}"
            return Shortfall(
                row, day, dm.role, what, dm.required, have, int((end - start).seconds // 60) or DAY
            )
        have = sum(1 for a, _s in view.on_duty(day) if fits(a.role))
        return Shortfall(row, day, dm.role, "day", dm.required, have, day_minutes)

    def cost(self, view: View) -> dict[str, int]:
        return {"unmet_demand": sum(s.missing * s.minutes for s in self.shortfalls(view))}
