"""Promotion days: peak coverage, promotion-only shifts and second roles afterwards."""

from __future__ import annotations

from datetime import date, time

from rostering import (
    DEFAULT_SHIFTS,
    Agent,
    Demand,
    Problem,
    Rules,
    ShiftType,
    Status,
    Weights,
    check,
    solve,
)
from rostering.rules.peaks import PeakCoverage
from rostering.rules.view import View

MON, SUN = date(2026, 12, 7), date(2026, 12, 13)
PROMO = date(2026, 12, 10)


def _lowest_peak(problem: Problem, result_roster: object) -> int:
    slots = PeakCoverage().slots(View(problem, result_roster))  # type: ignore[arg-type]
    return min(s.online for s in slots)


def test_max_min_peak_coverage_is_provably_optimal_on_a_small_team() -> None:
    """Four rotating agents (W/N) and two regular agents (R), one week, Thursday
    2026-12-10 a promotion day with the default peak windows.

    Peak hours some shift covers: 00-01 (the N of Wednesday: a agents), 08-09 (W only:
    b), 09-11 and 15-17 (W and R: b + 2), 20-24 (N: c). Everyone works on the promotion
    day, so b + c = 4; an agent on N on Wednesday cannot work W on Thursday morning (11 h
    rest), so a <= c. The lowest hour is min(a, b, c) <= min(c, 4 - c) <= 2. The solver
    must reach 2 and prove it optimal.
    """
    team = (
        *tuple(Agent(f"A{i}") for i in range(4)),
        Agent("R1", shifts=("R",)),
        Agent("R2", shifts=("R",)),
    )
    problem = Problem(MON, team, end=SUN, rules=Rules(promotion_days=(PROMO,)))
    result = solve(problem, time_limit=10, workers=2, seed=0)
    assert result.status is Status.OPTIMAL
    assert result.roster is not None
    assert check(problem, result.roster) == []
    assert _lowest_peak(problem, result.roster) == 2
    # Peak-only weights give the same lowest hour, also proven.
    peaks_only = problem.replace(weights=Weights(0, 50, 1, 0, 0))
    again = solve(peaks_only, time_limit=10, workers=2, seed=0)
    assert again.status is Status.OPTIMAL
    assert _lowest_peak(problem, again.roster) == 2


def test_promotion_only_shift_covers_the_late_peak_hour() -> None:
    """A promotion night shift P 18:00-02:00 on the promotion day and the day before is
    worked on those dates only, and covers 01:00-02:00, which no default shift does."""
    p_shift = ShiftType(
        "P", "大促晚班", time(18), time(2), dates=frozenset({PROMO, date(2026, 12, 9)})
    )
    team = tuple(Agent(f"A{i}", shifts=("W", "N", "P")) for i in range(6))
    problem = Problem(
        MON, team, end=SUN, shifts=(*DEFAULT_SHIFTS, p_shift), rules=Rules(promotion_days=(PROMO,))
    )
    result = solve(problem, time_limit=10, workers=2, seed=0)
    assert result.roster is not None
    assert check(problem, result.roster) == []
    used = {a.date for a in result.roster if a.shift == "P"}
    assert used and used <= {PROMO, date(2026, 12, 9)}
    slots = PeakCoverage().slots(View(problem, result.roster))
    late = [s for s in slots if s.start.hour == 1 and s.start.date() == PROMO]
    assert late and late[0].online >= 1


def test_second_role_meets_the_after_sales_surge() -> None:
    """After the promotion, after-sales demand on N can only be met by pre-sales agents
    whose second role is after-sales; with the second role switched off it cannot."""
    team = tuple(
        Agent(f"A{i}", shifts=("W", "N"), secondary_role="aftersales" if i < 3 else None)
        for i in range(6)
    )
    surge = tuple(Demand(1, date=date(2026, 12, d), role="aftersales", shift="N") for d in (11, 12))
    weights = Weights(unmet_demand=100, peak_min=0, peak_total=0, requests=0, fairness=0)
    problem = Problem(
        MON, team, end=SUN, rules=Rules(promotion_days=(PROMO,)), demand=surge, weights=weights
    )
    result = solve(problem, time_limit=10, workers=2, seed=0)
    assert result.status is Status.OPTIMAL
    assert result.roster is not None
    assert check(problem, result.roster) == []
    assert result.term("unmet_demand").value == 0
    moved = {(a.agent, a.date) for a in result.roster if a.role == "aftersales"}
    assert {d for _a, d in moved} >= {date(2026, 12, 11), date(2026, 12, 12)}
    assert all(d > PROMO for _a, d in moved)
    off = problem.replace(rules=Rules(promotion_days=(PROMO,), secondary_role_days=0))
    without = solve(off, time_limit=10, workers=2, seed=0)
    assert without.status is Status.OPTIMAL
    assert without.term("unmet_demand").value == 16  # 2 nights x 8 h


def test_second_role_round_trips_through_the_workbook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The role worked is in the Assignments sheet and reads back; the Roster sheet marks it."""
    from openpyxl import load_workbook

    from rostering.workbook import read_roster
    from rostering.workbook.writer import write_roster_workbook

    team = tuple(
        Agent(f"A{i}", shifts=("W", "N"), secondary_role="aftersales" if i < 3 else None)
        for i in range(6)
    )
    surge = tuple(Demand(1, date=date(2026, 12, d), role="aftersales", shift="N") for d in (11, 12))
    problem = Problem(MON, team, end=SUN, rules=Rules(promotion_days=(PROMO,)), demand=surge)
    result = solve(problem, time_limit=10, workers=2, seed=0)
    assert result.roster is not None
    out = tmp_path / "r.xlsx"
    write_roster_workbook(out, problem, result.roster, result=result)
    back = read_roster(out, problem)
    assert {(a.agent, a.date, a.role) for a in back} == {
        (a.agent, a.date, a.role) for a in result.roster
    }
    assert check(problem, back) == []
    grid = load_workbook(out)["Roster"]
    assert any(
        isinstance(c.value, str) and c.value.endswith("*") for row in grid.iter_rows() for c in row
    )
