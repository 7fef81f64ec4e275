"""Rosters: who works what, on which day, from when to when."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .conversions import convert

__all__ = ["LEAVE", "REST", "Assignment", "Handover", "Roster"]

REST = "OFF"
"""Roster value for a rest day (休)."""
LEAVE = "LEAVE"
"""Roster value for approved leave or unavailability (假)."""


@dataclass(frozen=True)
class Assignment:
    """One agent on one date: a shift code, `REST` (休) or `LEAVE` (假).

    ``start`` and ``end`` are the actual times worked, including an early start for a
    handover; None when not working (or, in a hand-made roster, when not stated).
    ``role`` is the role worked that day when it is not the agent's own (a second role
    after a promotion); None means the agent's own role. ``break_start`` and
    ``break_end`` are the agent's break on a shift with one (休息); None when the shift
    has none or, in a hand-made roster, when not stated (the checker then takes the
    earliest start its window allows).
    """

    agent: str
    date: date
    shift: str
    start: datetime | None = None
    end: datetime | None = None
    role: str | None = None
    break_start: datetime | None = None
    break_end: datetime | None = None

    @property
    def working(self) -> bool:
        return self.shift not in (REST, LEAVE)


@dataclass(frozen=True)
class Handover:
    """One face-to-face handover (交接): an outgoing agent hands over to an incoming one.

    A record of the roster; the rule that asks for it is
    `rostering.rules.handover.HandoverOverlap`.
    """

    date: date
    outgoing_shift: str
    incoming_shift: str
    role: str
    outgoing_agent: str
    incoming_agent: str
    overlap_minutes: int


if TYPE_CHECKING:
    import pandas as pd


class Roster:
    """An ordered collection of assignments; hand-made rosters may be incomplete or wrong,
    which `rostering.check` reports."""

    def __init__(self, assignments: Iterable[Assignment]) -> None:
        self.assignments: tuple[Assignment, ...] = tuple(assignments)
        self._cells: dict[tuple[str, date], Assignment] = {}
        for a in self.assignments:
            self._cells.setdefault((a.agent, a.date), a)

    def __iter__(self) -> Iterator[Assignment]:
        return iter(self.assignments)

    def __len__(self) -> int:
        return len(self.assignments)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Roster) and self.assignments == other.assignments

    def __hash__(self) -> int:
        return hash(self.assignments)

    def __repr__(self) -> str:
        return f"Roster({len(self.assignments)} assignments)"

    def get(self, agent: str, day: date) -> Assignment | None:
        """The (first) assignment of an agent on a date."""
        return self._cells.get((agent, day))

    def shift(self, agent: str, day: date) -> str | None:
        """The shift code, `REST` or `LEAVE` of an agent on a date; None when missing."""
        cell = self._cells.get((agent, day))
        return None if cell is None else cell.shift

    def agents(self) -> list[str]:
        """Agent ids in order of first appearance."""
        return list(dict.fromkeys(a.agent for a in self.assignments))

    def dates(self) -> list[date]:
        return sorted({a.date for a in self.assignments})

    def grid(self) -> dict[str, list[str]]:
        """``{agent: [shift of each date in order]}``, with '' for a missing cell."""
        days = self.dates()
        return {agent: [self.shift(agent, d) or "" for d in days] for agent in self.agents()}

    @classmethod
    def from_grid(cls, start: date, rows: Mapping[str, str | Iterable[str]]) -> Roster:
        """Build a roster from rows of codes, one per day from ``start``.

        Codes are shift codes, ``-`` or ``休`` or ``OFF`` for rest and ``L`` or ``假`` or
        ``LEAVE`` for leave; ``W@aftersales`` is W worked in another role. A string row is
        split on spaces. Times are left unstated.
        """
        aliases = {"-": REST, "休": REST, REST: REST, "L": LEAVE, "假": LEAVE, LEAVE: LEAVE}
        out = []
        for agent, row in rows.items():
            codes = row.split() if isinstance(row, str) else list(row)
            for i, code in enumerate(codes):
                shift, _, role = code.partition("@")
                out.append(
                    Assignment(
                        agent,
                        start + timedelta(days=i),
                        aliases.get(shift, shift),
                        role=role or None,
                    )
                )
        return cls(out)

    def replace_cells(self, changes: Mapping[tuple[str, date], str]) -> Roster:
        """A copy with some cells set to other codes; their times become unstated."""
        out = []
        for a in self.assignments:
            key = (a.agent, a.date)
            out.append(Assignment(a.agent, a.date, changes[key]) if key in changes else a)
        return Roster(out)

    def without_times(self) -> Roster:
        """The roster with its stated times (and breaks) left out."""
        return Roster(Assignment(a.agent, a.date, a.shift, role=a.role) for a in self.assignments)

    def to_frame(self, problem: object | None = None) -> pd.DataFrame:
        """The roster as a DataFrame, one row per agent and day (`rostering.frames`).

        With ``problem`` (the `rostering.Problem` it belongs to): every agent on every
        day, with names, roles and actual times; without: the roster's own entries.
        Columns and dtypes: ``docs/api.md``.
        """
        frame: pd.DataFrame = convert("roster_frame", self, problem)
        return frame

    def to_text(self) -> str:
        """A compact text grid: one line per agent, one column per day (- rest, L leave)."""
        days = self.dates()
        show = {REST: "-", LEAVE: "L"}
        width = max([len(a) for a in self.agents()] + [2])
        header = " " * width + " " + " ".join(f"{d.day:>2}" for d in days)
        lines = [header]
        for agent in self.agents():
            cells = [show.get(c, c) for c in (self.shift(agent, d) or "?" for d in days)]
            lines.append(f"{agent:<{width}} " + " ".join(f"{c:>2}" for c in cells))
        return "\n".join(lines)
