"""What `solve` returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .conversions import convert
from .problem import Problem
from .roster import Handover, Roster

if TYPE_CHECKING:
    from .explanation import Explanation


class Status(StrEnum):
    """How the solve ended. Infeasible and unknown are statuses, not exceptions."""

    OPTIMAL = "optimal"
    """A roster, proven best for the objective."""
    FEASIBLE = "feasible"
    """A roster that satisfies every hard rule; maybe not the best (see the gap)."""
    INFEASIBLE = "infeasible"
    """Proven: no roster satisfies every hard rule."""
    UNKNOWN = "unknown"
    """No roster found within the time limit, and no proof that none exists."""


@dataclass(frozen=True)
class TermValue:
    """One soft objective term: its value in its unit, its weight, and the points."""

    name: str
    unit: str
    value: float
    weight: int

    @property
    def points(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True)
class Result:
    """The outcome of `rostering.solve`.

    ``objective`` and ``bound`` are in points (lower is better); ``gap`` is
    ``(objective - bound) / max(1, objective)``: 0 means proven optimal.
    """

    problem: Problem
    status: Status
    roster: Roster | None
    objective: float | None
    bound: float | None
    terms: tuple[TermValue, ...]
    runtime: float
    build_time: float
    settings: dict[str, Any] = field(default_factory=dict)
    handovers: tuple[Handover, ...] = ()
    notes: tuple[str, ...] = ()
    explanation: Explanation | None = None
    """When infeasible: the rules in conflict, whom and when, and what to relax."""

    @property
    def found(self) -> bool:
        """Whether a roster was found."""
        return self.roster is not None

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return max(0.0, self.objective - self.bound) / max(1.0, abs(self.objective))

    def term(self, name: str) -> TermValue:
        for t in self.terms:
            if t.name == name:
                return t
        raise KeyError(name)

    def to_frames(self) -> Any:
        """The roster and its reports as DataFrames (`rostering.frames.result_frames`):
        ``.assignments``, ``.coverage``, ``.demand``, ``.stats``, ``.checks``,
        ``.violations``, ``.handovers``, ``.terms`` (a `rostering.frames.RosterFrames`).

        Without a roster (infeasible, or none in time) every frame is empty but for its
        columns; ``found`` and ``status`` say why.
        """
        return convert("result_frames", self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The result as a JSON document (`rostering.jsonio.result_to_json`)."""
        text: str = convert("result_to_json", self, indent=indent)
        return text

    @classmethod
    def from_json(cls, text: str | bytes) -> Result:
        """Read a result from a JSON document (`rostering.jsonio.result_from_json`)."""
        result: Result = convert("result_from_json", text)
        return result

    def summary(self) -> str:
        """A few lines for people: status, objective, bound, gap and each term."""
        lines = [f"status: {self.status.value}"]
        if self.objective is not None:
            gap = self.gap
            lines.append(
                f"objective: {self.objective:g} points (bound {self.bound:g}, gap {gap * 100:.2f}%)"
                if gap is not None and self.bound is not None
                else f"objective: {self.objective:g} points"
            )
            for t in self.terms:
                lines.append(f"  {t.name}: {t.value:g} {t.unit} x {t.weight} = {t.points:g} points")
        lines.append(f"time: {self.runtime:.2f} s in all (model build {self.build_time:.2f} s)")
        lines.extend(self.notes)
        if self.explanation is not None:
            lines.extend(self.explanation.lines("en"))
        return "\n".join(lines)
