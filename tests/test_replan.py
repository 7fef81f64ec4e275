"""Re-rostering from a date, swaps (换班) and carry-over, from Python and the command line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from rostering import (
    LEAVE,
    REST,
    Agent,
    Leave,
    Problem,
    ProblemError,
    Roster,
    Rules,
    Status,
    Weights,
    check,
    solve,
)
from rostering.cli import main
from rostering.replan import changed_cells, resolve, swap, unchanged_before
from rostering.workbook import read_roster
from rostering.workbook.template import example_problem, write_input_workbook
from rostering.workbook.writer import write_roster_workbook

LIMIT = 5.0
FROM = date(2026, 12, 15)


@pytest.fixture(scope="module")
def base() -> tuple[Problem, Roster]:
    problem = example_problem()
    result = solve(problem, time_limit=LIMIT, workers=2, seed=0)
    assert result.roster is not None
    return problem, result.roster


def _sick(problem: Problem, agent: str, *days: date) -> Problem:
    return problem.replace(leave=problem.leave + tuple(Leave(agent, d) for d in days))


def test_resolve_keeps_the_past_and_changes_less_than_a_fresh_solve(
    base: tuple[Problem, Roster],
) -> None:
    problem, old = base
    worker = next(a.id for a in problem.agents if "N" in a.shifts)
    sick = _sick(problem, worker, FROM, FROM + timedelta(days=1))
    replan = resolve(sick, old, FROM, time_limit=LIMIT, workers=2, seed=0)
    new = replan.result.roster
    assert new is not None and not check(sick, new)
    assert unchanged_before(old, new, FROM)
    assert all(day >= FROM for _agent, day in replan.changed)
    assert (worker, FROM) in replan.changed or old.shift(worker, FROM) == LEAVE
    fresh = solve(sick, time_limit=LIMIT, workers=2, seed=0).roster
    assert fresh is not None
    days = [d for d in sick.days if d >= FROM]
    from_scratch = changed_cells(old, fresh, [a.id for a in sick.agents], days)
    assert len(replan.changed) < len(from_scratch)
    assert replan.result.settings["fewest_changes"] == len(replan.changed)


def test_resolve_after_a_hand_edit_that_breaks_a_kept_day_names_where_to_start(
    base: tuple[Problem, Roster],
) -> None:
    """A rest day after six working days typed over with the day before's shift: no
    re-roster from the next day keeps that seventh working day, and the notes name the
    latest day to re-roster from; from there the re-roster holds every rule."""
    problem, old = base

    def works(agent: str, d: date) -> bool:
        return old.shift(agent, d) not in (REST, LEAVE, None)

    agent, day = next(
        (a.id, d)
        for a in problem.agents
        for d in problem.days
        if old.shift(a.id, d) == REST and all(works(a.id, d - timedelta(k)) for k in range(1, 7))
    )
    edited = Roster(
        replace(item, shift=old.shift(agent, day - timedelta(1)) or "", start=None, end=None)
        if (item.agent, item.date) == (agent, day)
        else item
        for item in old
    )
    assert check(problem, edited)
    after = day + timedelta(days=1)
    stuck = resolve(problem, edited, after, time_limit=LIMIT, workers=2, seed=0, reproducible=True)
    assert stuck.result.status is Status.INFEASIBLE
    (hint,) = [n for n in stuck.result.notes if "re-roster from" in n]
    earlier = date.fromisoformat(hint.rsplit("re-roster from ", 1)[1].split()[0])
    assert earlier <= day
    mended = resolve(problem, edited, earlier, time_limit=LIMIT, workers=2, seed=0)
    assert mended.result.roster is not None and not check(problem, mended.result.roster)
    assert unchanged_before(edited, mended.result.roster, earlier)


def test_resolve_with_a_new_agent(base: tuple[Problem, Roster]) -> None:
    problem, old = base
    team = problem.replace(agents=(*problem.agents, Agent("NEW", shifts=("R",))))
    replan = resolve(team, old, FROM, time_limit=LIMIT, workers=2, seed=0)
    new = replan.result.roster
    assert new is not None and not check(replan.result.problem, new)
    assert replan.new_agents == ("NEW",)
    assert all(new.shift("NEW", d) == LEAVE for d in problem.days if d < FROM)
    assert unchanged_before(old, new, FROM)


def test_resolve_refuses_leave_before_the_date(base: tuple[Problem, Roster]) -> None:
    problem, old = base
    worker = problem.agents[0].id
    working = next(d for d in problem.days if d < FROM and old.shift(worker, d) not in (REST,))
    with pytest.raises(ProblemError, match="cannot stay as they are"):
        resolve(_sick(problem, worker, working), old, FROM, time_limit=LIMIT)


def test_swap_that_breaks_rest_days_is_refused(base: tuple[Problem, Roster]) -> None:
    problem, roster = base
    day, a, b = next(
        (d, a.id, b.id)
        for d in problem.days
        for a in problem.agents
        for b in problem.agents
        if roster.shift(a.id, d) == REST and roster.shift(b.id, d) not in (REST, LEAVE)
    )
    outcome = swap(problem, roster, a, b, day)
    assert not outcome.ok
    assert {"rest_days"} <= {v.rule for v in outcome.broken}
    assert outcome.roster.shift(a, day) == roster.shift(b, day)


def test_swap_within_the_rules_is_accepted() -> None:
    """Two regular agents with rest days to spare (at least four, any more for free)
    exchange a working day and a rest day."""
    problem = Problem(
        date(2026, 12, 1),
        (Agent("R1", shifts=("R",)), Agent("R2", shifts=("R",))),
        rules=Rules(rest_days_mode="min", max_extra_rest_days=31, min_agents_per_shift=1),
        weights=Weights(extra_rest=0),
    )
    result = solve(problem, time_limit=LIMIT, workers=2, seed=0)
    assert result.roster is not None
    roster = result.roster
    for day in problem.days:
        cells = {a: roster.shift(a, day) for a in ("R1", "R2")}
        if set(cells.values()) == {"R", REST}:
            outcome = swap(problem, roster, "R1", "R2", day)
            if outcome.ok:
                assert not check(problem, outcome.roster)
                assert outcome.roster.shift("R1", day) == cells["R2"]
                return
    pytest.fail("no swap of a rest day and a working day passes the rules")


def test_swap_errors_are_named(base: tuple[Problem, Roster]) -> None:
    problem, roster = base
    with pytest.raises(ProblemError, match="unknown agent 'X'"):
        swap(problem, roster, problem.agents[0].id, "X", FROM)


# -- command line --------------------------------------------------------------------------------
@pytest.fixture
def files(tmp_path: Path, base: tuple[Problem, Roster]) -> tuple[Path, Path]:
    problem, roster = base
    staff, out = tmp_path / "staff.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(staff, problem, time_limit=LIMIT, seed=0)
    write_roster_workbook(out, problem, roster)
    return staff, out


def test_cli_resolve_highlights_the_changed_cells(
    files: tuple[Path, Path], tmp_path: Path, base: tuple[Problem, Roster]
) -> None:
    problem, old = base
    worker = next(a.id for a in problem.agents if "N" in a.shifts)
    sick = tmp_path / "sick.xlsx"
    write_input_workbook(sick, _sick(problem, worker, FROM), time_limit=LIMIT, seed=0)
    _staff, roster_file = files
    out = tmp_path / "resolved.xlsx"
    args = ["resolve", str(roster_file), "--staff", str(sick), "--from", str(FROM)]
    result = CliRunner().invoke(main, [*args, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "changed cells:" in result.output
    new = read_roster(out, problem)
    assert new.shift(worker, FROM) == LEAVE
    assert unchanged_before(old, new, FROM)
    count = int(result.output.split("changed cells: ")[1].split()[0])
    ws = load_workbook(out)["Roster"]
    thick = [c.value for row in ws.iter_rows() for c in row if c.border.left.style == "thick"]
    assert count >= 1
    assert len(thick) == count + 1 and "X" in thick  # the changed cells and the legend


def test_cli_swap_refused_writes_nothing(
    files: tuple[Path, Path], tmp_path: Path, base: tuple[Problem, Roster]
) -> None:
    problem, roster = base
    staff, roster_file = files
    day, a, b = next(
        (d, a.id, b.id)
        for d in problem.days
        for a in problem.agents
        for b in problem.agents
        if roster.shift(a.id, d) == REST and roster.shift(b.id, d) not in (REST, LEAVE)
    )
    out = tmp_path / "swapped.xlsx"
    args = ["swap", str(roster_file), a, b, str(day), "--staff", str(staff), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "swap refused" in result.output and "rest_days" in result.output
    assert not out.exists()


def test_cli_solve_infeasible_explains_and_writes_only_a_summary(tmp_path: Path) -> None:
    staff = tmp_path / "two.xlsx"
    write_input_workbook(staff, Problem(date(2026, 12, 1), (Agent("A1"), Agent("A2"))))
    out = tmp_path / "out.xlsx"
    for lang, words in (("en", "cannot all hold"), ("zh", "不能同时满足")):
        args = ["solve", str(staff), "-o", str(out), "-q", "--time-limit", "5", "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 3
        assert words in result.output and "coverage" in result.output
        book = load_workbook(out)
        assert book.sheetnames == ["Summary"]
        text = " ".join(str(c.value) for row in book["Summary"].iter_rows() for c in row)
        assert words in text and "infeasible" in text


def test_cli_previous_catches_a_seventh_working_day(tmp_path: Path) -> None:
    """December ends with six working days; January's roster starts with a seventh."""
    agents = (Agent("R1", shifts=("R",)), Agent("R2", shifts=("R",)))

    def grid(start: date, rests: dict[str, set[int]]) -> Roster:
        days = 31
        return Roster.from_grid(
            start,
            {a: ["-" if d + 1 in rests[a] else "R" for d in range(days)] for a in rests},
        )

    december = Problem(date(2026, 12, 1), agents)
    january = Problem(date(2027, 1, 1), agents)
    dec = grid(december.start, {"R1": {4, 11, 18, 25}, "R2": {6, 13, 20, 27}})
    jan = grid(january.start, {"R1": {7, 14, 21, 28}, "R2": {5, 11, 18, 25}})
    assert not check(december, dec) and not check(january, jan)
    staff, last, this = tmp_path / "jan.xlsx", tmp_path / "dec-roster.xlsx", tmp_path / "jan-r.xlsx"
    write_input_workbook(staff, january)
    write_roster_workbook(last, december, dec)
    write_roster_workbook(this, january, jan)
    runner = CliRunner()
    alone = runner.invoke(main, ["validate", str(this), "--staff", str(staff)])
    assert alone.exit_code == 0, alone.output
    carried = runner.invoke(
        main, ["validate", str(this), "--staff", str(staff), "--previous", str(last)]
    )
    assert carried.exit_code == 1
    assert "days_in_a_row" in carried.output and "R1" in carried.output
    solved = runner.invoke(
        main,
        [
            "solve",
            str(staff),
            "-o",
            str(tmp_path / "o.xlsx"),
            "-q",
            "--time-limit",
            "5",
            "--previous",
            str(last),
        ],
    )
    assert solved.exit_code in (0, 3), solved.output
    if solved.exit_code == 0:
        roster = read_roster(tmp_path / "o.xlsx", january)
        assert not check(january.replace(previous=dec), roster)
