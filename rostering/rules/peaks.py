"""Peak-hour coverage on promotion days (soft): lowest-covered peak quarter first, then total."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..index import DAY
from ..values import minutes_of
from .base import Rule, Term
from .breaks import covering, online, pieces

if TYPE_CHECKING:
    from ..problem import Problem
    from .base import Encoding
    from .view import View


@dataclass(frozen=True)
class PeakSlot:
    """A quarter hour (or the part of it inside a window) of a promotion day's peak."""

    day: date
    start: datetime
    end: datetime
    online: int
    possible: int

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


class PeakCoverage(Rule):
    """On promotion days the peak windows have as many agents online as the rules allow.

    Peak windows are cut at quarter hours. A quarter counts when some agent could be
    online through it (on a shift covering it, the night shift of the day before
    included); agents on break are not online. ``peak_min`` counts how far the
    lowest-covered peak quarter is below the lowest number of agents who could be online
    in any peak quarter; ``peak_total`` counts agent-hours below what could be online,
    summed over the peak quarters.
    """

    name = "peaks"
    title = "Peak-hour coverage"
    title_zh = "高峰时段覆盖"
    uses = ("promotion_days",)
    terms = (
        Term(
            "peak_min",
            "peak_min",
            "agents",
            default=50,
            zh="高峰最低时段权重",
            help="points per agent the lowest-covered peak quarter hour is below its best",
            help_zh="最低高峰时段每少一人的扣分",
        ),
        Term(
            "peak_total",
            "peak_total",
            "agent-hours",
            per_hour=True,
            default=5,
            zh="高峰总量权重",
            help="points per agent-hour the peak windows are below their possible coverage",
            help_zh="高峰时段每少一人小时的扣分",
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return bool(problem.rules.promotion_days)

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        slots: set[tuple[int, int]] = set()
        for day in ix.problem.rules.promotion_days:
            d = ix.day_index[day]
            for window in ix.problem.peak_windows(day):
                start = d * DAY + minutes_of(window.start)
                length = (minutes_of(window.end) - minutes_of(window.start)) % DAY or DAY
                cuts = sorted(
                    {start, start + length} | set(range((start // 60 + 1) * 60, start + length, 60))
                )
                slots.update(itertools.pairwise(cuts))
        found = []
        for hour_lo, hour_hi in sorted(slots):
            # Quarter hours with the same shifts and breaks in them count together.
            for lo, hi in pieces(m, hour_lo, hour_hi):
                possible = {a for i in covering(m, lo, hi) for a in m.agents_on(i.day, i.shift)}
                if not possible:
                    continue
                found.append((lo, hi, online(m, lo, hi), len(possible)))
        if not found:
            return
        floor = min(p for _lo, _hi, _o, p in found)
        lowest = m.cp.new_int_var(0, floor, "peak_lowest")
        for lo, hi, count, could in found:
            m.cp.add(lowest <= count)
            m.add_term("peak_total", (could - count) * (hi - lo))
        m.add_term("peak_min", floor - lowest)

    def slots(self, view: View) -> list[PeakSlot]:
        """Every quarter hour of the promotion days' peak windows (cut at clock hours and
        quarters) with the agents online and the agents who could be."""
        problem = view.problem
        cuts: dict[tuple[datetime, datetime], date] = {}
        for day in problem.rules.promotion_days:
            for window in problem.peak_windows(day):
                start = view.at(day, minutes_of(window.start))
                end = view.at(day, minutes_of(window.end))
                if end <= start:
                    end += timedelta(days=1)
                for piece in view.quarters(start, end):
                    cuts.setdefault(piece, day)
        leave = {agent.id: problem.leave_of(agent.id) for agent in problem.agents}
        out = []
        for (start, end), day in sorted(cuts.items()):
            covering = [
                (shift.code, on)
                for shift in problem.shifts
                for on in (start.date() - timedelta(days=1), start.date())
                if problem.start <= on <= problem.end  # type: ignore[operator]
                and view.offered(shift, on)
                and view.nominal(shift, on)[0] <= start
                and end <= view.nominal(shift, on)[1]
            ]
            possible = sum(
                1
                for agent in problem.agents
                if any(
                    problem.allows(agent, code) and on not in leave[agent.id]
                    for code, on in covering
                )
            )
            if possible:
                online_ = sum(1 for _ in view.online_through(start, end))
                out.append(PeakSlot(day, start, end, online_, possible))
        return out

    def cost(self, view: View) -> dict[str, int]:
        slots = self.slots(view)
        if not slots:
            return {"peak_min": 0, "peak_total": 0}
        return {
            "peak_min": min(s.possible for s in slots) - min(s.online for s in slots),
            "peak_total": sum((s.possible - s.online) * s.minutes for s in slots),
        }
