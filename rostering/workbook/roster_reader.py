"""Read a roster workbook into a `Roster`: the ``Assignments`` sheet, else the ``Roster`` grid.

Rosters come from this tool (the writer's output) or are made or edited by hand, so both
sheets are read leniently: unknown ids and codes are kept as written (the checker reports
them), a blank cell is a missing entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..problem import LEAVE, REST, Problem
from ..roles import normalize_role
from ..roster import Assignment, Roster
from . import cells
from .cells import CellError, Invalid, Unreadable, WorkbookError, blank, match_code, show
from .files import Book, open_book
from .sizes import MAX_ROSTER_COLUMNS
from .table import Column, Table

__all__ = ["read_previous", "read_roster"]

PathLike = str | Path

_REST_WORDS = {"off", "rest", "休", "休息", "-", "—", "／", "/"}
_LEAVE_WORDS = {"leave", "假", "请假", "l", "unavailable", "不可用"}
_MISSING_WORDS = {"?", "？"}  # the writer's mark for a cell with no entry
_SECOND_MARK = "*"  # the writer's mark for a day worked in the agent's second role
_CELL_RE = re.compile(
    r"^(?P<code>\S+?)\s*[\s(（]\s*(?P<start>\d{1,2}[:：]\d{2})\s*[-–~～]\s*"
    r"(?P<end>\d{1,2}[:：]\d{2})\s*[)）]?$"
)


def _roster_code(typed: str, codes: list[str]) -> str:
    """A roster cell as a shift code, `REST` or `LEAVE`; unknown codes are kept as typed
    (the checker reports them)."""
    code = match_code(typed, codes)
    if code is not None:
        return code
    if typed.lower() in _REST_WORDS:
        return REST
    if typed.lower() in _LEAVE_WORDS:
        return LEAVE
    return typed


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


_ASSIGNMENT_COLUMNS = (
    Column("id", "工号", True),
    Column("name", "姓名"),
    Column("role", "岗位"),
    Column("date", "日期", True),
    Column("shift", "班次", True),
    Column("start", "开始"),
    Column("end", "结束"),
)


def _row_limit(problem: Problem) -> int:
    """The most rows a roster sheet of ``problem`` may have: every agent and day, with
    room for other agents and last month's days."""
    return (len(problem.agents) + 100) * (problem.num_days + 31)


def _read_assignments(
    book: Book, title: str, problem: Problem, errors: list[CellError]
) -> list[Assignment]:
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
        return []
    for column in _ASSIGNMENT_COLUMNS:
        if column.required and column.name not in table.columns:
            table.missing_column(column)
    if errors:
        return []
    codes = [s.code for s in problem.shifts]
    out = []
    for row in table.rows:
        ident = row.get("id", cells.to_ident, required=True)
        day = row.get("date", cells.to_date, required=True)
        typed = row.get("shift")
        if typed is None or typed in _MISSING_WORDS or not row.ok:
            continue  # a blank shift is a missing entry, which the checker reports
        code = _roster_code(typed, codes)
        begin = finish = None
        if code not in (REST, LEAVE):
            for name in ("start", "end"):
                row.get(name, cells.to_time)  # reports an invalid time at its cell
            if not row.ok:
                continue
            begin, finish = _actual_times(
                problem, day, code, row.values.get("start"), row.values.get("end")
            )
        agent = next((a for a in problem.agents if a.id == ident), None)
        stated = row.get("role")
        if not row.ok:
            continue
        role = None
        if agent is not None and stated is not None:
            role = normalize_role(stated) or stated
            if role == agent.role:
                role = None  # the agent's own role
        out.append(Assignment(ident, day, code, begin, finish, role))
    return out


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


def _read_grid(
    book: Book, title: str, problem: Problem, errors: list[CellError]
) -> list[Assignment]:
    limit = 2 * (len(problem.agents) + 1000)
    rows: list[tuple[int, tuple[object, ...]]] = []
    for numbered in book.rows(title, errors, max_columns=MAX_ROSTER_COLUMNS):
        if len(rows) == limit:
            errors.append(
                CellError(title, f"A{numbered[0]}", f"more than {limit} rows: not this roster?")
            )
            return []
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
        return []
    number, header_values = rows[header]
    id_col = next(
        i for i, v in enumerate(header_values) if not blank(v) and _header_words(v) & _ID_HEADERS
    )
    skip = {id_col}
    for i, v in enumerate(header_values):
        if not blank(v) and _header_words(v) & (_NAME_HEADERS | _ROLE_HEADERS):
            skip.add(i)
    days: dict[int, date] = {}
    first_col: dict[date, int] = {}
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
        if day in first_col:
            also = get_column_letter(first_col[day] + 1)
            errors.append(CellError(title, cell, f"day {day} appears twice (also column {also})"))
            continue
        first_col[day] = i
        days[i] = day
    if not days and not errors:
        errors.append(CellError(title, None, f"no day columns in header row {number}"))
    codes = [s.code for s in problem.shifts]
    team = {a.id for a in problem.agents}
    out: list[Assignment] = []
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
        for i, value in found.items():
            try:
                entry = _grid_cell(problem, ident, days[i], value, codes)
            except Invalid as problem_:
                errors.append(CellError(title, f"{get_column_letter(i + 1)}{r}", str(problem_)))
                continue
            if entry is not None:
                out.append(entry)
    return out


def _is_count(value: object, codes: Sequence[str]) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and match_code(show(value), codes) is None
    )


def _grid_cell(
    problem: Problem, ident: str, day: date, value: object, codes: list[str]
) -> Assignment | None:
    """One Roster cell: a code, maybe with its actual times (``N 16:45-01:00``) and the
    mark of a day in the second role (``W*``); None for the mark of a missing entry."""
    if isinstance(value, Unreadable):
        raise Invalid(str(value))
    typed = show(value) if isinstance(value, int | float) else str(value).strip()
    if typed in _MISSING_WORDS:
        return None
    match = _CELL_RE.match(typed)
    typed_code = typed if match is None else match.group("code")
    second = (
        typed_code.endswith(_SECOND_MARK)
        and match_code(typed_code, codes) is None
        and match_code(typed_code[:-1].rstrip(), codes) is not None
    )
    if second:
        typed_code = typed_code[:-1].rstrip()
    code = _roster_code(typed_code, codes)
    role = None
    if second:
        agent = next((a for a in problem.agents if a.id == ident), None)
        role = None if agent is None else agent.secondary_role
    if match is None:
        return Assignment(ident, day, code, role=role)
    start, end = cells.to_time(match.group("start")), cells.to_time(match.group("end"))
    begin, finish = _actual_times(problem, day, code, start, end)
    return Assignment(ident, day, code, begin, finish, role)


def read_roster(path: PathLike, problem: Problem) -> Roster:
    """Read a roster workbook: the ``Assignments`` sheet, else the ``Roster`` (排班表) grid.

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
    errors: list[CellError] = []
    with open_book(path) as book:
        title = book.find({"assignments"}, "Assignments", errors)
        if title is not None:
            assignments = _read_assignments(book, title, problem, errors)
        else:
            title = book.find({"roster", "排班表"}, "Roster", errors)
            if title is None:
                sheets = ", ".join(f"'{t}'" for t in book.titles)
                errors.append(
                    CellError(
                        "",
                        None,
                        f"{Path(path).name}: no sheet 'Assignments' or 'Roster' (排班表); "
                        f"the workbook has {sheets}",
                    )
                )
                assignments = []
            else:
                assignments = _read_grid(book, title, problem, errors)
    if errors:
        raise WorkbookError(errors)
    return Roster(assignments)


def read_previous(path: PathLike, problem: Problem) -> Roster:
    """Read last month's roster workbook for carry-over into ``problem``.

    Takes every entry dated before ``problem.start`` of the agents in ``problem``'s team
    (agents who left are ignored); a Roster grid's day headers are read as days of the
    calendar month before ``problem.start``. Returns the roster to pass as
    ``Problem.previous``.

    Raises
    ------
    WorkbookError
        Also when the roster does not end on the day before ``problem.start`` (a roster of
        another month).
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
    roster = read_roster(path, host)
    ends = max((a.date for a in roster), default=None)
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
    kept = [a for a in roster if a.agent in team and a.date < problem.start]
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
    return Roster(kept)
