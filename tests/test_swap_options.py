"""Swaps that help (换班): who can take an agent's shift on a date, on the 60-agent example
and from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rostering import REST, Agent, Problem, ProblemError, Roster, Rules, Weights, check, solve
from rostering.cli import main
from rostering.lookahead import without_lookahead
from rostering.replan import SwapOption, swap, swap_options
from rostering.workbook import read_problem, read_roster
from rostering.workbook.template import write_input_workbook
from rostering.workbook.writer import write_roster_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def double12() -> tuple[Problem, Roster]:
    problem = read_problem(EXAMPLES / "double12.xlsx")
    fixed = without_lookahead(problem)
    result = solve(fixed, time_limit=2, workers=2, seed=0, explain=False, reproducible=True)
    assert result.roster is not None
    return problem, result.roster


def _assert_sound(
    problem: Problem, roster: Roster, agent: str, day: date, options: list[SwapOption]
) -> None:
    """Every option keeps every hard rule, hands the shift to its taker, and the list is
    sorted by changed cells, then objective."""
    shift = roster.shift(agent, day)
    for option in options:
        assert check(problem, option.roster) == [], option.describe()
        assert option.roster.shift(agent, day) != shift
        assert roster.shift(option.taker, day) != shift
        assert option.roster.shift(option.taker, day) == shift
        changed = {
            (a.agent, a.date) for a in option.roster if roster.shift(a.agent, a.date) != a.shift
        }
        assert changed == {(who, when) for who, when, _b, _a in option.changes}
    keys = [(o.cells, o.objective) for o in options]
    assert keys == sorted(keys)
    assert len({o.taker for o in options}) == len(options)


def test_where_one_day_swaps_break_rest_hours_or_rotation_longer_swaps_are_found(
    double12: tuple[Problem, Roster],
) -> None:
    """On the example's roster (exactly four rest days a month, so little slack), an agent
    who starts a night block after a rest day in the first week: exchanging that night
    with anyone breaks a rule (rest hours, rotation or runs of work); the search
    finds two-day swaps or chains that keep every rule."""
    problem, roster = double12
    days = problem.days
    candidates = [
        (agent.id, days[d])
        for d in range(1, 7)
        for agent in problem.agents
        if roster.shift(agent.id, days[d]) == "N" and roster.shift(agent.id, days[d - 1]) == REST
    ]
    for agent, day in candidates[:6]:
        options = swap_options(problem, roster, agent, day, most=3, reproducible=True)
        _assert_sound(problem, roster, agent, day, options)
        if not options or options[0].kind == "one-day swap":
            continue  # nobody can take it, or a plain exchange of the day does
        assert all(o.cells >= 3 for o in options)
        # Exchanging only that day with the same takers breaks a rule.
        broken = set()
        for option in options:
            outcome = swap(problem, roster, agent, option.taker, day)
            assert not outcome.ok
            broken |= {v.rule for v in outcome.broken}
        assert broken  # which rules depends on the roster: rest hours, rotation, runs
        return
    pytest.fail(f"no two-day swap or chain found for {candidates[:6]}")


def test_one_day_swaps_come_first_when_they_keep_the_rules() -> None:
    """Two regular agents with rest days to spare: the one resting takes the other's day."""
    problem, roster = _spare_rest()
    day = next(
        d for d in problem.days if roster.shift("R1", d) == "R" and roster.shift("R2", d) == REST
    )
    options = swap_options(problem, roster, "R1", day, reproducible=True)
    _assert_sound(problem, roster, "R1", day, options)
    assert options and options[0].kind == "one-day swap" and options[0].taker == "R2"


def test_swap_options_refuse_what_cannot_be_taken(double12: tuple[Problem, Roster]) -> None:
    problem, roster = double12
    day = problem.days[0]
    resting = next(a.id for a in problem.agents if roster.shift(a.id, day) == REST)
    with pytest.raises(ProblemError, match="does not work"):
        swap_options(problem, roster, resting, day)
    with pytest.raises(ProblemError, match="unknown agent"):
        swap_options(problem, roster, "X", day)
    working = next(a.id for a in problem.agents if roster.shift(a.id, day) == "W")
    every_day = roster.replace_cells({(working, d): "W" for d in problem.days})
    assert check(problem, every_day)
    with pytest.raises(ProblemError, match="already breaks"):
        swap_options(problem, every_day, working, day)


def _spare_rest() -> tuple[Problem, Roster]:
    problem = Problem(
        date(2026, 12, 1),
        (Agent("R1", shifts=("R",)), Agent("R2", shifts=("R",))),
        rules=Rules(rest_days_mode="min", max_extra_rest_days=31),
        weights=Weights(extra_rest=0),
    )
    # R1 rests on Sundays, R2 on Mondays and Thursdays: R is covered every day.
    rows = {
        "R1": ["-" if d.weekday() == 6 else "R" for d in problem.days],
        "R2": ["-" if d.weekday() in (0, 3) else "R" for d in problem.days],
    }
    roster = Roster.from_grid(problem.start, rows)
    assert check(problem, roster) == []
    return problem, roster


def test_cli_swap_without_a_partner_lists_who_can_take_the_shift(tmp_path: Path) -> None:
    problem, roster = _spare_rest()
    staff, out = tmp_path / "staff.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(staff, problem, time_limit=1, seed=0)
    write_roster_workbook(out, problem, roster)
    day = next(d for d in problem.days if roster.shift("R2", d) == REST)
    runner = CliRunner()
    listed = runner.invoke(main, ["swap", str(out), "--staff", str(staff), "R1", day.isoformat()])
    assert listed.exit_code == 0, listed.output
    assert f"who can take R1's R on {day}" in listed.output
    assert "1. R2: one-day swap, 2 cells" in listed.output
    assert not (tmp_path / "roster-swapped.xlsx").exists()
    args = ["swap", str(out), "--staff", str(staff), "R1", day.isoformat(), "--take"]
    taken = runner.invoke(main, [*args, "1"])
    assert taken.exit_code == 0, taken.output
    assert listed.output.splitlines()[1] in taken.output  # the same options, listed again
    swapped = read_roster(tmp_path / "roster-swapped.xlsx", problem)
    assert swapped.shift("R2", day) == "R" and swapped.shift("R1", day) == REST
    assert check(problem, swapped) == []
    more = runner.invoke(main, [*args, "9"])
    assert more.exit_code == 1 and "only" in more.output and "nothing written" in more.output
    both = runner.invoke(main, [*args[:-2], "R2", day.isoformat(), "--take", "1"])
    assert both.exit_code == 2
    resting = runner.invoke(main, ["swap", str(out), "--staff", str(staff), "R2", day.isoformat()])
    assert resting.exit_code == 1 and "R2 does not work" in resting.output
    extra = runner.invoke(main, ["swap", str(out), "--staff", str(staff), "R1", "R2", "x", "y"])
    assert extra.exit_code == 2
