"""Rule 3, days in a row: working days in a row at most (weekly rest), and the runs of
work and days off the Limits rows ask for.

Two sources of parameters speak about the same runs, so one rule holds both: the rule
parameter ``max_consecutive_work_days`` (everyone; 0 turns it off) and the `Limit` rows
``min_consecutive_work``, ``max_consecutive_work`` and ``min_consecutive_off`` (per
agent, over the horizon). The previous roster's working days in a row count for the
maxima.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..index import FIRST_SHIFT
from ..params import Param, Whole
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Limit, Problem
    from .base import Encoding
    from .view import View


def _values(limits: Sequence[Limit], kind: str, shift: str | None = None) -> list[int]:
    return [lim.value for lim in limits if lim.kind == kind and lim.shift == shift]


@dataclass(frozen=True)
class Both:
    """Several automata read as one: the state is a tuple of their states, and a day
    is allowed when every one of them allows it."""

    parts: tuple[Any, ...]

    def starts(self) -> list[tuple[Any, ...]]:
        return list(itertools.product(*(list(p.starts()) for p in self.parts)))

    def step(self, day: int, state: tuple[Any, ...], sym: int) -> tuple[Any, ...] | None:
        out = []
        for part, now in zip(self.parts, state, strict=True):
            nxt = part.step(day, now, sym)
            if nxt is None:
                return None
            out.append(nxt)
        return tuple(out)

    def accept(self, state: tuple[Any, ...]) -> bool:
        return all(p.accept(s) for p, s in zip(self.parts, state, strict=True))


def both(automata: Iterable[Any]) -> Any:
    """One automaton for the given ones (None when none is given)."""
    parts = tuple(a for a in automata if a is not None)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Both(parts)


@dataclass(frozen=True)
class WorkRun:
    """State: working days in a row so far."""

    limit: int
    initial: int = 0

    def starts(self) -> tuple[int, ...]:
        return (self.initial,)

    def step(self, day: int, state: int, sym: int) -> int | None:
        if sym < FIRST_SHIFT:
            return 0
        return state + 1 if state < self.limit else None

    def accept(self, state: int) -> bool:
        return True


@dataclass(frozen=True)
class Runs:
    """State: (working?, length of the current run capped, run started on day 0?).

    ``(-1, 0, True)`` is the start. A run that ends is checked against its minimum unless
    it touched day 0; a working run never exceeds ``max_work`` (0: no maximum).
    """

    min_work: int
    max_work: int
    min_off: int
    initial: int = 0  # working days in a row just before the horizon

    def starts(self) -> tuple[tuple[int, int, bool], ...]:
        if self.initial:
            return ((1, self._cap(1, self.initial), True),)
        return ((-1, 0, True),)

    def _cap(self, kind: int, n: int) -> int:
        if kind == 1:
            return min(n, max(self.min_work, self.max_work))
        return min(n, self.min_off)

    def step(
        self, day: int, state: tuple[int, int, bool], sym: int
    ) -> tuple[int, int, bool] | None:
        kind, n, first = state
        work = int(sym >= FIRST_SHIFT)
        if work == kind:
            n += 1
        else:
            if kind == 1 and not first and n < self.min_work:
                return None
            if kind == 0 and not first and n < self.min_off:
                return None
            kind, n, first = work, 1, kind == -1
        if kind == 1 and self.max_work and n > self.max_work:
            return None
        need = self.min_work if kind == 1 else self.min_off
        return (kind, self._cap(kind, n), first and n < need)

    def accept(self, state: tuple[int, int, bool]) -> bool:
        return True


class DaysInARow(Rule):
    """Working days in a row at most, and runs of work and days off within their limits.

    At most ``max_consecutive_work_days`` working days in a row for everyone (one rest day
    a week; 0 turns that part off); rest and leave both break a run, and the previous
    roster's working days in a row count. The Limits rows add, per agent: runs of
    working days between ``min_consecutive_work`` and ``max_consecutive_work`` long, and
    runs of days off (rest or leave) at least ``min_consecutive_off`` long; a run that
    touches the first or the last day of the horizon is never too short. Counts, for
    each run in breach, the days too many or too few.
    """

    name = "days_in_a_row"
    number = 3
    title = "Days in a row"
    title_zh = "连续上班天数"
    relax_rank = 70
    former_names = ("weekly_rest", "consecutive")
    limit_kinds = ("min_consecutive_work", "max_consecutive_work", "min_consecutive_off")
    params = (
        Param(
            "max_consecutive_work_days",
            "最多连续上班天数",
            Whole(1, 366),
            6,
            "working days in a row at most (one rest day a week)",
            "最多连续上班天数",
            off=0,
        ),
    )

    def automaton(self, ix: Index, a: int) -> Any:
        return both((self._weekly_automaton(ix, a), self._limits_automaton(ix, a)))

    def _weekly_automaton(self, ix: Index, a: int) -> WorkRun | None:
        limit = ix.rules.max_consecutive_work_days
        if limit == 0:
            return None
        history = ix.history(a)
        run, d = 0, -1
        while (sym := history.get(d)) is not None and sym >= FIRST_SHIFT:
            run, d = run + 1, d - 1
        return WorkRun(limit, min(run, limit))

    def _limits_automaton(self, ix: Index, a: int) -> Runs | None:
        limits = ix.problem.limits_of(ix.agents[a].id)
        min_work = max(_values(limits, "min_consecutive_work"), default=0)
        maxima = _values(limits, "max_consecutive_work")
        min_off = max(_values(limits, "min_consecutive_off"), default=0)
        if not (min_work > 1 or maxima or min_off > 1):
            return None
        max_work = min(maxima, default=0)  # 0: no maximum, or never work (the domain)
        history = ix.history(a)
        run, d = 0, -1
        while (sym := history.get(d)) is not None and sym >= FIRST_SHIFT:
            run, d = run + 1, d - 1
        return Runs(min_work, max_work, min_off, run if max_work else 0)

    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        limits = ix.problem.limits_of(ix.agents[a].id)
        if 0 in _values(limits, "max_consecutive_work"):
            return {s for s in syms if s < FIRST_SHIFT}
        return syms

    def encode(self, m: Encoding) -> None:
        """Redundant with the automaton, for the LP relaxation: at most ``limit`` working
        days in every window of ``limit + 1`` days, per unit."""
        limit = m.ix.rules.max_consecutive_work_days
        if limit <= 0:
            return  # 0: the rule is off
        for unit in m.units:
            size = len(unit.members)
            for first in range(m.ix.D - limit):
                work = sum(
                    value
                    for d in range(first, first + limit + 1)
                    for sym, value in unit.counts[d].items()
                    if sym >= FIRST_SHIFT
                )
                if not isinstance(work, int):
                    m.cp.add(work <= size * limit)

    def check(self, view: View) -> list[Violation]:
        return self._check_weekly(view) + self._check_limits(view)

    def _check_weekly(self, view: View) -> list[Violation]:
        limit = view.rules.max_consecutive_work_days
        out: list[Violation] = []
        if limit == 0:
            return out
        for agent in view.agents:
            before = view.trailing_work_days(agent.id)
            run: list[date] = []
            for day in [*view.days, None]:
                if day is not None and view.works(agent.id, day):
                    run.append(day)
                    continue
                if before + len(run) > limit and run:
                    since = (
                        f"from {run[0]}"
                        if not before
                        else f"({before} of them in the previous roster)"
                    )
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id}: {before + len(run)} working days in a row {since} "
                            f"(at most {limit})",
                            agent.id,
                            run[max(0, limit - before)],
                            before + len(run) - limit,
                        )
                    )
                run, before = [], 0
        return out

    def _check_limits(self, view: View) -> list[Violation]:
        out = []
        last = view.days[-1]
        for agent in view.agents:
            limits = view.problem.limits_of(agent.id)
            min_work = [x.value for x in limits if x.kind == "min_consecutive_work"]
            max_work = [x.value for x in limits if x.kind == "max_consecutive_work"]
            min_off = [x.value for x in limits if x.kind == "min_consecutive_off"]
            if not (min_work or max_work or min_off):
                continue
            before = view.trailing_work_days(agent.id)
            runs: list[tuple[bool, list[date]]] = []
            for day in view.days:
                works = view.works(agent.id, day)
                if runs and runs[-1][0] == works:
                    runs[-1][1].append(day)
                else:
                    runs.append((works, [day]))
            for works, days in runs:
                inside = days[0] != view.days[0] and days[-1] != last
                length = len(days)
                if works:
                    total = length + (before if days[0] == view.days[0] else 0)
                    for limit in max_work:
                        if total > limit:
                            out.append(self._breach(agent.id, days, total, "at most", limit))
                    for limit in min_work:
                        if inside and length < limit:
                            out.append(self._breach(agent.id, days, length, "at least", limit))
                else:
                    for limit in min_off:
                        if inside and length < limit:
                            out.append(
                                self._breach(agent.id, days, length, "at least", limit, "off")
                            )
        return out

    def _breach(
        self, agent: str, days: list[date], length: int, word: str, limit: int, what: str = "work"
    ) -> Violation:
        return Violation(
            self.name,
            f"{agent}: {length} day(s) of {what} in a row from {days[0]} ({word} {limit})",
            agent,
            days[0],
            abs(length - limit),
        )

    def explain_title(self, problem: Problem) -> Text:
        limit = problem.rules.max_consecutive_work_days
        runs = Text("limits on runs of working days and days off", "连续上班/休息天数限制")
        if limit == 0:
            return runs
        most = Text(f"at most {limit} working days in a row", f"最多连续上班 {limit} 天")
        if not any(lim.kind in self.limit_kinds for lim in problem.limits):
            return most
        return Text(f"{most.en}, and {runs.en}", f"{most.zh}, 以及{runs.zh}")

    def relax(self, problem: Problem) -> Text:
        limit = problem.rules.max_consecutive_work_days
        rows = Text(
            "relax the agents' rows for this rule in the Limits sheet",
            "放宽限制表中该规则的相关行",
        )
        if limit == 0:
            return rows
        most = Text(
            f"raise max_consecutive_work_days above {limit}",
            f"把最多连续上班天数调到 {limit} 天以上",
        )
        if not any(lim.kind in self.limit_kinds for lim in problem.limits):
            return most
        return Text(f"{most.en}, or {rows.en}", f"{most.zh}, 或{rows.zh}")
