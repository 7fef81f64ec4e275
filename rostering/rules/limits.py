"""General per-agent limits (`Limit`) and forbidden successions of shifts.

Runs of working days and days off are part of the days-in-a-row rule
(``rostering/rules/days_in_a_row.py``). Successions are per-agent automata,
so they enter each agent's graph of legal months. Counters over the horizon (shifts of a
type, minutes, weekends) are linear constraints over an agent's day values; for a group
of interchangeable agents the group's enumerated months are filtered instead
(`Rule.pattern_ok`), so the group's columns already satisfy them.

All limits are per horizon: over a two-month horizon, "max_shifts 8" allows 8 in all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..index import FIRST_SHIFT
from ..params import Param, Successions
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Limit, Problem
    from .base import Encoding
    from .view import View


def _values(limits: Sequence[Limit], kind: str, shift: str | None = None) -> list[int]:
    return [lim.value for lim in limits if lim.kind == kind and lim.shift == shift]


# -- forbidden successions ------------------------------------------------------------------
@dataclass(frozen=True)
class LastShift:
    """State: the symbol worked yesterday when some shift may not follow it, else -1."""

    forbidden: frozenset[tuple[int, int]]
    firsts: frozenset[int]
    initial: int = -1

    def starts(self) -> tuple[int, ...]:
        return (self.initial,)

    def step(self, day: int, state: int, sym: int) -> int | None:
        if (state, sym) in self.forbidden:
            return None
        return sym if sym in self.firsts else -1

    def accept(self, state: int) -> bool:
        return True


class ForbiddenSuccessions(Rule):
    """No shift Y the day after a shift X, for each pair (X, Y) in ``forbidden_successions``.

    A variant counts as its family (a pair of families forbids their variants too). The
    previous roster's last day counts, when given. Counts one per day in breach.
    """

    name = "successions"
    number = 12
    title = "Forbidden successions"
    title_zh = "禁止的班次衔接"
    params = (
        Param(
            "forbidden_successions",
            "禁止的班次衔接",
            Successions(),
            (),
            "shift pairs X>Y: no Y the day after X, comma separated",
            "禁止的班次衔接 (前>后), 逗号分隔",
            off=(),
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        return Text("forbidden successions of shifts", "禁止的班次衔接")

    def relax(self, problem: Problem) -> Text:
        return Text(
            "remove a pair from forbidden_successions", "从 forbidden_successions 删去一对班次"
        )

    def applies(self, problem: Problem) -> bool:
        return bool(problem.rules.forbidden_successions)

    def automaton(self, ix: Index, a: int) -> LastShift | None:
        pairs = ix.rules.forbidden_successions
        if not pairs:
            return None
        forbidden = frozenset(
            (first, then)
            for x, y in pairs
            for first in ix.family_syms(x)
            for then in ix.family_syms(y)
        )
        firsts = frozenset(x for x, _ in forbidden)
        before = ix.history(a).get(-1)
        return LastShift(forbidden, firsts, before if before in firsts else -1)

    def check(self, view: View) -> list[Violation]:
        pairs = view.rules.forbidden_successions
        problem = view.problem

        def forbidden(first: str | None, then: str | None) -> bool:
            if first is None or then is None:
                return False
            return any(problem.counts_as(first, x) and problem.counts_as(then, y) for x, y in pairs)

        out = []
        for agent in view.agents:
            history = view.history(agent.id)
            yesterday = history.get(view.problem.start - timedelta(days=1))
            for day in view.days:
                today = view.code(agent.id, day)
                if forbidden(yesterday, today):
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: {today} the day after {yesterday}",
                            agent.id,
                            day,
                        )
                    )
                yesterday = today
        return out


# -- counters over the horizon ---------------------------------------------------------------
class _Counter(Rule):
    """A limit on a per-agent sum over the horizon of ``value(day, sym)``."""

    def relax(self, problem: Problem) -> Text:
        return Text(
            "relax the agents' rows for this rule in the Limits sheet",
            "放宽限制表中该规则的相关行",
        )

    def applies(self, problem: Problem) -> bool:
        return any(lim.kind in self.limit_kinds for lim in problem.limits)

    def bounds(self, ix: Index, a: int) -> list[tuple[Callable[[int, int], int], int, int | None]]:
        """(value per day and symbol, minimum, maximum or None) for agent ``a``."""
        raise NotImplementedError

    def pattern_ok(self, ix: Index, a: int, pattern: Sequence[int]) -> bool:
        for value, low, high in self.bounds(ix, a):
            total = sum(value(d, sym) for d, sym in enumerate(pattern))
            if total < low or (high is not None and total > high):
                return False
        return True

    def encode(self, m: Encoding) -> None:
        for a in range(m.ix.A):
            for value, low, high in self.bounds(m.ix, a):
                expr = m.agent_sum(a, value)
                if expr is None:  # grouped: the group's months are filtered
                    continue
                if low > 0:
                    m.cp.add(expr >= low)
                if high is not None:
                    m.cp.add(expr <= high)


class ShiftCounts(_Counter):
    """At most ``max_shifts`` shifts over the horizon, of one type (``shift``) or of any.

    A shift type counts with its variants (N2 counts as an N). Counts the shifts beyond
    the limit.
    """

    name = "max_shifts"
    number = 13
    title = "Shifts at most"
    title_zh = "班次数上限"
    limit_kinds = ("max_shifts",)

    def explain_title(self, problem: Problem) -> Text:
        return Text("at most so many shifts (of a type)", "班次数上限")

    def bounds(self, ix: Index, a: int) -> list[tuple[Callable[[int, int], int], int, int | None]]:
        out: list[tuple[Callable[[int, int], int], int, int | None]] = []
        for lim in ix.problem.limits_of(ix.agents[a].id):
            if lim.kind != "max_shifts":
                continue
            if lim.shift is None:
                out.append((lambda d, sym: int(sym >= FIRST_SHIFT), 0, lim.value))
            else:
                wanted = ix.family_syms(lim.shift)
                out.append((lambda d, sym, w=wanted: int(sym in w), 0, lim.value))  # type: ignore[misc]
        return out

    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        for lim in ix.problem.limits_of(ix.agents[a].id):
            if lim.kind == "max_shifts" and lim.value == 0:
                banned = ix.family_syms(lim.shift) if lim.shift else None
                syms = {
                    s for s in syms if s < FIRST_SHIFT or (banned is not None and s not in banned)
                }
        return syms

    def check(self, view: View) -> list[Violation]:
        out = []
        for agent in view.agents:
            for lim in view.problem.limits:
                if lim.kind != "max_shifts" or lim.agent not in (None, agent.id):
                    continue
                worked = sum(
                    1
                    for day in view.days
                    if view.works(agent.id, day)
                    and (
                        lim.shift is None
                        or view.problem.counts_as(view.code(agent.id, day) or "", lim.shift)
                    )
                )
                if worked > lim.value:
                    what = f"{lim.shift} shifts" if lim.shift else "shifts"
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id}: {worked} {what} (at most {lim.value})",
                            agent.id,
                            None,
                            worked - lim.value,
                        )
                    )
        return out


class WorkedMinutes(_Counter):
    """Total minutes worked over the horizon between ``min_minutes`` and ``max_minutes``.

    The minutes are the shifts' lengths. Counts the minutes beyond or short.
    """

    name = "minutes"
    number = 14
    title = "Minutes worked"
    title_zh = "工作时长"
    limit_kinds = ("min_minutes", "max_minutes")

    def explain_title(self, problem: Problem) -> Text:
        return Text("minimum and maximum minutes worked", "工作时长上下限")

    def bounds(self, ix: Index, a: int) -> list[tuple[Callable[[int, int], int], int, int | None]]:
        limits = ix.problem.limits_of(ix.agents[a].id)
        low = max(_values(limits, "min_minutes"), default=0)
        highs = _values(limits, "max_minutes")
        if not low and not highs:
            return []
        lengths = {FIRST_SHIFT + s: shift.minutes for s, shift in enumerate(ix.shifts)}
        return [(lambda d, sym: lengths.get(sym, 0), low, min(highs, default=None))]

    def check(self, view: View) -> list[Violation]:
        out = []
        for agent in view.agents:
            limits = [
                lim
                for lim in view.problem.limits
                if lim.kind in ("min_minutes", "max_minutes") and lim.agent in (None, agent.id)
            ]
            if not limits:
                continue
            total = 0
            for day in view.days:
                shift = view.shift_of(agent.id, day)
                if shift is not None:
                    total += shift.minutes
            for lim in limits:
                low = lim.kind == "min_minutes"
                if (total < lim.value) if low else (total > lim.value):
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id}: {total} minutes worked "
                            f"({'at least' if low else 'at most'} {lim.value})",
                            agent.id,
                            None,
                            abs(total - lim.value),
                        )
                    )
        return out


def weekends(days: Sequence[date]) -> dict[date, list[int]]:
    """Day indices of each weekend in ``days``, keyed by the weekend's Saturday."""
    out: dict[date, list[int]] = {}
    for i, day in enumerate(days):
        if day.weekday() >= 5:
            out.setdefault(day - timedelta(days=day.weekday() - 5), []).append(i)
    return out


class WeekendsWorked(Rule):
    """At most ``max_weekends`` weekends worked over the horizon.

    A weekend is worked when its Saturday or its Sunday has a shift. Counts the weekends
    beyond the limit.
    """

    name = "weekends"
    number = 15
    title = "Weekends worked"
    title_zh = "周末上班次数"
    limit_kinds = ("max_weekends",)

    def explain_title(self, problem: Problem) -> Text:
        return Text("at most so many weekends worked", "周末上班次数上限")

    def relax(self, problem: Problem) -> Text:
        return Text(
            "relax the agents' rows for this rule in the Limits sheet",
            "放宽限制表中该规则的相关行",
        )

    def applies(self, problem: Problem) -> bool:
        return any(lim.kind == "max_weekends" for lim in problem.limits)

    @staticmethod
    def _limit(problem: Problem, agent: str) -> int | None:
        return min(
            (lim.value for lim in problem.limits_of(agent) if lim.kind == "max_weekends"),
            default=None,
        )

    def pattern_ok(self, ix: Index, a: int, pattern: Sequence[int]) -> bool:
        limit = self._limit(ix.problem, ix.agents[a].id)
        if limit is None:
            return True
        worked = sum(
            any(pattern[d] >= FIRST_SHIFT for d in days) for days in weekends(ix.days).values()
        )
        return worked <= limit

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        ends = list(weekends(ix.days).items())
        for a, agent in enumerate(ix.agents):
            limit = self._limit(ix.problem, agent.id)
            if limit is None or limit >= len(ends):
                continue
            if m.works(a, 0) is None:
                continue  # grouped: the group's months are filtered
            flags = []
            for saturday, days in ends:
                works: list[Any] = [m.works(a, d) for d in days]
                flag = m.cp.new_bool_var(f"weekend_{a}_{saturday}")
                for w in works:
                    m.cp.add(flag >= w)
                m.cp.add(flag <= sum(works))
                flags.append(flag)
            m.cp.add(sum(flags) <= limit)

    def check(self, view: View) -> list[Violation]:
        out = []
        for agent in view.agents:
            limits = [
                x.value
                for x in view.problem.limits
                if x.kind == "max_weekends" and x.agent in (None, agent.id)
            ]
            if not limits:
                continue
            limit = min(limits)
            # Saturday and Sunday share their ISO week.
            worked = sorted(
                {
                    day.isocalendar()[:2]: day
                    for day in reversed(view.days)
                    if day.isoweekday() in (6, 7) and view.works(agent.id, day)
                }.values()
            )
            if len(worked) > limit:
                out.append(
                    Violation(
                        self.name,
                        f"{agent.id}: {len(worked)} weekends worked (at most {limit})",
                        agent.id,
                        worked[limit],
                        len(worked) - limit,
                    )
                )
        return out
