"""Rule 8, coverage: a minimum on every shift (hard) and the Demand sheet (soft).

Not to be confused with the Curtois & Qu style head-count cover per date and shift
(``rostering/rules/shift_cover.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..index import DAY, FIRST_SHIFT
from ..params import Param, Whole
from ..values import minutes_of
from .base import Rule, Term, Text, Violation
from .breaks import online, pieces

if TYPE_CHECKING:
    from ..problem import Demand, Problem
    from .base import Encoding
    from .view import View


class Coverage(Rule):
    """Every shift in use has at least ``min_agents_per_shift`` agents on each day it exists.

    A shift and its variants count together (N and N2 17:00-02:00: an agent on either is
    on N that day), so a variant is a choice, not one more shift to staff. Counts the
    missing agents per day and shift family.
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

    def encode(self, m: Encoding) -> None:
        need = m.ix.rules.min_agents_per_shift
        if need <= 0:
            return
        families: dict[tuple[int, str], list[Any]] = {}
        for inst in m.ix.all_instances:
            family = m.ix.problem.family(m.ix.shifts[inst.shift].code)
            families.setdefault((inst.day, family), []).append(m.count(inst.day, inst.shift))
        for counts in families.values():
            m.cp.add(sum(counts) >= need)

    def check(self, view: View) -> list[Violation]:
        need = view.rules.min_agents_per_shift
        out = []
        for day in view.days:
            on = [view.problem.family(s.code) for _a, s in view.on_duty(day)]
            offered: dict[str, list[str]] = {}
            for shift in view.problem.shifts:
                if view.offered(shift, day):
                    offered.setdefault(view.problem.family(shift.code), []).append(shift.code)
            for family, codes in offered.items():
                have = on.count(family)
                if have < need:
                    out.append(
                        Violation(
                            self.name,
                            f"{day} {'/'.join(codes)}: {have} agent(s), at least {need}",
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
    short_minutes: int | None = None
    """Agent-minutes short, counted quarter hour by quarter hour for a time window (None:
    `missing` agents through all ``minutes``)."""

    @property
    def missing(self) -> int:
        """Agents missing (for a window: in its lowest-covered quarter hour)."""
        return max(0, self.required - self.have)

    @property
    def unmet(self) -> int:
        """Agent-minutes of unmet demand (the term's unit)."""
        return self.missing * self.minutes if self.short_minutes is None else self.short_minutes


class DemandCoverage(Rule):
    """Demand (需求人数) is met as far as the team allows.

    Each Demand row asks for a headcount on a date (or every date), for a role (or any),
    on a shift (its variants count as the shift), online in a time window, or working that
    day. The term counts agent-hours below what is asked: missing agents times the shift's
    length (for a whole-day row, the shortest shift in use); for a time window, quarter
    hour by quarter hour, the agents online (on a shift covering the quarter, not on
    break) below what is asked.
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

    def encode(self, m: Encoding) -> None:
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
                    wanted = ix.family_syms(dm.shift)  # type: ignore[arg-type]
                    have = sum(
                        m.count(d, sym - FIRST_SHIFT, dm.role)
                        for sym in sorted(wanted)
                        if ix.instances[d][sym - FIRST_SHIFT]
                    )
                    minutes = ix.shifts[ix.shift_index[dm.shift]].minutes  # type: ignore[index]
                elif dm.kind == "window":
                    start = d * DAY + minutes_of(dm.start)  # type: ignore[arg-type]
                    length = (minutes_of(dm.end) - minutes_of(dm.start)) % DAY or DAY  # type: ignore[arg-type]
                    for k, (lo, hi) in enumerate(pieces(m, start, start + length)):
                        short = m.cp.new_int_var(0, dm.required, f"unmet_{row}_{d}_{k}")
                        m.cp.add(short >= dm.required - online(m, lo, hi, dm.role))
                        m.add_term("unmet_demand", short * (hi - lo))
                    continue
                else:
                    have = sum(m.count(d, s, dm.role) for s in range(ix.S) if ix.instances[d][s])
                    minutes = day_minutes
                short = m.cp.new_int_var(0, dm.required, f"unmet_{row}_{d}")
                m.cp.add(short >= dm.required - have)
                m.add_term("unmet_demand", short * minutes)

    def shortfalls(self, view: View) -> list[Shortfall]:
        """Every demand slot of the roster with what it got."""
        problem = view.problem
        day_minutes = min((s.minutes for s in problem.shifts_in_use()), default=0)
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
            have = sum(
                1
                for a, s in view.on_duty(day)
                if view.problem.counts_as(s.code, shift.code) and fits(a.role)
            )
            return Shortfall(row, day, dm.role, shift.code, dm.required, have, shift.minutes)
        if dm.kind == "window":
            start = view.at(day, minutes_of(dm.start))  # type: ignore[arg-type]
            end = view.at(day, minutes_of(dm.end))  # type: ignore[arg-type]
            if end <= start:
                end += timedelta(days=1)
            lowest, short = dm.required, 0
            for lo, hi in view.quarters(start, end):
                have = sum(1 for a in view.online_through(lo, hi) if fits(a.role))
                lowest = min(lowest, have)
                short += max(0, dm.required - have) * int((hi - lo).total_seconds() // 60)
            what = f"{start:%H:%M}-{end:%H:%M}"
            minutes = int((end - start).total_seconds() // 60)
            return Shortfall(row, day, dm.role, what, dm.required, lowest, minutes, short)
        have = sum(1 for a, _s in view.on_duty(day) if fits(a.role))
        return Shortfall(row, day, dm.role, "day", dm.required, have, day_minutes)

    def cost(self, view: View) -> dict[str, int]:
        return {"unmet_demand": sum(s.unmet for s in self.shortfalls(view))}
