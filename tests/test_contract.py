"""The contract between the model and the checker, driven by the rule registry.

Fix the model's variables to a hand-made roster and solve: the model is feasible exactly
when the independent checker finds no hard violation, and then each objective term the
model computes equals the checker's value.
"""

from __future__ import annotations

from datetime import date

import pytest

from rostering import Assignment, Model, check, term_values

from .cases import Case, hard_cases, soft_cases

CASES = [c for c in hard_cases() + soft_cases() if c.contract]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_roster_feasible_iff_checker_passes(case: Case) -> None:
    model = Model(case.problem)
    model.fix(case.roster)
    solver, status = model.solve(time_limit=5, workers=1, seed=0)
    name = solver.status_name(status)
    valid = not check(case.problem, case.roster)
    assert name in ("OPTIMAL", "INFEASIBLE"), name
    assert (name == "OPTIMAL") == valid
    if valid:
        assert model.term_values(solver.value) == {
            k: v for k, v in term_values(case.problem, case.roster).items() if k in model.terms
        }
        solved = model.roster_from(solver.value)
        assert sorted(map(_cell, solved)) == sorted(map(_cell, case.roster))


def _cell(a: Assignment) -> tuple[str, date, str]:
    return (a.agent, a.date, a.shift)
