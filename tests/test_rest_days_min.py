"""``rest_days_mode=min``: at least so many rest days, more only at a cost and up to a
maximum, read from the Rules sheet too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rostering import REST, Agent, Problem, Rules, Weights, check, solve, term_values
from rostering.workbook import read_problem
from rostering.workbook.template import write_input_workbook


def _rest_days(roster: object, agent: str, days: list[date]) -> int:
    return sum(1 for d in days if roster.shift(agent, d) == REST)  # type: ignore[attr-defined]


def test_idle_agents_do_not_rest_for_free() -> None:
    """Two regular agents and nothing to do beyond covering the shift: at least four rest
    days, and no more, since each extra one costs (it used to be 14 of 31 at no cost)."""
    problem = Problem(
        date(2026, 12, 1),
        (Agent("R1", shifts=("R",)), Agent("R2", shifts=("R",))),
        rules=Rules(rest_days_mode="min", lookahead=False),
    )
    result = solve(problem, time_limit=2, workers=2, seed=0, reproducible=True)
    assert result.roster is not None and result.status.value == "optimal"
    assert [_rest_days(result.roster, a, problem.days) for a in ("R1", "R2")] == [4, 4]
    assert result.objective == 0


def test_extra_rest_days_cost_and_stop_at_the_maximum() -> None:
    """A roster with more rest days scores the extra ones; above the maximum it breaks
    the rest-day rule."""
    problem = Problem(
        date(2026, 12, 1),
        (Agent("R1", shifts=("R",)), Agent("R2", shifts=("R",))),
        rules=Rules(rest_days_mode="min", max_extra_rest_days=2, lookahead=False),
    )
    base = solve(problem, time_limit=2, workers=2, seed=0, reproducible=True).roster
    assert base is not None and term_values(problem, base)["extra_rest"] == 0
    work = [d for d in problem.days if base.shift("R2", d) == "R" and base.shift("R1", d) == "R"]
    two_more = base.replace_cells({("R1", d): REST for d in work[:2]})
    assert check(problem, two_more) == []
    assert term_values(problem, two_more)["extra_rest"] == 2
    three_more = base.replace_cells({("R1", d): REST for d in work[:3]})
    assert {v.rule for v in check(problem, three_more)} == {"rest_days"}
    no_maximum = problem.replace(rules=problem.rules.with_(max_extra_rest_days=31))
    assert check(no_maximum, three_more) == []


def test_rules_sheet_sets_the_maximum_the_cost_and_the_look_ahead(tmp_path: Path) -> None:
    problem = Problem(
        date(2026, 12, 1),
        (Agent("R1", shifts=("R",)),),
        rules=Rules(rest_days_mode="min", max_extra_rest_days=31, lookahead=False),
        weights=Weights(extra_rest=7),
    )
    path = tmp_path / "staff.xlsx"
    write_input_workbook(path, problem)
    back = read_problem(path)
    assert back.rules.max_extra_rest_days == 31
    assert back.rules.lookahead is False
    assert back.weights.extra_rest == 7
