"""The independent checker: plain Python over dates and times, no solver involved."""

from __future__ import annotations

from .problem import Problem
from .roster import Roster
from .rules import HARD_RULES, SOFT_RULES, TERMS, Violation
from .rules.view import View


def check(problem: Problem, roster: Roster) -> list[Violation]:
    """Every hard-rule violation of ``roster`` (any roster, hand-made ones too).

    Parameters
    ----------
    problem
        The team, the horizon and the rules.
    roster
        The roster to check.

    Returns
    -------
    list of Violation
        One per violation, found by plain Python over dates and times (no solver).

    An empty list means the roster satisfies every hard rule of docs/domain.md.
    """
    view = View(problem, roster)
    return [v for rule in HARD_RULES for v in rule.check(view)]


def check_by_rule(problem: Problem, roster: Roster) -> dict[str, list[Violation]]:
    """Violations grouped by rule name, with an entry (maybe empty) for every hard rule."""
    found: dict[str, list[Violation]] = {rule.name: [] for rule in HARD_RULES}
    for violation in check(problem, roster):
        found[violation.rule].append(violation)
    return found


def term_values(problem: Problem, roster: Roster) -> dict[str, int]:
    """Each soft term's value for the roster, in the model's unit (agent-minutes for
    agent-hour terms)."""
    view = View(problem, roster)
    values = {term.name: 0 for term in TERMS}
    for rule in SOFT_RULES:
        values.update(rule.cost(view))
    return values


def objective(problem: Problem, roster: Roster) -> float:
    """The roster's objective in points, as the solver would score it."""
    values = term_values(problem, roster)
    total = 0.0
    for term in TERMS:
        weight = getattr(problem.weights, term.weight)
        value = values[term.name]
        total += weight * (value / 60 if term.per_hour else value)
    return total
