"""Hostile workbooks at the reader: read correctly, or refused at the cell, quickly.

The bad cases are the table `BAD_BOOKS` of tests/badbooks.py, which the reader's and the
command's bad-workbook tests run one by one; here: the hostile cases that must be read
(`ODD_BOOKS`), the limits on sizes, rosters, and last month's roster.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from rostering import Agent, Problem, Roster, Rules
from rostering.roster import Assignment
from rostering.workbook import WorkbookError, read_previous, read_problem, read_roster
from rostering.workbook import files as workbook_files
from rostering.workbook.writer import build_roster_workbook

from .badbooks import BAD_BOOKS, ODD_BOOKS, OddBook, good, save

DECEMBER = date(2026, 12, 1)


@pytest.fixture(scope="module")
def good_problem(tmp_path_factory: pytest.TempPathFactory) -> Problem:
    path = tmp_path_factory.mktemp("good") / "good.xlsx"
    save(good(), path)
    return read_problem(path)


@pytest.mark.parametrize("case", ODD_BOOKS, ids=[c.name for c in ODD_BOOKS])
def test_odd_workbooks_are_read_for_what_they_hold(
    case: OddBook, good_problem: Problem, tmp_path: Path
) -> None:
    path = tmp_path / "odd.xlsx"
    case.build(path)
    before = path.read_bytes()
    started = time.perf_counter()
    problem = read_problem(path)
    elapsed = time.perf_counter() - started
    assert problem == case.expected(good_problem)
    assert path.read_bytes() == before
    assert elapsed < 15, f"{case.name}: {elapsed:.1f} s"  # a stray cell once cost 110 s


def test_the_odd_cases_differ_from_the_good_workbook(good_problem: Problem) -> None:
    """The expected problems are not all the good one: the cases check a reading."""
    changed = [c.name for c in ODD_BOOKS if c.expected(good_problem) != good_problem]
    assert set(changed) == {"formula_with_a_saved_value", "text_formula_with_a_saved_value"}


def test_every_hostile_family_has_cases() -> None:
    families = {case.family for case in BAD_BOOKS}
    assert {"formulas", "layout", "values", "files"} <= families
    for family in ("formulas", "layout", "values", "files"):
        assert sum(case.family == family for case in BAD_BOOKS) >= 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_not_read() -> None:
    started = time.perf_counter()
    with pytest.raises(WorkbookError, match="zero: is not a regular file"):
        read_problem("/dev/zero")
    assert time.perf_counter() - started < 5


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.xlsx"
    save(good(), path)
    monkeypatch.setattr(workbook_files, "MAX_FILE_BYTES", 1000)
    with pytest.raises(WorkbookError, match=r"big\.xlsx: is larger than 1000 bytes, the most"):
        read_problem(path)


def test_a_zip_bomb_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts' unpacked sizes are added up before anything is unpacked."""
    path = tmp_path / "bomb.xlsx"
    save(good(), path)
    monkeypatch.setattr(workbook_files, "MAX_UNPACKED_BYTES", 2000)
    with pytest.raises(
        WorkbookError, match=r"bomb\.xlsx: unpacks to \d+ bytes, more than the 2000"
    ):
        read_problem(path)


# -- rosters --------------------------------------------------------------------------------
def _team() -> Problem:
    return Problem(
        DECEMBER,
        (
            Agent("A01", "张敏", secondary_role="aftersales"),
            Agent("A02", "李娜", role="aftersales"),
        ),
        rules=Rules(promotion_days=(date(2026, 12, 12),), min_agents_per_shift=0),
    )


def test_the_second_role_mark_of_the_roster_grid_reads_as_the_second_role(
    tmp_path: Path,
) -> None:
    """The writer marks a day in the second role ``W*``: read alone, the Roster sheet
    gives the same roster, not an unknown shift ``W*``."""
    problem = _team()
    days = problem.days
    roster = Roster(
        [Assignment("A01", d, "W", role="aftersales" if d.day == 13 else None) for d in days]
        + [Assignment("A02", d, "N") for d in days]
    )
    book = build_roster_workbook(problem, roster)
    del book["Assignments"]
    book.save(tmp_path / "grid.xlsx")
    back = read_roster(tmp_path / "grid.xlsx", problem)
    assert back.get("A01", date(2026, 12, 13)) == Assignment(
        "A01", date(2026, 12, 13), "W", role="aftersales"
    )
    assert back == roster


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("#REF!", "Assignments!E2: the cell shows the error #REF!"),
        ("=B2", "Assignments!E2: the formula =B2 has no saved value"),
    ],
)
def test_an_unreadable_roster_cell_is_reported(tmp_path: Path, value: str, fragment: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["id", "name", "role", "date", "shift"])
    ws.append(["A01", "张敏", "presales", "2026-12-01", value])
    wb.save(tmp_path / "roster.xlsx")
    with pytest.raises(WorkbookError) as caught:
        read_roster(tmp_path / "roster.xlsx", _team())
    assert fragment in str(caught.value)


def _month_roster(path: Path, first: date, last: date) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["id", "date", "shift"])
    day = first
    while day <= last:
        ws.append(["A01", day.isoformat(), "W"])
        day = date.fromordinal(day.toordinal() + 1)
    wb.save(path)


@pytest.mark.parametrize(
    ("first", "last", "ends"),
    [
        (date(2026, 10, 1), date(2026, 10, 31), "2026-10-31"),  # two months back
        (date(2026, 11, 1), date(2026, 11, 29), "2026-11-29"),  # a day short
        (date(2026, 11, 1), date(2026, 12, 31), "2026-12-31"),  # this month's too
    ],
)
def test_last_months_roster_must_end_the_day_before(
    tmp_path: Path, first: date, last: date, ends: str
) -> None:
    path = tmp_path / "previous.xlsx"
    _month_roster(path, first, last)
    with pytest.raises(WorkbookError) as caught:
        read_previous(path, _team())
    assert f"previous.xlsx: the roster ends on {ends}, but last month's roster ends on " in str(
        caught.value
    )
    assert "2026-11-30, the day before 2026-12-01" in str(caught.value)


def test_last_months_roster_ending_the_day_before_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "previous.xlsx"
    _month_roster(path, date(2026, 11, 1), date(2026, 11, 30))
    previous = read_previous(path, _team())
    assert max(a.date for a in previous) == date(2026, 11, 30)
    assert len(previous) == 30
