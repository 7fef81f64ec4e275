"""What every rule unit looks like.

A rule is one small class that owns everything about itself: its parameters with their
metadata (`Param`: the Rules-sheet key and its Chinese alias, kind and range, default,
help, the value that switches it off), its model encoding (day domains, a per-agent
automaton, or constraints on counts), a plain Python check that works on dates and times
only (checks never call encoding code), and its explanation texts: its title, what to
relax when it is in a conflict, and when to try relaxing it. A soft rule declares its
terms (`Term`) and their weights the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..params import Param, Whole
from ..values import Lang as Lang  # re-exported: rules import it from here
from ..values import Text

MAX_WEIGHT = 1_000_000
"""The largest weight of a soft term (weights multiply terms inside CP-SAT's 64 bits)."""

if TYPE_CHECKING:
    from ..engine.automaton import Automaton
    from ..index import Index
    from ..problem import Problem
    from .view import View


class EncodedUnit(Protocol):
    """What a rule reads of a unit of the model: one agent, or a group of
    interchangeable agents (``counts[d][sym]``: how many of them do ``sym`` on day ``d``)."""

    @property
    def members(self) -> tuple[int, ...]: ...

    @property
    def counts(self) -> list[dict[int, Any]]: ...

    @property
    def is_group(self) -> bool: ...


class Encoding(Protocol):
    """The narrow facade rules encode against (`Rule.encode`): the model's index and
    CP-SAT model, its units, counts per day and shift, per-agent sums and soft terms.
    The engine's model (`rostering.engine.model.Model`) implements it; rules never import
    the engine. Constraints posted through it must be linear (the engine reads them as the
    rows of its relaxation)."""

    @property
    def ix(self) -> Index: ...

    @property
    def cp(self) -> Any: ...

    @property
    def units(self) -> Sequence[EncodedUnit]: ...

    def count(self, d: int, s: int, role: str | None = None) -> Any:
        """Agents working shift ``s`` on day ``d`` (in ``role``, when given)."""

    def agents_on(self, d: int, s: int, role: str | None = None) -> list[int]:
        """Agents who may work shift ``s`` on day ``d`` (in ``role``, when given)."""

    def allowed_agents(self, s: int, role: str | None = None) -> list[int]:
        """Agents of ``role`` (their own role) allowed shift ``s`` at all."""

    def xvar(self, a: int, d: int, sym: int) -> Any:
        """1 when agent ``a`` (modelled on their own) does ``sym`` on day ``d``."""

    def works(self, a: int, d: int) -> Any | None:
        """1 when agent ``a`` works on day ``d``; None when modelled in a group."""

    def agent_sum(self, a: int, value: Callable[[int, int], int]) -> Any | None:
        """Sum over days of ``value(d, sym)`` for agent ``a``; None for a group member."""

    def bound_spread(
        self, most: Any, fewest: Any, agents: Iterable[int], value: Callable[[int, int], int]
    ) -> None:
        """Constrain ``fewest <= v(a) <= most`` for each of ``agents``."""

    def add_term(self, name: str, expr: Any) -> None:
        """Add to a soft term, in the term's model unit."""


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
    """A soft objective term and its weight.

    ``per_hour`` terms are counted in agent-minutes inside the model and reported in
    agent-hours; their weight is per agent-hour. Other terms are counted in their unit.
    ``default``, ``zh``, ``help`` and ``help_zh`` describe the weight (the Rules-sheet key
    ``weight_<weight>``).
    """

    name: str
    weight: str
    unit: str
    per_hour: bool = False
    default: int = 1
    zh: str = ""
    help: str = ""
    help_zh: str = ""

    @property
    def param(self) -> Param:
        """The weight as a parameter of `Weights` (0 switches the term off)."""
        return Param(
            self.weight,
            self.zh,
            Whole(0, MAX_WEIGHT),
            self.default,
            self.help or f"points per {self.unit} of {self.name}",
            self.help_zh,
            off=0,
            key=f"weight_{self.weight}",
        )


class Rule:
    """Base class of rule units; subclasses override what they need.

    Class attributes
    ----------------
    name
        The rule's name in checks, explanations and the Checks sheet.
    number
        Its number in the README's table of hard rules (unique; None for soft rules).
    title, title_zh
        A short title.
    params
        Its parameters (`Param`), declared here and nowhere else.
    terms
        Its soft terms (a rule with terms is soft).
    limit_kinds
        The kinds of `rostering.problem.Limit` rows (the Limits sheet) it reads.
    uses
        Names of parameters declared by other rules that this rule reads too.
    former_names
        Names the rule had before (`rostering.rules.rule` still finds it by them).
    background
        Never relaxed by `rostering.explain`: it defines what a roster is.
    relax_rank
        When `rostering.explain` tries to drop it from a conflict: low first; the rules
        most often to blame go last, so they stay in the explanation.
    """

    name: ClassVar[str]
    number: ClassVar[int | None] = None
    title: ClassVar[str] = ""
    title_zh: ClassVar[str] = ""
    params: ClassVar[tuple[Param, ...]] = ()
    terms: ClassVar[tuple[Term, ...]] = ()
    limit_kinds: ClassVar[tuple[str, ...]] = ()
    uses: ClassVar[tuple[str, ...]] = ()
    former_names: ClassVar[tuple[str, ...]] = ()
    background: ClassVar[bool] = False
    relax_rank: ClassVar[int] = 100

    @property
    def hard(self) -> bool:
        return not self.terms

    @property
    def off(self) -> dict[str, Any]:
        """The parameter values that switch this rule off (empty: none do)."""
        return {p.name: p.off for p in self.params if p.can_switch_off}

    # -- encoding --------------------------------------------------------------------------
    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        """Restrict what agent ``a`` may do on day ``d`` (default: no restriction)."""
        return syms

    def automaton(self, ix: Index, a: int) -> Automaton | None:
        """A per-agent automaton over day symbols, or None if the rule needs none."""
        return None

    def encode(self, m: Encoding) -> None:
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

    # -- parameters and explanations ---------------------------------------------------------
    @staticmethod
    def check_params(params: Any) -> None:
        """Checks across this rule's parameters, run when `RuleParams` are made; raise
        `rostering.values.ProblemError` naming the fields (default: none)."""

    def explain_title(self, problem: Problem) -> Text:
        """What the rule says with the problem's parameters, for an explanation."""
        return Text(self.title or self.name, self.title_zh or self.title or self.name)

    def relax(self, problem: Problem) -> Text:
        """What to change to make a roster possible when the rule is in a conflict."""
        keys = ", ".join(p.key for p in self.params)
        if keys:
            return Text(f"relax {keys}", f"放宽 {keys}")
        return Text(f"relax {self.name}", f"放宽规则 {self.name}")
