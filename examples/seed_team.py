"""The six-agent team of the source article, built in code, solved and printed.

Two rotating pairs share the white (W 08:00-17:00) and night (N 17:00-01:00) shifts,
alternating weekly; two regular agents work R (09:00-18:00). Everyone has four rest days
in the month. Run: ``python examples/seed_team.py``.
"""

from __future__ import annotations

from datetime import date

from rostering import Agent, Problem, check, solve


def seed_team_problem(month_start: date = date(2026, 12, 1)) -> Problem:
    """白班 two, 晚班 two, 常班 two: the team of the article, for one month."""
    agents = (
        Agent("A01", "张敏"),
        Agent("A02", "李娜"),
        Agent("A03", "王芳"),
        Agent("A04", "刘洋"),
        Agent("R01", "陈静", shifts=("R",)),
        Agent("R02", "杨磊", shifts=("R",)),
    )
    return Problem(month_start, agents)


def main() -> None:
    problem = seed_team_problem()
    result = solve(problem, time_limit=10, workers=2, seed=0)
    print(result.summary())
    if result.roster is not None:
        print()
        print(result.roster.to_text())
        print(f"\nchecker: {len(check(problem, result.roster))} violations")


if __name__ == "__main__":
    main()
