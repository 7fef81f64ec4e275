"""The checker's view of a roster: dates, datetimes and shift codes, nothing else.

This module knows nothing about the model. It reads a `Roster` (possibly hand-made,
incomplete, or with times left out) against a `Problem`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cached_property

from ..problem import LEAVE, REST, Agent, Problem, ShiftType
from ..roster import Assignment, Roster

Interval = tuple[datetime, datetime]


class View:
    """A problem and a roster, read together by the rule checks."""

    def __init__(self, problem: Problem, roster: Roster) -> None:
        self.problem = problem
        self.roster = roster
        self.rules = problem.rules
        self.days: list[date] = problem.days
        self.shift_types: dict[str, ShiftType] = {s.code: s for s in problem.shifts}
        self.cells: dict[tuple[str, date], list[Assignment]] = {}
        for a in roster:
            self.cells.setdefault((a.agent, a.date), []).append(a)
        self._takes_over: dict[tuple[str, date], list[tuple[ShiftType, date]]] = {}

    # -- cells -----------------------------------------------------------------------------
    @property
    def agents(self) -> tuple[Agent, ...]:
        return self.problem.agents

    def code(self, agent: str, day: date) -> str | None:
        """What the agent does that day (the first entry if there are several)."""
        cells = self.cells.get((agent, day))
        return cells[0].shift if cells else None

    def works(self, agent: str, day: date) -> bool:
        code = self.code(agent, day)
        return code is not None and code not in (REST, LEAVE)

    def shift_of(self, agent: str, day: date) -> ShiftType | None:
        code = self.code(agent, day)
        return self.shift_types.get(code) if code is not None else None

    def sequence(self, agent: str) -> list[str | None]:
        return [self.code(agent, d) for d in self.days]

    # -- times -----------------------------------------------------------------------------
    @staticmethod
    def at(day: date, minutes: int) -> datetime:
        return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)

    def nominal(self, shift: ShiftType, day: date) -> Interval:
        start = self.at(day, shift.start.hour * 60 + shift.start.minute)
        return start, start + timedelta(minutes=shift.minutes)

    @cached_property
    def _used_codes(self) -> set[str]:
        problem = self.problem
        return {
            s.code for s in problem.shifts if any(problem.allows(a, s.code) for a in problem.agents)
        }

    def offered(self, shift: ShiftType, day: date) -> bool:
        """The shift type is in use and exists on that day."""
        return shift.code in self._used_codes and shift.exists_on(day)

    def takes_over(self, shift: ShiftType, day: date) -> list[tuple[ShiftType, date]]:
        """The shifts (type, date) offered in the horizon that end when this one starts."""
        key = (shift.code, day)
        if key not in self._takes_over:
            self._takes_over[key] = self._find_takes_over(shift, day)
        return self._takes_over[key]

    def _find_takes_over(self, shift: ShiftType, day: date) -> list[tuple[ShiftType, date]]:
        start, _ = self.nominal(shift, day)
        found = []
        for other in self.problem.shifts:
            for other_day in (day - timedelta(days=1), day):
                if other is shift and other_day == day:
                    continue
                if other_day < self.problem.start or not self.offered(other, other_day):
                    continue
                if self.nominal(other, other_day)[1] == start:
                    found.append((other, other_day))
        return found

    def interval(self, agent: str, day: date) -> Interval | None:
        """Actual times worked: as stated in the roster, else the shift's times with the
        smallest handover overlap for a shift that takes over from another."""
        cells = self.cells.get((agent, day))
        if not cells or cells[0].shift in (REST, LEAVE):
            return None
        cell = cells[0]
        shift = self.shift_types.get(cell.shift)
        if shift is None:
            return None
        start, end = self.nominal(shift, day)
        if self.takes_over(shift, day):
            start -= timedelta(minutes=self.rules.handover_min_minutes)
        return (cell.start or start, cell.end or end)

    def acting(self, agent: Agent, day: date) -> Agent:
        """The agent as they work that day: with the role stated in the roster, if any."""
        cells = self.cells.get((agent.id, day))
        role = cells[0].role if cells else None
        if role is None or role == agent.role:
            return agent
        return replace(agent, role=role)

    # -- the previous roster -----------------------------------------------------------------
    def history(self, agent: str) -> dict[date, str]:
        """What the agent did on the dates of the previous roster (if any)."""
        return self.problem.history(agent)

    def trailing_work_days(self, agent: str) -> int:
        """Working days in a row that end the day before the roster starts."""
        history = self.history(agent)
        run, day = 0, self.problem.start - timedelta(days=1)
        while history.get(day) in self.shift_types:
            run += 1
            day -= timedelta(days=1)
        return run

    def last_shift_before(self, agent: str) -> Interval | None:
        """The last shift worked in the previous roster: its times, as stated or nominal."""
        previous = self.problem.previous
        if previous is None:
            return None
        spans = []
        for item in previous:
            shift = self.shift_types.get(item.shift)
            if item.agent != agent or shift is None:
                continue
            start, end = self.nominal(shift, item.date)
            spans.append((item.start or start, item.end or end))
        return max(spans, key=lambda s: s[1], default=None)

    @cached_property
    def _duty(self) -> dict[date, list[tuple[Agent, ShiftType]]]:
        duty: dict[date, list[tuple[Agent, ShiftType]]] = {}
        for agent in self.agents:
            for day in self.days:
                shift = self.shift_of(agent.id, day)
                if shift is not None:
                    duty.setdefault(day, []).append((self.acting(agent, day), shift))
        return duty

    def on_duty(self, day: date) -> Iterator[tuple[Agent, ShiftType]]:
        """Agents working on a date (in the role they work that day), with their shift."""
        return iter(self._duty.get(day, ()))

    def online_minutes(self, agent: str, day: date) -> Interval | None:
        """Nominal interval of the shift the agent works on ``day`` (coverage counts)."""
        shift = self.shift_of(agent, day)
        return None if shift is None else self.nominal(shift, day)

    def break_of(self, agent: str, day: date) -> Interval | None:
        """The agent's break on ``day`` as coverage counts it: on a shift with a break,
        the stated one (its end: the start plus the break's length when not stated), else
        the earliest start the shift's window allows; None on a shift without a break."""
        shift = self.shift_of(agent, day)
        if shift is None or not shift.break_minutes:
            return None
        cell = self.cells[(agent, day)][0]
        length = timedelta(minutes=shift.break_minutes)
        if cell.break_start is not None:
            return cell.break_start, cell.break_end or cell.break_start + length
        start, _ = self.nominal(shift, day)
        lo, _hi = shift.break_range()
        first = start + timedelta(minutes=lo)
        first += timedelta(minutes=(-(first.hour * 60 + first.minute)) % 15)
        return first, first + length

    def online_through(self, start: datetime, end: datetime) -> Iterator[Agent]:
        """Agents whose nominal shift covers the whole of ``start .. end`` and whose break
        does not fall in it."""
        seen: set[str] = set()
        for day in (start.date() - timedelta(days=1), start.date()):
            for agent, shift in self.on_duty(day):
                span = self.nominal(shift, day)
                if span[0] <= start and end <= span[1] and agent.id not in seen:
                    pause = self.break_of(agent.id, day)
                    if pause is not None and pause[0] < end and start < pause[1]:
                        continue
                    seen.add(agent.id)
                    yield agent

    @staticmethod
    def quarters(start: datetime, end: datetime) -> list[Interval]:
        """``start .. end`` cut at every quarter hour of the clock (coverage counts each
        piece on its own)."""
        out = []
        t = start
        while t < end:
            nxt = t.replace(second=0, microsecond=0) + timedelta(minutes=15 - t.minute % 15)
            nxt = min(nxt, end)
            out.append((t, nxt))
            t = nxt
        return out
