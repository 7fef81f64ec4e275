"""The printed roster is the truth: the Roster sheet (排班表) is read, as the manager sees it.

Edits of the Roster sheet are caught by ``validate`` and kept by ``resolve``; every cell
where the Roster and Assignments sheets disagree is listed; hand-typed cells (休, 假,
lower case, Chinese names, times) are read, or named by cell when they name nothing.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from rostering import LEAVE, REST, Agent, Problem, Roster, check
from rostering.cli import main
from rostering.workbook import (
    read_previous_sheets,
    read_problem,
    read_roster,
    read_roster_sheets,
)
from rostering.workbook.template import example_problem, write_input_workbook
from rostering.workbook.writer import write_roster_workbook

FIRST_DAY_COLUMN = 4  # the writer's Roster sheet: id, name, role, then one column per day
FIRST_AGENT_ROW = 4


@dataclass(frozen=True)
class Solved:
    staff: Path
    roster_file: Path
    problem: Problem
    roster: Roster


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Solved:
    """The six-agent example team, solved once by the command (a reproducible budget)."""
    folder = tmp_path_factory.mktemp("printed")
    staff = folder / "staff.xlsx"
    write_input_workbook(staff, example_problem(), time_limit=2, seed=0)
    out = folder / "roster.xlsx"
    done = CliRunner().invoke(
        main, ["solve", str(staff), "-o", str(out), "--quiet", "--reproducible"]
    )
    assert done.exit_code == 0, done.output
    problem = read_problem(staff)
    return Solved(staff, out, problem, read_roster(out, problem))


def _cell(problem: Problem, agent: str, day: date) -> str:
    """The Roster sheet's cell of ``agent`` on ``day`` (the writer's layout)."""
    row = FIRST_AGENT_ROW + [a.id for a in problem.agents].index(agent)
    return f"{get_column_letter(FIRST_DAY_COLUMN + (day - problem.start).days)}{row}"


def _assignments_cell(problem: Problem, agent: str, day: date) -> str:
    """The Assignments sheet's shift cell of ``agent`` on ``day`` (one row per agent and day)."""
    index = [a.id for a in problem.agents].index(agent)
    return f"E{2 + index * problem.num_days + (day - problem.start).days}"


def _run(roster: Roster, agent: str, day: date, step: int) -> int:
    """Working days in a row next to ``day`` (before it: ``step`` -1; after: +1)."""
    count, d = 0, day + timedelta(days=step)
    while roster.shift(agent, d) not in (None, REST, LEAVE):
        count += 1
        d += timedelta(days=step)
    return count


def _overlong_edit(solved: Solved) -> tuple[str, date, str]:
    """A rest day of a rotating agent that, worked like the day before, makes more than
    six working days in a row, with at most six up to it (so a re-roster from the next
    day can mend it): agent, date, the code to type."""
    limit = solved.problem.rules.max_consecutive_work_days
    for agent in ("A01", "A02", "A04"):
        for day in solved.problem.days[1:-1]:
            if solved.roster.shift(agent, day) != REST:
                continue
            before = _run(solved.roster, agent, day, -1)
            after = _run(solved.roster, agent, day, 1)
            code = solved.roster.shift(agent, day - timedelta(days=1))
            if code in ("W", "N") and before + 1 <= limit < before + 1 + after:
                return agent, day, code
    raise AssertionError("no rest day to edit into an over-long run")


def _edit(source: Path, target: Path, sheet: str, cells: dict[str, object]) -> None:
    book = load_workbook(source)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(target)


# -- validate, resolve, swap and --previous read the Roster sheet ---------------------------
def test_an_edit_of_the_roster_sheet_is_caught_by_validate(solved: Solved, tmp_path: Path) -> None:
    agent, day, code = _overlong_edit(solved)
    ref = _cell(solved.problem, agent, day)
    assert load_workbook(solved.roster_file)["Roster"][ref].value == "休"
    edited = tmp_path / "edited.xlsx"
    _edit(solved.roster_file, edited, "Roster", {ref: code})

    done = CliRunner().invoke(main, ["validate", str(edited), "--staff", str(solved.staff)])

    assert done.exit_code == 1, done.output
    listed = _assignments_cell(solved.problem, agent, day)
    assert f"Roster!{ref}: {code}, Assignments!{listed} says OFF ({agent}, {day})" in done.output
    assert "differs from the Assignments sheet in 1 cell(s)" in done.output
    assert f"rule days_in_a_row: {agent}:" in done.output
    assert "valid, every hard rule holds" not in done.output
    read = read_roster(edited, solved.problem)
    assert read.shift(agent, day) == code
    assert any(v.rule == "days_in_a_row" for v in check(solved.problem, read))


def test_resolve_keeps_an_edit_of_the_roster_sheet(solved: Solved, tmp_path: Path) -> None:
    agent, day, code = _overlong_edit(solved)
    edited = tmp_path / "edited.xlsx"
    _edit(solved.roster_file, edited, "Roster", {_cell(solved.problem, agent, day): code})
    out = tmp_path / "resolved.xlsx"
    after = day + timedelta(days=1)

    done = CliRunner().invoke(
        main,
        [
            "resolve",
            str(edited),
            "--staff",
            str(solved.staff),
            "--from",
            after.isoformat(),
            "-o",
            str(out),
            "--quiet",
            "--reproducible",
            "--time-limit",
            "3",
        ],
    )

    assert done.exit_code == 0, done.output
    assert "Roster!" in done.output  # the difference is said
    new = read_roster(out, solved.problem)
    assert new.shift(agent, day) == code  # kept: before --from nothing changes
    assert check(solved.problem, new) == []  # and from --from on every rule holds again
    for other in solved.problem.days:
        if other < after:
            assert new.shift(agent, other) == read_roster(edited, solved.problem).shift(
                agent, other
            )


def test_swap_reads_the_roster_sheet(solved: Solved, tmp_path: Path) -> None:
    """Two agents' cells exchanged by hand in the Roster sheet, then swapped back by the
    command: the roster it writes is the solved one again, which keeps every rule (read
    from the Assignments sheet, the swap would have exchanged the solved cells instead,
    which the template roster never allows)."""
    problem, roster = solved.problem, solved.roster
    ids = [a.id for a in problem.agents]
    one, two, day = next(
        (a, b, d)
        for a in ids
        for b in ids
        if a < b
        for d in problem.days
        if LEAVE not in (roster.shift(a, d), roster.shift(b, d))
        and roster.shift(a, d) != roster.shift(b, d)
    )
    first, second = roster.shift(one, day), roster.shift(two, day)
    assert first is not None and second is not None
    mark = {REST: "休"}
    edited = tmp_path / "edited.xlsx"
    cells = {
        _cell(problem, one, day): mark.get(second, second),
        _cell(problem, two, day): mark.get(first, first),
    }
    _edit(solved.roster_file, edited, "Roster", cells)
    out = tmp_path / "swapped.xlsx"

    args = ["swap", str(edited), one, two, day.isoformat()]
    done = CliRunner().invoke(main, [*args, "--staff", str(solved.staff), "-o", str(out)])

    assert done.exit_code == 0, done.output
    assert f"Roster!{_cell(problem, one, day)}: {mark.get(second, second)}, " in done.output
    assert f"swap ok: {one} now {first}, {two} now {second} on {day}" in done.output
    assert read_roster(out, problem).without_times() == roster.without_times()


def test_previous_reads_last_months_roster_sheet(solved: Solved, tmp_path: Path) -> None:
    january = solved.problem.replace(
        start=date(2027, 1, 1),
        end=date(2027, 1, 31),
        rules=solved.problem.rules.with_(promotion_days=()),
        leave=(),
        requests=(),
        demand=(),
        peaks=(),
    )
    last = date(2026, 12, 31)
    code = solved.roster.shift("A01", last)
    typed = "休" if code != REST else "W"
    edited = tmp_path / "december.xlsx"
    _edit(solved.roster_file, edited, "Roster", {_cell(solved.problem, "A01", last): typed})

    reading = read_previous_sheets(edited, january)

    assert reading.roster.shift("A01", last) == (REST if typed == "休" else "W")
    assert [n.cell for n in reading.differences] == [_cell(solved.problem, "A01", last)]


# -- the two sheets disagree ---------------------------------------------------------------
def _says(book: Workbook, problem: Problem, agent: str, day: date) -> str:
    """What the Assignments sheet of ``book`` says of ``agent`` on ``day``."""
    row = int(_assignments_cell(problem, agent, day)[1:])
    shift, start, end = (book["Assignments"].cell(row=row, column=c).value for c in (5, 6, 7))
    return f"{shift} {start}-{end}" if start and end and shift not in (REST, LEAVE) else shift


def test_every_disagreement_is_listed_by_cell(solved: Solved, tmp_path: Path) -> None:
    problem = solved.problem
    days = problem.days
    changed, blanked, listed_day = days[1], days[2], days[6]
    original = load_workbook(solved.roster_file)
    code = solved.roster.shift("R01", changed)
    typed = "休" if code != REST else "R"
    book = load_workbook(solved.roster_file)
    book["Roster"][_cell(problem, "R01", changed)] = typed
    book["Roster"][_cell(problem, "R02", blanked)] = None
    # the Assignments sheet changed by hand where the Roster sheet was not: listed too
    book["Assignments"][_assignments_cell(problem, "A02", listed_day)] = "LEAVE"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)

    reading = read_roster_sheets(edited, problem)

    assert reading.sheet == "Roster" and reading.compared == "Assignments"
    a02 = original["Roster"][_cell(problem, "A02", listed_day)].value
    shown = [str(n) for n in reading.differences]
    assert shown == [  # the Roster sheet's rows in order, then its blank cells
        f"Roster!{_cell(problem, 'A02', listed_day)}: {a02}, "
        f"Assignments!{_assignments_cell(problem, 'A02', listed_day)} says LEAVE "
        f"(A02, {listed_day})",
        f"Roster!{_cell(problem, 'R01', changed)}: {typed}, "
        f"Assignments!{_assignments_cell(problem, 'R01', changed)} says "
        f"{_says(original, problem, 'R01', changed)} (R01, {changed})",
        f"Roster!{_cell(problem, 'R02', blanked)}: blank, "
        f"Assignments!{_assignments_cell(problem, 'R02', blanked)} says "
        f"{_says(original, problem, 'R02', blanked)} (R02, {blanked})",
    ]
    roster = reading.roster  # the Roster sheet wins everywhere
    assert roster.shift("R01", changed) == (REST if typed == "休" else "R")
    assert roster.shift("R02", blanked) is None
    assert roster.shift("A02", listed_day) == solved.roster.shift("A02", listed_day)
    lines = reading.lines("edited.xlsx")
    assert lines[0].startswith("edited.xlsx: the Roster sheet (what is printed) is read")
    assert lines[1:] == [f"  {s}" for s in shown]


def test_agreeing_sheets_keep_the_assignments_times(solved: Solved) -> None:
    """The grid shows codes only; where the sheets agree, the handover's early start
    stated in the Assignments sheet is kept."""
    reading = read_roster_sheets(solved.roster_file, solved.problem)
    assert reading.differences == () and reading.unknown == ()
    assert reading.roster == solved.roster
    nights = [a for a in reading.roster if a.shift == "N"]
    assert nights and all(a.start is not None and a.start.minute in (45, 50) for a in nights)


def test_a_row_missing_from_the_roster_sheet_is_said(solved: Solved, tmp_path: Path) -> None:
    book = load_workbook(solved.roster_file)
    book["Roster"].delete_rows(FIRST_AGENT_ROW + 5)  # R02's row
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    reading = read_roster_sheets(edited, solved.problem)
    assert [str(n) for n in reading.differences] == [
        f"Roster: no row for R02, but the Assignments sheet has {solved.problem.num_days} "
        "entries for R02: the Roster sheet wins, so R02 has no entries"
    ]
    assert "R02" not in reading.roster.agents()


def test_the_assignments_sheet_alone_is_read_as_it_is(solved: Solved, tmp_path: Path) -> None:
    book = load_workbook(solved.roster_file)
    del book["Roster"]
    alone = tmp_path / "alone.xlsx"
    book.save(alone)
    reading = read_roster_sheets(alone, solved.problem)
    assert reading.sheet == "Assignments" and reading.compared is None
    assert reading.differences == ()
    assert reading.roster == solved.roster


# -- hand-typed cells ------------------------------------------------------------------------
DECEMBER = date(2026, 12, 1)


def _team() -> Problem:
    return Problem(
        DECEMBER,
        (
            Agent("A01", "张敏", "presales", ("W", "N")),
            Agent("B01", "李娜", "aftersales", ("W", "N"), secondary_role="presales"),
        ),
        end=date(2026, 12, 3),
    )


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute)


TYPED: list[tuple[object, str, tuple[datetime | None, datetime | None]]] = [
    ("休", REST, (None, None)),
    ("休息", REST, (None, None)),
    ("off", REST, (None, None)),
    ("Rest", REST, (None, None)),
    ("调休", REST, (None, None)),
    ("假", LEAVE, (None, None)),
    ("年假", LEAVE, (None, None)),
    ("病假", LEAVE, (None, None)),
    ("leave", LEAVE, (None, None)),
    ("w", "W", (None, None)),
    ("n ", "N", (None, None)),
    ("Ｗ", "W", (None, None)),  # full width
    ("白班", "W", (None, None)),
    ("晚班", "N", (None, None)),
    ("夜班", "N", (None, None)),
    ("白", "W", (None, None)),
    ("N 16:45-01:00", "N", (at(2, 16, 45), at(3, 1))),
    ("n（16:50～01:00）", "N", (at(2, 16, 50), at(3, 1))),
    ("16:45-01:00", "N", (at(2, 16, 45), at(3, 1))),
    ("8:00-17:00", "W", (at(2, 8), at(2, 17))),
    ("白班 08:00-17:00", "W", (at(2, 8), at(2, 17))),
]


def _one_cell(path: Path, value: object) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "排班表"
    ws.append(["工号", "姓名", 1, 2, 3])
    ws.append(["A01", "张敏", "W", value, "N"])
    book.save(path)


@pytest.mark.parametrize(("typed", "code", "times"), TYPED, ids=[str(t[0]) for t in TYPED])
def test_hand_typed_cells_are_understood(
    tmp_path: Path,
    typed: object,
    code: str,
    times: tuple[datetime | None, datetime | None],
) -> None:
    path = tmp_path / "typed.xlsx"
    _one_cell(path, typed)
    reading = read_roster_sheets(path, _team())
    assert reading.unknown == ()
    cell = reading.roster.get("A01", date(2026, 12, 2))
    assert cell is not None
    assert (cell.shift, cell.start, cell.end) == (code, *times)


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("X", "'X' is not a shift code (W, N, R), 休 (rest) or 假 (leave)"),
        ("16:30-01:00", "no shift has the times 16:30-01:00"),
        (time(8, 0), "a time or date (08:00) is not a roster entry"),
        ("夜间", "'夜间' is not a shift code"),
    ],
)
def test_cells_not_understood_are_named_by_cell(
    tmp_path: Path, typed: object, fragment: str
) -> None:
    path = tmp_path / "typed.xlsx"
    _one_cell(path, typed)
    problem = _team()
    reading = read_roster_sheets(path, problem)
    assert [(n.sheet, n.cell) for n in reading.unknown] == [("排班表", "D2")]
    assert fragment in reading.unknown[0].message
    assert "kept as written" in reading.unknown[0].message
    assert check(problem, reading.roster)  # the checker reports it too: never valid
    assert (
        reading.lines("typed.xlsx")[0] == "typed.xlsx: 1 cell(s) not understood, kept as written:"
    )


def test_the_second_role_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "second.xlsx"
    book = Workbook()
    ws = book.active
    ws.title = "Roster"
    ws.append(["id", "name", 1, 2])
    ws.append(["B01", "李娜", "W*", "w *"])
    book.save(path)
    roster = read_roster(path, _team())
    assert [(a.shift, a.role) for a in roster] == [("W", "presales"), ("W", "presales")]


def test_validate_names_a_cell_it_cannot_read(solved: Solved, tmp_path: Path) -> None:
    day = solved.problem.days[9]
    ref = _cell(solved.problem, "R01", day)
    edited = tmp_path / "edited.xlsx"
    _edit(solved.roster_file, edited, "Roster", {ref: "早"})
    done = CliRunner().invoke(main, ["validate", str(edited), "--staff", str(solved.staff)])
    assert done.exit_code == 1, done.output
    codes = ", ".join(s.code for s in solved.problem.shifts)  # W, N, R and the variant N2
    assert f"Roster!{ref}: '早' is not a shift code ({codes})" in done.output
    assert "unknown shift '早'" in done.output


def test_the_input_is_never_modified(solved: Solved, tmp_path: Path) -> None:
    copy = tmp_path / "copy.xlsx"
    shutil.copy(solved.roster_file, copy)
    before = copy.read_bytes()
    read_roster_sheets(copy, solved.problem)
    write_roster_workbook(tmp_path / "other.xlsx", solved.problem, solved.roster)
    assert copy.read_bytes() == before
