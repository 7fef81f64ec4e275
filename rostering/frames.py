"""DataFrames in and out: a `Problem` from tables, a roster and its reports as tables.

Out: `result_frames` (``Result.to_frames()``) gives the assignments, the coverage per
hour against demand, the demand slots, per-agent stats, the checks and their violations,
the handovers and the objective terms, each a `pandas.DataFrame` whose columns and dtypes
are fixed by the specs in this module (`FRAME_COLUMNS`) and listed in ``docs/api.md``.
Dates are ``datetime64[ns]`` at midnight, actual times ``datetime64[ns]`` (an end past
midnight is on the next day), shift codes and roles are categoricals, text is pandas'
``string`` dtype, and rest and leave are spelled ``OFF`` and ``LEAVE`` as in the
workbook's Assignments sheet. Every figure comes from `rostering.report`, so the frames
never disagree with the workbook or the checker.

In: `problem_from_frames` (``Problem.from_frames(...)``) reads one DataFrame per input
sheet of the workbook contract (``staff``, ``leave``, ``demand``, ``shifts``, ...) with the
workbook reader's own column specs and parsers: the same column names (English or
Chinese), the same values, and the same precise errors, naming the table, the row (the
frame's index label) and the column.

pandas is imported here only; the core never imports this module at import time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .conversions import provide
from .problem import LEAVE, REST, Problem, ProblemError
from .report import (
    STAT_FIELDS,
    agent_stats,
    coverage_rows,
    demand_shortfalls,
    handovers,
    rule_checks,
    team_roles,
)
from .roles import ROLES
from .roster import Roster
from .rules.view import View

if TYPE_CHECKING:
    from .result import Result
    from .workbook.reader import CellError

__all__ = [
    "FRAME_COLUMNS",
    "Col",
    "FrameError",
    "FrameProblem",
    "RosterFrames",
    "empty_frames",
    "problem_from_frames",
    "result_frames",
    "roster_frame",
    "roster_frames",
]


# -- column specs ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Col:
    """One column of an output frame: its name, dtype and meaning.

    ``dtype`` is ``"string"``, ``"int64"``, ``"Int64"`` (nullable), ``"float64"``,
    ``"bool"``, ``"datetime64[ns]"``, ``"shift"`` (categorical over the problem's shift
    codes, then ``OFF`` and ``LEAVE``) or ``"role"`` (categorical over `rostering.ROLES`).
    """

    name: str
    dtype: str
    doc: str


_DATE = "datetime64[ns]"

ASSIGNMENTS: tuple[Col, ...] = (
    Col("id", "string", "agent id (工号)"),
    Col("name", "string", "agent name"),
    Col("role", "role", "the role worked that day (a second role after a promotion)"),
    Col("date", _DATE, "the day"),
    Col("shift", "shift", "shift code, OFF for a rest day, LEAVE for leave; <NA> when missing"),
    Col("start", _DATE, "actual start, with an early start for a handover; NaT off work"),
    Col("end", _DATE, "actual end (the next day for a night shift); NaT off work"),
    Col("break_start", _DATE, "start of the break; NaT when the shift has none"),
    Col("break_end", _DATE, "end of the break; NaT when the shift has none"),
)
COVERAGE: tuple[Col, ...] = (
    Col("date", _DATE, "the day"),
    Col("hour", "int64", "clock hour 0-23: the slot hour:00-hour+1:00"),
    Col("start", _DATE, "the slot's start"),
    Col("online", "int64", "agents online through the whole slot (nominal shift times)"),
    Col("online_<role>", "int64", "one column per role of the team: its agents online"),
    Col("demand", "Int64", "agents the Demand windows ask for in the slot; <NA> when none"),
    Col("shortfall", "int64", "agents below that demand (per role asked, summed)"),
    Col("peak", "bool", "a peak hour of a promotion day"),
    Col("possible", "Int64", "in a peak hour: agents who could be online; else <NA>"),
)
DEMAND: tuple[Col, ...] = (
    Col("row", "int64", "position of the Demand row in Problem.demand (0-based)"),
    Col("date", _DATE, "the day"),
    Col("role", "role", "the role asked for; <NA> for any role"),
    Col("what", "string", "a shift code, a window HH:MM-HH:MM, or day (agents working)"),
    Col("required", "int64", "agents asked for"),
    Col("have", "int64", "agents the roster gives"),
    Col("missing", "int64", "agents short: max(0, required - have)"),
    Col("minutes", "int64", "length of the slot in minutes"),
)
STATS: tuple[Col, ...] = (
    Col("id", "string", "agent id"),
    Col("name", "string", "agent name"),
    Col("role", "role", "the agent's role"),
    *(
        Col(
            f,
            "float64" if f == "hours" else "int64",
            {
                "work_days": "days with a shift",
                "rest_days": "rest days (OFF)",
                "leave_days": "days of leave (LEAVE)",
                "nights": "night shifts (of a family crossing midnight)",
                "weekend_rest_days": "rest days on a Saturday or Sunday",
                "promotion_days_worked": "promotion days with a shift",
                "holiday_days_worked": "statutory holidays with a shift",
                "hours": "hours worked, actual times (handover early starts included)",
                "unassigned_days": "days without an entry (hand-made rosters)",
            }.get(f, f),
        )
        for f in STAT_FIELDS
    ),
)
CHECKS: tuple[Col, ...] = (
    Col("number", "Int64", "the rule's number in DOMAIN order; <NA> for the general limits"),
    Col("rule", "string", "the rule's name in the registry"),
    Col("title", "string", "what the rule says"),
    Col("passed", "bool", "the roster satisfies the rule (independent checker)"),
    Col("violations", "int64", "how many violations"),
)
VIOLATIONS: tuple[Col, ...] = (
    Col("rule", "string", "the rule broken"),
    Col("agent", "string", "whom it concerns; <NA> for the team"),
    Col("date", _DATE, "when; NaT for the whole horizon"),
    Col("amount", "float64", "by how much"),
    Col("message", "string", "what is wrong, for people"),
)
HANDOVERS: tuple[Col, ...] = (
    Col("date", _DATE, "the day of the outgoing shift"),
    Col("outgoing_shift", "shift", "the shift handing over"),
    Col("incoming_shift", "shift", "the shift taking over"),
    Col("role", "role", "the role handing over"),
    Col("outgoing_agent", "string", "agent id handing over"),
    Col("incoming_agent", "string", "agent id taking over"),
    Col("overlap_minutes", "int64", "minutes both are on duty"),
)
TERMS: tuple[Col, ...] = (
    Col("term", "string", "the soft objective term"),
    Col("unit", "string", "its unit"),
    Col("value", "float64", "its value in that unit"),
    Col("weight", "int64", "points per unit"),
    Col("points", "float64", "value x weight"),
)

FRAME_COLUMNS: dict[str, tuple[Col, ...]] = {
    "assignments": ASSIGNMENTS,
    "coverage": COVERAGE,
    "demand": DEMAND,
    "stats": STATS,
    "checks": CHECKS,
    "violations": VIOLATIONS,
    "handovers": HANDOVERS,
    "terms": TERMS,
}
"""The columns of each frame of `RosterFrames`, in order (``online_<role>`` stands for one
column per role of the team)."""


def _shift_codes(problem: Problem | None, roster: Roster | None) -> list[str]:
    codes = [s.code for s in problem.shifts] if problem is not None else []
    for a in roster or ():
        if a.shift not in codes and a.shift not in (REST, LEAVE):
            codes.append(a.shift)
    return [*codes, REST, LEAVE]


def _build(
    specs: Sequence[Col], rows: Mapping[str, Sequence[Any]], codes: Sequence[str]
) -> pd.DataFrame:
    """A frame with exactly the columns of ``specs`` (``online_<role>`` expanded from
    ``rows``), each converted to its dtype."""
    data: dict[str, pd.Series[Any]] = {}
    for spec in specs:
        if spec.name == "online_<role>":
            for name in rows:
                if name.startswith("online_"):
                    data[name] = pd.Series(rows[name], dtype="int64")
            continue
        values = list(rows.get(spec.name, ()))
        data[spec.name] = _series(values, spec.dtype, codes)
    return pd.DataFrame(data)


def _series(values: list[Any], dtype: str, codes: Sequence[str]) -> pd.Series[Any]:
    if dtype == _DATE:
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype=_DATE)
    if dtype == "shift":
        return pd.Series(pd.Categorical(values, categories=list(codes)))
    if dtype == "role":
        return pd.Series(pd.Categorical(values, categories=list(ROLES)))
    return pd.Series(values, dtype=dtype)


def _add(rows: dict[str, list[Any]], **values: Any) -> None:
    """Append one row's values to the column lists of ``rows``."""
    for key, value in values.items():
        rows[key].append(value)


def _day(d: date | None) -> datetime | None:
    return None if d is None else datetime.combine(d, datetime.min.time())


# -- rosters --------------------------------------------------------------------------------
@provide("roster_frame")
def roster_frame(roster: Roster, problem: Problem | None = None) -> pd.DataFrame:
    """The assignments as a frame: one row per agent and day (`ASSIGNMENTS` columns).

    Parameters
    ----------
    roster
        Any roster (hand-made ones too).
    problem
        The problem it is for. With it, the rows are every agent (in team order) on every
        day of the horizon, with names, the role worked and the actual times as the
        workbook's Assignments sheet states them (a missing cell has shift <NA>). Without
        it, the rows are the roster's own entries in order, ``name`` is <NA>, ``role`` is
        set only for a day worked in another role, and times only where the roster states
        them.

    Returns
    -------
    pandas.DataFrame
    """
    rows: dict[str, list[Any]] = {c.name: [] for c in ASSIGNMENTS}
    cells: list[tuple[str, str | None, str | None, date, str | None, Any, Any]] = []
    if problem is None:
        for a in roster:
            span = (a.start, a.end) if a.start is not None and a.end is not None else None
            pause = (a.break_start, a.break_end) if a.break_start is not None else None
            cells.append((a.agent, None, a.role, a.date, a.shift, span, pause))
    else:
        view = View(problem, roster)
        for agent in problem.agents:
            for day in view.days:
                role = view.acting(agent, day).role
                shift = view.code(agent.id, day)
                cells.append(
                    (
                        agent.id,
                        agent.name,
                        role,
                        day,
                        shift,
                        view.interval(agent.id, day),
                        view.break_of(agent.id, day),
                    )
                )
    for ident, name, worked, day, code, span, pause in cells:
        _add(
            rows,
            id=ident,
            name=name,
            role=worked,
            date=_day(day),
            shift=code,
            start=span[0] if span else None,
            end=span[1] if span else None,
            break_start=pause[0] if pause else None,
            break_end=pause[1] if pause else None,
        )
    return _build(ASSIGNMENTS, rows, _shift_codes(problem, roster))


@dataclass(frozen=True)
class RosterFrames:
    """A roster and its reports as DataFrames; columns and dtypes in `FRAME_COLUMNS`.

    Without a roster (a solve that found none) every frame has its columns and no rows.
    """

    assignments: pd.DataFrame
    """One row per agent and day: shift, actual start and end, break."""
    coverage: pd.DataFrame
    """One row per day and clock hour: agents online (in total and per role) against the
    Demand windows, and the peak hours."""
    demand: pd.DataFrame
    """One row per Demand slot (row and day): agents asked for and given."""
    stats: pd.DataFrame
    """One row per agent: work, rest and leave days, nights, weekend rest, hours."""
    checks: pd.DataFrame
    """One row per hard rule: passed, and how many violations (independent checker)."""
    violations: pd.DataFrame
    """One row per violation of a hard rule (none for a solved roster)."""
    handovers: pd.DataFrame
    """One row per face-to-face handover (交接)."""
    terms: pd.DataFrame
    """One row per soft objective term of the solve (none for a roster not solved here)."""

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, frame)`` pairs, in `FRAME_COLUMNS` order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def roster_frames(problem: Problem, roster: Roster, result: Result | None = None) -> RosterFrames:
    """Every frame of a roster of ``problem`` (hand-made ones too); ``result`` adds the
    objective terms and the solver's handover log when it solved this very roster."""
    view = View(problem, roster)
    codes = _shift_codes(problem, roster)
    roles = team_roles(problem)

    cov: dict[str, list[Any]] = {c.name: [] for c in COVERAGE if c.name != "online_<role>"}
    cov |= {f"online_{r}": [] for r in roles}
    for h in coverage_rows(problem, roster, view):
        _add(
            cov,
            date=_day(h.day),
            hour=h.hour,
            start=datetime.combine(h.day, datetime.min.time()) + timedelta(hours=h.hour),
            online=h.online,
            demand=h.demand,
            shortfall=h.shortfall,
            peak=h.peak,
            possible=h.possible,
            **{f"online_{r}": h.by_role.get(r, 0) for r in roles},
        )

    dem: dict[str, list[Any]] = {c.name: [] for c in DEMAND}
    for s in demand_shortfalls(problem, roster, view):
        _add(
            dem,
            row=s.row,
            date=_day(s.date),
            role=s.role,
            what=s.what,
            required=s.required,
            have=s.have,
            missing=s.missing,
            minutes=s.minutes,
        )

    stats: dict[str, list[Any]] = {c.name: [] for c in STATS}
    for st in agent_stats(problem, roster, view):
        _add(
            stats,
            id=st.agent,
            name=st.name,
            role=st.role,
            **{f: getattr(st, f) for f in STAT_FIELDS},
        )

    checks: dict[str, list[Any]] = {c.name: [] for c in CHECKS}
    broken: dict[str, list[Any]] = {c.name: [] for c in VIOLATIONS}
    for c in rule_checks(problem, roster):
        _add(
            checks,
            number=c.number,
            rule=c.name,
            title=c.title,
            passed=c.passed,
            violations=len(c.violations),
        )
        for v in c.violations:
            _add(
                broken,
                rule=v.rule,
                agent=v.agent,
                date=_day(v.date),
                amount=float(v.amount),
                message=v.message,
            )

    hand: dict[str, list[Any]] = {c.name: [] for c in HANDOVERS}
    for ho in handovers(problem, roster, result, view):
        _add(
            hand,
            date=_day(ho.date),
            outgoing_shift=ho.outgoing_shift,
            incoming_shift=ho.incoming_shift,
            role=ho.role,
            outgoing_agent=ho.outgoing_agent,
            incoming_agent=ho.incoming_agent,
            overlap_minutes=ho.overlap_minutes,
        )

    return RosterFrames(
        roster_frame(roster, problem),
        _build(COVERAGE, cov, codes),
        _build(DEMAND, dem, codes),
        _build(STATS, stats, codes),
        _build(CHECKS, checks, codes),
        _build(VIOLATIONS, broken, codes),
        _build(HANDOVERS, hand, codes),
        _terms(result),
    )


def _terms(result: Result | None) -> pd.DataFrame:
    rows: dict[str, list[Any]] = {c.name: [] for c in TERMS}
    for t in result.terms if result is not None else ():
        _add(
            rows,
            term=t.name,
            unit=t.unit,
            value=float(t.value),
            weight=t.weight,
            points=float(t.points),
        )
    return _build(TERMS, rows, ())


def empty_frames(problem: Problem | None = None) -> RosterFrames:
    """Every frame with its columns and dtypes and no rows (``online_<role>`` columns for
    the roles of ``problem``'s team)."""
    codes = _shift_codes(problem, None)
    roles = team_roles(problem) if problem is not None else ()
    built = {
        name: _build(specs, {f"online_{r}": [] for r in roles}, codes)
        for name, specs in FRAME_COLUMNS.items()
    }
    return RosterFrames(**built)


@provide("result_frames")
def result_frames(result: Result) -> RosterFrames:
    """The frames of a solve's roster (`roster_frames`).

    When the solve found no roster (``result.roster`` is None: infeasible, or none in
    time) every frame is empty but for its columns (`empty_frames`): check
    ``result.found`` (or ``result.status``) to tell "no roster" from "nothing to report".
    """
    if result.roster is None:
        return empty_frames(result.problem)
    return roster_frames(result.problem, result.roster, result)


# -- frames in ---------------------------------------------------------------------------------
def _tables() -> dict[str, str]:
    """``TABLES``: the input tables `problem_from_frames` takes, by keyword, and the
    workbook sheet each stands for (``staff`` is the ``Staff`` sheet, ...). Built on
    first use, so that ``import rostering`` does not load the workbook edge (openpyxl)."""
    from .workbook.reader import SHEETS

    return {spec.name.lower(): spec.name for spec in SHEETS}


def __getattr__(name: str) -> Any:
    if name == "TABLES":
        return _tables()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_KEY_VALUE = {"rules": ("rule", "value"), "staffing": ("item", "value")}


@dataclass(frozen=True)
class FrameProblem:
    """One problem in an input frame: the table (the keyword it came as), the row (the
    frame's index label; None for the whole table), the column and what is wrong."""

    table: str
    row: Any
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.table] if self.table else []
        if self.row is not None:
            where.append(f"row {self.row!r}" if isinstance(self.row, str) else f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class FrameError(ValueError):
    """Input frames that do not make a problem; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[FrameProblem]) -> None:
        self.errors: list[FrameProblem] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def _plain(value: Any) -> Any:
    """A frame cell as the workbook reader takes a spreadsheet cell."""
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return ", ".join(str(v) for v in (_plain(v) for v in value) if v is not None)
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, pd.Timedelta):
        return value.to_pytimedelta()
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, datetime | date | time):
        return value
    return value


class _Sheet:
    """A frame as the reader sees a worksheet: a header row, then one row per frame row."""

    def __init__(self, frame: pd.DataFrame) -> None:
        if frame.index.name is not None or any(n is not None for n in frame.index.names[1:]):
            frame = frame.reset_index()
        self.header = tuple(str(c) for c in frame.columns)
        self.labels = list(frame.index)
        self.rows = [tuple(_plain(v) for v in row) for row in frame.itertuples(index=False)]

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        yield self.header
        yield from self.rows

    def __iter__(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        return enumerate(self.iter_rows(), start=1)

    def label(self, number: int) -> Any:
        """The index label of the frame row that is sheet row ``number`` (None: the header)."""
        position = number - 2
        if 0 <= position < len(self.labels):
            label = self.labels[position]
            return label.item() if isinstance(label, np.generic) else label
        return None


def _as_frame(name: str, value: object) -> pd.DataFrame:
    if isinstance(value, pd.DataFrame):
        return value
    if name in _KEY_VALUE and isinstance(value, Mapping):
        key, val = _KEY_VALUE[name]
        return pd.DataFrame({key: list(value), val: pd.Series(list(value.values()), dtype=object)})
    raise TypeError(
        f"{name}: expected a pandas DataFrame"
        + (" or a mapping of key to value" if name in _KEY_VALUE else "")
        + f", got {type(value).__name__}"
    )


_CELL = re.compile(r"^([A-Z]+)(\d+)$")
_ROW_REF = re.compile(r"\brow (\d+)\b")


def _problem(error: CellError, table: str, sheet: _Sheet | None) -> FrameProblem:
    """A reader's error (``Sheet!C7``) as the frame's table, row label and column."""
    if sheet is None:
        return FrameProblem(table, None, None, error.message)
    message = _ROW_REF.sub(lambda m: f"row {sheet.label(int(m.group(1)))}", error.message)
    match = _CELL.match(error.cell or "")
    if match is None:
        return FrameProblem(table, None, None, message)
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    number = int(match.group(2))
    column = sheet.header[index - 1] if 0 < index <= len(sheet.header) else None
    if number == 1:  # the header row: a column missing or given twice
        return FrameProblem(table, None, column if "twice" in message else None, message)
    return FrameProblem(table, sheet.label(number), column, message)


@provide("problem_from_frames")
def problem_from_frames(staff: object, **tables: object) -> Problem:
    """A `Problem` from DataFrames, one per input sheet of the workbook.

    Each frame has the columns of its sheet in the workbook contract (English or Chinese
    names, any order, extra columns ignored) and its values are read by the workbook
    reader's own parsers: dates as dates, Timestamps or ISO text, times as times or
    ``HH:MM``, lists of codes or dates as Python lists or comma-separated text, blanks as
    None, NaN or NaT. A named index is read as a column.

    Parameters
    ----------
    staff
        The ``Staff`` sheet: ``id``, ``name``, ``role``, optional ``shifts`` and
        ``secondary_role``.
    **tables
        The other sheets by their names in lower case: ``rules`` (a frame with ``rule``
        and ``value`` columns, or a mapping such as ``{"month": "2026-12",
        "promotion_days": [date(2026, 12, 12)]}``), ``shifts``, ``leave``, ``demand``,
        ``peaks``, ``limits``, ``staffing`` (a frame or a mapping of item to value) and
        ``forecast``; and ``today``, the date the default month (the one after today)
        counts from.

    Returns
    -------
    Problem

    Raises
    ------
    FrameError
        With every problem found, each naming the table, the row (the frame's index
        label) and the column, with the message a bad cell of the workbook gets.
    TypeError
        For an unknown table or a value that is not a frame.

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"id": ["A01", "A02"], "name": ["张敏", "李娜"],
    ...                       "role": ["presales", "售前"]})
    >>> problem_from_frames(staff, rules={"month": "2026-12"}).agents[1].role
    'presales'
    >>> bad = staff.assign(role=["presales", "boss"])
    >>> problem_from_frames(bad, rules={"month": "2026-12"})
    Traceback (most recent call last):
    ...
    rostering.frames.FrameError: staff, row 1, column 'role': unknown role 'boss' (...)
    """
    today = tables.pop("today", None)
    if today is not None and not isinstance(today, date):
        raise TypeError(f"today: expected a date, got {type(today).__name__}")
    from .workbook.reader import SHEETS, Draft, Table, problem_of

    known = _tables()
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise TypeError(f"unknown tables {unknown} (tables: {', '.join(known)})")
    given = {"staff": staff, **{k: v for k, v in tables.items() if v is not None}}
    sheets = {name: _Sheet(_as_frame(name, value)) for name, value in given.items()}
    errors: list[CellError] = []
    draft = Draft(today or date.today())
    for spec in SHEETS:  # as read_workbook reads the sheets of a workbook
        name = spec.name.lower()
        if name not in sheets:
            continue
        table = Table.read(sheets[name], name, spec.columns, errors)
        before = len(errors)
        if not table.empty:
            for column in spec.columns:
                if column.required and column.name not in table.columns:
                    table.missing_column(column)
        if len(errors) > before:
            draft.staff_ok = draft.staff_ok and spec.name != "Staff"
            draft.shifts_ok = draft.shifts_ok and spec.name != "Shifts"
            continue
        spec.parse(table, draft)
    if errors:
        raise FrameError([_problem(e, e.sheet, sheets.get(e.sheet)) for e in errors])
    try:
        return problem_of(draft)
    except ProblemError as problem:
        raise FrameError([FrameProblem("", None, None, str(problem))]) from None
