"""Staffing: the Staffing and Forecast sheets, the `roster staffing` command and its report."""

from __future__ import annotations

import hashlib
from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from rostering import Agent, Leave, Problem
from rostering.cli import main
from rostering.staffing import (
    ForecastRow,
    StaffingInputs,
    agents_needed,
    forecast_demand,
    headcount_plan,
)
from rostering.staffing_report import (
    QueueTargets,
    StaffingData,
    hour_capacity,
    staffing_report,
)
from rostering.workbook import read_problem, read_workbook, write_template
from rostering.workbook.template import example_problem, example_staffing, write_input_workbook

from .badbooks import BAD_BOOKS, BadBook, Sheets, good, save

DOUBLE_12 = date(2026, 12, 12)
FORECAST_HEADER = ["date", "hour", "role", "inquiries", "handling_time", "concurrency"]

#: The forecast of `_book`: (date, hour, role as typed, inquiries, AHT, concurrency).
FORECAST = [
    ["2026-12-12", 0, None, 200, 180, 3],
    ["2026-12-12", "08:00", "售前", 300, 180, 3],
    ["2026-12-12", "20-21", "presales", 450, 150, 4],
    ["2026-12-12", 21, "after-sales", 90, 240, 3],
    [None, 10, "any", 120, 200, None],
]
#: The same rows as `ForecastRow` (blank role: pre-sales; "any": any role).
ROWS = [
    ForecastRow(DOUBLE_12, 0, "presales", 200, 180, 3),
    ForecastRow(DOUBLE_12, 8, "presales", 300, 180, 3),
    ForecastRow(DOUBLE_12, 20, "presales", 450, 150, 4),
    ForecastRow(DOUBLE_12, 21, "aftersales", 90, 240, 3),
    ForecastRow(None, 10, None, 120, 200, 1),
]
INPUTS = StaffingInputs(1_000_000, 0.6, 200, 0.25, 1_500)
TARGETS = QueueTargets(target_seconds=10, service_level=0.85, shrinkage=0.1)


def _sheets() -> Sheets:
    """The small good workbook (three pre-sales agents) with Staffing and Forecast sheets."""
    sheets = good()
    sheets["Staffing"] = [
        ["item", "value", "note"],
        ["shop_sales", "100万", "a million"],
        ["客服销售占比", "60%", None],
        ["average_order_value", "¥200", None],
        ["conversion_rate", 0.25, None],
        ["饱和接待量", "1,500", None],
        [None, None, "queueing targets"],
        ["target_seconds", 10, None],
        ["服务水平", "85%", None],
        ["shrinkage", 0.1, None],
    ]
    sheets["Forecast"] = [FORECAST_HEADER, *FORECAST]
    return sheets


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "staff.xlsx"
    save(_sheets(), path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the sheets --------------------------------------------------------------------------------
def test_the_sheets_read_into_typed_extras(book: Path) -> None:
    data = read_workbook(book).staffing
    assert data == StaffingData(INPUTS, TARGETS, tuple(ROWS))


def test_the_forecast_becomes_hourly_demand_rows(book: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    save(good(), plain)
    before = read_problem(plain).demand
    problem = read_problem(book)
    added = forecast_demand(ROWS, **TARGETS.kwargs())
    assert problem.demand == (*before, *added)
    assert len(added) == len(ROWS)
    first = added[0]
    assert (first.date, first.role, first.start, first.end) == (
        DOUBLE_12,
        "presales",
        time(0),
        time(1),
    )
    need = agents_needed(200, 180, concurrency=3, **TARGETS.kwargs())
    assert first.required == need.agents > need.raw_agents  # grossed up for shrinkage


def test_chinese_sheet_and_column_names(tmp_path: Path) -> None:
    sheets = good()
    sheets["人员测算"] = [["项目", "值"], ["首次响应目标秒数", 6], ["缩减率", "5%"]]
    sheets["咨询预测"] = [
        ["日期", "小时", "岗位", "咨询量", "处理时长", "并发"],
        ["2026-12-12", 9, "售后", 60, time(0, 4), 2],
    ]
    path = tmp_path / "zh.xlsx"
    save(sheets, path)
    data = read_workbook(path).staffing
    assert data is not None and data.inputs is None
    assert data.targets == QueueTargets(6, 0.8, 0.05)
    assert data.forecast == (ForecastRow(DOUBLE_12, 9, "aftersales", 60, 240, 2),)


def test_a_workbook_without_the_sheets_has_no_staffing(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    save(good(), path)
    assert read_workbook(path).staffing is None


# -- roster staffing ---------------------------------------------------------------------------
def test_help_lists_the_exit_codes() -> None:
    result = CliRunner().invoke(main, ["staffing", "--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.output
    assert "staffing" in CliRunner().invoke(main, ["--help"]).output


def test_staffing_prints_the_formula_and_the_hourly_requirement(book: Path) -> None:
    before = _digest(book)
    result = CliRunner().invoke(main, ["staffing", str(book)])
    assert result.exit_code == 0, result.output
    out = result.output
    plan = headcount_plan(INPUTS)
    for line in plan.lines():
        assert line in out
    assert plan.headcount["presales"] == 8
    assert "Total agents [客服总人数] = 18" in out
    table = {
        tuple(parts[:3]): parts
        for parts in (line.replace("every day", "every-day").split() for line in out.splitlines())
        if len(parts) >= 13 and parts[1].endswith(":00")
    }
    assert len(table) == len(ROWS)
    labels = {"presales": "pre-sales", "aftersales": "after-sales", None: "any"}
    for row in ROWS:
        need = agents_needed(
            row.inquiries, row.aht_seconds, concurrency=row.concurrency, **TARGETS.kwargs()
        )
        day = "every-day" if row.date is None else row.date.isoformat()
        parts = table[(day, f"{row.hour:02d}:00-{row.hour + 1:02d}:00", labels[row.role])]
        online, roster = int(parts[6]), int(parts[7])
        assert (online, roster) == (need.raw_agents, need.agents)
        assert parts[8] == f"{need.service_level * 100:.1f}%"
    assert _digest(book) == before, "the input must not change"


def test_a_short_team_is_warned_about_but_exits_0(book: Path) -> None:
    result = CliRunner().invoke(main, ["staffing", str(book)])
    assert result.exit_code == 0
    assert "pre-sales: team 3, formula needs 8: short by 5" in result.output
    assert "after-sales: team 0, formula needs 2: short by 2" in result.output
    # 21:00 after-sales: nobody of that role in the team
    assert "2026-12-12 21:00-22:00 after-sales: up to" in result.output
    # 08:00-09:00 on 12-12: only the W shift covers it, and only two agents may work W
    assert "2026-12-12 08:00-09:00 pre-sales: needs up to" in result.output
    assert "at most 2 pre-sales agent(s) could be" in result.output


def test_staffing_writes_the_report_workbook(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["staffing", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"written: {out}" in result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Headcount", "Hourly", "Warnings"]
    hourly = list(wb["Hourly"].iter_rows(min_row=3, max_row=2 + len(ROWS), values_only=True))
    need = agents_needed(200, 180, concurrency=3, **TARGETS.kwargs())
    assert hourly[0][6:8] == (need.raw_agents, need.agents)
    assert any("short by 5" in str(row[0]) for row in wb["Warnings"].iter_rows(values_only=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx", "staff.xlsx"]


def test_staffing_refuses_to_overwrite_the_input(book: Path) -> None:
    before = _digest(book)
    result = CliRunner().invoke(main, ["staffing", str(book), "-o", str(book)])
    assert result.exit_code == 1
    assert _digest(book) == before


def test_without_staffing_or_forecast_says_which_sheet_to_add(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    save(good(), path)
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["staffing", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "add a Staffing sheet" in result.output.replace("Add", "add")
    assert "Forecast sheet" in result.output
    assert not out.exists()


def test_targets_alone_are_not_enough(tmp_path: Path) -> None:
    sheets = good()
    sheets["Staffing"] = [["item", "value"], ["target_seconds", 6]]
    path = tmp_path / "targets.xlsx"
    save(sheets, path)
    result = CliRunner().invoke(main, ["staffing", str(path)])
    assert result.exit_code == 1
    assert "nothing to compute" in result.output


STAFFING_BAD_BOOKS = [c for c in BAD_BOOKS if c.name.startswith(("staffing_", "forecast_"))]


@pytest.mark.parametrize("case", STAFFING_BAD_BOOKS, ids=lambda c: c.name)
def test_bad_staffing_cells_are_refused_with_the_cell(case: BadBook, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    case.build(path)
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["staffing", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    for fragment in case.expected:
        assert fragment in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".report.xlsx*"))


def test_the_bad_book_table_has_staffing_cases() -> None:
    assert len(STAFFING_BAD_BOOKS) >= 10


# -- the template and the examples -------------------------------------------------------------
def test_the_template_has_both_sheets_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["template", str(path)])
    assert result.exit_code == 0
    wb = load_workbook(path)
    assert {"Staffing", "Forecast"} <= set(wb.sheetnames)
    assert wb["Forecast"]["A1"].comment is not None
    book = read_workbook(path)
    staffing = example_staffing()
    assert book.staffing == staffing
    expected = example_problem()
    assert book.problem == expected.replace(demand=(*expected.demand, *staffing.demand()))
    report = CliRunner().invoke(main, ["staffing", str(path)])
    assert report.exit_code == 0, report.output
    assert "Pre-sales agents [售前] = 2,000 / saturated load" in report.output
    # N2 covers 01:00-02:00; the peak hour 07:00-08:00 has no shift, and a variant is proposed
    assert "01:00-02:00 pre-sales: no shift covers this hour" not in report.output
    assert (
        "nobody can be online 07:00-08:00 on 12-12 (peak hour; no shift covers it): "
        "add a shift W0 07:00-16:00 in family W on 12-12 to the Shifts sheet"
    ) in report.output


def test_write_input_workbook_round_trips_staffing(tmp_path: Path) -> None:
    data = StaffingData(INPUTS, TARGETS, tuple(ROWS))
    path = write_input_workbook(tmp_path / "w.xlsx", example_problem(), staffing=data)
    assert read_workbook(path).staffing == data
    assert write_template(tmp_path / "x.xlsx").exists()


def test_the_double12_example_is_staffed_like_its_team() -> None:
    examples = Path(__file__).parent.parent / "examples"
    book = read_workbook(examples / "double12.xlsx")
    data = book.staffing
    assert data is not None and data.inputs is not None and data.forecast
    report = staffing_report(book.problem, data)
    assert report.plan is not None and abs(report.plan.total - len(book.problem.agents)) <= 5
    assert all(c.spare >= 0 for c in report.roles)


# -- who could be online -----------------------------------------------------------------------
def test_capacity_counts_the_night_shift_of_the_day_before() -> None:
    team = (
        Agent("A01"),
        Agent("A02"),
        Agent("R01", shifts=("R",)),
        Agent("S01", "after", "aftersales"),
    )
    problem = Problem(
        date(2026, 12, 1),
        team,
        leave=(Leave("A02", date(2026, 12, 11)),),
    )
    # 00:00-01:00 on 12-12: the N shift of 12-11 (A02 is on leave that day)
    night = hour_capacity(problem, DOUBLE_12, 0, "presales")
    assert (night.covered, night.could) == (True, 1)
    # ... and on the first day nothing in the month covers it
    assert hour_capacity(problem, date(2026, 12, 1), 0, "presales").covered is False
    # 01:00-02:00: no shift at all
    assert hour_capacity(problem, DOUBLE_12, 1, None) == hour_capacity(problem, None, 1, None)
    assert hour_capacity(problem, None, 1, None).covered is False
    # 10:00-11:00: W and R; a rotating agent counts half in the estimate, on an ordinary day
    # less the rest days (4 of 31)
    day = hour_capacity(problem, None, 10, "presales")
    assert day.could == 3
    assert day.likely == pytest.approx((0.5 + 0.5 + 1) * (1 - 4 / 31))
    assert hour_capacity(problem, None, 10, None).could == 4


def test_report_from_python_matches_the_command(book: Path) -> None:
    loaded = read_workbook(book)
    assert loaded.staffing is not None
    report = staffing_report(loaded.problem, loaded.staffing)
    printed = CliRunner().invoke(main, ["staffing", str(book)]).output
    assert printed.splitlines() == report.lines()
    assert [h.agents for h in report.hours] == [
        d.required for d in forecast_demand(ROWS, **TARGETS.kwargs())
    ]
