"""DataFrames out (Result.to_frames, Roster.to_frame) and write_workbook for any result."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from rostering import (
    LEAVE,
    REST,
    ROLES,
    Agent,
    Problem,
    Result,
    Roster,
    check,
    solve,
    write_workbook,
)
from rostering.frames import FRAME_COLUMNS, FrameError, FrameProblem, RosterFrames, roster_frames
from rostering.report import agent_stats, hourly_online, team_roles
from rostering.rules import HARD_RULES
from rostering.rules.view import View
from rostering.workbook import read_problem
from rostering.workbook.template import example_problem, example_staffing, write_input_workbook
from rostering.workbook.writer import write_roster_workbook

NUMPY_DTYPES = {"int64", "float64", "bool", "datetime64[ns]"}


@pytest.fixture(scope="module")
def result() -> Result:
    """The six-agent example team (with leave, a request and a promotion day), solved."""
    solved = solve(example_problem(), time_limit=1, workers=1, seed=0)
    assert solved.roster is not None
    return solved


@pytest.fixture(scope="module")
def infeasible() -> Result:
    """One rotating agent cannot cover W and N every day: no roster."""
    solved = solve(Problem(date(2026, 12, 1), (Agent("A01"),)), time_limit=1, workers=1)
    assert solved.roster is None
    return solved


def _assert_columns(frames: RosterFrames, problem: Problem) -> None:
    """Every frame has exactly the documented columns, in order, with their dtypes."""
    codes = [s.code for s in problem.shifts] + [REST, LEAVE]
    for name, frame in frames.items():
        expected: list[tuple[str, str]] = []
        for col in FRAME_COLUMNS[name]:
            if col.name == "online_<role>":
                expected += [(f"online_{r}", "int64") for r in team_roles(problem)]
            else:
                expected.append((col.name, col.dtype))
        assert list(frame.columns) == [c for c, _ in expected], name
        for column, dtype in expected:
            series = frame[column]
            if dtype in NUMPY_DTYPES:
                assert str(series.dtype) == dtype, (name, column)
            elif dtype == "Int64":
                assert isinstance(series.dtype, pd.Int64Dtype), (name, column)
            elif dtype == "string":
                assert isinstance(series.dtype, pd.StringDtype), (name, column)
            else:
                assert isinstance(series.dtype, pd.CategoricalDtype), (name, column)
                wanted = codes if dtype == "shift" else list(ROLES)
                assert list(series.cat.categories) == wanted, (name, column)


def test_frames_have_the_documented_columns_and_dtypes(result: Result) -> None:
    _assert_columns(result.to_frames(), result.problem)


def test_assignments_are_the_roster_cell_by_cell(result: Result) -> None:
    problem, roster = result.problem, result.roster
    assert roster is not None
    frame = result.to_frames().assignments
    assert len(frame) == len(problem.agents) * problem.num_days
    view = View(problem, roster)
    names = {a.id: a.name for a in problem.agents}
    for row in frame.itertuples():
        day = row.date.date()
        assert row.shift == roster.shift(row.id, day)
        assert row.name == names[row.id]
        span = view.interval(row.id, day)
        if span is None:
            assert pd.isna(row.start) and pd.isna(row.end)
        else:
            assert (row.start.to_pydatetime(), row.end.to_pydatetime()) == span
        pause = view.break_of(row.id, day)
        if pause is None:
            assert pd.isna(row.break_start) and pd.isna(row.break_end)
        else:
            assert (row.break_start.to_pydatetime(), row.break_end.to_pydatetime()) == pause
    # one spelling of rest and leave, as in the Assignments sheet
    assert set(frame["shift"].astype(str)) == {"W", "N", "N2", "R", REST, LEAVE}
    leave = frame[(frame["id"] == "A03") & (frame["date"] == datetime(2026, 12, 3))]
    assert leave["shift"].tolist() == [LEAVE]
    # a night shift ends the next day
    night = frame[frame["shift"] == "N"].iloc[0]
    assert night["end"].date() == night["date"].date() + pd.Timedelta(days=1)


def test_coverage_stats_checks_and_terms_agree_with_the_reports(result: Result) -> None:
    problem, roster = result.problem, result.roster
    assert roster is not None
    frames = result.to_frames()
    online = hourly_online(problem, roster)
    cov = frames.coverage
    assert len(cov) == problem.num_days * 24
    for row in cov.itertuples():
        assert row.online == online[None][row.date.date()][row.hour]
        assert row.start == row.date + pd.Timedelta(hours=row.hour)
    assert cov["peak"].sum() > 0 and cov.loc[cov["peak"], "possible"].notna().all()
    assert cov.loc[~cov["peak"], "possible"].isna().all()
    stats = agent_stats(problem, roster)
    assert frames.stats["rest_days"].tolist() == [s.rest_days for s in stats]
    assert frames.stats["hours"].tolist() == [s.hours for s in stats]
    assert len(frames.checks) == len(HARD_RULES) and frames.checks["passed"].all()
    assert frames.violations.empty
    assert frames.terms["points"].sum() == pytest.approx(result.objective)
    assert len(frames.handovers) == len(result.handovers)
    demand = frames.demand  # the example asks for 2 pre-sales agents on N on 12-12
    assert demand[["what", "required"]].values.tolist() == [["N", 2]]
    assert demand["have"].iloc[0] >= 2 and demand["missing"].iloc[0] == 0


def test_a_broken_hand_made_roster_shows_its_violations() -> None:
    problem = example_problem()
    grid = {a.id: ["W"] * problem.num_days for a in problem.agents}
    roster = Roster.from_grid(problem.start, grid)
    frames = roster_frames(problem, roster)
    _assert_columns(frames, problem)
    assert not frames.checks["passed"].all()
    assert len(frames.violations) == len(check(problem, roster))
    assert frames.terms.empty  # not solved here: no objective terms


def test_roster_to_frame_without_its_problem(result: Result) -> None:
    roster = result.roster
    assert roster is not None
    frame = roster.to_frame()
    assert len(frame) == len(roster)
    assert frame["name"].isna().all()
    assert frame["shift"].astype(str).tolist() == [a.shift for a in roster]
    assert list(frame.columns) == [c.name for c in FRAME_COLUMNS["assignments"]]


def test_no_roster_gives_empty_frames_with_their_columns(infeasible: Result) -> None:
    frames = infeasible.to_frames()
    _assert_columns(frames, infeasible.problem)
    assert all(frame.empty for _, frame in frames.items())


# -- writing workbooks ------------------------------------------------------------------------
def test_write_workbook_of_a_result(result: Result, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    assert write_workbook(path, result) is True
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["Roster", "Assignments"]
    assert str(book["Checks"]["A1"].value).startswith("PASS")


def test_write_workbook_without_a_roster_writes_only_the_summary(
    infeasible: Result, tmp_path: Path
) -> None:
    path = tmp_path / "none.xlsx"
    assert write_workbook(path, infeasible) is False
    assert load_workbook(path).sheetnames == ["Summary"]


def test_writing_none_as_a_roster_is_a_clear_error(infeasible: Result, tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    with pytest.raises(TypeError, match="no roster to write"):
        write_roster_workbook(path, infeasible.problem, infeasible.roster)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pass the Result itself"):
        write_workbook(path, infeasible.roster)  # type: ignore[arg-type]
    assert not path.exists()


def test_write_workbook_of_a_hand_made_roster(tmp_path: Path) -> None:
    problem = example_problem()
    roster = Roster.from_grid(problem.start, {a.id: ["W"] for a in problem.agents})
    with pytest.raises(ValueError, match="needs its problem"):
        write_workbook(tmp_path / "x.xlsx", roster)
    assert write_workbook(tmp_path / "x.xlsx", roster, problem=problem) is True
    assert str(load_workbook(tmp_path / "x.xlsx")["Checks"]["A1"].value).startswith("FAIL")


# -- frames in ---------------------------------------------------------------------------------
STAFF = pd.DataFrame(
    {
        "id": ["A01", "A02", "A03", "A04", "R01", "R02"],
        "name": ["张敏", "李娜", "王芳", "刘洋", "陈静", "杨磊"],
        "role": ["presales"] * 6,
        "shifts": ["W,N"] * 4 + ["R"] * 2,
    }
)
MONTH = {"month": "2026-12"}


def test_frames_read_from_the_workbook_give_its_problem(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    write_input_workbook(path, example_problem(), time_limit=5, seed=0)
    sheets = pd.read_excel(path, sheet_name=None)  # Timestamps, times, NaN blanks, int64
    tables = {name.lower(): frame for name, frame in sheets.items() if name != "README"}
    staff = tables.pop("staff")
    assert Problem.from_frames(staff, **tables) == read_problem(path) == example_problem()


def test_the_staffing_and_forecast_frames_add_the_hourly_demand(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    write_input_workbook(path, example_problem(), staffing=example_staffing())
    sheets = pd.read_excel(path, sheet_name=None)
    tables = {name.lower(): frame for name, frame in sheets.items() if name != "README"}
    problem = Problem.from_frames(tables.pop("staff"), **tables)
    assert problem == read_problem(path)
    assert len(problem.demand) > len(example_problem().demand)  # the forecast's hours


def test_frames_take_python_and_numpy_values_and_chinese_names() -> None:
    staff = pd.DataFrame(
        {
            "工号": pd.Series([1001, 1002, 1003, 1004], dtype="int64"),
            "姓名": ["张敏", "李娜", "王芳", "刘洋"],
            "岗位": pd.Categorical(["售前", "presales", "售前", "售前"]),
            "可上班次": [["W", "N"], ("W", "N"), "W,N", None],
        }
    )
    leave = pd.DataFrame(
        {"id": ["1001", "1002"], "start": pd.to_datetime(["2026-12-03", "2026-12-20"]),
         "end": [date(2026, 12, 4), pd.NaT]}
    )  # fmt: skip
    demand = pd.DataFrame({"shift": ["W", None], "start": [None, time(20)],
                           "end": [None, "22:00"], "required": np.array([1, 2])})  # fmt: skip
    rules = {"month": date(2026, 12, 1), "promotion_days": [date(2026, 12, 12)],
             "rest_days_per_month": np.int64(4), "promotion_all_on_duty": True}  # fmt: skip
    problem = Problem.from_frames(staff, leave=leave, demand=demand, rules=rules)
    assert [a.id for a in problem.agents] == ["1001", "1002", "1003", "1004"]
    assert all(a.shifts == ("W", "N") for a in problem.agents)
    assert [(lv.agent, lv.date.day) for lv in problem.leave] == [
        ("1001", 3), ("1001", 4), ("1002", 20),
    ]  # fmt: skip
    assert problem.demand[1].start == time(20) and problem.demand[1].required == 2
    assert problem.rules.promotion_days == (date(2026, 12, 12),)


def _bad(**changes: object) -> dict[str, object]:
    tables: dict[str, object] = {"staff": STAFF, "rules": MONTH}
    tables.update(changes)
    return tables


BAD_FRAMES = [
    ("unknown role", _bad(staff=STAFF.assign(role=["presales"] * 5 + ["boss"])),
     FrameProblem("staff", 5, "role", "unknown role 'boss' (expected presales, aftersales")),
    ("unknown shift", _bad(staff=STAFF.assign(shifts=["W,N"] * 5 + ["X"])),
     FrameProblem("staff", 5, "shifts", "unknown shift 'X' (shifts: W, N, R)")),
    ("duplicate id", _bad(staff=STAFF.assign(id=["A01", "A02", "A03", "A04", "R01", "A02"])),
     FrameProblem("staff", 5, "id", "duplicate id 'A02' (first on row 1)")),
    ("index labels", _bad(staff=STAFF.set_axis(list("abcdef")).assign(role=[""] * 5 + ["x"])),
     FrameProblem("staff", "a", "role", "missing role")),
    ("missing column", _bad(staff=STAFF.drop(columns="role")),
     FrameProblem("staff", None, None, "missing column 'role' (岗位)")),
    ("leave outside the month", _bad(leave=pd.DataFrame({"id": ["A01"], "date": ["2027-01-02"]})),
     FrameProblem("leave", 0, "date", "2027-01-02 is outside the month 2026-12")),
    ("leave of a stranger", _bad(leave=pd.DataFrame({"id": ["Z9"], "date": ["2026-12-02"]})),
     FrameProblem("leave", 0, "id", "unknown id 'Z9' (not in Staff)")),
    ("bad time", _bad(shifts=pd.DataFrame({"code": ["P"], "start": ["7pm"], "end": ["02:00"]})),
     FrameProblem("shifts", 0, "start", "invalid time '7pm' (expected HH:MM)")),
    ("unknown rule", _bad(rules={"month": "2026-12", "rest_days": 4}),
     FrameProblem("rules", 1, "rule", "unknown rule 'rest_days'")),
    ("bad rule value", _bad(rules={"month": "2026-12", "rest_days_mode": "most"}),
     FrameProblem("rules", 1, "value", "rest_days_mode must be 'exact' or 'min', got 'most'")),
    ("bad required", _bad(demand=pd.DataFrame({"shift": ["W"], "required": [1.5]})),
     FrameProblem("demand", 0, "required", "required must be a whole number >= 0, got 1.5")),
]  # fmt: skip


@pytest.mark.parametrize("name, tables, expected", BAD_FRAMES, ids=[b[0] for b in BAD_FRAMES])
def test_bad_frames_name_table_row_and_column(
    name: str, tables: dict[str, Any], expected: FrameProblem
) -> None:
    staff = tables.pop("staff")
    with pytest.raises(FrameError) as caught:
        Problem.from_frames(staff, **tables)
    found = caught.value.errors[0]
    assert (found.table, found.row, found.column) == (expected.table, expected.row, expected.column)
    assert found.message.startswith(expected.message), found.message


def test_every_bad_cell_is_reported_at_once() -> None:
    staff = STAFF.assign(role=["boss"] * 6)
    leave = pd.DataFrame({"id": ["A01", "A02"], "date": ["someday", "2026-12-40"]})
    with pytest.raises(FrameError) as caught:
        Problem.from_frames(staff, leave=leave, rules=MONTH)
    assert len(caught.value.errors) == 8
    assert str(caught.value.errors[-1]) == (
        "leave, row 1, column 'date': invalid date '2026-12-40' (expected YYYY-MM-DD)"
    )


def test_unknown_tables_and_values_that_are_not_frames() -> None:
    with pytest.raises(TypeError, match="unknown tables"):
        Problem.from_frames(STAFF, events=pd.DataFrame())
    with pytest.raises(TypeError, match="leave: expected a pandas DataFrame"):
        Problem.from_frames(STAFF, leave={"A01": "2026-12-03"})
