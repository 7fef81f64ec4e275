"""What every rule unit looks like.

A rule is one small class: its parameters (fields of `Rules` or `Weights`), its model
encoding (day domains, a per-agent automaton, or constraints on counts), and a plain
Python check that works on dates and times only. Checks never call encoding code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ..automaton import Automaton
    from ..index import Index
    from ..model import Model
    from ..problem import Problem
    from .view import View


@dataclass(frozen=True)
class Violation:
    """A hard rule broken by a roster: which rule, whom, when, by how much."""

    rule: str
    message: str
    agent: str | None = None
    date: date | None = None
    amount: float = 1

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True)
class Term:
    """A soft objective term.

    ``per_hour`` terms are counted in agent-minutes inside the model and reported in
    agent-hours; their weight is per agent-hour. Other terms are counted in their unit.
    """

    name: str
    weight: str
    unit: str
    per_hour: bool = False


class Rule:
    """Base class of rule units; subclasses override what they need."""

    name: ClassVar[str]
    number: ClassVar[int | None] = None
    title: ClassVar[str] = ""
    params: ClassVar[tuple[str, ...]] = ()
    terms: ClassVar[tuple[Term, ...]] = ()

    @property
    def hard(self) -> bool:
        return not self.terms

    # -- encoding --------------------------------------------------------------------------
    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        """Restrict what agent ``a`` may do on day ``d`` (default: no restriction)."""
        return syms

    def automaton(self, ix: Index, a: int) -> Automaton | None:
        """A per-agent automaton over day symbols, or None if the rule needs none."""
        return None

    def encode(self, m: Model) -> None:
        """Add constraints or objective terms over the model's counts."""

    def pattern_ok(self, ix: Index, a: int, pattern: Sequence[int]) -> bool:
        """Whether agent ``a`` may follow ``pattern`` (symbols by day) as a member of a
        group: rules that `encode` per-agent constraints for single agents filter a
        group's enumerated months here instead (default: any month)."""
        return True

    # -- checking --------------------------------------------------------------------------
    def check(self, view: View) -> list[Violation]:
        """Every violation of this (hard) rule in the roster."""
        return []

    def cost(self, view: View) -> dict[str, int]:
        """Value of each of this (soft) rule's terms, in the model's unit."""
        return {}

    def applies(self, problem: Problem) -> bool:
        """Whether the rule has anything to say about this problem."""
        return True
