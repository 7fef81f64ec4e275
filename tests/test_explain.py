"""Infeasibility explained: for each kind of conflict, a small team whose explanation must
name the right rules, agents and dates, in English and Chinese."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rostering import Agent, Problem, Roster, Rules, Status, solve
from rostering.explain import explain

LIMIT = 5.0


def _explained(problem: Problem):  # type: ignore[no-untyped-def]
    result = solve(problem, time_limit=LIMIT, workers=2, seed=0)
    assert result.status is Status.INFEASIBLE
    assert result.explanation is not None
    return result.explanation


def test_too_few_agents_for_the_shifts() -> None:
    """Two rotating agents cannot cover W and N every day with four rest days each."""
    why = _explained(Problem(date(2026, 12, 1), (Agent("A1"), Agent("A2"))))
    assert set(why.rules) == {"rest_days", "coverage"}
    text = "\n".join(why.lines("en"))
    assert "62 agent-days" in text and "54 working days" in text
    short = [f for f in why.findings if f.shift in ("W", "N") and f.dates]
    assert short, text
    assert sum(len(f.dates) for f in short) >= 8  # 62 - 54 shifts stay empty at least
    assert any("min_agents_per_shift" in s.en for s in why.suggestions)
    chinese = "\n".join(why.lines("zh"))
    assert "这些规则不能同时满足" in chinese and "建议" in chinese


def test_promotion_run_longer_than_the_work_run_allowed() -> None:
    days = tuple(date(2026, 11, 4) + timedelta(days=i) for i in range(8))
    problem = Problem(
        date(2026, 11, 1),
        tuple(Agent(f"A{i}") for i in range(4)),
        rules=Rules(promotion_days=days, rest_days_mode="min"),
    )
    why = _explained(problem)
    assert set(why.rules) == {"promotion", "days_in_a_row"}
    run = [f for f in why.findings if f.rules == ("promotion", "days_in_a_row") and not f.agents]
    assert run and run[0].dates == days
    assert set(why.agents) == {"A0", "A1", "A2", "A3"}


def test_after_sales_too_few_for_the_ratio() -> None:
    agents = (*(Agent(f"P{i}") for i in range(8)), Agent("S1", role="aftersales"))
    why = _explained(Problem(date(2026, 12, 1), agents))
    assert "role_ratios" in why.rules
    assert "rest_days" not in why.rules or "coverage" in why.rules
    assert any("S1" in f.agents and "aftersales" in f.text.en for f in why.findings)


def test_carry_over_names_the_boundary() -> None:
    """A month that ends with four working days leaves too little room in the next one
    for four exact rest days and at most six days in a row."""
    previous = Roster.from_grid(date(2026, 12, 28), {"R1": "R R R R"})
    problem = Problem(
        date(2027, 1, 1),
        (Agent("R1", shifts=("R",)),),
        rules=Rules(min_agents_per_shift=0),
        previous=previous,
    )
    why = _explained(problem)
    assert set(why.rules) == {"days_in_a_row", "rest_days"}
    (finding,) = [f for f in why.findings if f.agents == ("R1",)]
    assert "4 working day(s) in a row at the end of the previous roster" in finding.text.en
    # without the previous roster the same month is fine
    alone = solve(problem.replace(previous=None), time_limit=LIMIT, workers=2, seed=0)
    assert alone.status is Status.OPTIMAL


def test_feasible_problem_has_no_conflict() -> None:
    problem = Problem(
        date(2026, 12, 1), (Agent("R1", shifts=("R",)),), rules=Rules(min_agents_per_shift=0)
    )
    why = explain(problem, time_limit=LIMIT)
    assert why.rules == ()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_line_is_in_the_language(lang: str) -> None:
    why = _explained(Problem(date(2026, 12, 1), (Agent("A1"), Agent("A2"))))
    lines = why.lines(lang)  # type: ignore[arg-type]
    has_chinese = [any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in lines]
    if lang == "zh":
        assert all(has_chinese[1:]), lines
    else:
        assert not any(has_chinese), lines
