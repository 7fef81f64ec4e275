"""The Curtois & Qu shift-scheduling benchmark format, mapped onto our own problem types.

An instance file (schedulingbenchmarks.org, "NRP instances") has sections: horizon,
shifts (length, shifts that may not follow), staff (per-agent limits), fixed days off,
shift-on and shift-off requests, and cover. `read_instance` parses one; `to_problem` maps
it to a `Problem` whose objective equals the benchmark's:

- day 0 is the Monday ``start`` (2024-01-01 by default); a fixed day off is `Leave`;
- shifts start at 00:00 and last their length (the format has no clock times), so no
  shift takes over from another and rest between shifts never binds;
- the staff limits become `Limit` rows (per horizon), ``CannotFollow`` becomes
  ``Rules.forbidden_successions``, ``MaxShifts`` 0 removes the shift from the agent's
  allowed shifts;
- shift-on requests are `Request` (cost if not granted), shift-off requests are `Request`
  with ``avoid=True``; cover rows are `Cover` with their under/over weights;
- the product's own rules that the benchmark does not have are off (no rest days a month,
  no days-in-a-row or rotation rule, no handover, no minimum per shift, no role ratios, no
  fairness), and the weights of requests and cover are 1.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from ..problem import (
    REST,
    Agent,
    Cover,
    Leave,
    Limit,
    Problem,
    Request,
    RuleParams,
    ShiftType,
    Weights,
)
from ..result import Result
from ..roster import Roster
from ..solver import solve

DEFAULT_START = date(2024, 1, 1)  # a Monday

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


class InstanceError(ValueError):
    """A malformed instance file; the message names the file and the line."""


@dataclass(frozen=True)
class CurtoisShift:
    id: str
    minutes: int
    cannot_follow: tuple[str, ...]


@dataclass(frozen=True)
class CurtoisStaff:
    id: str
    max_shifts: tuple[tuple[str, int], ...]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_consecutive_off: int
    max_weekends: int


@dataclass(frozen=True)
class CurtoisRequest:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class CurtoisCover:
    day: int
    shift: str
    requirement: int
    under: int
    over: int


@dataclass(frozen=True)
class Instance:
    """One benchmark instance as written in its file."""

    name: str
    horizon: int
    shifts: tuple[CurtoisShift, ...]
    staff: tuple[CurtoisStaff, ...]
    days_off: tuple[tuple[str, int], ...]
    on_requests: tuple[CurtoisRequest, ...]
    off_requests: tuple[CurtoisRequest, ...]
    cover: tuple[CurtoisCover, ...]


def read_instance(path: str | Path) -> Instance:
    """Parse an instance file; `InstanceError` names the file and line of any fault."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"{path}: cannot read: {exc}") from exc
    return parse_instance(text, path.stem, str(path))


def parse_instance(text: str, name: str = "instance", where: str = "instance") -> Instance:
    """Parse the text of an instance file (``where`` names it in messages)."""
    rows: dict[str, list[tuple[int, list[str]]]] = {s: [] for s in SECTIONS}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            if not raw.strip():
                current = None
            continue
        if line.startswith("SECTION_"):
            if line not in rows:
                raise InstanceError(f"{where}:{number}: unknown section {line}")
            current = line
            continue
        if current is None:
            raise InstanceError(f"{where}:{number}: data outside a section: {line!r}")
        rows[current].append((number, [c.strip() for c in line.split(",")]))

    def fail(number: int, message: str) -> InstanceError:
        return InstanceError(f"{where}:{number}: {message}")

    def whole(number: int, value: str, what: str) -> int:
        try:
            out = int(value)
        except ValueError:
            raise fail(number, f"{what}: {value!r} is not a whole number") from None
        if out < 0:
            raise fail(number, f"{what}: {out} is negative")
        return out

    def width(number: int, cells: list[str], count: int, section: str) -> None:
        if len(cells) != count:
            raise fail(number, f"{section}: expected {count} fields, got {len(cells)}")

    if len(rows["SECTION_HORIZON"]) != 1:
        raise InstanceError(f"{where}: SECTION_HORIZON must hold exactly one number")
    number, cells = rows["SECTION_HORIZON"][0]
    width(number, cells, 1, "horizon")
    horizon = whole(number, cells[0], "horizon")
    if horizon < 1:
        raise fail(number, "horizon: at least one day")

    shifts: list[CurtoisShift] = []
    for number, cells in rows["SECTION_SHIFTS"]:
        width(number, cells, 3, "shift")
        follow = tuple(c.strip() for c in cells[2].split("|") if c.strip())
        length = whole(number, cells[1], f"shift {cells[0]} length")
        if not 0 < length < 1440:
            raise fail(number, f"shift {cells[0]}: length {length} is not 1..1439 minutes")
        shifts.append(CurtoisShift(cells[0], length, follow))
    if not shifts:
        raise InstanceError(f"{where}: no shifts")
    codes = {s.id for s in shifts}
    if len(codes) != len(shifts):
        raise InstanceError(f"{where}: a shift is defined twice")
    for s in shifts:
        for c in s.cannot_follow:
            if c not in codes:
                raise InstanceError(f"{where}: shift {s.id}: unknown shift {c!r} in CannotFollow")

    def shift_code(number: int, value: str) -> str:
        if value not in codes:
            raise fail(number, f"unknown shift {value!r}")
        return value

    def day(number: int, value: str) -> int:
        d = whole(number, value, "day")
        if d >= horizon:
            raise fail(number, f"day {d} is outside 0..{horizon - 1}")
        return d

    staff: list[CurtoisStaff] = []
    for number, cells in rows["SECTION_STAFF"]:
        width(number, cells, 8, "staff")
        maxima = []
        for part in cells[1].split("|"):
            if not part.strip():
                continue
            code, sep, value = part.partition("=")
            if not sep:
                raise fail(number, f"MaxShifts: {part!r} is not SHIFT=NUMBER")
            maxima.append((shift_code(number, code.strip()), whole(number, value, "MaxShifts")))
        values = [whole(number, v, f"staff {cells[0]}") for v in cells[2:]]
        staff.append(CurtoisStaff(cells[0], tuple(maxima), *values))
    if not staff:
        raise InstanceError(f"{where}: no staff")
    ids = {s.id for s in staff}
    if len(ids) != len(staff):
        raise InstanceError(f"{where}: an employee is listed twice")

    def employee(number: int, value: str) -> str:
        if value not in ids:
            raise fail(number, f"unknown employee {value!r}")
        return value

    days_off: list[tuple[str, int]] = []
    for number, cells in rows["SECTION_DAYS_OFF"]:
        who = employee(number, cells[0])
        days_off.extend((who, day(number, c)) for c in cells[1:] if c)

    def requests(section: str) -> tuple[CurtoisRequest, ...]:
        out = []
        for number, cells in rows[section]:
            width(number, cells, 4, "request")
            out.append(
                CurtoisRequest(
                    employee(number, cells[0]),
                    day(number, cells[1]),
                    shift_code(number, cells[2]),
                    whole(number, cells[3], "weight"),
                )
            )
        return tuple(out)

    cover: list[CurtoisCover] = []
    for number, cells in rows["SECTION_COVER"]:
        width(number, cells, 5, "cover")
        cover.append(
            CurtoisCover(
                day(number, cells[0]),
                shift_code(number, cells[1]),
                whole(number, cells[2], "requirement"),
                whole(number, cells[3], "weight under"),
                whole(number, cells[4], "weight over"),
            )
        )
    return Instance(
        name,
        horizon,
        tuple(shifts),
        tuple(staff),
        tuple(days_off),
        requests("SECTION_SHIFT_ON_REQUESTS"),
        requests("SECTION_SHIFT_OFF_REQUESTS"),
        tuple(cover),
    )


#: The product's rules that the benchmark does not have, turned off: every rule parameter
#: at the value its rule declares switches it off (`RuleParams.switched_off`); the
#: instance's successions are set per instance. The look-ahead to the next month is off
#: too, by name: an instance's horizon is fixed, nothing follows it.
BENCHMARK_RULES = RuleParams.switched_off().with_(lookahead=False)
#: Only the benchmark's two terms count: requests and cover, one point each.
BENCHMARK_WEIGHTS = Weights.switched_off().with_(requests=1, cover=1)


def to_problem(inst: Instance, start: date = DEFAULT_START) -> Problem:
    """The instance as a `Problem` whose objective is the benchmark's objective."""
    if start.weekday() != 0:
        raise ValueError("the benchmark's day 0 is a Monday")
    days = [start + timedelta(days=d) for d in range(inst.horizon)]
    shifts = tuple(
        ShiftType(s.id, s.id, time(0), time(s.minutes // 60, s.minutes % 60)) for s in inst.shifts
    )
    codes = [s.id for s in inst.shifts]
    agents = []
    limits: list[Limit] = []
    for st in inst.staff:
        maxima = dict(st.max_shifts)
        allowed = tuple(c for c in codes if maxima.get(c, inst.horizon) > 0)
        agents.append(Agent(st.id, shifts=allowed or tuple(codes)))
        for code in codes:
            cap = maxima.get(code, inst.horizon)
            if cap < inst.horizon and (cap > 0 or not allowed):
                limits.append(Limit("max_shifts", cap, st.id, code))
        limits += [
            Limit("max_minutes", st.max_minutes, st.id),
            Limit("min_minutes", st.min_minutes, st.id),
            Limit("max_consecutive_work", st.max_consecutive, st.id),
            Limit("min_consecutive_work", st.min_consecutive, st.id),
            Limit("min_consecutive_off", st.min_consecutive_off, st.id),
            Limit("max_weekends", st.max_weekends, st.id),
        ]
    rules = BENCHMARK_RULES.with_(
        forbidden_successions=tuple((s.id, c) for s in inst.shifts for c in s.cannot_follow)
    )
    requests = tuple(
        Request(r.employee, days[r.day], r.shift, r.weight) for r in inst.on_requests
    ) + tuple(
        Request(r.employee, days[r.day], r.shift, r.weight, avoid=True) for r in inst.off_requests
    )
    return Problem(
        start,
        tuple(agents),
        end=days[-1],
        shifts=shifts,
        rules=rules,
        leave=tuple(Leave(who, days[d]) for who, d in dict.fromkeys(inst.days_off)),
        requests=requests,
        weights=BENCHMARK_WEIGHTS,
        limits=tuple(limits),
        cover=tuple(
            Cover(days[c.day], c.shift, c.requirement, c.under, c.over) for c in inst.cover
        ),
    )


#: How the benchmark is solved: see `rostering.engine.model.Model.solve`.
BENCHMARK_SEARCH = "lp"


def solve_instance(
    problem: Problem, *, time_limit: float, workers: int = 2, seed: int = 0
) -> Result:
    """Solve a mapped instance with the product's `solve` (the benchmark's search
    settings); the roster is checked by the independent checker inside."""
    return solve(
        problem, time_limit=time_limit, workers=workers, seed=seed, search=BENCHMARK_SEARCH
    )


def roster_rows(problem: Problem, roster: Roster) -> list[tuple[str, int, str]]:
    """``(employee, day index, shift)`` for every agent and day; the shift is empty on a
    day off (rest or fixed day off)."""
    codes = {s.code for s in problem.shifts}
    cells = {(a.agent, a.date): a.shift for a in roster}
    out = []
    for agent in problem.agents:
        for d, day in enumerate(problem.days):
            code = cells.get((agent.id, day), REST)
            out.append((agent.id, d, code if code in codes else ""))
    return out


def write_csv(problem: Problem, roster: Roster, path: str | Path) -> None:
    """Write the roster as CSV rows ``employee,day,shift`` with a header."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["employee", "day", "shift"])
        writer.writerows(roster_rows(problem, roster))
