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
successions); the other per-agent rules (the Limits sheet's counts over the horizon:
shifts, minutes, weekends) are checked on the horizon alone.

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

from .engine.automaton import Automaton, Dag, build_dag
from .index import FIRST_SHIFT, Index, MonthPart
from .problem import Problem, ProblemError

if TYPE_CHECKING:
    from .rules.base import Rule

CARRIED = frozenset({"rest_days", "days_in_a_row", "min_rest", "rotation", "successions"})
"""Rules whose automata look ahead past the horizon: their state at its end is what a
next roster continues from (with ``previous=``). A run of days crossing into the days
looked ahead is held to the Limits sheet's minimum run lengths as if it were inside (the
days looked ahead can always lengthen it)."""


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


Spec = tuple[tuple[Automaton, ...], tuple[tuple[int, ...], ...]]
"""An agent's automata and what each day allows them (`rostering.model.Model._spec`)."""

LEVELS = ("works", "possible")
"""How far `LookAhead.graph` looks ahead, in the order tried: the next month can start
with a working day; the next month is possible."""


class LookAhead:
    """What the model needs to look ahead past the horizon (`Rules.lookahead`): the index
    and automata over the horizon and the days after it, each agent's level (`spec`), the
    graphs cut after the horizon (`build`), and the levels lowered where needed (`settle`).

    ``ix`` is the index the per-agent rules are asked about: the horizon's own (``plain``)
    when not looking ahead, else an `AheadIndex` that runs on past it. Agents in
    ``alone`` have the horizon's graph only.
    """

    def __init__(self, plain: Index) -> None:
        self.plain = plain
        self.ix: Index = plain
        self.alone: dict[int, str] = {}
        """Agents rostered without looking ahead, and why."""
        self.level: dict[int, int] = {}
        """Agents looking ahead less far than the first of `LEVELS` (an index of it)."""
        self._after: Index = plain
        self._continues: dict[Hashable, dict[Any, bool]] = {}
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

    def spec(
        self, a: int, automata: tuple[Automaton, ...], domains: tuple[tuple[int, ...], ...]
    ) -> tuple[tuple[Automaton, ...], tuple[tuple[int, ...], ...]]:
        """Agent ``a``'s automata and day domains (over ``ix``'s days) at the agent's level:
        on the first day looked ahead only working at the first level, every day looked
        ahead at the second, and the horizon alone once the agent is in ``alone``."""
        horizon = self.plain.D
        if not self.active:
            return automata, domains
        if a in self.alone:
            return automata, domains[:horizon]
        if LEVELS[self.level.get(a, 0)] == "works":
            first = tuple(sym for sym in domains[horizon] if sym >= FIRST_SHIFT)
            return automata, (*domains[:horizon], first, *domains[horizon + 1 :])
        return automata, domains

    def build(
        self, automata: tuple[Automaton, ...], domains: Sequence[Sequence[int]]
    ) -> Dag | None:
        """The graph of the legal sequences over the horizon, cut after it when
        ``domains`` run on past it (the search past the cut shared between graphs that
        are alike from the cut on)."""
        horizon = self.plain.D
        if len(domains) == horizon:
            return build_dag(automata, domains)
        future = (
            tuple(x.after if isinstance(x, Switch) else None for x in automata),
            tuple(tuple(d) for d in domains[horizon:]),
        )
        shared = self._continues.setdefault(future, {})
        return build_dag(automata, domains, horizon, shared)

    def settle(
        self,
        specs: list[Spec],
        dags: list[Dag | None],
        spec_of: Callable[[int], Spec],
        graph_of: Callable[[Spec], Dag | None],
        rules: Sequence[Rule],
    ) -> None:
        """Look ahead less far where needed, updating ``specs`` and ``dags`` in place:
        for an agent no month of whom is kept at their level (next level, down to the
        horizon alone); then for the fewest agents (in order) needed so that on every day
        each shift offered has enough agents who may work it (rule 8): with exactly four
        rest days, two 31-day months in a row leave a regular agent one legal month, with
        the same rest days for everyone. ``spec_of`` and ``graph_of`` are the model's."""
        if not self.active:
            return

        def lower(a: int, why: str) -> None:
            """One level less far for agent ``a``."""
            level = self.level.get(a, 0) + 1
            self.level[a] = level
            if level == len(LEVELS):
                self.alone[a] = why
            specs[a] = spec_of(a)
            dags[a] = graph_of(specs[a])

        for a in range(self.plain.A):
            while dags[a] is None and a not in self.alone:
                lower(a, "no month leaves the next month possible under the same rules")
            if dags[a] is None:
                del self.alone[a]  # no month at all, looking ahead or not
        if not any(r.name == "coverage" for r in rules):
            return
        need = self.plain.rules.min_agents_per_shift

        def may(dag: Dag | None) -> list[set[int]]:
            return [{sym for _s, sym, _d in layer} for layer in dag.arcs] if dag else []

        can = [may(dag) for dag in dags]
        for inst in self.plain.all_instances:
            short = need - sum(1 for syms in can if syms and inst.sym in syms[inst.day])
            for a in range(self.plain.A):
                if short <= 0:
                    break
                if a in self.alone or not can[a] or inst.sym in can[a][inst.day]:
                    continue
                before = (self.level.get(a, 0), specs[a], dags[a])
                while a not in self.alone:
                    lower(a, "so that every shift has enough agents who may work it")
                    if dags[a] is not None and inst.sym in may(dags[a])[inst.day]:
                        short -= 1
                        can[a] = may(dags[a])
                        break
                else:  # looking ahead less does not help: as it was
                    self.level[a], specs[a], dags[a] = before
                    self.alone.pop(a, None)

    def notes(self) -> tuple[str, ...]:
        """What the look-ahead could not do, for the result's notes."""
        agents = self.plain.agents
        return tuple(
            f"agent {agents[a].id}: rostered without looking ahead to the next month ({why})"
            for a, why in sorted(self.alone.items())
        )
