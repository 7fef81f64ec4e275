"""The contract between the model and the checker, driven by the rule registry.

Fix the model's variables to a hand-made roster and solve: the model is feasible exactly
when the independent checker finds no hard violation, and then each objective term the
model computes equals the checker's value (without the look-ahead, which the checker does
not check).
"""

from __future__ import annotations

from datetime import date

import pytest

from rostering import Model, Roster, check, term_values
from rostering.lookahead import without_lookahead

from .cases import Case, hard_cases, soft_cases

CASES = [c for c in hard_cases() + soft_cases() if c.contract]


@pytest.mark.parametrize("group", [True, False], ids=["groups", "agent-by-agent"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_roster_feasible_iff_checker_passes(case: Case, group: bool) -> None:
    # The look-ahead (the next month stays possible) restricts the months beyond the
    # rules the checker checks: its own tests are in test_lookahead.py.
    model = Model(without_lookahead(case.problem), group=group)
    model.fix(case.roster)
    outcome = model.solve(time_limit=5, workers=1, seed=0)
    name = outcome.status_name
    valid = not check(case.problem, case.roster)
    assert name in ("OPTIMAL", "INFEASIBLE"), name
    assert (name == "OPTIMAL") == valid
    if valid:
        assert model.term_values(outcome.value) == {
            k: v for k, v in term_values(case.problem, case.roster).items() if k in model.terms
        }
        # Interchangeable agents may swap months: compare each group's months.
        solved = model.roster_from(outcome.value)
        for unit in model.units:
            ids = [case.problem.agents[a].id for a in unit.members]
            assert sorted(_months(solved, ids)) == sorted(_months(case.roster, ids))


def _months(roster: Roster, ids: list[str]) -> list[tuple[str | None, ...]]:
    by_agent: dict[str, dict[date, str]] = {i: {} for i in ids}
    for a in roster:
        if a.agent in by_agent:
            by_agent[a.agent][a.date] = a.shift + (f"@{a.role}" if a.role else "")
    return [tuple(v for _d, v in sorted(days.items())) for days in by_agent.values()]
