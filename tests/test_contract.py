"""The contract between the model and the checker, driven by the rule registry.

Fix the model's variables to a hand-made roster and solve: the model is feasible exactly
when the independent checker finds no hard violation, and then each objective term the
model computes equals the checker's value. The engine's rows (the relaxation's view of the
same model) keep the same contract, and their bound stays below every valid roster's cost.
The look-ahead (the next month stays possible) restricts the months beyond the rules the
checker checks, so it is off here: its own tests are in test_lookahead.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from ortools.sat.python import cp_model

from rostering import Model, Roster, check, objective, term_values
from rostering.engine.formulation import Formulation
from rostering.engine.master import Column, ColumnGeneration
from rostering.engine.submodel import SubModel
from rostering.lookahead import without_lookahead
from rostering.rules import RULES
from rostering.solver import months_of

from .cases import Case, hard_cases, soft_cases

CASES = [c for c in hard_cases() + soft_cases() if c.contract]


@pytest.mark.parametrize("group", [True, False], ids=["groups", "agent-by-agent"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_roster_feasible_iff_checker_passes(case: Case, group: bool) -> None:
    model = Model(without_lookahead(case.problem), RULES, group=group)
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


def _complete(
    rows: Formulation, model: Model, months: dict[int, list[tuple[int, ...]]], roster: Roster
) -> tuple[float, list[int]] | None:
    """`rostering.engine.submodel.complete` with the model's break counts fixed to the
    roster's breaks (the months do not carry them; the engine chooses them as auxiliary
    variables): the objective of the rows, or None when the roster breaks one."""
    breaks = model.break_values(roster)
    if breaks is None:
        return None  # a break the rows cannot represent (off its window)
    sub = SubModel.build(rows, months, {})
    for var, count in breaks:
        sub.cp.add(sub.aux[int(rows.ref[var.index])] == count)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    if solver.solve(sub.cp) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver.objective_value, sub.aux_values(solver)


def _months(roster: Roster, ids: list[str]) -> list[tuple[str | None, ...]]:
    by_agent: dict[str, dict[date, str]] = {i: {} for i in ids}
    for a in roster:
        if a.agent in by_agent:
            by_agent[a.agent][a.date] = a.shift + (f"@{a.role}" if a.role else "")
    return [tuple(v for _d, v in sorted(days.items())) for days in by_agent.values()]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_engine_rows_accept_a_roster_iff_checker_passes(case: Case) -> None:
    """The engine's view of the model (`Formulation`: the rules' linear rows over each
    agent's months) accepts a roster exactly when the checker does, costs it as the
    checker does, and its Lagrangian bound never exceeds that cost."""
    model = Model(without_lookahead(case.problem), RULES)
    rows = Formulation(model)
    assert rows.exact, "every rule's constraints must be linear rows the engine can read"
    valid = not check(case.problem, case.roster)
    months = months_of(model, case.roster)
    if months is None or not model.roles_allowed(case.roster):
        assert not valid  # not a legal month of some agent, or a role it may not act in
        return
    done = _complete(rows, model, months, case.roster)
    assert (done is not None) == valid
    if done is None:
        return
    cost, _aux = done
    points = objective(case.problem, case.roster)
    stated_roles = any(a.role for a in case.roster)
    if stated_roles:  # the rows choose who acts in a second role at best
        assert cost / model.objective_scale <= points + 1e-9
    else:
        assert cost / model.objective_scale == pytest.approx(points)
    cg = ColumnGeneration(rows, [model.dags[u.members[0]] for u in model.units])
    cg.master.add(
        [
            Column(u, month)
            for u, unit_months in months.items()
            if not rows.units[u].is_group
            for month in unit_months
        ]
    )
    cg.run(lambda: False)
    assert cg.best_bound <= cost + 1e-6 * max(1.0, cost)
