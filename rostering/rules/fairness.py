"""Fairness (soft): nights, weekend rest days and promotion-day work spread evenly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from ..index import FIRST_SHIFT, REST_SYM
from ..roster import REST
from .base import Rule, Term

if TYPE_CHECKING:
    from ..problem import Agent, Problem
    from .base import Encoding
    from .view import View


def night_codes(problem: Problem) -> set[str]:
    """The night shifts: those whose family's shift ends after midnight (N2 counts as its
    family N; a shift of no family counts by its own times)."""
    crosses = {s.code: s.crosses_midnight for s in problem.shifts}
    return {s.code for s in problem.shifts if crosses.get(s.family_code, s.crosses_midnight)}


def _night_agents(problem: Problem) -> list[Agent]:
    night = night_codes(problem)
    return [a for a in problem.agents if any(problem.allows(a, c) for c in night)]


class Fairness(Rule):
    """Nights, weekend rest days and promotion days worked are spread evenly.

    For each of the three, the spread is the most any agent has minus the fewest any
    agent has: nights (shifts of a family ending after midnight) among agents who may work
    them, rest days on Saturdays and Sundays among all agents, promotion days worked among
    all agents; with ``holiday_fairness``, also holidays worked among all agents. The term
    is the sum of the spreads, in days.
    """

    name = "fairness"
    uses = ("holiday_fairness", "holiday_calendar")
    title = "Fairness"
    title_zh = "公平"
    terms = (
        Term(
            "fairness",
            "fairness",
            "days",
            default=1,
            zh="公平权重",
            help="points per day of spread in nights, weekend rest days and promotion days "
            "worked (and holidays worked, with holiday_fairness)",
            help_zh="夜班、周末休息和大促上班天数 (开启节假日公平时含节假日上班天数) "
            "差距每天的扣分",
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return problem.weights.fairness > 0

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        codes = night_codes(ix.problem)
        night = {FIRST_SHIFT + i for i, s in enumerate(ix.shifts) if s.code in codes}
        weekend = {d for d, day in enumerate(ix.days) if day.weekday() >= 5}
        promo = ix.promotion_days
        holidays = (
            {ix.day_index[d] for d in ix.problem.holiday_dates()}
            if ix.rules.holiday_fairness
            else set()
        )
        groups: list[tuple[str, list[int], Callable[[int, int], int]]] = [
            (
                "nights",
                sorted(ix.agent_index[a.id] for a in _night_agents(ix.problem)),
                lambda d, sym: int(sym in night),
            ),
            (
                "weekend_rest",
                list(range(ix.A)),
                lambda d, sym: int(sym == REST_SYM and d in weekend),
            ),
            (
                "promotion_work",
                list(range(ix.A)) if promo else [],
                lambda d, sym: int(sym >= FIRST_SHIFT and d in promo),
            ),
            (
                "holiday_work",
                list(range(ix.A)) if holidays else [],
                lambda d, sym: int(sym >= FIRST_SHIFT and d in holidays),
            ),
        ]
        for label, agents, value in groups:
            if len(agents) < 2:
                continue
            most = m.cp.new_int_var(0, ix.D, f"fair_{label}_max")
            fewest = m.cp.new_int_var(0, ix.D, f"fair_{label}_min")
            m.bound_spread(most, fewest, agents, value)
            m.add_term("fairness", most - fewest)

    def spreads(self, view: View) -> dict[str, int]:
        problem = view.problem
        night = night_codes(problem)
        promo = list(problem.rules.promotion_days)
        holidays = sorted(problem.holiday_dates()) if problem.rules.holiday_fairness else []

        def spread(agents: list[Agent], count: Callable[[Agent], int]) -> int:
            if len(agents) < 2:
                return 0
            values = [count(a) for a in agents]
            return max(values) - min(values)

        def weekend_rest(a: Agent) -> int:
            return sum(1 for d in view.days if d.weekday() >= 5 and view.code(a.id, d) == REST)

        def on(a: Agent, days: list[date]) -> int:
            return sum(1 for d in days if view.works(a.id, d))

        return {
            "nights": spread(
                _night_agents(problem),
                lambda a: sum(1 for d in view.days if view.code(a.id, d) in night),
            ),
            "weekend_rest": spread(list(problem.agents), weekend_rest),
            "promotion_work": spread(list(problem.agents), lambda a: on(a, promo)) if promo else 0,
            "holiday_work": (
                spread(list(problem.agents), lambda a: on(a, holidays)) if holidays else 0
            ),
        }

    def cost(self, view: View) -> dict[str, int]:
        return {"fairness": sum(self.spreads(view).values())}
