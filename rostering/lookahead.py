"""Look-ahead: a month's roster leaves the next month possible under the same rules.

With four rest days and at most six working days in a row, a 31-day month has little
freedom: a month that ends with five working days in a row leaves no next month with
exactly four rest days (27 working days in five runs of at most six, the first one
already five long). So each agent's graph of legal months (`rostering.automaton`) is
built over the horizon *and* the days that follow it, then cut after the horizon: only
months that some next month can follow are kept. The runs of work and rest, the rest
hours and the rotation phase across the boundary come from the rules' own automata.

The days looked ahead are the rest of the calendar month after the horizon's last day
(the whole next month when the horizon ends on a month's last day). They are free days:
no leave, no requests, no promotion days, and their rest days are counted exactly (in
``min`` mode too: the next month should not need extra rest), as a month or prorated
part of one of their own. Only the rules that carry over into a next roster look ahead
(`CARRIED`: rest days, days in a row, rest between shifts, rotation, forbidden
successions); the other per-agent rules (the Limits sheet's, counted over the horizon)
are checked on the horizon alone.

How far an agent looks ahead (`LEVELS`): at first the next month must be able to start
with a working day, so that a team whose agents all end the month needing a rest day
does not leave the next month's first day uncovered; if no month allows that, the next
month must be possible; if none allows that either (a previous roster made by hand can
do it), the agent is rostered on the horizon alone and listed in `LookAhead.alone`.
`LookAhead.settle` looks ahead less for the fewest agents needed so that every shift
keeps enough agents who may work it, and `rostering.solve` rosters the month without
the look-ahead when even so it leaves no roster; both say so in the result's notes.

The look-ahead is not a rule of the roster: the checker does not check it, and
``Rules(lookahead=False)`` (Rules sheet key ``lookahead``) turns it off.

Exactly four rest days a month cannot go on for long: three months of 92 days need 80
working days in 13 runs of at most six (78). Month after month, ``rest_days_mode="min"``
(at least four, more at a cost where needed) is what keeps every month possible.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .automaton import Automaton, Dag, build_dag
from .index import FIRST_SHIFT, Index, MonthPart
from .problem import Problem, ProblemError

if TYPE_CHECKING:
    from .rules import Rule

CARRIED = frozenset({"rest_days", "weekly_rest", "min_rest", "rotation", "successions"})
"""Rules whose automata look ahead past the horizon: their state at its end is what a
next roster continues from (with ``previous=``)."""


LOOKAHEAD_DROPPED = (
    "no roster of this month leaves the next month possible under the same rules: "
    "rostered without looking ahead (the next month may have no roster)"
)


def without_lookahead(problem: Problem) -> Problem:
    """The problem with the look-ahead off (its rules otherwise the same)."""
    return problem.replace(rules=problem.rules.with_(lookahead=False))


class AheadIndex(Index):
    """The `Index` of the horizon followed by the days looked ahead.

    The days of the horizon keep their month parts (a horizon ending inside a month keeps
    its prorated part); the days looked ahead are a month part of their own.
    """

    def __init__(self, problem: Problem, horizon: int, parts: Sequence[MonthPart]) -> None:
        super().__init__(problem)
        self.horizon = horizon
        self._horizon_parts = tuple(parts)

    @cached_property
    def month_parts(self) -> list[MonthPart]:
        last = self.days[-1]
        days_in_month = calendar.monthrange(last.year, last.month)[1]
        return [*self._horizon_parts, MonthPart(self.horizon, self.D - 1, days_in_month)]


_DONE = "done"


@dataclass(frozen=True)
class Until:
    """An automaton that only speaks about the first ``days`` days (the horizon)."""

    inner: Automaton
    days: int

    def starts(self) -> Any:
        return self.inner.starts()

    def step(self, day: int, state: Any, sym: int) -> Any:
        if day >= self.days:
            return _DONE
        after = self.inner.step(day, state, sym)
        if day == self.days - 1 and after is not None:
            return _DONE if self.inner.accept(after) else None
        return after

    def accept(self, state: Any) -> bool:
        return state == _DONE or self.inner.accept(state)


@dataclass(frozen=True)
class Switch:
    """``before`` on the first ``days`` days, ``after`` from then on (two automata with
    the same states, such as two counts of rest days that reset at the switch)."""

    before: Automaton
    after: Automaton
    days: int

    def starts(self) -> Any:
        return self.before.starts()

    def step(self, day: int, state: Any, sym: int) -> Any:
        return (self.before if day < self.days else self.after).step(day, state, sym)

    def accept(self, state: Any) -> bool:
        return self.after.accept(state)


LEVELS = ("works", "possible")
"""How far `LookAhead.graph` looks ahead, in the order tried: the next month can start
with a working day; the next month is possible."""


class LookAhead:
    """Each agent's graph of legal months, looking ahead past the horizon when the rules
    ask for it (`Rules.lookahead`).

    ``ix`` is the index the per-agent rules are asked about: the horizon's own (``plain``)
    when not looking ahead, else an `AheadIndex` that runs on past it. Agents in
    ``alone`` have the horizon's graph only (`settle`, or no month looks ahead for them).
    """

    def __init__(self, plain: Index) -> None:
        self.plain = plain
        self.ix: Index = plain
        self.alone: dict[int, str] = {}
        """Agents rostered without looking ahead, and why."""
        self.level: dict[int, int] = {}
        """Agents looking ahead less far than the first of `LEVELS` (an index of it)."""
        self._after: Index = plain
        self._cut: dict[Hashable, Dag | None] = {}
        self._continues: dict[Hashable, dict[Any, bool]] = {}
        self._known: dict[int, tuple[int, bool, tuple[Hashable, Dag | None]]] = {}
        self._horizon: dict[Hashable, Dag | None] = {}
        problem = plain.problem
        if not problem.rules.lookahead:
            return
        end = problem.days[-1]
        first = end + timedelta(days=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        try:
            extended = problem.replace(end=last)
        except ProblemError:
            return  # a horizon of a year already: nothing to look ahead to
        self.ix = AheadIndex(extended, plain.D, plain.month_parts)
        # The rules from the cut on: free days, the same for every agent (so the search
        # past the cut is shared), and in min mode rest days counted exactly: the next
        # month must not need more rest than its own count.
        free = extended.replace(
            leave=(), previous=None, rules=extended.rules.with_(rest_days_mode="exact")
        )
        self._after = AheadIndex(free, plain.D, plain.month_parts)

    @property
    def active(self) -> bool:
        return self.ix is not self.plain

    def automaton(self, rule: Rule, a: int) -> Automaton | None:
        """The rule's automaton for agent ``a`` over ``ix``'s days."""
        auto = rule.automaton(self.ix, a)
        if auto is None or not self.active:
            return auto
        if rule.name not in CARRIED:
            return Until(auto, self.plain.D)
        after = rule.automaton(self._after, a)
        return auto if after is None else Switch(auto, after, self.plain.D)

    def graph(
        self, a: int, automata: tuple[Automaton, ...], domains: tuple[tuple[int, ...], ...]
    ) -> tuple[Hashable, Dag | None]:
        """The key and the graph of agent ``a``'s legal months over the horizon, from the
        automata and day domains over ``ix``'s days (each graph built once).

        Looking ahead, the months kept are, at the first level that leaves the agent any:
        those after which the next month can start with a working day (so that a team
        whose agents all end a month resting cannot leave the next month's first day
        uncovered), then those after which the next month is possible at all, then every
        month of the horizon (the agent is then listed in ``alone``).
        """
        result = self._graph(a, automata, domains)
        self._known[a] = (self.level.get(a, 0), a in self.alone, result)
        return result

    def known(self, a: int) -> tuple[Hashable, Dag | None] | None:
        """Agent ``a``'s key and graph if `graph` gave them at the agent's present level."""
        level, alone, result = self._known.get(a, (-1, False, None))
        if level == self.level.get(a, 0) and alone == (a in self.alone):
            return result
        return None

    def _graph(
        self, a: int, automata: tuple[Automaton, ...], domains: tuple[tuple[int, ...], ...]
    ) -> tuple[Hashable, Dag | None]:
        horizon = self.plain.D
        if not self.active:
            if (automata, domains) not in self._horizon:
                self._horizon[automata, domains] = build_dag(automata, domains)
            return (automata, domains), self._horizon[automata, domains]
        for level in range(self.level.get(a, 0), len(LEVELS)):
            ahead = domains
            if LEVELS[level] == "works":
                first = tuple(sym for sym in domains[horizon] if sym >= FIRST_SHIFT)
                ahead = (*domains[:horizon], first, *domains[horizon + 1 :])
            key = (automata, ahead)
            if key not in self._cut:
                future = (
                    tuple(x.after if isinstance(x, Switch) else None for x in automata),
                    ahead[horizon:],
                )
                shared = self._continues.setdefault(future, {})
                self._cut[key] = build_dag(automata, ahead, horizon, shared)
            if self._cut[key] is not None:
                return key, self._cut[key]
        key = (automata, domains[:horizon])
        if key not in self._horizon:
            self._horizon[key] = build_dag(automata, domains[:horizon])
        if a not in self.alone and self._horizon[key] is not None:
            self.alone[a] = "no month leaves the next month possible under the same rules"
        return key, self._horizon[key]

    def settle(
        self, graph: Callable[[int], tuple[Hashable, Dag | None]], rules: Sequence[Rule]
    ) -> None:
        """Look ahead less far for the fewest agents (in order) needed so that on every day
        each shift offered has enough agents who may work it (rule 8): with exactly four
        rest days, two 31-day months in a row leave a regular agent one legal month, with
        the same rest days for everyone. ``graph`` is the model's graph of an agent."""
        if not self.active or not any(r.name == "coverage" for r in rules):
            return
        need = self.plain.rules.min_agents_per_shift
        seen: dict[tuple[int, int], list[set[int]]] = {}

        def may(a: int) -> list[set[int]]:
            """What agent ``a`` may do each day at their level (built once a level)."""
            key = (a, self.level.get(a, 0))
            if key not in seen:
                dag = graph(a)[1]
                seen[key] = [{sym for _s, sym, _d in layer} for layer in dag.arcs] if dag else []
            return seen[key]

        can = [may(a) for a in range(self.plain.A)]
        for inst in self.plain.all_instances:
            short = need - sum(1 for syms in can if syms and inst.sym in syms[inst.day])
            for a in range(self.plain.A):
                if short <= 0:
                    break
                if a in self.alone or (can[a] and inst.sym in can[a][inst.day]):
                    continue
                before = self.level.get(a, 0)
                for level in range(before + 1, len(LEVELS) + 1):
                    self.level[a] = level
                    if level == len(LEVELS):
                        self.alone[a] = "so that every shift has enough agents who may work it"
                    can[a] = may(a)
                    if can[a] and inst.sym in can[a][inst.day]:
                        short -= 1
                        break
                else:  # looking ahead less does not help: as it was
                    self.level[a] = before
                    self.alone.pop(a, None)
                    can[a] = may(a)

    def notes(self) -> tuple[str, ...]:
        """What the look-ahead could not do, for the result's notes."""
        agents = self.plain.agents
        return tuple(
            f"agent {agents[a].id}: rostered without looking ahead to the next month ({why})"
            for a, why in sorted(self.alone.items())
        )
