"""The workbook edge: the template round trip, aliases, defaults, bad workbooks, rosters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rostering import (
    DEFAULT_PEAK_WINDOWS,
    LEAVE,
    REST,
    Agent,
    Demand,
    Leave,
    PeakWindow,
    Problem,
    Request,
    Roster,
    Rules,
    ShiftType,
    Weights,
)
from rostering.workbook import (
    CellError,
    WorkbookError,
    read_problem,
    read_roster,
    read_workbook,
    write_template,
)
from rostering.workbook.inputs import RULE_CONVERTERS, RULE_KEYS, SHEETS
from rostering.workbook.template import example_staffing

from .badbooks import BAD_BOOKS, BadBook, Sheets, good, save

DECEMBER = date(2026, 12, 1)
DOUBLE_12 = date(2026, 12, 12)


# -- the template ---------------------------------------------------------------------------
def test_template_round_trips_to_the_article_team(tmp_path: Path) -> None:
    path = write_template(tmp_path / "staff.xlsx")
    problem = read_problem(path, today=date(2020, 1, 1))
    expected = Problem(
        DECEMBER,
        (
            Agent("A01", "张敏"),
            Agent("A02", "李娜"),
            Agent("A03", "王芳"),
            Agent("A04", "刘洋"),
            Agent("R01", "陈静", shifts=("R",)),
            Agent("R02", "杨磊", shifts=("R",)),
        ),
        shifts=(
            ShiftType("W", "白班", time(8), time(17), None, None, 60, (time(11), time(14))),
            ShiftType("N", "晚班", time(17), time(1), None, None, 30, (time(17, 30), time(19, 30))),
            ShiftType("R", "常班", time(9), time(18), None, None, 60, (time(11), time(14))),
            ShiftType(
                "N2",
                "大促晚班",
                time(17),
                time(2),
                frozenset({date(2026, 12, 11), DOUBLE_12}),
                "N",
                30,
                (time(17, 30), time(19, 30)),
            ),
        ),
        rules=Rules(promotion_days=(DOUBLE_12,)),
        leave=(Leave("A03", date(2026, 12, 3)),),
        requests=(Request("R01", date(2026, 12, 24)),),
        demand=(Demand(2, DOUBLE_12, "presales", "N"), *example_staffing().demand()),
        peaks=tuple(PeakWindow(p.start, p.end, DOUBLE_12) for p in DEFAULT_PEAK_WINDOWS),
    )
    assert problem == expected
    book = read_workbook(path)
    assert book.time_limit is None and book.seed is None and book.path == path


def test_template_layout(tmp_path: Path) -> None:
    path = write_template(tmp_path / "staff.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "README",
        "Staff",
        "Rules",
        "Shifts",
        "Leave",
        "Demand",
        "Peaks",
        "Limits",
        "Holidays",
        "Staffing",
        "Forecast",
    ]
    for spec in SHEETS:
        ws = wb[spec.name]
        assert ws.freeze_panes == "A2"
        for col, column in enumerate(spec.columns, start=1):
            cell = ws.cell(row=1, column=col)
            assert cell.value == column.name
            assert cell.font.bold
            assert cell.comment is not None and column.zh in cell.comment.text
    rules = {row[0]: row[1] for row in wb["Rules"].iter_rows(min_row=2, values_only=True)}
    assert set(rules) == set(RULE_KEYS)
    assert rules["month"] == "2026-12" and rules["rest_days_per_month"] == 4
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_template_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_text("old")
    write_template(path)
    assert read_problem(path).num_days == 31


def test_every_rule_key_has_a_note_and_a_converter() -> None:
    assert set(RULE_KEYS) == set(RULE_CONVERTERS)


# -- aliases, types and defaults ------------------------------------------------------------
def _english() -> Sheets:
    return {
        "Staff": [
            ["id", "name", "role", "shifts", "secondary_role", "remark"],
            ["A01", "张敏", "presales", "W,N", None, "team lead"],
            [1002.0, "李娜", "after-sales", "W，N", "presales", None],
            ["R01", "陈静", "售前", "R、W", None, None],
        ],
        "Rules": [
            ["rule", "value"],
            ["month", "2026-12"],
            ["rest_days_per_month", 5],
            ["rest_days_mode", "min"],
            ["rotation_period_days", "month"],
            ["min_rest_hours", 10.5],
            ["promotion_days", "2026-12-11..2026-12-12"],
            ["promotion_all_on_duty", "否"],
            ["time_limit_seconds", 12.5],
            ["seed", 7],
            ["weight_requests", 9],
        ],
        "Shifts": [
            ["code", "name", "start", "end", "dates"],
            ["P", "大促晚班", "18:00", "02:00", "2026-12-11, 2026-12-12"],
            ["W", "早班", "07:30", "16:30", None],
        ],
        "Leave": [
            ["id", "date", "start", "end", "kind"],
            ["A01", "2026-12-03", None, None, None],
            ["1002", None, "2026-12-20", "2026-12-21", "unavailable"],
            ["R01", "2026-12-25", None, None, "休息"],
        ],
        "Demand": [
            ["date", "role", "shift", "start", "end", "required"],
            [None, None, "N", None, None, 1],
            ["2026-12-12", "售前", None, "20:00", "24:00", 2],
            ["2026-12-13", None, None, None, None, "3"],
        ],
        "Peaks": [
            ["date", "start", "end"],
            [None, "20:00", "24:00"],
            ["2026-12-11", "09:00", "11:00"],
        ],
    }


def _chinese() -> Sheets:
    """The same workbook with Chinese (and oddly spaced, cased) names, Excel dates and times."""
    return {
        "员工": [
            ["工号", " 姓名 ", "岗位", "可上班次", "第二岗位"],
            ["A01", "张敏", "售前", None, None],
            [1002, "李娜", "售后", "W,N", "售前"],
            ["R01", "陈静", "presales", "R,W", None],
        ],
        " RULES ": [
            ["规则", "值"],
            ["month", datetime(2026, 12, 1)],
            ["rest_days_per_month", "5"],
            ["rest_days_mode", "MIN"],
            ["rotation_period_days", "Month"],
            ["min_rest_hours", "10.5"],
            ["promotion_days", "2026-12-11, 2026-12-12"],
            ["promotion_all_on_duty", False],
            ["time_limit_seconds", "12.5"],
            ["seed", 7.0],
            ["weight_requests", 9],
        ],
        "班次": [
            ["代码", "名称", "开始", "结束", "日期"],
            ["P", "大促晚班", time(18), time(2), "2026-12-11..2026-12-12"],
            ["W", "早班", time(7, 30), time(16, 30), None],
        ],
        "请假": [
            ["工号", "日期", "开始", "结束", "类型"],
            ["A01", datetime(2026, 12, 3), None, None, "请假"],
            [1002, None, datetime(2026, 12, 20), datetime(2026, 12, 21), "不可用"],
            ["R01", datetime(2026, 12, 25), None, None, "rest"],
        ],
        "需求": [
            ["日期", "岗位", "班次", "开始", "结束", "人数"],
            [None, None, "n", None, None, 1],
            [datetime(2026, 12, 12), "presales", None, time(20), "24:00", 2.0],
            [datetime(2026, 12, 13), None, None, None, None, 3],
        ],
        "高峰": [
            ["日期", "开始", "结束"],
            [None, time(20), "24:00"],
            [datetime(2026, 12, 11), time(9), time(11)],
        ],
        "Notes": [["anything"], ["ignored"]],
    }


def _expected() -> Problem:
    promo = (date(2026, 12, 11), DOUBLE_12)
    return Problem(
        DECEMBER,
        (
            Agent("A01", "张敏"),
            Agent("1002", "李娜", "aftersales", secondary_role="presales"),
            Agent("R01", "陈静", shifts=("R", "W")),
        ),
        shifts=(
            ShiftType("W", "早班", time(7, 30), time(16, 30)),
            ShiftType("N", "晚班", time(17), time(1)),
            ShiftType("R", "常班", time(9), time(18)),
            ShiftType("P", "大促晚班", time(18), time(2), frozenset(promo)),
        ),
        rules=Rules(
            rest_days_per_month=5,
            rest_days_mode="min",
            rotation_period_days="month",
            min_rest_hours=10.5,
            promotion_days=promo,
            promotion_all_on_duty=False,
        ),
        leave=(
            Leave("A01", date(2026, 12, 3)),
            Leave("1002", date(2026, 12, 20), "unavailable"),
            Leave("1002", date(2026, 12, 21), "unavailable"),
        ),
        requests=(Request("R01", date(2026, 12, 25)),),
        demand=(
            Demand(1, shift="N"),
            Demand(2, DOUBLE_12, "presales", start=time(20), end=time(0)),
            Demand(3, date(2026, 12, 13)),
        ),
        peaks=(PeakWindow(time(20), time(0)), PeakWindow(time(9), time(11), date(2026, 12, 11))),
        weights=Weights(requests=9),
    )


@pytest.mark.parametrize("sheets", [_english, _chinese], ids=["english", "chinese"])
def test_english_and_chinese_workbooks_read_the_same(
    tmp_path: Path, sheets: Callable[[], Sheets]
) -> None:
    path = tmp_path / "staff.xlsx"
    save(sheets(), path)
    book = read_workbook(path, today=date(2020, 1, 1))
    assert book.problem == _expected()
    assert book.time_limit == 12.5
    assert book.seed == 7


def test_blank_optional_cells_take_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    save(
        {
            "Staff": [["id", "name", "role", "shifts"], ["A01", None, "presales", "  "], []],
            "Rules": [
                ["rule", "value", "note"],
                ["rest_days_per_month", None, "blank: the default"],
                [None, None, "a note alone"],
            ],
            "Leave": [["id", "date", "kind"], ["A01", "2026-12-05", None]],
            "Demand": [["date", "role", "shift", "required"], [None, None, None, 1]],
        },
        path,
    )
    problem = read_problem(path, today=date(2026, 11, 22))
    assert problem.agents == (Agent("A01", "A01", "presales", ("W", "N")),)
    assert problem.rules == Rules()
    assert problem.leave == (Leave("A01", date(2026, 12, 5), "leave"),)
    assert problem.demand == (Demand(1),)
    assert problem.shifts == Problem(DECEMBER, problem.agents).shifts


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (date(2026, 11, 22), date(2026, 12, 1)),
        (date(2026, 12, 5), date(2027, 1, 1)),
        (date(2027, 1, 31), date(2027, 2, 1)),
    ],
)
def test_the_month_defaults_to_the_month_after_today(
    tmp_path: Path, today: date, month: date
) -> None:
    path = tmp_path / "staff.xlsx"
    save({"Staff": [["id", "name", "role"], ["A01", "张敏", "售前"]]}, path)
    problem = read_problem(path, today=today)
    assert problem.start == month
    assert problem.end is not None and problem.end.month == month.month


def test_the_header_is_the_first_non_empty_row(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    save({"Staff": [[], [None, None], ["ID", "Name", "Role"], ["A01", "张敏", "售前"]]}, path)
    assert read_problem(path, today=date(2026, 11, 1)).agents == (Agent("A01", "张敏"),)


# -- bad workbooks --------------------------------------------------------------------------
@pytest.mark.parametrize("case", BAD_BOOKS, ids=[case.name for case in BAD_BOOKS])
def test_bad_workbooks_are_reported_at_the_cell(tmp_path: Path, case: BadBook) -> None:
    path = tmp_path / "bad.xlsx"
    case.build(path)
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(WorkbookError) as caught:
        read_problem(path, today=date(2026, 11, 22))
    text = str(caught.value)
    for fragment in case.expected:
        assert fragment in text
    assert all(isinstance(e, CellError) for e in caught.value.errors)
    assert len(caught.value.errors) >= len(case.expected)
    assert text == "\n".join(str(e) for e in caught.value.errors)
    after = path.read_bytes() if path.exists() else None
    assert after == before


def test_the_good_workbook_of_the_bad_ones_is_good(tmp_path: Path) -> None:
    path = tmp_path / "good.xlsx"
    save(good(), path)
    problem = read_problem(path)
    assert [a.id for a in problem.agents] == ["A01", "A02", "R01"]


def test_errors_are_listed_in_sheet_order_one_per_line(tmp_path: Path) -> None:
    case = next(c for c in BAD_BOOKS if c.name == "several_errors_together")
    path = tmp_path / "bad.xlsx"
    case.build(path)
    with pytest.raises(WorkbookError) as caught:
        read_problem(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == len(case.expected)
    assert all(
        line.startswith(fragment) for line, fragment in zip(lines, case.expected, strict=True)
    )


def test_cell_error_text() -> None:
    assert str(CellError("Staff", "C7", "bad")) == "Staff!C7: bad"
    assert str(CellError("Staff", None, "bad")) == "Staff: bad"
    assert str(CellError("", None, "bad")) == "bad"
    assert isinstance(WorkbookError([]), ValueError)


# -- reading rosters ------------------------------------------------------------------------
def _problem() -> Problem:
    return Problem(
        DECEMBER,
        (Agent("A01", "张敏"), Agent("A02", "李娜"), Agent("R01", "陈静", shifts=("R",))),
    )


def _save_book(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute)


def test_read_roster_from_assignments(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    header: list[object] = ["id", "name", "role", "date", "shift", "start", "end"]
    _save_book(
        path,
        {
            "Assignments": [
                header,
                ["A01", "张敏", "presales", "2026-12-01", "N", "16:45", "01:00"],
                ["A01", "张敏", "presales", "2026-12-02", "OFF", None, None],
                ["A02", "李娜", "presales", datetime(2026, 12, 1), "W", time(8), time(17)],
                ["A02", "李娜", "presales", "2026-12-02", "LEAVE", None, None],
                ["R01", "陈静", "presales", "2026-12-01", "R", None, None],
                ["R01", "陈静", "presales", "2026-12-02", None, None, None],
                ["Z99", "?", "presales", "2026-12-02", "X", None, None],
            ],
        },
    )
    roster = read_roster(path, _problem())
    assert [(a.agent, a.date.day, a.shift, a.start, a.end) for a in roster] == [
        ("A01", 1, "N", at(1, 16, 45), at(2, 1)),
        ("A01", 2, REST, None, None),
        ("A02", 1, "W", at(1, 8), at(1, 17)),
        ("A02", 2, LEAVE, None, None),
        ("R01", 1, "R", None, None),
        ("Z99", 2, "X", None, None),
    ]
    assert roster.shift("R01", date(2026, 12, 2)) is None  # blank: a missing entry


def test_read_roster_from_the_roster_grid(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    _save_book(
        path,
        {
            "排班表": [
                ["排班表 Roster 2026-12"],
                [None, None, None, "大促"],
                ["工号", "姓名", "岗位", "1\n二", "2 Wed", 3, "2026-12-04", "出勤", "休"],
                ["A01", "张敏", "售前", "N", "n", "休", "N 16:45-01:00", 3, 1],
                ["A02", "李娜", "售前", "W", "假", "OFF", None, 2, 1],
                [None, None, None, "二", "三"],
                ["R01", "陈静", "售前", "R", "?", "请假", "-", 1, 1],
                [],
                ["W 白班 人数", None, None, 1, 0, 0, 0],
                ["图例 Legend", None, None, "W", "白班 08:00-17:00"],
            ]
        },
    )
    roster = read_roster(path, _problem())
    assert roster.grid() == {
        "A01": ["N", "N", REST, "N"],
        "A02": ["W", LEAVE, REST, ""],
        "R01": ["R", "", LEAVE, REST],
    }
    assert roster.get("A01", date(2026, 12, 4)) is not None
    cell = roster.get("A01", date(2026, 12, 4))
    assert cell is not None and (cell.start, cell.end) == (at(4, 16, 45), at(5, 1))


def test_read_roster_with_date_headers(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    _save_book(
        path,
        {
            "Roster": [
                ["id", "name", datetime(2026, 12, 30), "2026-12-31"],
                ["A01", "张敏", "W", "N"],
            ]
        },
    )
    roster = read_roster(path, _problem())
    assert [(a.date, a.shift) for a in roster] == [
        (date(2026, 12, 30), "W"),
        (date(2026, 12, 31), "N"),
    ]


@pytest.mark.parametrize(
    ("sheets", "fragment"),
    [
        (
            {"Assignments": [["id", "date", "shift"], ["A01", "2026-12-40", "W"]]},
            "Assignments!B2: invalid date '2026-12-40' (expected YYYY-MM-DD)",
        ),
        (
            {
                "Assignments": [
                    ["id", "date", "shift", "start", "end"],
                    ["A01", "2026-12-01", "W", "08:00", "17:00"],
                    ["A01", "2026-12-02", "W", "8 o'clock", "17:00"],
                ]
            },
            "Assignments!D3: invalid time '8 o'clock' (expected HH:MM)",
        ),
        (
            {"Assignments": [["id", "date"], ["A01", "2026-12-01"]]},
            "Assignments!C1: missing column 'shift' (班次)",
        ),
        (
            {"Roster": [["工号", "姓名", 1, 2, 32], ["A01", "张敏", "W", "W", "W"]]},
            "Roster!E1: invalid day 32 for 2026-12",
        ),
        (
            {"Roster": [["工号", "姓名", 1, 2], ["A01", "张敏", "W", "N 25:00-01:00"]]},
            "Roster!D2: invalid time '25:00' (expected HH:MM)",
        ),
        (
            {"Roster": [["name", 1, 2], ["张敏", "W", "W"]]},
            "Roster: no header row with an 'id' (工号) column in rows 1-5",
        ),
        ({"Sheet": [["x"]]}, "roster.xlsx: no sheet 'Roster' (排班表) or 'Assignments'"),
    ],
)
def test_bad_rosters_are_reported_at_the_cell(
    tmp_path: Path, sheets: dict[str, list[list[object]]], fragment: str
) -> None:
    path = tmp_path / "roster.xlsx"
    _save_book(path, sheets)
    before = path.read_bytes()
    with pytest.raises(WorkbookError) as caught:
        read_roster(path, _problem())
    assert fragment in str(caught.value)
    assert path.read_bytes() == before


def test_read_roster_of_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_text("id,date,shift\n")
    with pytest.raises(WorkbookError, match="not an Excel workbook"):
        read_roster(path, _problem())


def test_read_roster_reads_the_writers_output(tmp_path: Path) -> None:
    """Both ways the tool's own output can be read: Assignments, and the Roster grid alone."""
    writer = pytest.importorskip("rostering.workbook.writer")
    problem = _problem()
    days = problem.num_days
    roster = Roster.from_grid(
        DECEMBER,
        {
            "A01": ["W"] * 3 + ["-"] + ["N"] * (days - 4),
            "A02": ["N"] * 3 + ["L"] + ["W"] * (days - 4),
            "R01": ["R"] * (days - 1),  # the last day has no entry
        },
    )
    book = writer.build_roster_workbook(problem, roster)
    book.save(tmp_path / "both.xlsx")
    back = read_roster(tmp_path / "both.xlsx", problem)
    assert back.without_times() == roster
    night = back.get("A01", date(2026, 12, 5))
    assert night is not None and night.end == at(6, 1)
    del book["Assignments"]
    book.save(tmp_path / "grid.xlsx")
    assert read_roster(tmp_path / "grid.xlsx", problem) == roster


# -- the sheet registry ---------------------------------------------------------------------
def test_a_new_input_sheet_is_one_spec_in_the_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet added to the registry alone is written by the template (header, notes,
    rows) and read by the reader (its parser runs, its cells are reported at the cell)."""
    from rostering.workbook import inputs
    from rostering.workbook.cells import to_date
    from rostering.workbook.inputs import Contents, Draft, SheetSpec
    from rostering.workbook.table import Column, Table

    def parse(table: Table, draft: Draft) -> None:
        draft.extras["Events"] = [row.get("date", to_date, required=True) for row in table.rows]

    def rows(contents: Contents) -> list[dict[str, object]]:
        return [{"date": date(2026, 12, 25), "name": "Anniversary"}]

    events = SheetSpec(
        "Events",
        "活动",
        (Column("date", "日期", True, "An event."), Column("name", "名称", False, "Its name.")),
        parse,
        rows,
        note="Events / 活动",
    )
    monkeypatch.setattr(inputs, "SHEETS", (*inputs.SHEETS, events))
    path = write_template(tmp_path / "staff.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == "Events"
    assert wb["Events"]["A1"].comment is not None and "日期" in wb["Events"]["A1"].comment.text
    assert any("Events (活动)" in str(c.value) for c in wb["README"]["A"])
    assert read_workbook(path).extras["Events"] == [date(2026, 12, 25)]
    wb["Events"]["A2"] = "12/25?"
    wb.save(path)
    with pytest.raises(WorkbookError, match=r"Events!A2: invalid date '12/25\?'"):
        read_workbook(path)


def test_the_docs_table_lists_every_input_sheet_and_column() -> None:
    from rostering.workbook.inputs import markdown_table, shown

    table = markdown_table()
    lines = table.splitlines()
    assert lines[0] == "| sheet | required | columns | what |"
    assert shown()[0].name == "Staff"
    assert {spec.name for spec in shown()} == {spec.name for spec in SHEETS}
    for spec, line in zip(shown(), lines[2:], strict=True):
        assert line.startswith(
            f"| `{spec.name}` ({spec.zh}) | {'yes' if spec.required else 'no'} |"
        )
        for column in spec.columns:
            assert f"`{column.name}` ({column.zh})" in line
