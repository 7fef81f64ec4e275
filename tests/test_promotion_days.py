"""Promotion days as a manager plans them: shift variants, breaks, holidays, and what no
shift can cover."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rostering import (
    DEFAULT_SHIFTS,
    Agent,
    Demand,
    Holiday,
    Problem,
    ProblemError,
    Rules,
    ShiftType,
    Status,
    check,
    read_workbook,
    solve,
)
from rostering.cli import main
from rostering.holiday_calendar import calendar_days, unpublished_years
from rostering.rules.peaks import PeakCoverage
from rostering.rules.view import View
from rostering.uncovered import planning_notes, proposals, uncovered_notes
from rostering.workbook import WorkbookError, read_roster_sheets
from rostering.workbook.writer import write_roster_workbook

from .badbooks import good, save
from .cases import breaks, day, grid, on_break

EXAMPLES = Path(__file__).parent.parent / "examples"
EVE, DOUBLE_12 = date(2026, 12, 11), date(2026, 12, 12)
MON, SUN = date(2026, 12, 7), date(2026, 12, 13)


# -- shift types ---------------------------------------------------------------------------
def test_break_starts_are_the_quarter_hours_of_the_window() -> None:
    w = ShiftType(
        "W", "白班", time(8), time(17), break_minutes=60, break_window=(time(11), time(13))
    )
    assert w.break_offsets() == tuple(range(11 * 60, 12 * 60 + 1, 15))
    # a night shift's window after midnight, and the blank window (first and last hour out)
    n = ShiftType("N", "晚班", time(17), time(1), break_minutes=30, break_window="23:30-00:30")
    assert n.break_offsets() == (23 * 60 + 30, 23 * 60 + 45, 24 * 60)
    r = ShiftType("R", "常班", time(9, 10), time(12), break_minutes=30)
    assert r.break_offsets() == (10 * 60 + 15, 10 * 60 + 30)  # over by 11:00


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"break_minutes": 600}, "does not fit in the shift"),
        ({"break_minutes": 30, "break_window": (time(6), time(9))}, "is not inside the shift"),
        ({"break_minutes": 90, "break_window": (time(11), time(12))}, "no break of 90 min"),
        ({"break_window": (time(11), time(12))}, "needs break_minutes"),
    ],
)
def test_a_break_that_cannot_be_taken_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ProblemError, match=message):
        ShiftType("W", "白班", time(8), time(17), **kwargs)  # type: ignore[arg-type]


def test_a_family_must_be_a_shift_of_no_family() -> None:
    n2 = ShiftType("N2", "大促晚班", time(17), time(2), family="N")
    team = (Agent("A"),)
    assert Problem(MON, team, end=SUN, shifts=(*DEFAULT_SHIFTS, n2)).allows(team[0], "N2")
    with pytest.raises(ProblemError, match="unknown family 'X'"):
        Problem(
            MON,
            team,
            end=SUN,
            shifts=(*DEFAULT_SHIFTS, ShiftType("N2", "", time(17), time(2), family="X")),
        )
    n3 = ShiftType("N3", "", time(18), time(2), family="N2")
    with pytest.raises(ProblemError, match="itself a variant of 'N'"):
        Problem(MON, team, end=SUN, shifts=(*DEFAULT_SHIFTS, n2, n3))


# -- solving with breaks -------------------------------------------------------------------
def test_breaks_are_staggered_to_meet_demand() -> None:
    """Five W agents, a 60-minute break in 11:00-13:00 (starts 11:00 .. 12:00) and three
    agents asked online 11:00-13:00 on Wednesday, when everyone works (a promotion day
    without peaks). The breaks cover 5 x 4 = 20 agent-quarters of the window's 8: at
    least four quarters have three agents on break, two online: one agent short for 60
    minutes at best (two at 11:00, two at 12:00, the fifth anywhere)."""
    w = ShiftType(
        "W", "白班", time(8), time(17), break_minutes=60, break_window=(time(11), time(13))
    )
    team = tuple(Agent(f"A{i}", shifts=("W",)) for i in range(5))
    wednesday = date(2026, 12, 9)
    problem = Problem(
        MON,
        team,
        end=SUN,
        shifts=(w,),
        rules=Rules(promotion_days=(wednesday,), rotation_period_days=0),
        demand=(Demand(3, date=wednesday, start=time(11), end=time(13)),),
        peaks=(),
    )
    problem = problem.replace(weights=problem.weights.with_(peak_min=0, peak_total=0))
    result = solve(problem, time_limit=10, workers=2, seed=0, reproducible=True)
    assert result.status is Status.OPTIMAL
    assert result.roster is not None and check(problem, result.roster) == []
    terms = {t.name: t.value for t in result.terms}
    assert terms["unmet_demand"] == 1.0  # agent-hours, as the checker counts them
    starts = sorted(
        a.break_start.time()
        for a in result.roster
        if a.date == wednesday and a.break_start is not None
    )
    assert len(starts) == 5 and starts.count(time(11)) >= 2 and starts.count(time(12)) >= 2


def test_a_night_variant_covers_the_hour_after_midnight() -> None:
    n2 = ShiftType("N2", "大促晚班", time(17), time(2), frozenset({date(2026, 12, 9)}), family="N")
    team = tuple(Agent(f"A{i}") for i in range(6))
    thursday = date(2026, 12, 10)
    problem = Problem(
        MON, team, end=SUN, shifts=(*DEFAULT_SHIFTS, n2), rules=Rules(promotion_days=(thursday,))
    )
    result = solve(problem, time_limit=10, workers=2, seed=0, reproducible=True)
    assert result.roster is not None and check(problem, result.roster) == []
    slots = PeakCoverage().slots(View(problem, result.roster))
    late = [s for s in slots if s.start == datetime(2026, 12, 10, 1)]
    assert late and late[0].online >= 1 and late[0].possible == 6
    assert any(a.shift == "N2" for a in result.roster)
    assert not any("01:00-02:00 on 12-10" in note for note in result.notes)


# -- what no shift covers ------------------------------------------------------------------
def _promotion_team(**kwargs: object) -> Problem:
    team = (*(Agent(f"A{i}") for i in range(6)), Agent("R1", shifts=("R",)))
    return Problem(
        date(2026, 12, 1),
        team,
        rules=Rules(promotion_days=(EVE, DOUBLE_12)),
        **kwargs,  # type: ignore[arg-type]
    )


def test_hours_no_shift_covers_are_named_with_the_shift_to_add() -> None:
    notes = uncovered_notes(_promotion_team())
    assert notes == [
        "nobody can be online 01:00-02:00 on 12-11 (peak hour; no shift covers it): add a "
        "shift N2 17:00-02:00 in family N on 12-10..12-11 to the Shifts sheet",
        "nobody can be online 07:00-08:00 on 12-11 (peak hour; no shift covers it): add a "
        "shift W0 07:00-16:00 in family W on 12-11..12-12 to the Shifts sheet",
        "nobody can be online 01:00-02:00 on 12-12 (peak hour; no shift covers it): add a "
        "shift N2 17:00-02:00 in family N on 12-10..12-11 to the Shifts sheet",
        "nobody can be online 07:00-08:00 on 12-12 (peak hour; no shift covers it): add a "
        "shift W0 07:00-16:00 in family W on 12-11..12-12 to the Shifts sheet",
    ]
    # the proposed rows cover every such hour
    added = tuple(p.shift for p in proposals(_promotion_team()))
    assert uncovered_notes(_promotion_team(shifts=(*DEFAULT_SHIFTS, *added))) == []


def test_a_demand_window_of_a_promotion_day_is_checked_too() -> None:
    late = Demand(2, date=DOUBLE_12, start=time(2), end=time(3))
    notes = uncovered_notes(_promotion_team(demand=(late,)))
    assert (
        "nobody can be online 02:00-03:00 on 12-12 (demand row 1; no shift covers it): "
        "add a shift N3 17:00-03:00 in family N on 12-11 to the Shifts sheet" in notes
    )


def test_solve_says_what_cannot_be_covered() -> None:
    team = tuple(Agent(f"A{i}") for i in range(6))
    problem = Problem(MON, team, end=SUN, rules=Rules(promotion_days=(date(2026, 12, 10),)))
    result = solve(problem, time_limit=3, workers=2, seed=0)
    assert any(n.startswith("nobody can be online 01:00-02:00 on 12-10") for n in result.notes)
    assert "add a shift W0 07:00-16:00 in family W" in result.summary()


# -- holidays ------------------------------------------------------------------------------
def test_china_calendar_has_golden_week_and_its_make_up_workdays() -> None:
    days = calendar_days("CN", date(2026, 9, 1), date(2026, 10, 31))
    golden = [d for d, h in days.items() if h.kind == "holiday" and d.month == 10]
    assert golden == [date(2026, 10, d) for d in range(1, 8)]
    assert days[date(2026, 10, 1)].name == "国庆节"
    workdays = sorted(d for d, h in days.items() if h.kind == "workday")
    assert workdays == [date(2026, 9, 20), date(2026, 10, 10)]
    assert calendar_days("none", date(2026, 10, 1), date(2026, 10, 31)) == {}
    assert unpublished_years("CN", date(2026, 10, 1), date(2026, 10, 31)) == []
    assert unpublished_years("CN", date(2027, 1, 1), date(2027, 1, 31)) == [2027]


def test_holiday_rows_override_the_calendar_and_count_in_stats() -> None:
    team = tuple(Agent(f"A{i}") for i in range(4))
    october = Problem(
        date(2026, 10, 1),
        team,
        end=date(2026, 10, 7),
        holidays=(Holiday(date(2026, 10, 7), "调休", "workday"),),
        rules=Rules(
            max_holiday_days=3,
            holiday_fairness=True,
            min_agents_per_shift=0,
            rest_days_mode="min",
        ),
    )
    assert october.holiday_dates() == frozenset(date(2026, 10, d) for d in range(1, 7))
    result = solve(october, time_limit=5, workers=2, seed=0)
    assert result.roster is not None and check(october, result.roster) == []
    worked = {
        a.id: sum(1 for c in result.roster if c.agent == a.id and c.working and c.date.day < 7)
        for a in team
    }
    assert max(worked.values()) <= 3
    january = Problem(date(2027, 1, 1), team, end=date(2027, 1, 7))
    assert any("no make-up workdays (调休) for 2027" in n for n in planning_notes(january))


# -- the workbook --------------------------------------------------------------------------
def test_the_roster_workbook_shows_variants_breaks_and_holidays(tmp_path: Path) -> None:
    n2 = ShiftType(
        "N2", "大促晚班", time(17), time(2), frozenset({date(2026, 12, 9)}), "N", 30,
        (time(20), time(23)),
    )  # fmt: skip
    team = tuple(Agent(f"A{i}") for i in range(6))
    problem = Problem(
        MON,
        team,
        end=SUN,
        shifts=(*DEFAULT_SHIFTS, n2),
        rules=Rules(promotion_days=(date(2026, 12, 10),), holiday_calendar="none"),
        holidays=(Holiday(SUN, "店庆"),),
    )
    result = solve(problem, time_limit=5, workers=2, seed=0)
    assert result.roster is not None
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(path, problem, result.roster, result=result)
    book = openpyxl.load_workbook(path)
    rows = list(book["Shifts"].iter_rows(values_only=True))
    assert rows[0][:8] == (
        "code", "name", "start", "end", "dates", "family", "break_minutes", "break_window",
    )  # fmt: skip
    assert ("N2", "大促晚班") in {r[:2] for r in rows[1:]} and "N" in {r[0] for r in rows[1:]}
    n2_row = next(r for r in rows if r[0] == "N2")
    assert n2_row[4:] == ("2026-12-09", "N", 30, "20:00-23:00")
    roster = [str(c.value) for row in book["Roster"].iter_rows() for c in row if c.value]
    legend = next(v for v in roster if v.startswith("大促晚班"))
    assert "17:00-02:00" in legend and "交接 from 16:50" in legend and "N 组" in legend
    assert "节" in roster  # the holiday mark over Sunday
    header = [c.value for c in book["Assignments"][1]]
    assert header[-2:] == ["break_start", "break_end"]
    breaks = [r for r in book["Assignments"].iter_rows(min_row=2, values_only=True) if r[7]]
    assert breaks and all(r[4] == "N2" for r in breaks)
    stats = [c.value for c in book["Stats"][1]]
    assert "节假日出勤 holidays worked" in stats


def test_reading_the_printed_roster_keeps_the_assignments_breaks(tmp_path: Path) -> None:
    """The Roster sheet wins but shows no breaks: where it agrees with the Assignments
    sheet, each agent keeps the break written there, a cell typed with its times too."""
    problem = breaks()
    written = on_break(on_break(grid(), "A", 1, time(12)), "E", 2, time(12, 30))
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(path, problem, written)
    book = openpyxl.load_workbook(path)
    assert book["Roster"]["D4"].value == "W"  # A on Monday, the writer's layout
    book["Roster"]["D4"] = "W 08:00-17:00"
    book.save(path)
    reading = read_roster_sheets(path, problem)
    assert reading.differences == () and reading.unknown == ()
    monday = reading.roster.get("A", day(1))
    assert monday is not None and monday.start == datetime(2026, 12, 7, 8)
    assert monday.break_start == datetime(2026, 12, 7, 12)
    tuesday = reading.roster.get("E", day(2))
    assert tuesday is not None and tuesday.break_start == datetime(2026, 12, 8, 12, 30)
    assert check(problem, reading.roster) == []


def test_the_shifts_sheet_reports_a_bad_family_and_window_at_their_cells(tmp_path: Path) -> None:
    sheets = good()
    sheets["Shifts"] = [
        ["code", "name", "start", "end", "family", "break_minutes", "break_window"],
        ["N2", "大促晚班", "17:00", "02:00", "X", None, None],
        ["W", "白班", "08:00", "17:00", None, 60, "11:00-14"],
        ["R", "常班", "09:00", "18:00", None, 600, None],
    ]
    path = tmp_path / "bad.xlsx"
    save(sheets, path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    text = str(caught.value)
    assert "Shifts!E2: unknown family 'X'" in text
    assert "Shifts!G3: invalid window '11:00-14'" in text
    assert "Shifts!F4:" in text and "does not fit in the shift" in text


def test_the_double12_example_covers_every_peak_hour_with_breaks_off_peak(tmp_path: Path) -> None:
    """As a manager runs it: roster solve on the example, then roster validate on the
    roster written; every peak quarter hour of 12-11 and 12-12 has agents online, no break
    falls in a peak hour, and the roster shows the variants with their real times."""
    staff = tmp_path / "double12.xlsx"
    staff.write_bytes((EXAMPLES / "double12.xlsx").read_bytes())
    problem = read_workbook(staff).problem
    assert problem.rules.promotion_days == (EVE, DOUBLE_12)
    shifts = {s.code: s for s in problem.shifts}
    assert shifts["N2"].family == "N" and shifts["W0"].family == "W"
    assert all(s.break_minutes for s in problem.shifts)
    assert planning_notes(problem) == []  # every peak hour has a shift covering it
    out = tmp_path / "roster.xlsx"
    runner = CliRunner()
    solved = runner.invoke(
        main,
        ["solve", str(staff), "-o", str(out), "--time-limit", "4", "--reproducible", "--quiet"],
    )
    assert solved.exit_code == 0, solved.output
    assert staff.read_bytes() == (EXAMPLES / "double12.xlsx").read_bytes()  # input untouched
    validated = runner.invoke(main, ["validate", str(out), "--staff", str(staff)])
    assert validated.exit_code == 0, validated.output
    assert "every hard rule holds" in validated.output
    reading = read_roster_sheets(out, problem)
    assert reading.differences == () and reading.unknown == ()
    roster = reading.roster
    assert check(problem, roster) == []
    view = View(problem, roster)
    slots = PeakCoverage().slots(view)
    assert {s.day for s in slots} == {EVE, DOUBLE_12}
    assert all(s.online > 0 for s in slots), [s for s in slots if not s.online]
    placed = 0
    for agent in problem.agents:
        for when in (EVE, DOUBLE_12):
            pause = view.break_of(agent.id, when)
            if pause is not None:
                placed += 1
                assert not any(s.start < pause[1] and pause[0] < s.end for s in slots)
    assert placed > 0
    # the breaks read back are the ones written (the Assignments sheet), none left unstated
    stated = [a for a in roster if a.working and shifts[a.shift].break_minutes]
    assert stated and all(a.break_start is not None for a in stated)
    # the printed roster: variant codes in the grid, the legend with their real times
    book = openpyxl.load_workbook(out)
    cells = [str(c.value) for row in book["Roster"].iter_rows() for c in row if c.value]
    used = {a.shift for a in roster if a.working}
    assert {"N2", "W0"} <= used and {"N2", "W0"} <= set(cells)
    legend = {v.split(" ")[0]: v for v in cells if " break " in v}
    assert "17:00-02:00" in legend["大促晚班"] and "交接 from 16:50" in legend["大促晚班"]
    assert "07:00-16:00" in legend["大促早班"] and "W 组" in legend["大促早班"]
    # the Shifts sheet lists every shift the roster uses
    listed = {r[0] for r in book["Shifts"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert used <= listed
