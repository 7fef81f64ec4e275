"""Time budgets: wall-clock seconds, or reproducible work units.

A wall-clock budget ends at a deadline on `time.perf_counter`. A reproducible budget
counts work instead: CP-SAT's deterministic seconds, simplex iterations and pricing
passes, each converted to units of about a second on a 2-core machine, so the same input,
seed and worker count always do the same steps and give the same roster. A wall-clock
guard still stops a reproducible search that runs far longer than its budget.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

#: Work units charged per simplex iteration and per priced arc (measured on 2 cores so
#: that a unit is about a wall second; only their proportions matter for reproducibility).
SIMPLEX_ITERATION = 2e-4
PRICED_ARC = 1e-7


def wall_guard(limit: float) -> float:
    """Wall seconds after which a reproducible search is stopped anyway."""
    return 3 * limit + 10


@dataclass
class Clock:
    """How much of a budget of ``limit`` is left (see the module docstring)."""

    limit: float
    reproducible: bool = False
    started: float = field(default_factory=time.perf_counter)
    work: float = 0.0
    guard_hit: bool = False

    def wall(self) -> float:
        """Wall seconds since the start."""
        return time.perf_counter() - self.started

    def used(self) -> float:
        """Budget used: work units when reproducible, else wall seconds."""
        return self.work if self.reproducible else self.wall()

    def left(self) -> float:
        return max(0.0, self.limit - self.used())

    def expired(self) -> bool:
        if self.reproducible and self.wall() >= wall_guard(self.limit):
            self.guard_hit = True
            return True
        return self.left() <= 0.0

    def charge(self, units: float) -> None:
        """Count work done (only a reproducible budget uses it)."""
        self.work += units
