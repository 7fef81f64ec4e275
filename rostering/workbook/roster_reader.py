"""Read a roster workbook into a `Roster`: the ``Roster`` grid (排班表) as the manager sees it.

The ``Roster`` sheet is what a manager reads, prints and edits by hand, so it is the
truth: when a workbook has both a ``Roster`` and an ``Assignments`` sheet, the grid is
read and every cell where the two disagree is listed (``Roster!H7: W, Assignments!E12
says OFF``); where they agree, the Assignments sheet adds what the grid does not show
(the actual start and end times of a handover's early start). A workbook with only an
``Assignments`` sheet is read as it is.

Rosters come from this tool or are made or edited by hand, so cells are read leniently:
codes in any case, full-width characters, 休/休息/OFF for rest, 假/请假/年假/LEAVE for
leave, the shifts' Chinese names (白班, 晚班, 常班), a code with its times
(``N 16:45-01:00``) or the times alone (``16:45-01:00``, read as the shift with those
times). A cell that names nothing known is kept as written, so the checker reports it,
and is listed by cell (`RosterReading.unknown`); a blank cell is a missing entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..problem import LEAVE, REST, Problem
from ..report import format_hhmm
from ..roles import normalize_role
from ..roster import Assignment, Roster
from . import cells
from .cells import CellError, Invalid, Unreadable, WorkbookError, blank, match_code, show
from .files import Book, open_book
from .sizes import MAX_ROSTER_COLUMNS
from .table import Column, Table

__all__ = [
    "RosterReading",
    "read_previous",
    "read_previous_sheets",
    "read_roster",
    "read_roster_sheets",
]

PathLike = str | Path

_REST_WORDS = {"off", "rest", "休", "休息", "调休", "轮休", "公休", "-", "—", "–", "/"}
_LEAVE_WORDS = {"leave", "假", "请假", "l", "unavailable", "不可用"}
_LEAVE_ENDING = "假"  # 年假, 病假, 事假, 婚假, 休假: kinds of leave
_NIGHT_WORDS = {"夜班", "夜"}  # other names of the night shift (晚班)
_MISSING_WORDS = {"?"}  # the writer's mark for a cell with no entry
_SECOND_MARK = "*"  # the writer's mark for a day worked in the agent's second role
_CLOCK = r"\d{1,2}:\d{2}"
_TO = r"\s*[-–~至到]\s*"
_CODE_TIMES_RE = re.compile(
    rf"^(?P<code>.*?\D)\s*\(?\s*(?P<start>{_CLOCK}){_TO}(?P<end>{_CLOCK})\s*\)?$"
)
_TIMES_RE = re.compile(rf"^(?P<start>{_CLOCK}){_TO}(?P<end>{_CLOCK})$")


def _plain(typed: str) -> str:
    """A hand-typed cell as text to match: full-width characters as their ASCII forms
    (Ｗ, ：, （）), runs of spaces as one, surrounding spaces removed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", typed)).strip()


def _understand(typed: str, problem: Problem) -> str | None:
    """A roster cell's code as a shift code, `REST` or `LEAVE`; None when it names nothing
    known (a code of no shift of the problem)."""
    codes = [s.code for s in problem.shifts]
    code = match_code(typed, codes)
    if code is not None:
        return code
    folded = typed.lower()
    if folded in _REST_WORDS:
        return REST
    if folded in _LEAVE_WORDS or (len(typed) > 1 and typed.endswith(_LEAVE_ENDING)):
        return LEAVE
    return _by_name(typed, problem)


def _by_name(typed: str, problem: Problem) -> str | None:
    """The shift a Chinese name names: its name (白班), the name without 班 (白) when only
    one shift's name starts so, and 夜班/夜 for the shift named 晚班."""
    if typed in _NIGHT_WORDS:
        typed = "晚班"
    named = [s.code for s in problem.shifts if s.name.lower() == typed.lower()]
    if len(named) == 1:
        return named[0]
    stem = [s.code for s in problem.shifts if s.name.endswith("班") and s.name[:-1] == typed]
    return stem[0] if len(stem) == 1 else None


def _by_times(problem: Problem, day: date, start: time, end: time) -> list[str]:
    """The shifts on ``day`` whose times ``start``-``end`` are: their own, or with the
    early start of a handover (at most ``handover_max_minutes`` before the shift's)."""
    early = timedelta(minutes=problem.rules.handover_max_minutes)
    found = []
    for shift in problem.shifts:
        if not shift.exists_on(day) or shift.end != end:
            continue
        own = datetime.combine(day, shift.start)
        typed = datetime.combine(day, start)
        if typed > own:
            typed -= timedelta(days=1)
        if own - early <= typed <= own:
            found.append(shift.code)
    return found


def _unknown_message(typed: str, problem: Problem) -> str:
    codes = ", ".join(s.code for s in problem.shifts)
    return (
        f"{show(typed)} is not a shift code ({codes}), 休 (rest) or 假 (leave); kept as "
        "written, so the checks report it"
    )


def _at(day: date, clock: time, near: datetime) -> datetime:
    """The datetime at ``clock`` on the day before, of, or after ``day`` nearest ``near``."""
    base = datetime.combine(day, clock)
    options = [base + timedelta(days=k) for k in (0, -1, 1)]  # ties: the same day
    return min(options, key=lambda t: abs((t - near).total_seconds()))


def _actual_times(
    problem: Problem, day: date, code: str, start: object, end: object
) -> tuple[datetime | None, datetime | None]:
    """Stated start and end of work on ``day`` as datetimes; clock times are placed nearest
    the shift's own times (an end at or before the start is the next day)."""

    def absolute(value: object) -> datetime | None:
        if isinstance(value, datetime) and value.year > 1900:
            return value
        return None

    begin = absolute(start)
    finish = absolute(end)
    start_t = None if blank(start) or begin else cells.to_time(start)
    end_t = None if blank(end) or finish else cells.to_time(end)
    try:
        shift = problem.shift(code)
    except KeyError:
        shift = None
    if shift is not None:
        nominal_start = datetime.combine(day, shift.start)
        nominal_end = nominal_start + timedelta(minutes=shift.minutes)
    else:
        nominal_start = datetime.combine(day, start_t or time(0))
        nominal_end = nominal_start + timedelta(hours=12)
    if start_t is not None:
        begin = _at(day, start_t, nominal_start)
    if end_t is not None:
        finish = _at(day, end_t, nominal_end)
        if begin is not None and finish <= begin:
            finish = datetime.combine(begin.date(), end_t)
            if finish <= begin:
                finish += timedelta(days=1)
    return begin, finish


# -- what was read ------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterReading:
    """A roster workbook as read: the roster, the sheet it came from and the cells to see.

    Attributes
    ----------
    roster
        Every entry read (`read_roster` returns only this).
    sheet
        The title of the sheet read: the ``Roster`` (排班表) grid when there is one, else
        ``Assignments``.
    differences
        Where the Roster and Assignments sheets disagree, one per cell of the Roster sheet
        (``Roster!H7: W, Assignments!E12 says OFF (A01, 2026-12-05)``); the Roster sheet
        wins. Empty when only one of them was read.
    unknown
        Cells of the sheet read that name no shift code, rest or leave; they are kept as
        written, so the checker reports them too.
    """

    roster: Roster
    sheet: str
    differences: tuple[CellError, ...] = ()
    unknown: tuple[CellError, ...] = ()
    compared: str | None = None
    """The sheet compared with ``sheet`` (``Assignments``), or None."""

    @property
    def notes(self) -> tuple[CellError, ...]:
        """The differences, then the cells not understood."""
        return self.differences + self.unknown

    def lines(self, name: str = "") -> list[str]:
        """What a person should know about the reading, one line each ("" when nothing).

        ``name`` is the workbook's file name, to start the first line with.
        """
        out: list[str] = []
        lead = f"{name}: " if name else ""
        if self.differences:
            out.append(
                f"{lead}the {self.sheet} sheet (what is printed) is read; it differs from the "
                f"{self.compared} sheet in {len(self.differences)} cell(s), and the "
                f"{self.sheet} sheet wins:"
            )
            out += [f"  {note}" for note in self.differences]
        if self.unknown:
            out.append(f"{lead}{len(self.unknown)} cell(s) not understood, kept as written:")
            out += [f"  {note}" for note in self.unknown]
        return out


@dataclass(frozen=True)
class _Entry:
    """One cell of a roster sheet as read: the entry (None for the mark of a missing
    entry), where it is, and what it shows."""

    assignment: Assignment | None
    cell: str
    typed: str
    timed: bool = False
    """Whether the cell states times (``N 16:45-01:00``)."""


@dataclass
class _Sheet:
    """A roster sheet as read: its entries by (agent, date), in sheet order."""

    title: str
    entries: dict[tuple[str, date], _Entry] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    """The grid's row of each agent (the Roster sheet only)."""
    columns: dict[date, int] = field(default_factory=dict)
    """The grid's column of each day (the Roster sheet only)."""
    unknown: list[tuple[str, CellError]] = field(default_factory=list)
    """Cells not understood, with the agent of each."""

    def add(self, key: tuple[str, date], entry: _Entry) -> None:
        self.entries.setdefault(key, entry)

    @property
    def roster(self) -> Roster:
        return Roster(e.assignment for e in self.entries.values() if e.assignment is not None)


# -- the Assignments sheet ----------------------------------------------------------------
_ASSIGNMENT_COLUMNS = (
    Column("id", "工号", True),
    Column("name", "姓名"),
    Column("role", "岗位"),
    Column("date", "日期", True),
    Column("shift", "班次", True),
    Column("start", "开始"),
    Column("end", "结束"),
    Column("break_start", "休息开始"),
    Column("break_end", "休息结束"),
)


def _break_times(
    problem: Problem, day: date, code: str, start: object, end: object
) -> tuple[datetime | None, datetime | None]:
    """A stated break on ``day`` as datetimes, placed nearest the middle of the shift."""
    try:
        shift = problem.shift(code)
    except KeyError:
        return None, None
    middle = datetime.combine(day, shift.start) + timedelta(minutes=shift.minutes / 2)
    return tuple(  # type: ignore[return-value]
        None if blank(value) else _at(day, cells.to_time(value), middle) for value in (start, end)
    )


def _row_limit(problem: Problem) -> int:
    """The most rows a roster sheet of ``problem`` may have: every agent and day, with
    room for other agents and last month's days."""
    return (len(problem.agents) + 100) * (problem.num_days + 31)


def _read_assignments(book: Book, title: str, problem: Problem, errors: list[CellError]) -> _Sheet:
    out = _Sheet(title)
    limit = _row_limit(problem)
    table = Table.read(
        book.rows(title, errors),
        title,
        _ASSIGNMENT_COLUMNS,
        errors,
        max_rows=limit,
        too_many=f"more than {limit} rows for {len(problem.agents)} agents: not this roster?",
    )
    if table.empty:
        table.error("the sheet is empty")
        return out
    for column in _ASSIGNMENT_COLUMNS:
        if column.required and column.name not in table.columns:
            table.missing_column(column)
    if errors:
        return out
    agents = {a.id: a for a in problem.agents}
    for row in table.rows:
        ident = row.get("id", cells.to_ident, required=True)
        day = row.get("date", cells.to_date, required=True)
        raw = row.get("shift")
        if not row.ok:
            continue
        ref = row.cell("shift") or f"A{row.number}"
        if raw is None:
            continue  # a blank shift is a missing entry, which the checker reports
        typed = _plain(raw)
        if typed in _MISSING_WORDS:
            out.add((ident, day), _Entry(None, ref, typed))
            continue
        understood = _understand(typed, problem)
        if understood is None:
            out.unknown.append((ident, CellError(title, ref, _unknown_message(typed, problem))))
        code = understood or typed
        begin = finish = pause = resume = None
        if code not in (REST, LEAVE):
            for name in ("start", "end", "break_start", "break_end"):
                row.get(name, cells.to_time)  # reports an invalid time at its cell
            if not row.ok:
                continue
            begin, finish = _actual_times(
                problem, day, code, row.values.get("start"), row.values.get("end")
            )
            pause, resume = _break_times(
                problem, day, code, row.values.get("break_start"), row.values.get("break_end")
            )
        agent = agents.get(ident)
        stated = row.get("role")
        if not row.ok:
            continue
        role = None
        if agent is not None and stated is not None:
            role = normalize_role(stated) or stated
            if role == agent.role:
                role = None  # the agent's own role
        timed = begin is not None or finish is not None
        out.add(
            (ident, day),
            _Entry(
                Assignment(ident, day, code, begin, finish, role, pause, resume), ref, typed, timed
            ),
        )
    return out


# -- the Roster grid ----------------------------------------------------------------------
_ID_HEADERS = {"id", "工号"}
_NAME_HEADERS = {"name", "姓名"}
_ROLE_HEADERS = {"role", "岗位"}
_ISO_RE = re.compile(r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})")
_MONTH_DAY_RE = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_DAY_RE = re.compile(r"^\s*(\d{1,2})(?!\d)(?![:：])")


def _header_words(value: object) -> set[str]:
    typed = str(value).strip().lower()
    return {typed, *typed.split()}


class _DayHeader:
    """Turns the day headers of a Roster sheet, left to right, into dates."""

    def __init__(self, problem: Problem) -> None:
        assert problem.end is not None
        self.start, self.end = problem.start, problem.end
        self.year, self.month = problem.start.year, problem.start.month
        self.last = 0

    def __call__(self, value: object) -> date | None:
        """The date a header names; None when it names none; Invalid when it is wrong."""
        if isinstance(value, datetime | date):
            return self._seen(cells.to_date(value))
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not float(value).is_integer():
                return None
            return self._day(int(value), value)
        typed = str(value)
        if match := _ISO_RE.match(typed):
            return self._seen(cells.to_date(match.group(1)))
        if match := _MONTH_DAY_RE.match(typed):
            month, day = int(match.group(1)), int(match.group(2))
            try:
                found = [date(y, month, day) for y in (self.start.year, self.end.year)]
            except ValueError:
                raise Invalid(f"invalid date {show(value)}") from None
            inside = [d for d in found if self.start <= d <= self.end]
            return self._seen((inside or found)[0])
        if match := _DAY_RE.match(typed):
            return self._day(int(match.group(1)), value)
        return None

    def _seen(self, day: date) -> date:
        self.year, self.month, self.last = day.year, day.month, day.day
        return day

    def _day(self, number: int, value: object) -> date:
        if number < self.last:  # 30, 31, 1: the next month
            self.year, self.month = (self.year + self.month // 12, self.month % 12 + 1)
        try:
            day = date(self.year, self.month, number)
        except ValueError:
            raise Invalid(f"invalid day {show(value)} for {self.year}-{self.month:02d}") from None
        self.last = number
        return day


def _read_grid(book: Book, title: str, problem: Problem, errors: list[CellError]) -> _Sheet:
    out = _Sheet(title)
    limit = 2 * (len(problem.agents) + 1000)
    rows: list[tuple[int, tuple[object, ...]]] = []
    for numbered in book.rows(title, errors, max_columns=MAX_ROSTER_COLUMNS):
        if len(rows) == limit:
            errors.append(
                CellError(title, f"A{numbered[0]}", f"more than {limit} rows: not this roster?")
            )
            return out
        rows.append(numbered)
    header = next(
        (
            i
            for i, (number, values) in enumerate(rows)
            if number <= 5 and any(not blank(v) and _header_words(v) & _ID_HEADERS for v in values)
        ),
        None,
    )
    if header is None:
        errors.append(
            CellError(title, None, "no header row with an 'id' (工号) column in rows 1-5")
        )
        return out
    number, header_values = rows[header]
    id_col = next(
        i for i, v in enumerate(header_values) if not blank(v) and _header_words(v) & _ID_HEADERS
    )
    skip = {id_col}
    for i, v in enumerate(header_values):
        if not blank(v) and _header_words(v) & (_NAME_HEADERS | _ROLE_HEADERS):
            skip.add(i)
    days: dict[int, date] = {}
    to_date = _DayHeader(problem)
    for i, value in enumerate(header_values):
        if i in skip or i < id_col or blank(value):
            continue
        cell = f"{get_column_letter(i + 1)}{number}"
        if isinstance(value, Unreadable):
            errors.append(CellError(title, cell, f"header cell: {value}"))
            continue
        try:
            day = to_date(value)
        except Invalid as problem_:
            errors.append(CellError(title, cell, str(problem_)))
            continue
        if day is None:
            continue
        if day in out.columns:
            also = get_column_letter(out.columns[day] + 1)
            errors.append(CellError(title, cell, f"day {day} appears twice (also column {also})"))
            continue
        out.columns[day] = i
        days[i] = day
    if not days and not errors:
        errors.append(CellError(title, None, f"no day columns in header row {number}"))
    codes = [s.code for s in problem.shifts]
    team = {a.id for a in problem.agents}
    started = gap = False
    previous = number
    for r, values in rows[header + 1 :]:
        gap = gap or (started and r > previous + 1)  # a blank row in between
        previous = r
        raw_id = values[id_col] if id_col < len(values) else None
        if blank(raw_id):
            gap = gap or (started and all(blank(v) for v in values))
            continue
        found = {i: values[i] for i in days if i < len(values) and not blank(values[i])}
        if found and all(_is_count(v, codes) for v in found.values()):
            continue  # a totals row (agents on duty per day), not an agent
        try:
            if isinstance(raw_id, Unreadable):
                raise Invalid(str(raw_id))
            ident = cells.to_ident(raw_id)
        except Invalid as problem_:
            errors.append(CellError(title, f"{get_column_letter(id_col + 1)}{r}", str(problem_)))
            continue
        if gap and ident not in team:
            continue  # below the table after a blank row: totals, a legend, notes
        started = True
        out.rows.setdefault(ident, r)
        for i, value in found.items():
            ref = f"{get_column_letter(i + 1)}{r}"
            try:
                entry = _grid_cell(problem, ident, days[i], value, ref, out)
            except Invalid as problem_:
                errors.append(CellError(title, ref, str(problem_)))
                continue
            out.add((ident, days[i]), entry)
    return out


def _is_count(value: object, codes: Sequence[str]) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and match_code(show(value), codes) is None
    )


def _grid_cell(
    problem: Problem, ident: str, day: date, value: object, ref: str, sheet: _Sheet
) -> _Entry:
    """One Roster cell: a code, maybe with its actual times (``N 16:45-01:00``), the times
    alone (``16:45-01:00``) or the mark of a day in the second role (``W*``); a cell not
    understood is kept as typed and noted in ``sheet.unknown``."""
    if isinstance(value, Unreadable):
        raise Invalid(str(value))
    if isinstance(value, datetime | date | time):
        typed = show(value) if not isinstance(value, time) else format_hhmm(value)
        sheet.unknown.append(
            (
                ident,
                CellError(
                    sheet.title,
                    ref,
                    f"a time or date ({typed}) is not a roster entry: type the shift code, "
                    "or the code with its times (N 16:45-01:00); kept as written, so the "
                    "checks report it",
                ),
            )
        )
        return _Entry(Assignment(ident, day, typed), ref, typed)
    typed = show(value) if isinstance(value, int | float) else _plain(str(value))
    if typed in _MISSING_WORDS:
        return _Entry(None, ref, typed)
    times = None
    code_part = typed
    if match := _TIMES_RE.match(typed):
        times = match.group("start"), match.group("end")
        code_part = ""
    elif match := _CODE_TIMES_RE.match(typed):
        times = match.group("start"), match.group("end")
        code_part = match.group("code").strip().rstrip("(").strip()
    start = end = None
    if times is not None:
        start, end = cells.to_time(times[0]), cells.to_time(times[1])
    second = code_part.endswith(_SECOND_MARK) and _understand(code_part, problem) is None
    if second:
        code_part = code_part[:-1].rstrip()
    if not code_part and start is not None and end is not None:
        found = _by_times(problem, day, start, end)
        if len(found) != 1:
            shown = ", ".join(
                f"{s.code} {format_hhmm(s.start)}-{format_hhmm(s.end)}" for s in problem.shifts
            )
            why = "no shift has" if not found else f"shifts {', '.join(found)} all have"
            sheet.unknown.append(
                (
                    ident,
                    CellError(
                        sheet.title,
                        ref,
                        f"{why} the times {typed} ({shown}): type the shift code with its "
                        "times, e.g. N 16:45-01:00; kept as written, so the checks report it",
                    ),
                )
            )
            return _Entry(Assignment(ident, day, typed), ref, typed)
        code_part = found[0]
    code = _understand(code_part, problem)
    if code is None:
        note = CellError(sheet.title, ref, _unknown_message(code_part, problem))
        sheet.unknown.append((ident, note))
        code = code_part
    role = None
    if second:
        agent = next((a for a in problem.agents if a.id == ident), None)
        role = None if agent is None else agent.secondary_role
    if start is None or code in (REST, LEAVE):
        return _Entry(Assignment(ident, day, code, role=role), ref, typed)
    begin, finish = _actual_times(problem, day, code, start, end)
    return _Entry(Assignment(ident, day, code, begin, finish, role), ref, typed, True)


# -- the two sheets together --------------------------------------------------------------
def _says(entry: _Entry | None) -> str:
    """What a cell of the Assignments sheet says, as a difference quotes it."""
    if entry is None or entry.assignment is None:
        return "nothing"
    cell = entry.assignment
    text = cell.shift
    if cell.start is not None and cell.end is not None:
        text += f" {format_hhmm(cell.start)}-{format_hhmm(cell.end)}"
    if cell.role is not None:
        text += f" as {cell.role}"
    return text


def _same(grid: _Entry, listed: _Entry) -> bool:
    """Whether a Roster cell says what the Assignments row says (times only when the
    Roster cell states them)."""
    a, b = grid.assignment, listed.assignment
    if a is None or b is None:
        return a is b
    if (a.shift, a.role) != (b.shift, b.role):
        return False
    return not grid.timed or (a.start, a.end) == (b.start, b.end)


def _merge(grid: _Sheet, listed: _Sheet, only: set[str] | None) -> tuple[Roster, list[CellError]]:
    """The grid's roster, with the Assignments sheet's times and breaks where the two agree
    (a grid cell that states its times keeps them, with the Assignments sheet's break), and every
    cell where they do not (of the agents in ``only``, when given)."""
    differences: list[CellError] = []
    out: list[Assignment] = []

    def differ(cell: str, shown: str, other: _Entry | None, key: tuple[str, date]) -> None:
        if only is not None and key[0] not in only:
            return
        where = f"{listed.title}!{other.cell}" if other is not None else listed.title
        says = _says(other) if other is not None else "nothing"
        differences.append(
            CellError(grid.title, cell, f"{shown}, {where} says {says} ({key[0]}, {key[1]})")
        )

    for key, entry in grid.entries.items():
        other = listed.entries.get(key)
        if other is None or not _same(entry, other):
            if entry.assignment is not None or (other is not None and other.assignment):
                differ(entry.cell, entry.typed, other, key)
            if entry.assignment is not None:
                out.append(entry.assignment)
            continue
        if entry.assignment is None or other.assignment is None:
            continue
        if entry.timed:  # the grid's times, the Assignments sheet's break (the grid has none)
            stated = other.assignment
            out.append(
                replace(
                    entry.assignment, break_start=stated.break_start, break_end=stated.break_end
                )
            )
        else:
            out.append(other.assignment)
    missing_rows: dict[str, int] = {}
    missing_days: dict[date, int] = {}
    for key, other in listed.entries.items():
        if key in grid.entries or other.assignment is None:
            continue
        agent, day = key
        if only is not None and agent not in only:
            continue
        if agent not in grid.rows:
            missing_rows[agent] = missing_rows.get(agent, 0) + 1
        elif day not in grid.columns:
            missing_days[day] = missing_days.get(day, 0) + 1
        else:
            cell = f"{get_column_letter(grid.columns[day] + 1)}{grid.rows[agent]}"
            differ(cell, "blank", other, key)
    for agent, count in missing_rows.items():
        differences.append(
            CellError(
                grid.title,
                None,
                f"no row for {agent}, but the {listed.title} sheet has {count} entries for "
                f"{agent}: the {grid.title} sheet wins, so {agent} has no entries",
            )
        )
    for day, count in sorted(missing_days.items()):
        differences.append(
            CellError(
                grid.title,
                None,
                f"no column for {day}, but the {listed.title} sheet has {count} entries on "
                f"that day: the {grid.title} sheet wins, so that day has no entries",
            )
        )
    return Roster(out), differences


def _unknown(sheet: _Sheet, only: set[str] | None) -> tuple[CellError, ...]:
    return tuple(note for agent, note in sheet.unknown if only is None or agent in only)


def _read(path: PathLike, problem: Problem, only: set[str] | None = None) -> RosterReading:
    """`read_roster_sheets`, with notes only about the agents in ``only`` (when given)."""
    errors: list[CellError] = []
    with open_book(path) as book:
        grid_title = book.find({"roster", "排班表"}, "Roster", errors)
        list_title = book.find({"assignments"}, "Assignments", errors)
        if grid_title is None and list_title is None:
            sheets = ", ".join(f"'{t}'" for t in book.titles)
            errors.append(
                CellError(
                    "",
                    None,
                    f"{Path(path).name}: no sheet 'Roster' (排班表) or 'Assignments'; "
                    f"the workbook has {sheets}",
                )
            )
            raise WorkbookError(errors)
        if grid_title is None:
            assert list_title is not None
            listed = _read_assignments(book, list_title, problem, errors)
            if errors:
                raise WorkbookError(errors)
            return RosterReading(listed.roster, list_title, (), _unknown(listed, only))
        grid = _read_grid(book, grid_title, problem, errors)
        if errors:
            raise WorkbookError(errors)
        if list_title is None:
            return RosterReading(grid.roster, grid_title, (), _unknown(grid, only))
        problems: list[CellError] = []
        listed = _read_assignments(book, list_title, problem, problems)
    if problems:
        unread = tuple(
            CellError(e.sheet, e.cell, f"{e.message} (so this sheet is not compared)")
            for e in problems
        )
        return RosterReading(grid.roster, grid_title, unread, _unknown(grid, only), list_title)
    roster, differences = _merge(grid, listed, only)
    return RosterReading(roster, grid_title, tuple(differences), _unknown(grid, only), list_title)


def read_roster_sheets(path: PathLike, problem: Problem) -> RosterReading:
    """Read a roster workbook as the manager sees it, with every cell worth a look.

    The ``Roster`` (排班表) grid is read when there is one, else the ``Assignments``
    sheet. With both, the grid wins: `RosterReading.differences` lists every cell where
    the Assignments sheet says something else, and the Assignments sheet's times are
    kept where the two agree (the grid shows codes, not times). A workbook whose
    Assignments sheet cannot be read is still read from its grid (the problems are
    listed as differences).

    Parameters
    ----------
    path
        The roster workbook (the tool's output or a hand-made one); never written.
    problem
        The problem the roster is for: its month places day-of-month headers, and its shift
        times place clock times on the right day.

    Returns
    -------
    RosterReading
        The roster, the sheet read, the differences and the cells not understood.

    Raises
    ------
    WorkbookError
        On a missing sheet or column, or an unreadable date or time.
    """
    return _read(path, problem)


def read_roster(path: PathLike, problem: Problem) -> Roster:
    """Read a roster workbook: the ``Roster`` (排班表) grid, else the ``Assignments`` sheet.

    The roster of `read_roster_sheets` (which also says where the two sheets disagree).

    Parameters
    ----------
    path
        The roster workbook (the tool's output or a hand-made one); never written.
    problem
        The problem the roster is for: its month places day-of-month headers, and its shift
        times place clock times on the right day.

    Returns
    -------
    Roster
        Every non-blank cell as an `Assignment`. A blank cell is a missing entry (no
        assignment), which the checker reports; unknown ids and codes are kept as written.

    Raises
    ------
    WorkbookError
        On a missing sheet or column, or an unreadable date or time.
    """
    return _read(path, problem).roster


def read_previous_sheets(path: PathLike, problem: Problem) -> RosterReading:
    """Read last month's roster workbook for carry-over into ``problem``, as
    `read_roster_sheets` reads it (the Roster grid wins), keeping what `read_previous`
    keeps; the notes are about the agents of ``problem`` only.

    Raises
    ------
    WorkbookError
        As `read_previous`.
    """
    last = problem.start - timedelta(days=1)
    host = Problem(
        last.replace(day=1),
        problem.agents,
        end=last,
        shifts=problem.shifts,
        rules=problem.rules.with_(promotion_days=()),
    )
    team = {a.id for a in problem.agents}
    reading = _read(path, host, team)
    ends = max((a.date for a in reading.roster), default=None)
    if ends is not None and ends != last:
        raise WorkbookError(
            [
                CellError(
                    "",
                    None,
                    f"{Path(path).name}: the roster ends on {ends}, but last month's roster "
                    f"ends on {last}, the day before {problem.start}: give the roster of "
                    f"{last:%Y-%m} as --previous",
                )
            ]
        )
    kept = [a for a in reading.roster if a.agent in team and a.date < problem.start]
    if not kept:
        raise WorkbookError(
            [
                CellError(
                    "",
                    None,
                    f"{Path(path).name}: no entries before {problem.start} for this team "
                    "(is it last month's roster?)",
                )
            ]
        )
    return RosterReading(
        Roster(kept), reading.sheet, reading.differences, reading.unknown, reading.compared
    )


def read_previous(path: PathLike, problem: Problem) -> Roster:
    """Read last month's roster workbook for carry-over into ``problem``.

    Takes every entry dated before ``problem.start`` of the agents in ``problem``'s team
    (agents who left are ignored), read as `read_roster` reads it (the Roster grid wins
    over the Assignments sheet); a Roster grid's day headers are read as days of the
    calendar month before ``problem.start``. Returns the roster to pass as
    ``Problem.previous``.

    Raises
    ------
    WorkbookError
        Also when the roster does not end on the day before ``problem.start`` (a roster of
        another month).
    """
    return read_previous_sheets(path, problem).roster
