"""Rest rules: rest days a month (2), days in a row (3), rest between shifts (4)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..index import DAY, FIRST_SHIFT, REST_SYM, round_half_up
from ..problem import REST
from .base import Rule, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..model import Model
    from .view import View


# -- rule 2 -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestCount:
    """State: rest days so far in the current calendar month (in ``min`` mode without a
    maximum, counted up to the count required only)."""

    required: tuple[int, ...]  # per day: the count required in that day's month
    month_ends: frozenset[int]
    exact: bool
    extra: int | None = 0  # min mode: rest days allowed above the count (None: any)

    def starts(self) -> tuple[int, ...]:
        return (0,)

    def step(self, day: int, state: int, sym: int) -> int | None:
        need = self.required[day]
        most = need if self.exact else None if self.extra is None else need + self.extra
        count = state + (sym == REST_SYM)
        if most is None:
            count = min(count, need)
        elif count > most:
            return None
        if day in self.month_ends:
            return 0 if count >= need else None
        return count

    def accept(self, state: int) -> bool:
        return True


class RestDays(Rule):
    """Four rest days a month (每月四天休息).

    Each agent has exactly (or, in ``min`` mode, at least, and at most
    ``max_extra_rest_days`` more) ``rest_days_per_month`` rest days in each calendar
    month. Leave does not count as rest. For a part of a month, the count is prorated
    (rounding half up) and never exceeds the days the agent could rest (not on leave and,
    when everyone is on duty on promotion days, not a promotion day). Counts the missing
    or extra rest days per agent and month.
    """

    name = "rest_days"
    number = 2
    title = "Rest days a month"
    params = ("rest_days_per_month", "rest_days_mode", "max_extra_rest_days")

    def automaton(self, ix: Index, a: int) -> RestCount:
        rules = ix.rules
        required = [0] * ix.D
        for part in ix.month_parts:
            base = round_half_up(rules.rest_days_per_month * part.length, part.days_in_month)
            free = sum(
                1
                for d in range(part.first, part.last + 1)
                if d not in ix.leave[a]
                and not (rules.promotion_all_on_duty and d in ix.promotion_days)
            )
            for d in range(part.first, part.last + 1):
                required[d] = min(base, free)
        extra = rules.max_extra_rest_days
        longest = max((p.length for p in ix.month_parts), default=0)
        return RestCount(
            tuple(required),
            frozenset(p.last for p in ix.month_parts),
            rules.rest_days_mode == "exact",
            None if extra >= longest else extra,  # None: no maximum to count up to
        )

    def encode(self, m: Model) -> None:
        """Redundant with the automaton, for the LP relaxation: each unit's rest days in
        each month part (measured in benchmarks/: a much higher bound)."""
        for unit in m.units:
            counter = self.automaton(m.ix, unit.members[0])
            size = len(unit.members)
            for part in m.ix.month_parts:
                rest = sum(
                    unit.counts[d].get(REST_SYM, 0) for d in range(part.first, part.last + 1)
                )
                if isinstance(rest, int):
                    continue
                need = size * counter.required[part.first]
                m.cp.add(rest >= need)
                if counter.exact:
                    m.cp.add(rest <= need)
                elif counter.extra is not None:
                    m.cp.add(rest <= need + size * counter.extra)

    def check(self, view: View) -> list[Violation]:
        rules = view.rules
        out = []
        for agent in view.agents:
            for (year, month), days, wanted in rest_days_required(view, agent.id):
                rested = sum(1 for d in days if view.code(agent.id, d) == REST)
                exact = rules.rest_days_mode == "exact"
                most = wanted if exact else wanted + rules.max_extra_rest_days
                if rested < wanted or rested > most:
                    word = "too few" if rested < wanted else "too many"
                    if exact:
                        allowed = f"exactly {wanted}"
                    elif most >= len(days):
                        allowed = f"at least {wanted}"
                    else:
                        allowed = f"{wanted} to {most}"
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} in {year}-{month:02d}: {rested} rest days, "
                            f"{allowed} required ({word})",
                            agent.id,
                            days[0],
                            wanted - rested if rested < wanted else rested - most,
                        )
                    )
        return out


def rest_days_required(view: View, agent: str) -> list[tuple[tuple[int, int], list[date], int]]:
    """Per calendar month of the horizon: (year, month), its days, and the rest days the
    agent must have in them (prorated, rounding half up, and never more than the days
    the agent could rest: not on leave nor, when everyone is on duty, a promotion day)."""
    rules = view.rules
    months: dict[tuple[int, int], list[date]] = {}
    for day in view.days:
        months.setdefault((day.year, day.month), []).append(day)
    leave = view.problem.leave_of(agent)
    out = []
    for (year, month), days in months.items():
        length = ((date(year + month // 12, month % 12 + 1, 1)) - date(year, month, 1)).days
        wanted = int(rules.rest_days_per_month * len(days) / length + 0.5)
        could = [
            d
            for d in days
            if d not in leave and not (rules.promotion_all_on_duty and d in rules.promotion_days)
        ]
        out.append(((year, month), days, min(wanted, len(could))))
    return out


# -- rule 3 -------------------------------------------------------------------------------
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


class WeeklyRest(Rule):
    """At most ``max_consecutive_work_days`` working days in a row (one rest day a week;
    0 turns the rule off).

    Rest and leave both break a run. Counts, for each run that is too long, the days
    beyond the limit.
    """

    name = "weekly_rest"
    number = 3
    title = "Days in a row"
    params = ("max_consecutive_work_days",)

    def automaton(self, ix: Index, a: int) -> WorkRun | None:
        limit = ix.rules.max_consecutive_work_days
        if limit == 0:
            return None
        history = ix.history(a)
        run, d = 0, -1
        while (sym := history.get(d)) is not None and sym >= FIRST_SHIFT:
            run, d = run + 1, d - 1
        return WorkRun(limit, min(run, limit))

    def encode(self, m: Model) -> None:
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


# -- rule 4 -------------------------------------------------------------------------------
_LONG_AGO = -(10**9)


@dataclass(frozen=True)
class LastEnd:
    """State: end of the last shift worked, in minutes from the start of the current day
    (``_LONG_AGO`` once it is too long ago to matter)."""

    shifts_by_day: tuple[tuple[tuple[int, int, int], ...], ...]  # (sym, actual start, end)
    min_rest: int
    earliest: int
    initial: int = _LONG_AGO

    def starts(self) -> tuple[int, ...]:
        return (self.initial,)

    def step(self, day: int, state: int, sym: int) -> int | None:
        end = state
        if sym >= FIRST_SHIFT:
            for s, start, finish in self.shifts_by_day[day]:
                if s == sym:
                    if start - state < self.min_rest:
                        return None
                    end = max(finish, state)
                    break
        end -= DAY
        return end if end + self.min_rest > self.earliest else _LONG_AGO

    def accept(self, state: int) -> bool:
        return True


class MinRest(Rule):
    """At least ``min_rest_hours`` between the end of a shift and the start of the next.

    The next shift's actual start counts, so an early handover start shortens the rest.
    With the default times there is no W or R on the morning after an N. Counts the
    hours missing.
    """

    name = "min_rest"
    number = 4
    title = "Rest between shifts"
    params = ("min_rest_hours",)

    def automaton(self, ix: Index, a: int) -> LastEnd:
        per_day = tuple(
            tuple(
                (inst.sym, inst.actual_start - d * DAY, inst.end - d * DAY)
                for inst in ix.instances[d]
                if inst is not None
            )
            for d in range(ix.D)
        )
        earliest = min((start for row in per_day for _s, start, _e in row), default=0)
        min_rest = ix.rules.min_rest_minutes
        last = ix.last_end(a)
        initial = _LONG_AGO if last is None or last + min_rest <= earliest else last
        return LastEnd(per_day, min_rest, earliest, initial)

    def check(self, view: View) -> list[Violation]:
        need = timedelta(minutes=view.rules.min_rest_minutes)
        out = []
        for agent in view.agents:
            spans = [
                (span, day)
                for day in view.days
                if (span := view.interval(agent.id, day)) is not None
            ]
            last = view.last_shift_before(agent.id)
            if last is not None:
                spans.append((last, view.problem.start - timedelta(days=1)))
            spans.sort()
            for (prev, _), (nxt, day) in itertools.pairwise(spans):
                gap = nxt[0] - prev[1]
                if gap < need:
                    hours = (need - gap).total_seconds() / 3600
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: {gap.total_seconds() / 3600:g} h rest "
                            f"before the shift (at least {view.rules.min_rest_hours:g} h)",
                            agent.id,
                            day,
                            hours,
                        )
                    )
        return out
