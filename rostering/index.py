"""The model's view of a problem: everything mapped to indices once.

Days are ``0 .. D-1``; time is counted in minutes from 00:00 of the first day. Symbols
are what an agent does on a day: ``REST_SYM``, ``LEAVE_SYM`` or ``FIRST_SHIFT + s`` for
shift type ``s``. Only the model side uses this module; the checker works on dates and
datetimes on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from .problem import LEAVE, REST, Agent, Problem, ShiftType, minutes_of

REST_SYM = 0
LEAVE_SYM = 1
FIRST_SHIFT = 2
DAY = 1440


@dataclass(frozen=True)
class Instance:
    """Shift type ``shift`` worked on day ``day``: nominal and actual minutes, and where a
    break of ``break_minutes`` may start (minutes from 00:00 of the first day)."""

    day: int
    shift: int
    start: int
    end: int
    actual_start: int
    break_minutes: int = 0
    break_starts: tuple[int, ...] = ()

    @property
    def sym(self) -> int:
        return FIRST_SHIFT + self.shift

    @property
    def early(self) -> int:
        return self.start - self.actual_start


@dataclass(frozen=True)
class MonthPart:
    """The days of one calendar month inside the horizon."""

    first: int
    last: int
    days_in_month: int

    @property
    def length(self) -> int:
        return self.last - self.first + 1


def round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


class Index:
    """Index maps and derived tables of a `Problem` for the model."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.rules = problem.rules
        self.days: list[date] = problem.days
        self.D = len(self.days)
        self.shifts: tuple[ShiftType, ...] = problem.shifts
        self.S = len(self.shifts)
        self.shift_index = {s.code: i for i, s in enumerate(self.shifts)}
        self.agents: tuple[Agent, ...] = problem.agents
        self.A = len(self.agents)
        self.agent_index = {a.id: i for i, a in enumerate(self.agents)}
        self.day_index = {d: i for i, d in enumerate(self.days)}
        self.in_use = [any(problem.allows(a, s.code) for a in self.agents) for s in self.shifts]
        self.family = [self.shift_index[s.family_code] for s in self.shifts]
        """The family of each shift type (an index; its own for a shift of no family)."""
        self.instances: list[list[Instance | None]] = [
            [self._instance(d, s) for s in range(self.S)] for d in range(self.D)
        ]
        self.promotion_days = {
            self.day_index[d] for d in self.rules.promotion_days if d in self.day_index
        }
        self.second_role_days = {
            self.day_index[d] for d in problem.second_role_days() if d in self.day_index
        }
        self.leave: list[dict[int, str]] = [
            {self.day_index[d]: kind for d, kind in problem.leave_of(a.id).items()}
            for a in self.agents
        ]

    # -- symbols ---------------------------------------------------------------------------
    def sym(self, code: str) -> int:
        return FIRST_SHIFT + self.shift_index[code]

    def shift_of(self, sym: int) -> int:
        return sym - FIRST_SHIFT

    def family_syms(self, code: str) -> frozenset[int]:
        """The symbols of the shifts that count as ``code`` (`Problem.counts_as`): the
        shift itself and, when it is a family, its variants."""
        return frozenset(
            FIRST_SHIFT + s
            for s, st in enumerate(self.shifts)
            if st.code == code or st.family == code
        )

    @property
    def shift_syms(self) -> range:
        return range(FIRST_SHIFT, FIRST_SHIFT + self.S)

    # -- shift instances -------------------------------------------------------------------
    def _nominal(self, d: int, s: int) -> tuple[int, int] | None:
        st = self.shifts[s]
        if not self.in_use[s] or not st.exists_on(self.days[d]):
            return None
        start = d * DAY + minutes_of(st.start)
        return start, start + st.minutes

    def _instance(self, d: int, s: int) -> Instance | None:
        nominal = self._nominal(d, s)
        if nominal is None:
            return None
        start, end = nominal
        incoming = any(
            other is not None and other[1] == start
            for dd in (d - 1, d)
            if 0 <= dd < self.D
            for t in range(self.S)
            if not (dd == d and t == s)
            for other in (self._nominal(dd, t),)
        )
        early = self.rules.handover_min_minutes if incoming else 0
        st = self.shifts[s]
        starts = tuple(d * DAY + t for t in st.break_offsets())
        return Instance(d, s, start, end, start - early, st.break_minutes, starts)

    def instance(self, d: int, s: int) -> Instance | None:
        if 0 <= d < self.D:
            return self.instances[d][s]
        return None

    @cached_property
    def all_instances(self) -> list[Instance]:
        return [i for row in self.instances for i in row if i is not None]

    @cached_property
    def handover_pairs(self) -> list[tuple[Instance, Instance]]:
        """(outgoing, incoming) instances where the incoming one starts as the other ends."""
        by_start: dict[int, list[Instance]] = {}
        for inst in self.all_instances:
            by_start.setdefault(inst.start, []).append(inst)
        return [
            (out, inc)
            for out in self.all_instances
            for inc in by_start.get(out.end, [])
            if inc is not out
        ]

    # -- agents ----------------------------------------------------------------------------
    def allowed_shift_syms(self, a: int) -> set[int]:
        """The agent's allowed shifts, variants of an allowed family included."""
        agent = self.agents[a]
        return {
            FIRST_SHIFT + s
            for s, st in enumerate(self.shifts)
            if self.problem.allows(agent, st.code)
        }

    def agents_of_role(self, role: str) -> list[int]:
        return [i for i, a in enumerate(self.agents) if a.role == role]

    @cached_property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(a.role for a in self.agents))

    # -- the previous roster ---------------------------------------------------------------
    def history(self, a: int) -> dict[int, int | None]:
        """Symbols of the previous roster by day offset (< 0); None for an unknown code."""
        out: dict[int, int | None] = {}
        for day, code in self.problem.history(self.agents[a].id).items():
            offset = (day - self.days[0]).days
            if code == REST:
                out[offset] = REST_SYM
            elif code == LEAVE:
                out[offset] = LEAVE_SYM
            else:
                s = self.shift_index.get(code)
                out[offset] = None if s is None else FIRST_SHIFT + s
        return out

    def last_end(self, a: int) -> int | None:
        """End of the agent's last shift in the previous roster, in minutes from 00:00 of
        the first day (negative, or positive for a night shift that runs into it)."""
        previous = self.problem.previous
        if previous is None:
            return None
        origin = datetime.combine(self.days[0], time(0))
        ends = []
        for item in previous:
            if item.agent != self.agents[a].id or item.shift not in self.shift_index:
                continue
            if item.end is not None:
                end = item.end
            else:
                shift = self.shifts[self.shift_index[item.shift]]
                end = datetime.combine(item.date, shift.start) + timedelta(minutes=shift.minutes)
            ends.append(int((end - origin).total_seconds() // 60))
        return max(ends, default=None)

    # -- calendar --------------------------------------------------------------------------
    @cached_property
    def month_parts(self) -> list[MonthPart]:
        parts: list[MonthPart] = []
        first = 0
        for d in range(self.D):
            day = self.days[d]
            if d == self.D - 1 or (day + timedelta(days=1)).month != day.month:
                nxt = day.replace(day=28) + timedelta(days=4)
                days_in_month = (nxt - timedelta(days=nxt.day)).day
                parts.append(MonthPart(first, d, days_in_month))
                first = d + 1
        return parts
