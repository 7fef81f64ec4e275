"""Month after month: the look-ahead keeps the next month possible, and chains of twelve
months, each solved with ``previous=`` the month before, pass the checker."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from rostering import (
    LEAVE,
    REST,
    Agent,
    Leave,
    Model,
    Problem,
    Roster,
    Rules,
    Status,
    check,
    solve,
)
from rostering.cli import main
from rostering.index import FIRST_SHIFT
from rostering.lookahead import CARRIED, LOOKAHEAD_DROPPED, without_lookahead
from rostering.replan import resolve
from rostering.rules import RULES
from rostering.workbook import read_problem, read_roster
from rostering.workbook.template import example_problem, write_input_workbook

LIMIT = 0.5


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _following(problem: Problem, roster: Roster, **rules: object) -> Problem:
    """The next calendar month of the same team, continuing from ``roster``, on free days
    (no leave, requests, demand or promotion days unless given)."""
    assert problem.end is not None
    first = problem.end + timedelta(days=1)
    return problem.replace(
        start=first,
        end=None,
        previous=roster,
        leave=(),
        requests=(),
        demand=(),
        peaks=(),
        cover=(),
        rules=problem.rules.with_(**{"promotion_days": (), **rules}),
    )


def _chain(
    first: Problem, months: int, promotions: dict[int, date], limit: float = LIMIT
) -> list[Problem]:
    """Solve ``months`` months from ``first`` on, each with the one before as previous:
    each has a roster, which passes the checker with the previous roster."""
    problem, solved = first, []
    for _ in range(months):
        result = solve(
            problem, time_limit=limit, workers=2, seed=0, explain=False, reproducible=True
        )
        assert result.roster is not None, (problem.start, result.status, result.notes)
        assert check(problem, result.roster) == [], problem.start
        solved.append(problem)
        nxt = _next_month(problem.start)
        promotion = promotions.get(nxt.month)
        problem = _following(
            problem, result.roster, promotion_days=(promotion,) if promotion else ()
        )
    return solved


def test_carried_rules_are_registered() -> None:
    assert CARRIED.issubset(r.name for r in RULES)


def test_exactly_four_rest_days_a_month_cannot_go_on_for_three_months() -> None:
    """Why the chains below count rest days as "at least" (``min``): with exactly four rest
    days a month and at most six working days in a row, July to September (92 days, 12
    rest days, 80 working days in 13 runs of at most 6) has no legal sequence at all, for
    any agent; with at least four (and at most two more) it has."""
    for shifts in (("R",), ("W", "N")):
        exact = Problem(
            date(2027, 7, 1),
            (Agent("A", shifts=shifts),),
            end=date(2027, 9, 30),
            rules=Rules(min_agents_per_shift=0, lookahead=False),
        )
        assert Model(exact, RULES).no_legal_month == ["A"]
        at_least = exact.replace(rules=exact.rules.with_(rest_days_mode="min"))
        assert Model(at_least, RULES).no_legal_month == []


def _paths_sample(model: Model, a: int, most: int) -> list[tuple[int, ...]]:
    dag = model.dags[a]
    assert dag is not None
    paths = sorted(dag.paths())
    step = max(1, len(paths) // most)
    return paths[::step]


@pytest.mark.parametrize("mode", ["exact", "min"])
@pytest.mark.parametrize("shifts", [("W", "N"), ("R",)], ids=["rotating", "regular"])
def test_lookahead_keeps_exactly_the_months_a_next_month_can_follow(
    mode: str, shifts: tuple[str, ...]
) -> None:
    """The last week of December, then January: a week is kept by the look-ahead exactly
    when January, modelled on its own with that week as the previous roster, has a legal
    month for the agent that starts with a working day (the history path of the rules,
    not the look-ahead's). In min mode January must manage with its own count of rest
    days, no more."""
    week = Problem(
        date(2026, 12, 25),
        (Agent("A", shifts=shifts),),
        end=date(2026, 12, 31),
        rules=Rules(rest_days_mode=mode, min_agents_per_shift=0),  # type: ignore[arg-type]
    )
    ahead, plain = Model(week, RULES), Model(without_lookahead(week), RULES)
    assert ahead.lookahead.active and not ahead.lookahead.alone
    cut = ahead.dags[0]
    assert cut is not None
    kept = dropped = 0
    for path in _paths_sample(plain, 0, 40):
        roster = plain.assemble({0: path})
        january = _following(week, roster, lookahead=False, rest_days_mode="exact")
        months = Model(january, RULES).dags[0]
        follows = months is not None and any(sym >= FIRST_SHIFT for _s, sym, _d in months.arcs[0])
        assert cut.accepts(path) == follows, roster.to_text()
        kept, dropped = kept + follows, dropped + (not follows)
    assert kept and dropped  # both kinds of week were tried


def test_a_previous_roster_that_leaves_no_month_is_explained_with_a_day_off() -> None:
    """December rostered without looking ahead ends with long runs of working days: in
    January (exactly four rest days) each agent named gets the fewest extra days off in
    the first week that give them a legal month (one on 01-01 for some), spread so that
    with all of them January has a roster."""
    december = without_lookahead(example_problem())
    first = solve(december, time_limit=LIMIT, workers=2, seed=0, reproducible=True)
    assert first.roster is not None
    january = _following(december, first.roster)
    result = solve(january, time_limit=LIMIT, workers=2, seed=0, reproducible=True)
    assert result.status is Status.INFEASIBLE and result.explanation is not None
    fixes = [f for f in result.explanation.findings if f.fix is not None]
    assert fixes, result.explanation.lines()
    assert result.explanation.suggestions[: len(fixes)] == tuple(f.fix for f in fixes)
    text = "\n".join(result.explanation.lines("en"))
    assert "one more day off on 01-01" in text
    assert "01-01 多放 1 天假" in "\n".join(result.explanation.lines("zh"))
    # January has no leave: a finding's dates are the days off it proposes.
    fixed = january.replace(leave=tuple(Leave(f.agents[0], day) for f in fixes for day in f.dates))
    assert not Model(fixed, RULES).no_legal_month  # each agent named has a legal month again
    after = solve(fixed, time_limit=LIMIT, workers=2, seed=0, explain=False, reproducible=True)
    assert after.roster is not None and check(fixed, after.roster) == []


def test_twelve_months_of_the_template_team() -> None:
    """The template team from its December on, at least four rest days a month: twelve
    months in a row, 618 and Double-11 included."""
    december = example_problem()
    first = december.replace(rules=december.rules.with_(rest_days_mode="min"))
    _chain(first, 12, {6: date(2027, 6, 18), 11: date(2027, 11, 11)})


@st.composite
def teams(draw: st.DrawFn) -> Problem:
    """A workable team: four to six rotating agents, none or two regular ones, random
    rest days (at least so many a month), days in a row and rotation period."""
    rotating = draw(st.integers(4, 6))
    regular = draw(st.sampled_from((0, 2)))
    team = tuple(Agent(f"a{i}") for i in range(rotating)) + tuple(
        Agent(f"r{i}", shifts=("R",)) for i in range(regular)
    )
    rules = Rules(
        rest_days_per_month=draw(st.integers(4, 6)),
        rest_days_mode="min",
        max_consecutive_work_days=draw(st.integers(6, 7)),
        rotation_period_days=draw(st.sampled_from((7, 14, "month"))),
    )
    start = date(2026, draw(st.integers(1, 12)), 1)
    return Problem(start, team, rules=rules)


@settings(max_examples=2)
@given(teams())
def test_twelve_months_of_a_generated_team(team: Problem) -> None:
    _chain(team, 12, {}, limit=0.3)


def test_when_no_roster_leaves_the_next_month_possible_the_month_is_rostered_alone() -> None:
    """The template's December with exactly four rest days: looking ahead to January (31
    days too) leaves each regular agent one legal month, the same for both, so the
    regular shift would go uncovered; the month is rostered without the look-ahead and
    the result says so."""
    problem = example_problem()
    result = solve(problem, time_limit=LIMIT, workers=2, seed=0, reproducible=True)
    assert result.roster is not None and check(problem, result.roster) == []
    assert LOOKAHEAD_DROPPED in result.notes
    assert result.problem is problem


def test_resolve_re_rosters_without_the_look_ahead_when_the_kept_days_leave_none() -> None:
    """Kept days that end December with six working days in a row and all four rest days
    used: no end leaves January possible, so resolve re-rosters without looking ahead
    (and needs no change)."""
    problem = Problem(
        date(2026, 12, 1), (Agent("R1", shifts=("R",)),), rules=Rules(min_agents_per_shift=0)
    )
    rows = {"R1": ["-" if d.day in (4, 11, 18, 25) else "R" for d in problem.days]}
    roster = Roster.from_grid(problem.start, rows)
    assert check(problem, roster) == []
    replan = resolve(
        problem, roster, date(2026, 12, 27), time_limit=LIMIT, workers=2, reproducible=True
    )
    assert LOOKAHEAD_DROPPED in replan.notes
    assert replan.result.roster is not None and replan.changed == ()
    assert check(replan.result.problem, replan.result.roster) == []
    assert replan.result.problem.rules.lookahead


def _run(roster: Roster, agent: str, day: date, step: int) -> int:
    """Working days in a row next to ``day`` (before it: ``step`` -1; after: +1)."""
    count, d = 0, day + timedelta(days=step)
    while roster.shift(agent, d) not in (None, REST, LEAVE):
        count += 1
        d += timedelta(days=step)
    return count


def test_the_readme_month_from_the_command_line(tmp_path: Path) -> None:
    """The README's month in min mode, as a manager runs it: solve, a rest day typed over
    in the Roster sheet (caught by validate), resolve from the next day (keeps it), swap
    suggestions (the one taken checks), then January with ``--previous``."""
    december = example_problem()
    december = december.replace(rules=december.rules.with_(rest_days_mode="min"))
    staff, roster_file = tmp_path / "staff.xlsx", tmp_path / "staff-roster.xlsx"
    write_input_workbook(staff, december, time_limit=1, seed=0)
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        done = runner.invoke(main, list(args))
        assert "Traceback" not in done.output
        return done.exit_code, done.output

    assert run("solve", str(staff), "--quiet", "--reproducible")[0] == 0
    problem = read_problem(staff)
    roster = read_roster(roster_file, problem)
    # A rest day that, typed over with the shift of the day before, makes a run of more
    # than six working days, with at most six up to it (the README's 休 -> W).
    agent, day = next(
        (a, d)
        for a in ("A01", "A02", "A03", "A04")
        for d in problem.days[1:-1]
        if roster.shift(a, d) == REST
        and roster.shift(a, d - timedelta(1)) == "W"
        and _run(roster, a, d, -1) < 6 < _run(roster, a, d, -1) + 1 + _run(roster, a, d, 1)
    )
    book = load_workbook(roster_file)
    row = 4 + [a.id for a in problem.agents].index(agent)
    cell = f"{get_column_letter(4 + (day - problem.start).days)}{row}"
    assert book["Roster"][cell].value == "休"
    book["Roster"][cell] = "W"
    book.save(roster_file)
    code, said = run("validate", str(roster_file), "--staff", str(staff))
    assert code == 1 and f"Roster!{cell}: W" in said and "rule days_in_a_row" in said
    after = (day + timedelta(1)).isoformat()
    code, said = run("resolve", str(roster_file), "--staff", str(staff), "--from", after)
    assert code == 0, said
    resolved = tmp_path / "staff-roster-resolved.xlsx"
    mended = read_roster(resolved, problem)
    assert mended.shift(agent, day) == "W" and check(problem, mended) == []
    # Swap suggestions on the mended roster: the first found is taken and checks.
    taken = None
    for who, when in [(a.id, d) for d in problem.days[8:20] for a in problem.agents]:
        if mended.shift(who, when) in (REST, None):
            continue
        code, said = run("swap", str(resolved), "--staff", str(staff), who, when.isoformat())
        if code == 0:
            taken = run(
                "swap", str(resolved), "--staff", str(staff), who, when.isoformat(), "--take", "1"
            )
            break
    assert taken is not None and taken[0] == 0, taken
    swapped = tmp_path / "staff-roster-resolved-swapped.xlsx"
    assert check(problem, read_roster(swapped, problem)) == []
    january = tmp_path / "january.xlsx"
    following = _following(december, mended)
    # December's dated promotion shifts (N2 on Double-12) are not January's: left out,
    # as a manager deletes their rows (the reader refuses dates outside the month).
    shifts = tuple(s for s in following.shifts if s.dates is None)
    write_input_workbook(
        january, following.replace(previous=None, shifts=shifts), time_limit=1, seed=0
    )
    code, said = run("solve", str(january), "--previous", str(swapped), "--quiet", "--reproducible")
    assert code == 0, said
    jan = read_problem(january)
    previous = read_roster(swapped, problem)
    jan_roster = read_roster(tmp_path / "january-roster.xlsx", jan)
    assert check(jan.replace(previous=previous), jan_roster) == []
