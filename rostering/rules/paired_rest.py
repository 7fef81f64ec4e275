"""Rule 16, paired rest days (连休): two rest days in a row, once a calendar month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..params import Flag, Param
from ..roster import REST
from .base import Rule, Text, Violation
from .rest import RestDays

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .view import View


@dataclass(frozen=True)
class Pairs:
    """State: (a pair of rest days seen this month?, was yesterday a rest day of this month?).

    At the last day of each month part the state must have seen a pair if that month asks
    for one; then both reset (a pair never spans two months).
    """

    month_ends: frozenset[int]
    wanted: frozenset[int]  # the month ends whose month asks for a pair
    initial: tuple[bool, bool] = (False, False)

    def starts(self) -> tuple[tuple[bool, bool], ...]:
        return (self.initial,)

    def step(self, day: int, state: tuple[bool, bool], sym: int) -> tuple[bool, bool] | None:
        paired, resting = state
        rest = sym == REST_SYM
        paired = paired or (rest and resting)
        if day in self.month_ends:
            if day in self.wanted and not paired:
                return None
            return (False, False)
        return (paired, rest)

    def accept(self, state: tuple[bool, bool]) -> bool:
        return True


class PairedRest(Rule):
    """Each agent gets two rest days in a row at least once in each calendar month (连休).

    On with ``paired_rest_days``. A month asks for a pair when the rest-day rule gives the
    agent at least two rest days in it (so not in a short part of a month, nor when leave
    leaves room for one rest day only). Both days are rest days (休, not leave) of the same
    calendar month; the previous roster's days of that month count, so a pair may start
    on its last day. Counts one per agent and month without a pair.

    With exactly 4 rest days and at most 6 working days in a row, a 31-day month has no
    room for a pair (4 rest days in 3 blocks leave 4 runs of at most 6 days: 24 working
    days, not 27): switch it on with more rest days, ``rest_days_mode`` min, or a longer
    run allowed; `rostering.explain` names exactly these three rules.
    """

    name = "paired_rest"
    number = 16
    title = "Paired rest days"
    title_zh = "连休"
    relax_rank = 75
    uses = ("rest_days_per_month", "rest_days_mode")
    params = (
        Param(
            "paired_rest_days",
            "连休",
            Flag(),
            False,
            "two rest days in a row at least once a month: true/false",
            "每月至少连休两天",
            off=False,
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return bool(problem.rules.paired_rest_days)

    def automaton(self, ix: Index, a: int) -> Pairs | None:
        if not ix.rules.paired_rest_days:
            return None
        required = RestDays().automaton(ix, a).required
        parts = ix.month_parts
        wanted = frozenset(p.last for p in parts if required[p.first] >= 2)
        if not wanted:
            return None
        first = ix.days[0]
        rested = {
            offset
            for offset, sym in ix.history(a).items()
            if sym == REST_SYM
            and ((day := first + timedelta(days=offset)).year, day.month)
            == (first.year, first.month)
        }
        paired = any(offset + 1 in rested for offset in rested)
        resting = -1 in rested
        return Pairs(frozenset(p.last for p in parts), wanted, (paired, resting))

    def check(self, view: View) -> list[Violation]:
        rules = view.rules
        if not rules.paired_rest_days:
            return []
        months: dict[tuple[int, int], list[date]] = {}
        for day in view.days:
            months.setdefault((day.year, day.month), []).append(day)
        out = []
        for agent in view.agents:
            leave = view.problem.leave_of(agent.id)
            history = view.history(agent.id)
            for (year, month), days in months.items():
                length = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
                could = [
                    d
                    for d in days
                    if d not in leave
                    and not (rules.promotion_all_on_duty and d in rules.promotion_days)
                ]
                wanted = min(int(rules.rest_days_per_month * len(days) / length + 0.5), len(could))
                if wanted < 2:
                    continue
                before = sorted(d for d in history if (d.year, d.month) == (year, month))
                rested = {d for d in before if history[d] == REST}
                rested |= {d for d in days if view.code(agent.id, d) == REST}
                if not any(d + timedelta(days=1) in rested for d in rested):
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} in {year}-{month:02d}: no two rest days in a row",
                            agent.id,
                            days[0],
                        )
                    )
        return out

    def explain_title(self, problem: Problem) -> Text:
        return Text("two rest days in a row once a month", "每月至少连休两天")

    def relax(self, problem: Problem) -> Text:
        return Text(
            "set paired_rest_days to false, or give more rest days a month",
            "把 paired_rest_days 设为 false, 或增加每月休息天数",
        )
