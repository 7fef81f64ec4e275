"""Rest rules: rest days a month (2) and rest between shifts (4).

Days in a row (3) are in ``rostering/rules/days_in_a_row.py``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..index import DAY, FIRST_SHIFT, REST_SYM, round_half_up
from ..params import Choice, Flag, Number, Param, Whole
from ..roster import REST
from .base import Rule, Text, Violation
from .days_in_a_row import DaysInARow

WeeklyRest = DaysInARow
"""The former rule of days in a row, now part of `DaysInARow`."""

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .base import Encoding
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

    ``lookahead`` (not a rule of the roster: the checker does not check it) makes each
    agent's month leave the next month possible under the same rules
    (`rostering.lookahead`).
    """

    name = "rest_days"
    number = 2
    title = "Rest days a month"
    title_zh = "每月休息天数"
    relax_rank = 80
    params = (
        Param(
            "rest_days_per_month",
            "每月休息天数",
            Whole(0),
            4,
            "rest days per agent per month (prorated for part of a month)",
            "每人每月休息天数",
            off=0,
        ),
        Param(
            "rest_days_mode",
            "休息天数模式",
            Choice(
                ("exact", "min"),
                {"exactly": "exact", "恰好": "exact", "正好": "exact", "at_least": "min"}
                | {"minimum": "min", "至少": "min"},
            ),
            "exact",
            "exact or min (at least)",
            "恰好或至少",
            off="min",
        ),
        Param(
            "max_extra_rest_days",
            "最多多休天数",
            Whole(0, 31),
            2,
            "min mode: rest days a month above the count at most (31: any number)",
            "至少模式下每月最多多休天数 (31: 不限)",
            off=31,
        ),
        Param(
            "lookahead",
            "为下月留余地",
            Flag(),
            True,
            "each month leaves the next month possible under the same rules: true/false",
            "每月排班为下月留出可排的余地",
            off=False,
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        params = problem.rules
        exact = params.rest_days_mode == "exact"
        return Text(
            f"{params.rest_days_per_month} rest days a month ({params.rest_days_mode})",
            f"每月休息 {params.rest_days_per_month} 天 ({'正好' if exact else '至少'})",
        )

    def relax(self, problem: Problem) -> Text:
        params = problem.rules
        fewer = max(0, params.rest_days_per_month - 1)
        return Text(
            f"lower rest_days_per_month (e.g. to {fewer}) or set rest_days_mode to min",
            f"减少每月休息天数 (如 {fewer} 天), 或把 rest_days_mode 设为 min",
        )

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

    def encode(self, m: Encoding) -> None:
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
    title_zh = "两班之间的休息"
    relax_rank = 30
    params = (
        Param(
            "min_rest_hours",
            "两班最少休息小时",
            Number(0, 48),
            11,
            "hours between the end of a shift and the actual start of the next, at least",
            "两班之间最少休息小时",
            off=0,
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        params = problem.rules
        return Text(
            f"at least {params.min_rest_hours:g} h rest between shifts",
            f"两班之间至少休息 {params.min_rest_hours:g} 小时",
        )

    def relax(self, problem: Problem) -> Text:
        params = problem.rules
        return Text(
            f"lower min_rest_hours below {params.min_rest_hours:g}",
            f"把两班最少间隔调到 {params.min_rest_hours:g} 小时以下",
        )

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
