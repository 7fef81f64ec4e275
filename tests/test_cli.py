"""The ``roster`` command, through click's CliRunner."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from rostering import REST, Problem, check
from rostering.cli import main
from rostering.workbook import read_problem, read_roster
from rostering.workbook.template import example_problem, example_staffing, write_input_workbook

from .badbooks import BAD_BOOKS, BadBook, good, save

EXAMPLES = Path(__file__).parent.parent / "examples"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    """The six-agent example team as an input workbook, with a short time limit."""
    path = tmp_path / "staff.xlsx"
    write_input_workbook(path, example_problem(), time_limit=5, seed=0)
    return path


@pytest.fixture
def solved(staff: Path, tmp_path: Path) -> Path:
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(main, ["solve", str(staff), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_help_on_every_command() -> None:
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0
    for command in ("solve", "template", "validate"):
        assert command in top.output
        sub = runner.invoke(main, [command, "--help"])
        assert sub.exit_code == 0, command
        assert "Exit codes" in sub.output


def test_usage_error_exits_2(staff: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(staff), "--workers", "zero"])
    assert result.exit_code == 2


def test_solve_writes_a_checked_roster(staff: Path, tmp_path: Path) -> None:
    before = _digest(staff)
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["solve", str(staff), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "status: optimal" in result.output
    assert "checker: every hard rule holds" in result.output
    assert _digest(staff) == before, "the input must not change"
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == [
        "Roster",
        "Assignments",
        "Shifts",
        "Coverage",
        "Handover",
        "Stats",
        "Requests",
        "Checks",
        "Summary",
    ]
    problem = read_problem(staff)
    roster = read_roster(out, problem)
    assert check(problem, roster) == []


def test_solve_default_output_sits_beside_the_input(staff: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(staff), "--quiet"])
    assert result.exit_code == 0, result.output
    assert (staff.parent / "staff-roster.xlsx").exists()


def test_solve_progress_goes_to_stderr(staff: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["solve", str(staff), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 0
    assert "rosters found" in result.stderr
    assert "gap" in result.stderr
    assert "rosters found" not in result.stdout


def test_solve_refuses_to_overwrite_the_input(staff: Path) -> None:
    before = _digest(staff)
    result = CliRunner().invoke(main, ["solve", str(staff), "-o", str(staff)])
    assert result.exit_code == 1
    assert "refusing to overwrite the input" in result.output
    assert _digest(staff) == before


def test_solve_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 1
    assert "file not found" in result.output
    assert "Traceback" not in result.output


def test_no_roster_exits_3_and_writes_only_the_summary(tmp_path: Path) -> None:
    # One rotating agent cannot cover both W and N every day.
    sheets = good()
    sheets["Staff"] = [["id", "name", "role", "shifts"], ["A01", "张敏", "presales", "W,N"]]
    del sheets["Leave"], sheets["Demand"], sheets["Peaks"]
    sheets["Rules"] = [["rule", "value"], ["month", "2026-12"]]
    path = tmp_path / "one.xlsx"
    save(sheets, path)
    out = tmp_path / "one-roster.xlsx"
    result = CliRunner().invoke(main, ["solve", str(path), "-o", str(out), "--time-limit", "5"])
    assert result.exit_code == 3, result.output
    assert "infeasible" in result.output
    assert "cannot all hold" in result.output and "coverage" in result.output
    book = load_workbook(out)
    assert book.sheetnames == ["Summary"]  # no Roster sheet: nothing to take for a roster


@pytest.mark.parametrize("case", BAD_BOOKS, ids=lambda c: c.name)
def test_bad_workbook_is_refused_with_the_cell(case: BadBook, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    case.build(path)
    before = _digest(path) if path.exists() else None
    out = tmp_path / "roster.xlsx"
    result = CliRunner().invoke(main, ["solve", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    for fragment in case.expected:
        assert fragment in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".roster.xlsx*")), "no temporary file left behind"
    if before is not None:
        assert _digest(path) == before


def test_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["template", str(path)])
    assert result.exit_code == 0, result.output
    problem = read_problem(path)
    expected = example_problem()  # plus the Forecast sheet's hourly demand
    assert problem == expected.replace(demand=(*expected.demand, *example_staffing().demand()))
    again = CliRunner().invoke(main, ["template", str(path)])
    assert again.exit_code == 1 and "--force" in again.output
    forced = CliRunner().invoke(main, ["template", str(path), "--force"])
    assert forced.exit_code == 0


def test_template_solves(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    CliRunner().invoke(main, ["template", str(path)])
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(
        main, ["solve", str(path), "-o", str(out), "--time-limit", "5", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_validate_a_valid_roster(staff: Path, solved: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(solved), "--staff", str(staff)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_a_hand_edited_roster(staff: Path, solved: Path, tmp_path: Path) -> None:
    """Change one working day of R02 to rest in the Roster sheet only: one rest day too
    many (rule 2). Without the Assignments sheet the Roster sheet is read."""
    book = load_workbook(solved)
    del book["Assignments"]
    grid = book["Roster"]
    problem: Problem = read_problem(staff)
    roster = read_roster(solved, problem)
    day = next(d for d in problem.days if roster.shift("R02", d) == "R")
    target = None
    for row in grid.iter_rows():
        if row[0].value == "R02":
            target = row
    assert target is not None
    column = 3 + (day - date(2026, 12, 1)).days
    assert target[column].value == "R"
    target[column].value = "休"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    result = CliRunner().invoke(main, ["validate", str(edited), "--staff", str(staff)])
    assert result.exit_code == 1, result.output
    assert "rest_days" in result.output
    assert "R02" in result.output
    assert read_roster(edited, problem).shift("R02", day) == REST


def test_validate_writes_a_checked_copy(staff: Path, solved: Path, tmp_path: Path) -> None:
    out = tmp_path / "checked.xlsx"
    result = CliRunner().invoke(
        main, ["validate", str(solved), "--staff", str(staff), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Checks" in load_workbook(out, read_only=True).sheetnames


def test_validate_refuses_to_overwrite_an_input(staff: Path, solved: Path) -> None:
    before = _digest(solved)
    result = CliRunner().invoke(
        main, ["validate", str(solved), "--staff", str(staff), "-o", str(solved)]
    )
    assert result.exit_code == 1
    assert _digest(solved) == before


def test_shipped_examples_read(tmp_path: Path) -> None:
    for name in ("seed_team.xlsx", "double12.xlsx"):
        copy = tmp_path / name
        shutil.copy(EXAMPLES / name, copy)
        problem = read_problem(copy)
        assert problem.start == date(2026, 12, 1)
    double12 = read_problem(EXAMPLES / "double12.xlsx")
    assert len(double12.agents) == 60
    assert {a.role for a in double12.agents} == {
        "presales",
        "aftersales",
        "order_change",
        "payment_chase",
        "phone",
        "escalation",
    }
    assert double12.rules.promotion_days == (date(2026, 12, 11), date(2026, 12, 12))
    assert double12.demand and double12.leave and double12.requests
