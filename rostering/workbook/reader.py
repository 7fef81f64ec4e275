"""Read the input workbook (staff.xlsx) into a `Problem`, and a roster workbook into a `Roster`.

The reader is the edge where spreadsheets meet the core: it reports every problem it can
find in one pass, each as ``Sheet!C7: message`` naming the exact cell, and only then builds
the `Problem`, whose constructors fail fast.

Each input sheet is one `SheetSpec` in `SHEETS`: its names, its columns and one parser
function. Sheets are parsed in the order of `SHEETS`, each into the shared `Draft`; adding a
sheet is one parser function plus one entry there.
"""

from __future__ import annotations

import calendar
import io
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..problem import (
    DEFAULT_SHIFTS,
    LEAVE,
    LIMIT_KINDS,
    RESERVED_CODES,
    REST,
    Agent,
    Demand,
    Leave,
    LeaveKind,
    Limit,
    PeakWindow,
    Problem,
    ProblemError,
    Request,
    Rules,
    ShiftType,
    Weights,
    month_bounds,
)
from ..roles import DEFAULT_ROLE_RATIOS, PRESALES, ROLE_NAMES_ZH, ROLES, normalize_role
from ..roster import Assignment, Roster
from ..staffing import ForecastRow, StaffingInputs, forecast_demand
from ..staffing_report import QueueTargets, StaffingData

__all__ = [
    "SHEETS",
    "STAFFING_ITEMS",
    "CellError",
    "Column",
    "Draft",
    "InputBook",
    "SheetSpec",
    "StaffingItem",
    "Table",
    "WorkbookError",
    "read_problem",
    "read_roster",
    "read_workbook",
]

PathLike = str | Path


# -- errors ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class CellError:
    """One problem in a workbook: the sheet, the cell (``"C7"``) and what is wrong.

    ``cell`` is None for a problem of a whole sheet; ``sheet`` is ``""`` for a problem of
    the whole file.
    """

    sheet: str
    cell: str | None
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        if self.cell is None:
            return f"{self.sheet}: {self.message}"
        return f"{self.sheet}!{self.cell}: {self.message}"


class WorkbookError(ValueError):
    """A workbook that cannot be read; ``errors`` lists every problem found, in order."""

    def __init__(self, errors: Iterable[CellError]) -> None:
        self.errors: list[CellError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class _Invalid(Exception):
    """A cell value that cannot be converted; the message says why."""


# -- converting cell values -----------------------------------------------------------------
def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: object) -> str:
    """A cell value as a message quotes it."""
    if isinstance(value, str):
        return f"'{value.strip()}'"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _norm(text: object) -> str:
    """A sheet, column or key name for matching: lower case, spaces and dashes as ``_``."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


def _text(value: object) -> str:
    return str(value).strip()


def _ident(value: object) -> str:
    """An agent id (工号): ``1001.0`` as Excel stores a number becomes ``"1001"``."""
    if isinstance(value, bool | date | time):
        raise _Invalid(f"invalid id {_show(value)}")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(value)


_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_MONTH_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})$")


def _date(value: object) -> date:
    """A real Excel date or ISO text ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _DATE_RE.match(value.strip())
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                pass
    raise _Invalid(f"invalid date {_show(value)} (expected YYYY-MM-DD)")


def _dates(value: object) -> list[date]:
    """Comma-separated dates, each a date or a range ``a..b`` (inclusive)."""
    if isinstance(value, date):
        return [_date(value)]
    out: list[date] = []
    text = re.sub(r"\s*(\.\.|~|～|至)\s*", "..", str(value))
    for part in _split(text):
        if ".." in part:
            first_text, _, last_text = part.partition("..")
            first, last = _date(first_text), _date(last_text)
            if last < first:
                raise _Invalid(f"range {_show(part)} ends before it starts")
            out.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
        else:
            out.append(_date(part))
    return out


def _time(value: object) -> time:
    """An Excel time or ``HH:MM`` text; ``24:00`` is midnight."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, timedelta) and timedelta(0) <= value <= timedelta(days=1):
        minutes = round(value.total_seconds() / 60) % 1440
        return time(minutes // 60, minutes % 60)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value <= 24:
            return time(int(value) % 24)  # a whole number of hours
        if 0 < value < 1:  # Excel's fraction of a day
            minutes = round(value * 1440) % 1440
            return time(minutes // 60, minutes % 60)
    if isinstance(value, str):
        match = _TIME_RE.match(value.strip().replace("：", ":"))
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if (hour, minute) == (24, 0):
                return time(0)
            if hour < 24 and minute < 60:
                return time(hour, minute)
    raise _Invalid(f"invalid time {_show(value)} (expected HH:MM)")


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise _Invalid(f"not a number: {_show(value)}")


def _whole(what: str, low: int = 0) -> Callable[[object], int]:
    """A converter to a whole number >= ``low``; messages name ``what``."""

    def convert(value: object) -> int:
        try:
            number = _number(value)
        except _Invalid:
            number = float("nan")
        if not number.is_integer() or number < low:
            raise _Invalid(f"{what} must be a whole number >= {low}, got {_show(value)}")
        return int(number)

    return convert


_TRUE = {"true", "yes", "y", "1", "on", "是", "对"}
_FALSE = {"false", "no", "n", "0", "off", "否", "不"}


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if isinstance(value, int | float) and value in (0, 1):
        text = str(int(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Invalid(f"expected true or false (yes/no, 1/0, 是/否), got {_show(value)}")


def _month(value: object) -> date:
    """``YYYY-MM`` text or an Excel date: the first day of that month."""
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    if isinstance(value, str):
        text = value.strip()
        match = _MONTH_RE.match(text)
        if match and 1 <= int(match.group(2)) <= 12 and int(match.group(1)) >= 1:
            return date(int(match.group(1)), int(match.group(2)), 1)
        try:
            day = _date(text)
        except _Invalid:
            pass
        else:
            return date(day.year, day.month, 1)
    raise _Invalid(f"invalid month {_show(value)} (expected YYYY-MM)")


def _split(text: str) -> list[str]:
    """Items of a list typed by hand: commas (also ``，`` and ``、``), semicolons or spaces."""
    return [p for p in re.split(r"[,，、;；\s]+", text.strip()) if p]


_ROLE_HINT = ", ".join(ROLES) + " or " + ", ".join(ROLE_NAMES_ZH[r] for r in ROLES)


def _role(value: object) -> str:
    role = normalize_role(_text(value))
    if role is None:
        raise _Invalid(f"unknown role {_show(value)} (expected {_ROLE_HINT})")
    return role


def _next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


# -- tables ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A column of an input sheet: English name, Chinese alias and a note for the template."""

    name: str
    zh: str
    required: bool = False
    note: str = ""


@dataclass
class Row:
    """One non-blank row of a `Table`; ``ok`` turns False once one of its cells is invalid."""

    table: Table = field(repr=False)
    number: int
    values: dict[str, object]
    ok: bool = True

    def cell(self, column: str) -> str | None:
        """The reference (``"C7"``) of this row's cell in ``column``."""
        index = self.table.columns.get(column)
        return None if index is None else f"{get_column_letter(index)}{self.number}"

    def has(self, column: str) -> bool:
        return not _blank(self.values.get(column))

    def error(self, column: str | None, message: str) -> None:
        """Report a problem in this row's cell of ``column`` (the row's first cell if None)."""
        self.ok = False
        cell = self.cell(column) if column else None
        if cell is None:
            first = min(self.table.columns.values(), default=1)
            cell = f"{get_column_letter(first)}{self.number}"
        self.table.errors.append(CellError(self.table.title, cell, message))

    def get(
        self,
        column: str,
        convert: Callable[[object], Any] = _text,
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        """The converted value of a cell: ``default`` when blank (an error if ``required``),
        None when invalid (the error is recorded)."""
        raw = self.values.get(column)
        if _blank(raw):
            if required:
                self.error(column, f"missing {column}")
            return default
        try:
            return convert(raw)
        except _Invalid as problem:
            self.error(column, str(problem))
            return None


@dataclass
class Table:
    """A worksheet read as a table: header row, known columns and non-blank rows."""

    title: str
    errors: list[CellError]
    header_row: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    width: int = 0  # last used column of the header row

    @property
    def empty(self) -> bool:
        """No header row at all: the sheet holds nothing."""
        return self.header_row == 0

    def error(self, message: str, cell: str | None = None) -> None:
        self.errors.append(CellError(self.title, cell, message))

    def missing_column(self, column: Column, extra: str = "") -> None:
        """Report a missing column at the header cell where it would go."""
        self.width += 1
        cell = f"{get_column_letter(self.width)}{self.header_row}"
        self.error(f"missing column '{column.name}' ({column.zh}){extra}", cell)

    @classmethod
    def read(cls, ws: Any, title: str, columns: Iterable[Column], errors: list[CellError]) -> Table:
        """Read a worksheet; the header row is the first non-empty row."""
        table = cls(title, errors)
        names = {}
        for col in columns:
            names[_norm(col.name)] = col.name
            names[_norm(col.zh)] = col.name
        rows = ws.iter_rows(values_only=True)
        for number, values in enumerate(rows, start=1):
            if table.header_row == 0:
                if all(_blank(v) for v in values):
                    continue
                table.header_row = number
                table._read_header(values, names)
                continue
            cells = {
                name: values[index - 1]
                for name, index in table.columns.items()
                if index - 1 < len(values)
            }
            if any(not _blank(v) for v in cells.values()):
                table.rows.append(Row(table, number, cells))
        return table

    def _read_header(self, values: tuple[object, ...], names: dict[str, str]) -> None:
        for index, value in enumerate(values, start=1):
            if _blank(value):
                continue
            self.width = index
            name = names.get(_norm(value))
            if name is None:
                continue  # an extra column: welcome, ignored
            if name in self.columns:
                first = get_column_letter(self.columns[name])
                self.error(
                    f"column '{name}' appears twice (also {first}{self.header_row})",
                    f"{get_column_letter(index)}{self.header_row}",
                )
                continue
            self.columns[name] = index


# -- the draft problem ----------------------------------------------------------------------
@dataclass
class Draft:
    """What the sheets have read so far; parsers add to it in the order of `SHEETS`."""

    today: date
    month: date | None = None  # first day; None once the month given is invalid
    rules: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)
    time_limit: float | None = None
    seed: int | None = None
    shifts: dict[str, ShiftType] = field(
        default_factory=lambda: {s.code: s for s in DEFAULT_SHIFTS}
    )
    shifts_ok: bool = True  # False: some Shifts rows are invalid, so unknown codes may be fine
    bad_codes: set[str] = field(default_factory=set)
    bad_rules: set[str] = field(default_factory=set)  # rule keys whose value is invalid
    agents: list[Agent] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # id -> Staff row, bad rows included
    staff_ok: bool = True  # False: the Staff sheet could not be read as a table
    leave: list[Leave] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    demand: list[Demand] = field(default_factory=list)
    peaks: list[PeakWindow] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)
    extras: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.month is None:
            self.month = _next_month(self.today)

    def outside(self, day: date) -> str | None:
        """Why ``day`` is not in the roster's month, or None when it is (or is unknown)."""
        if self.month is None:
            return None
        first, last = month_bounds(self.month.year, self.month.month)
        if first <= day <= last:
            return None
        return f"{day} is outside the month {self.month:%Y-%m}"

    def outside_any(self, days: Iterable[date]) -> str | None:
        """Why some of ``days`` are not in the roster's month (the first, and how many)."""
        wrong = [why for why in map(self.outside, days) if why]
        if len(wrong) > 1:
            return f"{wrong[0]} (and {len(wrong) - 1} more)"
        return wrong[0] if wrong else None

    def code(self, text: str) -> str | None:
        """The shift code that ``text`` names (exactly, else ignoring case), or None."""
        return _match_code(text, self.shifts)


def _match_code(text: str, codes: Iterable[str]) -> str | None:
    codes = list(codes)
    if text in codes:
        return text
    folded = [c for c in codes if c.lower() == text.lower()]
    return folded[0] if len(folded) == 1 else None


# -- sheet parsers --------------------------------------------------------------------------
RULE_KEYS: dict[str, str] = {
    "month": "month to roster, YYYY-MM (blank: next month) / 排班月份",
    "rest_days_per_month": "rest days per agent per month / 每月休息天数",
    "rest_days_mode": "exact or min (at least) / 恰好或至少",
    "max_extra_rest_days": "min mode: rest days a month above the count at most (none: 31) "
    "/ 至少模式下每月最多多休天数",
    "max_consecutive_work_days": "most working days in a row / 最多连续上班天数",
    "min_rest_hours": "hours between two shifts at least / 两班之间最少休息小时",
    "rotation_period_days": "day/night rotation: 7, 14 or month / 白晚班轮换周期",
    "handover_min_minutes": "incoming shift arrives at least this early / 交接最少分钟",
    "handover_max_minutes": "and at most this early / 交接最多分钟",
    "min_agents_per_shift": "agents on each shift each day at least / 每班最少人数",
    "promotion_days": "promotion days, comma separated, a..b ranges / 大促日期",
    "promotion_all_on_duty": "nobody rests on a promotion day: true/false / 大促全员在岗",
    "secondary_role_days": "days after a promotion an agent may work their second role "
    "/ 大促后可按第二岗位上班的天数",
    "aftersales_follows_presales": "after-sales online whenever pre-sales is: true/false "
    "/ 售后全时段同步售前",
    "time_limit_seconds": "solver time limit (blank: command default) / 求解时限(秒)",
    "seed": "solver random seed (blank: command default) / 随机种子",
    "weight_unmet_demand": "points per agent-hour of unmet demand / 缺人权重",
    "weight_peak_min": "points per agent below best lowest peak hour / 高峰最低时段权重",
    "weight_peak_total": "points per agent-hour below best peak coverage / 高峰总量权重",
    "weight_requests": "points per request not granted / 个人请求权重",
    "weight_fairness": "points per day of unfair spread / 公平权重",
    "forbidden_successions": "shift pairs X>Y: no Y the day after X, comma separated "
    "/ 禁止的班次衔接(前>后)",
    "lookahead": "each month leaves the next month possible: true/false / 为下月留出可排空间",
    "weight_extra_rest": "points per rest day above the count (min mode) / 多休一天的权重",
}
"""Every key of the Rules sheet, with a note (the template writes these)."""


def _rule_converters() -> dict[str, Callable[[object], Any]]:
    def period(value: object) -> int | str:
        if _norm(value) in ("month", "monthly", "月", "整月"):
            return "month"
        return _whole("rotation_period_days", 1)(value)

    def mode(value: object) -> str:
        text = _norm(value)
        aliases = {"exact": "exact", "exactly": "exact", "恰好": "exact", "min": "min"}
        aliases |= {"at_least": "min", "minimum": "min", "至少": "min"}
        if text not in aliases:
            raise _Invalid(f"rest_days_mode must be 'exact' or 'min', got {_show(value)}")
        return aliases[text]

    def extra_rest(value: object) -> int:
        if _norm(value) in ("none", "any", "no_limit", "无", "不限"):
            return 31  # a month has no more days
        number = _whole("max_extra_rest_days")(value)
        if number > 31:
            raise _Invalid(f"max_extra_rest_days must be 31 or less (or none), got {_show(value)}")
        return number

    def hours(value: object) -> float:
        number = _number(value)
        if not 0 <= number <= 48:
            raise _Invalid(f"min_rest_hours must be between 0 and 48, got {_show(value)}")
        return int(number) if number.is_integer() else number

    def positive(value: object) -> float:
        number = _number(value)
        if number <= 0:
            raise _Invalid(f"time_limit_seconds must be above 0, got {_show(value)}")
        return number

    def successions(value: object) -> tuple[tuple[str, str], ...]:
        pairs = []
        for item in _split(_text(value)):
            first, sep, then = item.partition(">")
            if not sep or not first.strip() or not then.strip():
                raise _Invalid(
                    f"forbidden_successions: {item!r} is not a pair like N>W (no W the day after N)"
                )
            pairs.append((first.strip(), then.strip()))
        return tuple(pairs)

    converters: dict[str, Callable[[object], Any]] = {
        "month": _month,
        "forbidden_successions": successions,
        "rest_days_per_month": _whole("rest_days_per_month"),
        "rest_days_mode": mode,
        "max_consecutive_work_days": _whole("max_consecutive_work_days", 1),
        "min_rest_hours": hours,
        "rotation_period_days": period,
        "handover_min_minutes": _whole("handover_min_minutes"),
        "handover_max_minutes": _whole("handover_max_minutes"),
        "min_agents_per_shift": _whole("min_agents_per_shift"),
        "promotion_days": _dates,
        "promotion_all_on_duty": _bool,
        "secondary_role_days": _whole("secondary_role_days"),
        "aftersales_follows_presales": _bool,
        "max_extra_rest_days": extra_rest,
        "lookahead": _bool,
        "time_limit_seconds": positive,
        "seed": _whole("seed"),
    }
    for name in ("unmet_demand", "peak_min", "peak_total", "requests", "fairness", "extra_rest"):
        converters[f"weight_{name}"] = _whole(f"weight_{name}")
    return converters


_RULES = _rule_converters()


def parse_rules(table: Table, draft: Draft) -> None:
    """``Rules`` (规则): one ``rule`` and its ``value`` a row; blank values keep defaults."""
    seen: dict[str, int] = {}
    cells: dict[str, Row] = {}
    for row in table.rows:
        if not row.has("rule") and not row.has("value"):
            continue  # a note alone
        key_text = row.get("rule")
        if key_text is None:
            row.error("rule", "missing rule name for this value")
            continue
        key = _norm(key_text)
        if key not in _RULES:
            row.error("rule", f"unknown rule {_show(key_text)}")
            continue
        if key in seen:
            row.error("rule", f"rule '{key}' is given twice (first on row {seen[key]})")
            continue
        seen[key] = row.number
        value = row.get("value", _RULES[key])
        if not row.ok:
            draft.bad_rules.add(key)
        if value is None:
            if key == "month" and row.ok:
                draft.month = _next_month(draft.today)
            elif key == "month":
                draft.month = None  # invalid: skip the checks against the month
            continue
        cells[key] = row
        if key == "month":
            draft.month = value
        elif key == "time_limit_seconds":
            draft.time_limit = value
        elif key == "seed":
            draft.seed = value
        elif key.startswith("weight_"):
            draft.weights[key.removeprefix("weight_")] = value
        else:
            draft.rules[key] = value
    # checks that need several rules (the month may come after the rest days)
    rest = draft.rules.get("rest_days_per_month")
    if rest is not None and draft.month is not None:
        days = calendar.monthrange(draft.month.year, draft.month.month)[1]
        if rest > days:
            draft.rules.pop("rest_days_per_month")
            cells["rest_days_per_month"].error(
                "value",
                f"rest_days_per_month {rest} is more than the {days} days of {draft.month:%Y-%m}",
            )
    low = draft.rules.get("handover_min_minutes", Rules.handover_min_minutes)
    high = draft.rules.get("handover_max_minutes", Rules.handover_max_minutes)
    if low > high:
        key = "handover_min_minutes" if "handover_min_minutes" in cells else "handover_max_minutes"
        draft.rules.pop(key)
        cells[key].error(
            "value",
            f"handover_min_minutes {low} is above handover_max_minutes {high}",
        )
    if why := draft.outside_any(draft.rules.get("promotion_days", ())):
        cells["promotion_days"].error("value", f"promotion day {why}")
        draft.bad_rules.add("promotion_days")
        del draft.rules["promotion_days"]


def parse_shifts(table: Table, draft: Draft) -> None:
    """``Shifts`` (班次): extends and overrides the default shift types by code."""
    seen: dict[str, int] = {}
    for row in table.rows:
        code = row.get("code", required=True)
        if code is None:
            continue
        if code in RESERVED_CODES or code.upper() in RESERVED_CODES or code in ("休息", "请假"):
            row.error("code", f"code {_show(code)} is reserved for rest or leave")
            continue
        if code in seen:
            row.error("code", f"shift '{code}' is defined twice (first on row {seen[code]})")
            continue
        seen[code] = row.number
        default = draft.shifts.get(code)
        name = row.get("name", default=default.name if default else code)
        start = row.get("start", _time, required=default is None)
        end = row.get("end", _time, required=default is None)
        dates = row.get("dates", _dates)
        if why := draft.outside_any(dates or ()):
            row.error("dates", why)
        if not row.ok:
            draft.shifts_ok = False
            draft.bad_codes.add(code)
            continue
        if default is not None:
            start = default.start if start is None else start
            end = default.end if end is None else end
        try:
            draft.shifts[code] = ShiftType(
                code, name, start, end, None if dates is None else frozenset(dates)
            )
        except ProblemError as problem:
            row.error("code", str(problem))


def parse_staff(table: Table, draft: Draft) -> None:
    """``Staff`` (员工): one agent a row: id, name, role, allowed shifts, secondary role."""
    if table.empty:
        table.error("the sheet is empty (expected columns id, name, role)")
        draft.staff_ok = False
        return
    if not table.rows:
        table.error("no agents listed")
        draft.staff_ok = False
        return
    for row in table.rows:
        ident = row.get("id", _ident, required=True)
        if ident is not None:
            if ident in draft.ids:
                row.error("id", f"duplicate id '{ident}' (first on row {draft.ids[ident]})")
            else:
                draft.ids[ident] = row.number
        name = row.get("name", default="")
        role = row.get("role", _role, required=True)
        secondary = row.get("secondary_role", _role)
        codes = row.get("shifts", lambda v: _split(str(v)), default=["W", "N"])
        shifts = []
        for text in codes or ():
            code = draft.code(text)
            if code is None:
                if text not in draft.bad_codes:
                    known = ", ".join(draft.shifts)
                    row.error("shifts", f"unknown shift {_show(text)} (shifts: {known})")
                else:
                    row.ok = False
            elif code in shifts:
                row.error("shifts", f"shift '{code}' is listed twice")
            else:
                shifts.append(code)
        if codes == []:
            row.error("shifts", "no shift codes")
        if not row.ok:
            continue
        try:
            draft.agents.append(Agent(ident, name, role, tuple(shifts), secondary))
        except ProblemError as problem:
            row.error("id", str(problem))


_LEAVE_KINDS = {
    "leave": "leave",
    "请假": "leave",
    "假": "leave",
    "rest": "rest",
    "休息": "rest",
    "休": "rest",
    "unavailable": "unavailable",
    "不可用": "unavailable",
}


def _leave_kind(value: object) -> str:
    kind = _LEAVE_KINDS.get(_norm(value))
    if kind is None:
        raise _Invalid(f"unknown kind {_show(value)} (expected leave, rest or unavailable)")
    return kind


def parse_leave(table: Table, draft: Draft) -> None:
    """``Leave`` (请假): approved leave, unavailability and rest-day requests (kind ``rest``).

    A row gives a ``date``, or a ``start`` and ``end`` (inclusive).
    """
    if not table.empty and "date" not in table.columns and "start" not in table.columns:
        table.missing_column(_column("Leave", "date"), " (or 'start' and 'end')")
        return
    seen: dict[tuple[str, date], int] = {}
    for row in table.rows:
        ident = row.get("id", _ident, required=True)
        if ident is not None and draft.staff_ok and ident not in draft.ids:
            row.error("id", f"unknown id '{ident}' (not in Staff)")
        kind = row.get("kind", _leave_kind, default="leave")
        days: list[date] = []
        if row.has("date"):
            if row.has("start") or row.has("end"):
                row.error("start" if row.has("start") else "end", "give a date or start/end")
            day = row.get("date", _date)
            if day is not None:
                days = [day]
                if why := draft.outside(day):
                    row.error("date", why)
        elif row.has("start") or row.has("end"):
            first = row.get("start", _date, required=True)
            last = row.get("end", _date, default=first)
            for column, day in (("start", first), ("end", last)):
                if day is not None and (why := draft.outside(day)) and row.has(column):
                    row.error(column, why)
            if first is not None and last is not None:
                if last < first:
                    row.error("end", f"end {last} is before start {first}")
                days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        else:
            row.error("date" if "date" in table.columns else "start", "missing date")
        if not row.ok:
            continue
        for day in days:
            key = (ident, day)
            if key in seen:
                row.error(
                    "date" if row.has("date") else "start",
                    f"'{ident}' on {day} is listed twice (also row {seen[key]})",
                )
                break
            seen[key] = row.number
        if not row.ok:
            continue
        for day in days:
            if kind == "rest":
                draft.requests.append(Request(ident, day))
            else:
                draft.leave.append(Leave(ident, day, cast(LeaveKind, kind)))


def parse_demand(table: Table, draft: Draft) -> None:
    """``Demand`` (需求): headcount per date, role and shift or window (or working day)."""
    for row in table.rows:
        day = row.get("date", _date)
        if day is not None and (why := draft.outside(day)):
            row.error("date", why)
        role = row.get("role", _role)
        shift = None
        if row.has("shift"):
            text = row.get("shift")
            shift = draft.code(text)
            if shift is None and (draft.shifts_ok or text not in draft.bad_codes):
                row.error("shift", f"unknown shift {_show(text)}")
            elif shift is None:
                row.ok = False
            if row.has("start") or row.has("end"):
                row.error("start" if row.has("start") else "end", "give a shift or start/end")
        start = end = None
        if row.has("start") or row.has("end"):
            start = row.get("start", _time, required=True)
            end = row.get("end", _time, required=True)
        required = row.get("required", _whole("required"), required=True)
        if not row.ok:
            continue
        try:
            draft.demand.append(Demand(required, day, role, shift, start, end))
        except ProblemError as problem:
            row.error("required", str(problem))


def parse_peaks(table: Table, draft: Draft) -> None:
    """``Peaks`` (高峰): peak windows of promotion days; a blank date means every one."""
    promotion = draft.rules.get("promotion_days", ())
    for row in table.rows:
        day = row.get("date", _date)
        if day is not None and day not in promotion and "promotion_days" not in draft.bad_rules:
            listed = ", ".join(str(d) for d in promotion) or "none"
            row.error("date", f"{day} is not a promotion day (promotion_days: {listed})")
        start = row.get("start", _time, required=True)
        end = row.get("end", _time, required=True)
        if row.ok:
            draft.peaks.append(PeakWindow(start, end, day))


def parse_limits(table: Table, draft: Draft) -> None:
    """``Limits`` (限制): per-agent limits over the roster's horizon; a blank agent means
    everyone, the shift only for max_shifts (blank: shifts of any type)."""
    for row in table.rows:
        agent = None
        if row.has("agent"):
            agent = row.get("agent", _ident)
            if agent is not None and agent not in draft.ids and draft.staff_ok:
                row.error("agent", f"unknown agent {_show(agent)} (not on the Staff sheet)")
        kind_text = row.get("rule", required=True)
        kind = _norm(kind_text) if kind_text is not None else None
        if kind is not None and kind not in LIMIT_KINDS:
            row.error("rule", f"unknown limit {_show(kind_text)} (one of {', '.join(LIMIT_KINDS)})")
        shift = None
        if row.has("shift"):
            text = row.get("shift")
            shift = draft.code(text)
            if kind is not None and kind != "max_shifts":
                row.error("shift", f"only max_shifts takes a shift, not {kind}")
            elif shift is None and (draft.shifts_ok or text not in draft.bad_codes):
                row.error("shift", f"unknown shift {_show(text)}")
            elif shift is None:
                row.ok = False
        value = row.get("value", _whole("value"), required=True)
        if not row.ok or kind is None or value is None:
            continue
        draft.limits.append(Limit(kind, value, agent, shift))


# -- the staffing sheets --------------------------------------------------------------------
def _amount(value: object) -> float:
    """A number as people type it: ``1000000``, ``1,000,000``, ``¥1,000,000``, ``100万``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value):
            return float(value)
    elif isinstance(value, str):
        text = re.sub(r"[,，\s¥￥$元]", "", value)
        factor = 1.0
        if text[-1:] in ("万", "亿"):
            factor = 1e4 if text[-1] == "万" else 1e8
            text = text[:-1]
        try:
            number = float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(number):
                return number * factor
    raise _Invalid(f"not a number: {_show(value)}")


def _share_value(value: object) -> float:
    """A share: ``0.6`` or ``60%`` (text, or a cell formatted as a percentage)."""
    if isinstance(value, str) and value.strip()[-1:] in ("%", "％"):
        return _amount(value.strip()[:-1]) / 100
    return _amount(value)


def _bounded(
    name: str, *, low: float, high: float = math.inf, low_open: bool, high_open: bool = True
) -> Callable[[object], float]:
    """A converter to a number in an interval; a share when ``high`` is 1."""
    share = high == 1
    left, right = "(" if low_open else "[", ")" if high_open else "]"
    interval = f">= {low:g}" if high == math.inf else f"in {left}{low:g}, {high:g}{right}"
    if low_open and high == math.inf:
        interval = f"above {low:g}"

    def convert(value: object) -> float:
        try:
            number = (_share_value if share else _amount)(value)
        except _Invalid:
            raise _Invalid(f"{name} must be a number, got {_show(value)}") from None
        too_low = number <= low if low_open else number < low
        too_high = number >= high if high_open else number > high
        if too_low or too_high:
            hint = ""
            if share and 1 < number <= 100 and number.is_integer():
                hint = f" (for {number:g} percent write {number:g}% or {number / 100:g})"
            raise _Invalid(f"{name} must be {interval}, got {_show(value)}{hint}")
        return number

    return convert


@dataclass(frozen=True)
class StaffingItem:
    """A key of the Staffing sheet: Chinese names, the note the template writes, converter."""

    zh: tuple[str, ...]
    note: str
    convert: Callable[[object], float]
    formula: bool  # an input of the headcount formula (else a queueing target)


STAFFING_ITEMS: dict[str, StaffingItem] = {
    "shop_sales": StaffingItem(
        ("店铺销售额", "销售额", "销售目标"),
        "the shop's sales target for the day / 店铺当天销售目标",
        _bounded("shop_sales", low=0, low_open=False),
        True,
    ),
    "cs_sales_share": StaffingItem(
        ("客服销售占比", "客服占比"),
        "share of sales through customer service, 0.6 or 60% / 客服销售占比",
        _bounded("cs_sales_share", low=0, high=1, low_open=True, high_open=False),
        True,
    ),
    "average_order_value": StaffingItem(
        ("客单价", "客服客单价"),
        "average order value of customer-service sales / 客服客单价",
        _bounded("average_order_value", low=0, low_open=True),
        True,
    ),
    "conversion_rate": StaffingItem(
        ("询单转化率", "转化率"),
        "buyers per inquiry, 0.3 or 30% / 询单转化率",
        _bounded("conversion_rate", low=0, high=1, low_open=True, high_open=False),
        True,
    ),
    "saturated_load": StaffingItem(
        ("饱和接待量", "客服饱和接待量"),
        "inquiries one pre-sales agent receives a day at full load / 每人每天饱和接待量",
        _bounded("saturated_load", low=0, low_open=True),
        True,
    ),
    "target_seconds": StaffingItem(
        ("首次响应目标秒数", "响应目标秒数", "首响目标"),
        "first-response target in seconds (blank: 6, 黄金六秒) / 首次响应目标秒数",
        _bounded("target_seconds", low=0, low_open=False),
        False,
    ),
    "service_level": StaffingItem(
        ("服务水平",),
        "share of inquiries answered within the target (blank: 80%) / 目标内响应占比",
        _bounded("service_level", low=0, high=1, low_open=False),
        False,
    ),
    "shrinkage": StaffingItem(
        ("缩减率", "损耗率"),
        "share of paid time not answering: breaks, training (blank: 0) / 缩减率",
        _bounded("shrinkage", low=0, high=1, low_open=False),
        False,
    ),
    "max_occupancy": StaffingItem(
        ("最高占用率", "最大占用率"),
        "highest share of busy chat slots (blank: 100%) / 最高占用率",
        _bounded("max_occupancy", low=0, high=1, low_open=True, high_open=False),
        False,
    ),
}
"""Every item of the Staffing sheet: the formula's five inputs, then the queueing targets."""

_STAFFING_NAMES: dict[str, str] = {
    _norm(alias): key for key, item in STAFFING_ITEMS.items() for alias in (key, *item.zh)
}


def _item_name(key: str) -> str:
    return f"'{key}' ({STAFFING_ITEMS[key].zh[0]})"


def parse_staffing(table: Table, draft: Draft) -> None:
    """``Staffing`` (人员测算): the formula's inputs and the queueing targets, one a row.

    The five formula inputs come together or not at all (a sheet of targets only serves the
    Forecast). What it read goes to ``draft.extras["Staffing"]`` as a `StaffingData`.
    """
    values: dict[str, float] = {}
    given: dict[str, int] = {}  # every key with a value, valid or not -> its row
    last = table.header_row
    for row in table.rows:
        last = row.number
        if not row.has("item") and not row.has("value"):
            continue  # a note alone
        text = row.get("item")
        if text is None:
            row.error("item", "missing item name for this value")
            continue
        key = _STAFFING_NAMES.get(_norm(text))
        if key is None:
            known = ", ".join(STAFFING_ITEMS)
            row.error("item", f"unknown item {_show(text)} (items: {known})")
            continue
        if key in given:
            row.error("item", f"item '{key}' is given twice (first on row {given[key]})")
            continue
        value = row.get("value", STAFFING_ITEMS[key].convert)
        if row.has("value"):
            given[key] = row.number
        if value is not None:
            values[key] = value
    formula = [k for k, item in STAFFING_ITEMS.items() if item.formula]
    missing = [k for k in formula if k not in given]
    if 0 < len(missing) < len(formula):
        where = f"{get_column_letter(table.columns.get('item', 1))}{last + 1}"
        table.error(
            f"missing item(s) {', '.join(_item_name(k) for k in missing)}: the headcount "
            "formula needs all five inputs (leave all five out to use only a Forecast)",
            where,
        )
    inputs = None
    if all(k in values for k in formula):
        ratios = draft.rules.get("role_ratios", DEFAULT_ROLE_RATIOS)
        try:
            inputs = StaffingInputs(**{k: values[k] for k in formula}, role_ratios=ratios)
        except ValueError as problem:
            table.error(str(problem))
    targets = {k: v for k, v in values.items() if not STAFFING_ITEMS[k].formula}
    try:
        queue = QueueTargets(**targets)
    except ValueError as problem:  # checked cell by cell above; kept as a safety net
        table.error(str(problem))
        queue = QueueTargets()
    draft.extras["Staffing"] = StaffingData(inputs, queue)


_ANY_ROLE = "*"
_ANY_WORDS = {"any", "all", "*", "任意", "全部", "任意岗位"}


def _forecast_role(value: object) -> str:
    if _norm(value) in _ANY_WORDS:
        return _ANY_ROLE
    return _role(value)


def _hour(value: object) -> int:
    """A clock hour 0-23: a number, a time on the hour (08:00) or a one-hour range (8-9)."""
    wrong = _Invalid(
        f"hour must be a whole number 0-23 (or a time on the hour such as 08:00), "
        f"got {_show(value)}"
    )
    if isinstance(value, bool):
        raise wrong
    if isinstance(value, int | float) and float(value).is_integer():
        if 0 <= value <= 23:
            return int(value)
        raise wrong
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return _hour(int(text))
        parts = re.split(r"\s*[-–~～]\s*", text)
        if len(parts) == 2:
            first, second = _hour(_clock(parts[0], wrong)), _clock(parts[1], wrong)
            if (first + 1) % 24 != second.hour % 24 or second.minute:
                raise _Invalid(f"hour {_show(value)} is not one clock hour")
            return first
    clock = _clock(value, wrong)
    if clock.minute:
        raise wrong
    return clock.hour


def _clock(value: object, wrong: _Invalid) -> time:
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
        if 0 <= number <= 24:
            return time(number % 24)
        raise wrong
    try:
        return _time(value)
    except _Invalid:
        raise wrong from None


def _seconds(value: object) -> float:
    """Handling time in seconds: a number (``180``, ``180s``, ``180秒``) or an Excel time."""
    if isinstance(value, time):
        seconds = float(value.hour * 3600 + value.minute * 60 + value.second)
    elif isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, str):
        text = re.sub(r"\s*(s|sec|secs|seconds|秒)$", "", value.strip().lower())
        try:
            seconds = _amount(text)
        except _Invalid:
            raise _Invalid(f"handling_time must be seconds above 0, got {_show(value)}") from None
    else:
        try:
            seconds = _amount(value)
        except _Invalid:
            raise _Invalid(f"handling_time must be seconds above 0, got {_show(value)}") from None
    if seconds <= 0:
        raise _Invalid(f"handling_time must be seconds above 0, got {_show(value)}")
    return seconds


def parse_forecast(table: Table, draft: Draft) -> None:
    """``Forecast`` (咨询预测): inquiries per clock hour, per date (blank: every day) and
    role (blank: pre-sales; ``any``/任意: agents of any role).

    The rows go to ``draft.extras["Forecast"]``, and their demand (Erlang C against the
    Staffing sheet's targets, see `rostering.staffing.forecast_demand`) is added to the
    problem's demand: one hour-window Demand row per forecast row needing agents.
    """
    staffing = draft.extras.get("Staffing")
    targets = staffing.targets if isinstance(staffing, StaffingData) else QueueTargets()
    seen: dict[tuple[date | None, int, str | None], int] = {}
    rows: list[ForecastRow] = []
    for row in table.rows:
        day = row.get("date", _date)
        if day is not None and (why := draft.outside(day)):
            row.error("date", why)
        hour = row.get("hour", _hour, required=True)
        role_text = row.get("role", _forecast_role, default=PRESALES)
        role = None if role_text == _ANY_ROLE else role_text
        inquiries = row.get(
            "inquiries", _bounded("inquiries", low=0, low_open=False), required=True
        )
        seconds = row.get("handling_time", _seconds, required=True)
        concurrency = row.get("concurrency", _whole("concurrency", 1), default=1)
        if not row.ok:
            continue
        key = (day, hour, role)
        if key in seen:
            when = "every day" if day is None else str(day)
            who = "any role" if role is None else role
            row.error(
                "hour",
                f"hour {hour} of {when} for {who} is listed twice (also row {seen[key]})",
            )
            continue
        seen[key] = row.number
        try:
            rows.append(ForecastRow(day, hour, role, inquiries, seconds, concurrency))
        except ValueError as problem:
            row.error("inquiries", str(problem))
    draft.extras["Forecast"] = tuple(rows)
    draft.demand.extend(forecast_demand(rows, **targets.kwargs()))


# -- the sheet registry ---------------------------------------------------------------------
Parser = Callable[[Table, Draft], None]


@dataclass(frozen=True)
class SheetSpec:
    """An input sheet: its English name, Chinese alias, columns and parser."""

    name: str
    zh: str
    columns: tuple[Column, ...]
    parse: Parser
    required: bool = False
    note: str = ""

    def names(self) -> set[str]:
        return {_norm(self.name), _norm(self.zh)}


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Rules",
        "规则",
        (
            Column("rule", "规则", True, "Rule name (see README).\n规则名称(见说明页)。"),
            Column("value", "值", True, "Its value; blank keeps the default.\n取值;留空=默认值。"),
            Column("note", "说明", False, "What the rule means; not read.\n说明;不读取。"),
        ),
        parse_rules,
        note="Rule parameters, one a row / 排班规则,每行一条",
    ),
    SheetSpec(
        "Shifts",
        "班次",
        (
            Column("code", "代码", True, "Shift code, e.g. W, N, R.\n班次代码,如 W、N、R。"),
            Column("name", "名称", False, "Shift name.\n班次名称。"),
            Column(
                "start",
                "开始",
                True,
                "Start time, HH:MM or an Excel time.\n开始时间,HH:MM 或 Excel 时间。",
            ),
            Column(
                "end",
                "结束",
                True,
                "End time; at or before the start = the next day; 24:00 = midnight.\n"
                "结束时间;不晚于开始时间即为次日;24:00 为午夜。",
            ),
            Column(
                "dates",
                "日期",
                False,
                "Dates the shift exists: comma list, ranges a..b; blank = every day.\n"
                "班次适用日期:逗号分隔,区间 a..b;留空=每天。",
            ),
        ),
        parse_shifts,
        note="Shift types; extend and override W, N, R / 班次,可增加或修改 W、N、R",
    ),
    SheetSpec(
        "Staff",
        "员工",
        (
            Column("id", "工号", True, "Agent id, unique.\n工号,不可重复。"),
            Column("name", "姓名", True, "Name.\n姓名。"),
            Column("role", "岗位", True, f"Role: {_ROLE_HINT}.\n岗位。"),
            Column(
                "shifts",
                "可上班次",
                False,
                "Allowed shift codes, comma separated; blank = W,N (rotating day/night); "
                "R = regular.\n可上班次,逗号分隔;留空=W,N(白晚班轮换);R=常班。",
            ),
            Column(
                "secondary_role",
                "第二岗位",
                False,
                "Optional role the agent may move to after a promotion.\n可选:大促后可调岗位。",
            ),
        ),
        parse_staff,
        required=True,
        note="The team, one agent a row / 员工,每行一人",
    ),
    SheetSpec(
        "Leave",
        "请假",
        (
            Column("id", "工号", True, "Agent id from Staff.\n员工工号。"),
            Column(
                "date",
                "日期",
                False,
                "One date, YYYY-MM-DD or an Excel date.\n日期,YYYY-MM-DD 或 Excel 日期。",
            ),
            Column("start", "开始", False, "Or the first date of a range.\n或区间开始日期。"),
            Column("end", "结束", False, "And its last date (inclusive).\n区间结束日期(含)。"),
            Column(
                "kind",
                "类型",
                False,
                "leave (default), rest (a rest-day request) or unavailable.\n"
                "请假(默认)、休息(休息申请)或不可用。",
            ),
        ),
        parse_leave,
        note="Approved leave and rest-day requests / 请假与休息申请",
    ),
    SheetSpec(
        "Demand",
        "需求",
        (
            Column("date", "日期", False, "Date; blank = every day.\n日期;留空=每天。"),
            Column("role", "岗位", False, "Role; blank = any role.\n岗位;留空=任意岗位。"),
            Column(
                "shift",
                "班次",
                False,
                "Shift code, or give start/end; neither = agents working that day.\n"
                "班次代码,或填开始/结束;都不填=当天上班人数。",
            ),
            Column(
                "start",
                "开始",
                False,
                "Window start: agents online through the whole window.\n时段开始:全程在线人数。",
            ),
            Column("end", "结束", False, "Window end.\n时段结束。"),
            Column("required", "人数", True, "Agents required, a whole number.\n需求人数,整数。"),
        ),
        parse_demand,
        note="Headcount required / 需求人数",
    ),
    SheetSpec(
        "Peaks",
        "高峰",
        (
            Column(
                "date",
                "日期",
                False,
                "A promotion day; blank = every promotion day.\n大促日期;留空=所有大促日。",
            ),
            Column("start", "开始", True, "Peak start, HH:MM.\n高峰开始时间。"),
            Column("end", "结束", True, "Peak end; 24:00 = midnight.\n高峰结束时间;24:00 为午夜。"),
        ),
        parse_peaks,
        note="Peak windows of promotion days / 大促高峰时段",
    ),
    SheetSpec(
        "Limits",
        "限制",
        (
            Column("agent", "工号", False, "Agent id; blank = every agent.\n工号;留空=所有人。"),
            Column(
                "rule",
                "规则",
                True,
                "max_shifts, min_minutes, max_minutes, min_consecutive_work, "
                "max_consecutive_work, min_consecutive_off or max_weekends.\n限制类型。",
            ),
            Column(
                "shift",
                "班次",
                False,
                "For max_shifts: the shift code; blank = any shift.\n"
                "仅 max_shifts:班次;留空=任意班次。",
            ),
            Column(
                "value",
                "值",
                True,
                "A whole number over the roster's horizon.\n整数,按整个排班周期计算。",
            ),
        ),
        parse_limits,
        note="Limits per agent over the horizon / 个人限制(整个排班周期)",
    ),
    SheetSpec(
        "Staffing",
        "人员测算",
        (
            Column(
                "item",
                "项目",
                True,
                "Item name, English or Chinese (see README).\n项目名称,中英文均可(见说明页)。",
            ),
            Column(
                "value",
                "值",
                True,
                "Its value; shares as 0.6 or 60%; blank keeps the default.\n"
                "取值;占比可写 0.6 或 60%;留空=默认值。",
            ),
            Column("note", "说明", False, "What the item means; not read.\n说明;不读取。"),
        ),
        parse_staffing,
        note="Headcount formula inputs and response targets; run roster staffing / "
        "人员测算:公式输入与响应目标",
    ),
    SheetSpec(
        "Forecast",
        "咨询预测",
        (
            Column("date", "日期", False, "Date; blank = every day.\n日期;留空=每天。"),
            Column(
                "hour",
                "小时",
                True,
                "Clock hour 0-23: the row covers hour:00 to hour+1:00.\n"
                "小时 0-23:该行为整点开始的一小时。",
            ),
            Column(
                "role",
                "岗位",
                False,
                "Role answering these inquiries; blank = pre-sales; any = any role.\n"
                "接待岗位;留空=售前;任意=任意岗位。",
            ),
            Column(
                "inquiries",
                "咨询量",
                True,
                "Inquiries arriving in that hour.\n该小时进线咨询量。",
            ),
            Column(
                "handling_time",
                "处理时长",
                True,
                "Average handling time in seconds, as observed at this concurrency.\n"
                "平均处理时长(秒),按该并发下实际统计。",
            ),
            Column(
                "concurrency",
                "并发",
                False,
                "Chats one agent handles at once; blank = 1.\n每人同时接待数;留空=1。",
            ),
        ),
        parse_forecast,
        note="Inquiries per hour; each row becomes an hourly Demand row / "
        "每小时咨询量,每行转为一小时的需求人数",
    ),
)
"""The input sheets, in the order they are parsed (later sheets use earlier ones)."""


def _column(sheet: str, name: str) -> Column:
    spec = next(s for s in SHEETS if s.name == sheet)
    return next(c for c in spec.columns if c.name == name)


# -- opening files --------------------------------------------------------------------------
def _open(path: PathLike) -> Any:
    """Load a workbook from its bytes (so the file is never touched again), values only."""
    path = Path(path)
    where = path.name

    def fail(message: str) -> WorkbookError:
        return WorkbookError([CellError("", None, f"{where}: {message}")])

    if not path.exists():
        raise fail(f"file not found: {path}")
    if path.is_dir():
        raise fail("is a folder, not an Excel workbook")
    try:
        data = path.read_bytes()
    except OSError as problem:
        raise fail(f"cannot read the file ({problem.strerror or problem})") from None
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise fail(
            "is password-protected or an old .xls workbook; save it in Excel as .xlsx "
            "without a password"
        ) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise fail("not an Excel workbook (.xlsx); save it in Excel as .xlsx") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as problem:  # openpyxl raises many kinds on a broken file
        raise fail(
            f"corrupt or not an Excel workbook ({type(problem).__name__}: {problem})"
        ) from None


def _sheets(wb: Any, names: set[str], label: str, errors: list[CellError]) -> Any | None:
    """The worksheet whose name matches one of ``names``; None when there is none."""
    found = [ws for ws in wb.worksheets if _norm(ws.title) in names]
    if len(found) > 1:
        titles = " and ".join(f"'{ws.title}'" for ws in found)
        errors.append(CellError(label, None, f"sheets {titles} are the same sheet; keep one"))
    return found[0] if found else None


# -- reading the input workbook -------------------------------------------------------------
@dataclass(frozen=True)
class InputBook:
    """What the input workbook holds: the problem, the solver settings of its Rules sheet,
    and what extra sheets read (``extras``, by sheet name)."""

    problem: Problem
    time_limit: float | None = None
    seed: int | None = None
    path: Path | None = None
    extras: dict[str, object] = field(default_factory=dict)
    language: str = "en"
    """``zh`` when the workbook's sheets have Chinese names, else ``en``: the language of
    explanations by default."""

    @property
    def staffing(self) -> StaffingData | None:
        """What the ``Staffing`` (人员测算) and ``Forecast`` (咨询预测) sheets hold, or None
        when the workbook has neither."""
        staffing = self.extras.get("Staffing")
        forecast = self.extras.get("Forecast")
        if staffing is None and forecast is None:
            return None
        data = staffing if isinstance(staffing, StaffingData) else StaffingData()
        if isinstance(forecast, tuple):
            data = replace(data, forecast=forecast)
        return data


_PREFIX_SHEET = (
    ("agent", "Staff"),
    ("role", "Staff"),
    ("problem: no agents", "Staff"),
    ("leave", "Leave"),
    ("request", "Leave"),
    ("demand", "Demand"),
    ("peak", "Peaks"),
    ("rule", "Rules"),
    ("weight", "Rules"),
    ("limit", "Limits"),
    ("cover", ""),
    ("shift", "Shifts"),
)


def _sheet_of(message: str) -> str:
    """The sheet a core `ProblemError` message is about."""
    for prefix, sheet in _PREFIX_SHEET:
        if message.startswith(prefix):
            return sheet
    return ""


def read_workbook(path: PathLike, *, today: date | None = None) -> InputBook:
    """Read an input workbook (staff.xlsx).

    Parameters
    ----------
    path
        The workbook; it is read, never written.
    today
        The date the month default (the calendar month after today) counts from;
        ``date.today()`` when None.

    Returns
    -------
    InputBook
        The problem plus ``time_limit_seconds`` and ``seed`` from the Rules sheet.

    Raises
    ------
    WorkbookError
        With every problem found, each naming its sheet and cell.
    """
    wb = _open(path)
    errors: list[CellError] = []
    draft = Draft(today or date.today())
    titles: list[str] = []
    for spec in SHEETS:
        ws = _sheets(wb, spec.names(), spec.name, errors)
        if ws is not None:
            titles.append(ws.title)
        if ws is None:
            if spec.required:
                sheets = ", ".join(f"'{t}'" for t in wb.sheetnames)
                errors.append(
                    CellError(
                        spec.name,
                        None,
                        f"missing sheet '{spec.name}' ({spec.zh}); the workbook has {sheets}",
                    )
                )
                if spec.name == "Staff":
                    draft.staff_ok = False
            continue
        table = Table.read(ws, ws.title, spec.columns, errors)
        before = len(errors)
        if not table.empty:
            for column in spec.columns:
                if column.required and column.name not in table.columns:
                    table.missing_column(column)
        if len(errors) > before:
            if spec.name == "Staff":
                draft.staff_ok = False
            if spec.name == "Shifts":
                draft.shifts_ok = False
            continue
        spec.parse(table, draft)
    if errors:
        raise WorkbookError(errors)
    assert draft.month is not None
    try:
        problem = Problem(
            draft.month,
            tuple(draft.agents),
            shifts=tuple(draft.shifts.values()),
            rules=Rules(**draft.rules),
            leave=tuple(draft.leave),
            requests=tuple(draft.requests),
            demand=tuple(draft.demand),
            peaks=tuple(draft.peaks),
            weights=Weights(**draft.weights),
            limits=tuple(draft.limits),
        )
    except ProblemError as problem_error:
        message = str(problem_error)
        raise WorkbookError([CellError(_sheet_of(message), None, message)]) from None
    language = "zh" if any(_CJK.search(t) for t in titles) else "en"
    return InputBook(
        problem, draft.time_limit, draft.seed, Path(path), dict(draft.extras), language
    )


_CJK = re.compile(r"[\u4e00-\u9fff]")


def read_problem(path: PathLike, *, today: date | None = None) -> Problem:
    """Read an input workbook into a `Problem` (see `read_workbook`)."""
    return read_workbook(path, today=today).problem


# -- reading a roster -----------------------------------------------------------------------
_REST_WORDS = {"off", "rest", "休", "休息", "-", "—", "／", "/"}
_LEAVE_WORDS = {"leave", "假", "请假", "l", "unavailable", "不可用"}
_MISSING_WORDS = {"?", "？"}  # the writer's mark for a cell with no entry
_CELL_RE = re.compile(
    r"^(?P<code>\S+?)\s*[\s(（]\s*(?P<start>\d{1,2}[:：]\d{2})\s*[-–~～]\s*"
    r"(?P<end>\d{1,2}[:：]\d{2})\s*[)）]?$"
)


def _roster_code(text: str, codes: list[str]) -> str:
    """A roster cell as a shift code, `REST` or `LEAVE`; unknown codes are kept as typed
    (the checker reports them)."""
    code = _match_code(text, codes)
    if code is not None:
        return code
    if text.lower() in _REST_WORDS:
        return REST
    if text.lower() in _LEAVE_WORDS:
        return LEAVE
    return text


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
    start_t = None if _blank(start) or begin else _time(start)
    end_t = None if _blank(end) or finish else _time(end)
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


def _read_assignments(ws: Any, problem: Problem, errors: list[CellError]) -> list[Assignment]:
    table = Table.read(ws, ws.title, _ASSIGNMENT_COLUMNS, errors)
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
        ident = row.get("id", _ident, required=True)
        day = row.get("date", _date, required=True)
        text = row.get("shift")
        if text is None or text in _MISSING_WORDS or not row.ok:
            continue  # a blank shift is a missing entry, which the checker reports
        code = _roster_code(text, codes)
        begin = finish = None
        if code not in (REST, LEAVE):
            for name in ("start", "end"):
                row.get(name, _time)  # reports an invalid time at its cell
            if not row.ok:
                continue
            begin, finish = _actual_times(
                problem, day, code, row.values.get("start"), row.values.get("end")
            )
        agent = next((a for a in problem.agents if a.id == ident), None)
        stated = row.values.get("role")
        role = None
        if agent is not None and not _blank(stated):
            role = normalize_role(str(stated)) or str(stated).strip()
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
    text = str(value).strip().lower()
    return {text, *text.split()}


class _DayHeader:
    """Turns the day headers of a Roster sheet, left to right, into dates."""

    def __init__(self, problem: Problem) -> None:
        assert problem.end is not None
        self.start, self.end = problem.start, problem.end
        self.year, self.month = problem.start.year, problem.start.month
        self.last = 0

    def __call__(self, value: object) -> date | None:
        """The date a header names; None when it names none; _Invalid when it is wrong."""
        if isinstance(value, datetime | date):
            return self._seen(_date(value))
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not float(value).is_integer():
                return None
            return self._day(int(value), value)
        text = str(value)
        if match := _ISO_RE.match(text):
            return self._seen(_date(match.group(1)))
        if match := _MONTH_DAY_RE.match(text):
            month, day = int(match.group(1)), int(match.group(2))
            try:
                found = [date(y, month, day) for y in (self.start.year, self.end.year)]
            except ValueError:
                raise _Invalid(f"invalid date {_show(value)}") from None
            inside = [d for d in found if self.start <= d <= self.end]
            return self._seen((inside or found)[0])
        if match := _DAY_RE.match(text):
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
            raise _Invalid(f"invalid day {_show(value)} for {self.year}-{self.month:02d}") from None
        self.last = number
        return day


def _read_grid(ws: Any, problem: Problem, errors: list[CellError]) -> list[Assignment]:
    title = ws.title
    rows = list(ws.iter_rows(values_only=True))
    header = next(
        (
            i
            for i, values in enumerate(rows[:5])
            if any(not _blank(v) and _header_words(v) & _ID_HEADERS for v in values)
        ),
        None,
    )
    if header is None:
        errors.append(
            CellError(title, None, "no header row with an 'id' (工号) column in rows 1-5")
        )
        return []
    header_values = rows[header]
    number = header + 1
    id_col = next(
        i for i, v in enumerate(header_values) if not _blank(v) and _header_words(v) & _ID_HEADERS
    )
    skip = {id_col}
    for i, v in enumerate(header_values):
        if not _blank(v) and _header_words(v) & (_NAME_HEADERS | _ROLE_HEADERS):
            skip.add(i)
    days: dict[int, date] = {}
    first_col: dict[date, int] = {}
    to_date = _DayHeader(problem)
    for i, value in enumerate(header_values):
        if i in skip or i < id_col or _blank(value):
            continue
        cell = f"{get_column_letter(i + 1)}{number}"
        try:
            day = to_date(value)
        except _Invalid as problem_:
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
    for r, values in enumerate(rows[header + 1 :], start=header + 2):
        raw_id = values[id_col] if id_col < len(values) else None
        if _blank(raw_id):
            gap = gap or (started and all(_blank(v) for v in values))
            continue
        cells = {i: values[i] for i in days if i < len(values) and not _blank(values[i])}
        if cells and all(_is_count(v, codes) for v in cells.values()):
            continue  # a totals row (agents on duty per day), not an agent
        try:
            ident = _ident(raw_id)
        except _Invalid as problem_:
            errors.append(CellError(title, f"{get_column_letter(id_col + 1)}{r}", str(problem_)))
            continue
        if gap and ident not in team:
            continue  # below the table after a blank row: totals, a legend, notes
        started = True
        for i, value in cells.items():
            try:
                entry = _grid_cell(problem, ident, days[i], value, codes)
            except _Invalid as problem_:
                errors.append(CellError(title, f"{get_column_letter(i + 1)}{r}", str(problem_)))
                continue
            if entry is not None:
                out.append(entry)
    return out


def _is_count(value: object, codes: list[str]) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and _match_code(_show(value), codes) is None
    )


def _grid_cell(
    problem: Problem, ident: str, day: date, value: object, codes: list[str]
) -> Assignment | None:
    """One Roster cell: a code, maybe with its actual times (``N 16:45-01:00``); None for
    the mark of a missing entry."""
    text = _show(value) if isinstance(value, int | float) else str(value).strip()
    if text in _MISSING_WORDS:
        return None
    match = _CELL_RE.match(text)
    if match is None:
        return Assignment(ident, day, _roster_code(text, codes))
    code = _roster_code(match.group("code"), codes)
    start, end = _time(match.group("start")), _time(match.group("end"))
    begin, finish = _actual_times(problem, day, code, start, end)
    return Assignment(ident, day, code, begin, finish)


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
    wb = _open(path)
    errors: list[CellError] = []
    ws = _sheets(wb, {"assignments"}, "Assignments", errors)
    if ws is not None:
        assignments = _read_assignments(ws, problem, errors)
    else:
        ws = _sheets(wb, {"roster", "排班表"}, "Roster", errors)
        if ws is None:
            sheets = ", ".join(f"'{t}'" for t in wb.sheetnames)
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
            assignments = _read_grid(ws, problem, errors)
    if errors:
        raise WorkbookError(errors)
    return Roster(assignments)


def read_previous(path: PathLike, problem: Problem) -> Roster:
    """Read last month's roster workbook for carry-over into ``problem``.

    Takes every entry dated before ``problem.start`` of the agents in ``problem``'s team
    (agents who left are ignored); a Roster grid's day headers are read as days of the
    calendar month before ``problem.start``. Returns the roster to pass as
    ``Problem.previous``.
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
