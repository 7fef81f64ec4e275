"""The output workbook: sheets, the Assignments contract, the printable Roster, Checks."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from rostering import (
    LEAVE,
    REST,
    Agent,
    Demand,
    Leave,
    Problem,
    Result,
    Roster,
    Rules,
    Status,
    solve,
)
from rostering.report import agent_stats, coverage_rows, hourly_online, rule_checks
from rostering.rules import HARD_RULES
from rostering.rules.view import View
from rostering.workbook.outputs.style import PORTRAIT_WIDTH, sheet_width
from rostering.workbook.writer import SHEETS, write_roster_workbook

PROMO = date(2026, 12, 12)
SHEET_ORDER = [
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


@dataclass(frozen=True)
class Solved:
    problem: Problem
    result: Result
    roster: Roster
    path: Path


def _problem(promotion: bool = True) -> Problem:
    agents = (
        Agent("A01", "张敏"),
        Agent("A02", "李娜"),
        Agent("A03", "王芳"),
        Agent("A04", "刘洋"),
        Agent("R01", "陈静", shifts=("R",)),
        Agent("R02", "杨磊", shifts=("R",)),
    )
    return Problem(
        date(2026, 12, 1),
        agents,
        rules=Rules(promotion_days=(PROMO,) if promotion else ()),
        leave=(Leave("R01", date(2026, 12, 22)),),
        demand=(Demand(3, start=time(9), end=time(12)),),
    )


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Solved:
    problem = _problem()
    result = solve(problem, time_limit=5, workers=2, seed=0)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.roster is not None
    path = tmp_path_factory.mktemp("book") / "roster.xlsx"
    write_roster_workbook(
        path,
        problem,
        result.roster,
        result=result,
        extra_summary={"input file": "staff.xlsx"},
        highlight={("A01", date(2026, 12, 3)), ("R02", date(2026, 12, 20))},
    )
    return Solved(problem, result, result.roster, path)


@pytest.fixture(scope="module")
def book(solved: Solved) -> openpyxl.Workbook:
    return openpyxl.load_workbook(solved.path)


def _broken(solved: Solved) -> tuple[Roster, date]:
    """The solved roster with one working day of A01 turned into a fifth rest day."""
    day = next(
        d
        for d in solved.problem.days
        if d != PROMO and solved.roster.shift("A01", d) not in (REST, LEAVE)
    )
    return solved.roster.replace_cells({("A01", day): REST}), day


def _read_assignments(ws: object) -> tuple[list[str], list[tuple[str, ...]]]:
    rows = [
        tuple("" if v is None else str(v) for v in row)
        for row in ws.iter_rows(values_only=True)  # type: ignore[attr-defined]
    ]
    return list(rows[0]), rows[1:]


def _hhmm(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%H:%M}"


# -- structure -----------------------------------------------------------------------------
def test_sheet_names_and_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == SHEET_ORDER
    assert list(SHEETS) == SHEET_ORDER


def test_every_sheet_prints_on_a4_one_page_wide(book: openpyxl.Workbook) -> None:
    """Landscape where a sheet is wider than a portrait page, portrait elsewhere (the
    page setup of each sheet, and of the other workbooks: tests/test_printing.py)."""
    for ws in book.worksheets:
        wide = ws.title == "Roster" or sheet_width(ws) > PORTRAIT_WIDTH
        assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title
        assert int(ws.page_setup.fitToWidth) == 1, ws.title
        assert int(ws.page_setup.fitToHeight) == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title


# -- Assignments ---------------------------------------------------------------------------
def test_assignments_reproduce_the_roster(solved: Solved, book: openpyxl.Workbook) -> None:
    header, rows = _read_assignments(book["Assignments"])
    assert header == [
        "id",
        "name",
        "role",
        "date",
        "shift",
        "start",
        "end",
        "break_start",
        "break_end",
    ]
    assert len(rows) == len(solved.problem.agents) * solved.problem.num_days
    expected = [
        (a.id, a.name, a.role, d.isoformat())
        for a in solved.problem.agents
        for d in solved.problem.days
    ]
    assert [r[:4] for r in rows] == expected
    for ident, _name, _role, day, shift, start, end, pause, resume in rows:
        cell = solved.roster.get(ident, date.fromisoformat(day))
        assert cell is not None
        assert shift == cell.shift
        assert (start, end) == (_hhmm(cell.start), _hhmm(cell.end))
        assert (pause, resume) == (_hhmm(cell.break_start), _hhmm(cell.break_end))
    shifts = {r[4] for r in rows}
    assert {REST, LEAVE, "W", "N", "R"} <= shifts
    night = next(r for r in rows if r[4] == "N")
    assert night[6] == "01:00" and night[5] in ("16:45", "16:50")
    assert book["Assignments"].freeze_panes == "A2"
    assert book["Assignments"].auto_filter.ref


def test_assignments_state_times_of_a_roster_without_them(solved: Solved, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    write_roster_workbook(path, solved.problem, solved.roster.without_times())
    _header, rows = _read_assignments(openpyxl.load_workbook(path)["Assignments"])
    for ident, _name, _role, day, _shift, start, end, *_breaks in rows:
        cell = solved.roster.get(ident, date.fromisoformat(day))
        assert cell is not None
        assert (start, end) == (_hhmm(cell.start), _hhmm(cell.end))


# -- Roster --------------------------------------------------------------------------------
def test_roster_grid_matches_the_roster(solved: Solved, book: openpyxl.Workbook) -> None:
    ws = book["Roster"]
    assert "排班表" in str(ws["A1"].value) and "2026-12" in str(ws["A1"].value)
    header = [ws.cell(row=3, column=4 + i).value for i in range(solved.problem.num_days)]
    assert header[0] == "1\n二" and header[5] == "6\n日" and header[30] == "31\n四"
    assert ws.cell(row=2, column=4 + PROMO.day - 1).value == "大促"
    mark = {REST: "休", LEAVE: "假"}
    for r, agent in enumerate(solved.problem.agents, start=4):
        assert ws.cell(row=r, column=1).value == agent.id
        assert ws.cell(row=r, column=2).value == agent.name
        assert ws.cell(row=r, column=3).value == "售前"
        for i, day in enumerate(solved.problem.days):
            code = solved.roster.shift(agent.id, day)
            assert code is not None
            assert ws.cell(row=r, column=4 + i).value == mark.get(code, code)
    assert ws.cell(row=4 + 4, column=4 + 21).value == "假"  # R01 on leave on 12-22
    assert ws.freeze_panes == "D4"
    assert ws.print_title_rows == "$2:$3"
    assert ws.print_title_cols == "$A:$C"
    assert ws.column_dimensions["D"].width == pytest.approx(4.5)


def test_roster_colours_weekends_and_promotion(book: openpyxl.Workbook) -> None:
    ws = book["Roster"]
    saturday = ws.cell(row=3, column=4 + 4)  # 2026-12-05
    monday = ws.cell(row=3, column=4 + 6)
    promo = ws.cell(row=3, column=4 + PROMO.day - 1)
    assert saturday.fill.start_color.rgb != monday.fill.start_color.rgb
    assert promo.fill.start_color.rgb.endswith("C00000")
    cells = {
        ws.cell(row=r, column=c).value: ws.cell(row=r, column=c)
        for r in range(4, 10)
        for c in range(4, 35)
    }
    assert cells["N"].fill.start_color.rgb.endswith("1F3864")
    assert cells["N"].font.color.rgb.endswith("FFFFFF")
    assert cells["休"].fill.start_color.rgb.endswith("D9D9D9")
    assert cells["W"].fill.start_color.rgb != cells["R"].fill.start_color.rgb


def test_highlighted_cells_are_marked(book: openpyxl.Workbook) -> None:
    ws = book["Roster"]
    marked = ws.cell(row=4, column=4 + 2)  # A01, 12-03
    also = ws.cell(row=9, column=4 + 19)  # R02, 12-20
    plain = ws.cell(row=4, column=4 + 3)
    for cell in (marked, also):
        assert cell.border.left.style == "thick"
        assert cell.font.bold
    assert plain.border.left.style != "thick"
    legend = [c.value for row in ws.iter_rows(min_row=12) for c in row if c.value]
    assert any("改动" in str(v) for v in legend)
    assert any("白班" in str(v) for v in legend)


# -- Coverage, Handover, Stats -------------------------------------------------------------
def test_coverage_has_a_promotion_chart_and_shortfalls(
    solved: Solved, book: openpyxl.Workbook
) -> None:
    ws = book["Coverage"]
    assert len(ws._charts) == 1
    with zipfile.ZipFile(solved.path) as zf:
        assert any(name.startswith("xl/charts/chart") for name in zf.namelist())
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "could be online 可在线 (peak)" in values
    assert "需求缺口 Demand slots (DemandCoverage)" in values
    rows = coverage_rows(solved.problem, solved.roster)
    peak = [r for r in rows if r.peak]
    assert peak and all(r.day == PROMO for r in peak)


def test_coverage_without_promotion_charts_the_average_day(solved: Solved, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    write_roster_workbook(path, _problem(promotion=False), solved.roster)
    ws = openpyxl.load_workbook(path)["Coverage"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "No promotion day: average agents online per hour" in values
    assert len(ws._charts) == 1


def test_handover_sheet_lists_the_result_handovers(solved: Solved, book: openpyxl.Workbook) -> None:
    rows = list(book["Handover"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(solved.result.handovers) > 0
    first = solved.result.handovers[0]
    assert rows[0][0] == first.date.isoformat()
    assert rows[0][6] == first.outgoing_agent and rows[0][8] == first.incoming_agent
    assert rows[0][10] == first.overlap_minutes


def test_stats_sheet(solved: Solved, book: openpyxl.Workbook) -> None:
    ws = book["Stats"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    agents = rows[: len(solved.problem.agents)]
    for row in agents:
        work, rest, leave = row[3], row[4], row[5]
        assert work + rest + leave == solved.problem.num_days
    assert [r[0] for r in rows[len(agents) :]] == [
        "合计 total",
        "平均 mean",
        "最少 min",
        "最多 max",
    ]
    r01 = next(r for r in agents if r[0] == "R01")
    assert r01[5] == 1 and r01[6] == 0  # one leave day, no nights


# -- Checks and Summary --------------------------------------------------------------------
def test_checks_pass_for_a_solved_roster(book: openpyxl.Workbook) -> None:
    ws = book["Checks"]
    assert str(ws["A1"].value).startswith("PASS")
    rows = list(ws.iter_rows(min_row=5, max_row=4 + len(HARD_RULES), values_only=True))
    assert [r[1] for r in rows] == [rule.name for rule in HARD_RULES]
    assert all(r[3] == "PASS" and r[4] == 0 for r in rows)


def test_checks_fail_for_a_broken_roster_written_without_a_result(
    solved: Solved, tmp_path: Path
) -> None:
    broken, day = _broken(solved)
    path = tmp_path / "broken.xlsx"
    write_roster_workbook(path, solved.problem, broken)
    book = openpyxl.load_workbook(path)
    ws = book["Checks"]
    assert str(ws["A1"].value).startswith("FAIL")
    rules = {
        r[1]: r for r in ws.iter_rows(min_row=5, max_row=4 + len(HARD_RULES), values_only=True)
    }
    assert rules["rest_days"][3] == "FAIL" and rules["rest_days"][4] >= 1
    listed = [r for r in ws.iter_rows(min_row=6 + len(HARD_RULES), values_only=True) if r[1]]
    assert any(r[1] == "rest_days" and r[2] == "A01" for r in listed)
    summary = [r for r in book["Summary"].iter_rows(values_only=True)]
    assert ("status", "not solved here") in [r[:2] for r in summary]
    assert ("hard rules", "FAIL") in [r[:2] for r in summary]
    assert book["Roster"].cell(row=4, column=4 + day.day - 1).value == "休"
    assert "status: not solved here" in str(book["Roster"]["A1"].value)


def test_checks_ignore_a_result_that_claims_otherwise(solved: Solved, tmp_path: Path) -> None:
    broken, _day = _broken(solved)
    path = tmp_path / "claimed.xlsx"
    write_roster_workbook(path, solved.problem, broken, result=solved.result)
    ws = openpyxl.load_workbook(path)["Checks"]
    assert str(ws["A1"].value).startswith("FAIL")


def test_summary_reports_the_solve(solved: Solved, book: openpyxl.Workbook) -> None:
    rows = {r[0]: r[1:] for r in book["Summary"].iter_rows(values_only=True) if r[0]}
    assert rows["status"][0] == solved.result.status.value
    assert rows["objective (points)"][0] == pytest.approx(solved.result.objective)
    assert rows["workers"][0] == 2
    assert rows["input file"][0] == "staff.xlsx"
    assert rows["horizon"][0] == "2026-12"
    assert rows["rest_days_per_month"][0] == 4
    for term in solved.result.terms:
        assert rows[term.name][1] == term.unit


# -- atomic write --------------------------------------------------------------------------
def test_a_failed_write_leaves_the_target_alone(
    solved: Solved, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "roster.xlsx"
    target.write_bytes(b"old contents")
    fresh = tmp_path / "new.xlsx"

    def half_save(self: openpyxl.Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a file")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_save)
    for path in (target, fresh):
        with pytest.raises(OSError, match="disk full"):
            write_roster_workbook(path, solved.problem, solved.roster)
    assert target.read_bytes() == b"old contents"
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


def test_a_write_replaces_an_existing_file(solved: Solved, tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    target.write_bytes(b"old contents")
    write_roster_workbook(str(target), solved.problem, solved.roster)
    assert openpyxl.load_workbook(target).sheetnames == SHEET_ORDER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


# -- report figures ------------------------------------------------------------------------
def test_hourly_online_follows_the_checker_convention(solved: Solved) -> None:
    view = View(solved.problem, solved.roster)
    counts = hourly_online(solved.problem, solved.roster, view)
    for day in solved.problem.days:
        for hour in range(24):
            start = datetime(day.year, day.month, day.day, hour)
            online = list(view.online_through(start, start + timedelta(hours=1)))
            assert counts[None][day][hour] == len(online), (day, hour)
            assert counts["presales"][day][hour] == len(online)
    first = solved.problem.days[0]
    assert counts[None][first][0] == 0  # nobody carried in from November
    second = solved.problem.days[1]
    nights = sum(1 for a in solved.problem.agents if solved.roster.shift(a.id, first) == "N")
    assert counts[None][second][0] == nights


def test_agent_stats_hours_use_actual_times(solved: Solved) -> None:
    stats = {s.agent: s for s in agent_stats(solved.problem, solved.roster)}
    for agent in solved.problem.agents:
        minutes = sum(
            (a.end - a.start).total_seconds() / 60
            for a in solved.roster
            if a.agent == agent.id and a.start is not None and a.end is not None
        )
        assert stats[agent.id].hours == pytest.approx(minutes / 60, abs=0.01)
        nights = sum(1 for a in solved.roster if a.agent == agent.id and a.shift == "N")
        assert stats[agent.id].nights == nights


def test_rule_checks_cover_every_hard_rule(solved: Solved) -> None:
    checks = rule_checks(solved.problem, solved.roster)
    assert [c.name for c in checks] == [r.name for r in HARD_RULES]
    assert all(c.passed for c in checks)


def test_a_new_output_sheet_is_one_entry_in_the_registry(
    solved: Solved, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output sheet added to the registry alone is rendered in its place, from the one
    report every sheet shares."""
    from rostering.workbook import outputs
    from rostering.workbook.outputs import OutputSheet, RosterReport
    from rostering.workbook.writer import build_roster_workbook

    seen: list[RosterReport] = []

    def requests(ws: Any, report: RosterReport) -> None:
        seen.append(report)
        ws.cell(row=1, column=1, value=f"{len(report.problem.requests)} requests")

    monkeypatch.setattr(
        outputs,
        "SHEETS",
        (*outputs.SHEETS[:-1], OutputSheet("Extra", requests), outputs.SHEETS[-1]),
    )
    book = build_roster_workbook(solved.problem, solved.roster, result=solved.result)
    assert book.sheetnames == [*SHEET_ORDER[:-1], "Extra", "Summary"]
    assert book["Extra"]["A1"].value == f"{len(solved.problem.requests)} requests"
    assert len(seen) == 1 and seen[0].roster == solved.roster and seen[0].passed
