"""Hand-made rosters for every rule: ones that break it and ones that do not.

One tiny instance anyone can read: six rotating pre-sales agents over the week of
Monday 2026-12-07 .. Sunday 2026-12-13 (prorated rest: round(4 x 7 / 31) = 1 rest day
each). Every case changes one thing. Rows read one code per day: W, N, R, P shifts,
``-`` rest, ``L`` leave.

    A: W W W W W W -      W each day: 2 3 3 2 3 3 2
    B: N N N N N N -      N each day: 2 3 3 2 3 3 2
    C: - W W W W W W
    D: - N N N N N N
    E: W W W - W W W
    F: N N N - N N N
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction

from rostering import (
    DEFAULT_SHIFTS,
    Agent,
    Assignment,
    Cover,
    Demand,
    Holiday,
    Leave,
    Limit,
    PeakWindow,
    Problem,
    Request,
    Roster,
    Rules,
    ShiftType,
)

MON = date(2026, 12, 7)
SUN = date(2026, 12, 13)


def day(n: int) -> date:
    """Day ``n`` (1-based) of the test week."""
    return date(2026, 12, 6 + n)


BASE = {
    "A": "W W W W W W -",
    "B": "N N N N N N -",
    "C": "- W W W W W W",
    "D": "- N N N N N N",
    "E": "W W W - W W W",
    "F": "N N N - N N N",
}


def agents(**shifts: tuple[str, ...]) -> tuple[Agent, ...]:
    """The six rotating pre-sales agents, some with other allowed shifts."""
    return tuple(Agent(i, role="presales", shifts=shifts.get(i, ("W", "N"))) for i in BASE)


def week(team: tuple[Agent, ...] | None = None, **kwargs: object) -> Problem:
    return Problem(MON, team or agents(), end=SUN, **kwargs)  # type: ignore[arg-type]


def grid(**changes: str) -> Roster:
    return Roster.from_grid(MON, {**BASE, **changes})


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    problem: Problem
    roster: Roster
    broken: bool
    contract: bool = True  # the model can represent the difference (stated times cannot)
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


def _with(roster: Roster, *extra: Assignment, drop: tuple[str, date] | None = None) -> Roster:
    kept = [a for a in roster if drop is None or (a.agent, a.date) != drop]
    return Roster([*kept, *extra])


def _timed(roster: Roster, agent: str, n: int, start: time) -> Roster:
    """The roster with agent's stated start on day n (end: the shift's own)."""
    cells = []
    for a in roster:
        if a.agent == agent and a.date == day(n):
            end_day = day(n + 1) if a.shift == "N" else day(n)
            end = time(1) if a.shift == "N" else time(17)
            a = Assignment(
                a.agent,
                a.date,
                a.shift,
                datetime.combine(day(n), start),
                datetime.combine(end_day, end),
            )
        cells.append(a)
    return Roster(cells)


P_SHIFT = ShiftType("P", "大促晚班", time(18), time(2), dates=frozenset({SUN}))
R_TEAM = (
    Agent("P1", role="presales", shifts=("R",)),
    Agent("P2", role="presales", shifts=("R",)),
    Agent("O1", role="order_change", shifts=("R",)),
)
R_ROWS = {"P1": "- R R R R R R", "P2": "R R R R R R -", "O1": "R R R R R R -"}
AFTER_TEAM = (
    Agent("P1", role="presales", shifts=("R",)),
    Agent("P2", role="presales", shifts=("R",)),
    Agent("S1", role="aftersales", shifts=("R",)),
    Agent("S2", role="aftersales", shifts=("R",)),
)
AFTER_ROWS = {
    "P1": "R R R R R R -",
    "P2": "- R R R R R R",
    "S1": "R R R R R R -",
    "S2": "- R R R R R R",
}
ORDER_TEAM = (
    *agents(),
    Agent("G", role="order_change"),
    Agent("H", role="order_change"),
)
PROMO = Rules(promotion_days=(day(3),))
SECOND_TEAM = tuple(
    Agent(i, role="presales", shifts=("W", "N"), secondary_role="aftersales" if i == "B" else None)
    for i in BASE
)
PREV_MON = date(2026, 11, 30)


def previous(**rows: str) -> Roster:
    """The week before the test week (Mon 2026-11-30 .. Sun 12-06) as the previous roster."""
    return Roster.from_grid(PREV_MON, rows)


MAX5 = {
    "A": "W W W W W W -",
    "B": "N N N - N N N",
    "C": "W - W W W W W",
    "D": "N N N N - N N",
    "E": "W W W - W W W",
    "F": "N N - N N N N",
}


WR = week(
    agents(A=("W", "N", "R")),
    rules=Rules(
        forbidden_successions=(("W", "R"),), min_agents_per_shift=0, rotation_period_days=0
    ),
)


# Paired rest days (连休): eight rest days a month give two in the test week (8 x 7 / 31).
PAIRED = Rules(paired_rest_days=True, rest_days_per_month=8)
PAIRED_ROWS = {
    "A": "W W W W W - -",
    "B": "N N N N N - -",
    "C": "- - W W W W W",
    "D": "- - N N N N N",
    "E": "W W - - W W W",
    "F": "N N - - N N N",
}
# Across a month boundary (Mon 11-30 .. Sun 12-06, at least 2 rest days in December).
ACROSS_PAIRED = Problem(
    date(2026, 11, 30),
    agents(),
    end=date(2026, 12, 6),
    rules=Rules(paired_rest_days=True, rest_days_per_month=8, rest_days_mode="min"),
)
ACROSS_ROWS = {
    "A": "W W W W - - W",
    "B": "N N N N - - N",
    "C": "W - - W W W W",
    "D": "N - - N N N N",
    "E": "W W W - - W W",
    "F": "N N N - - N N",
}


def paired_cases() -> list[Case]:
    """Paired rest days: with the rest-day rule, the previous roster, a month boundary."""
    p = week(rules=PAIRED)
    rows = Roster.from_grid(MON, PAIRED_ROWS)
    split = Roster.from_grid(MON, {**PAIRED_ROWS, "E": "W - W - W W W"})
    return [
        Case("paired_rest", "each agent rests two days in a row", p, rows, False),
        Case("paired_rest", "two rest days apart", p, split, True),
        Case(
            "paired_rest",
            "two rest days apart, rule off",
            week(rules=PAIRED.with_(paired_rest_days=False)),
            split,
            False,
        ),
        Case(
            "paired_rest",
            "one rest day due: no pair asked",
            week(rules=Rules(paired_rest_days=True)),
            grid(),
            False,
        ),
        Case(
            "paired_rest",
            "the pair starts on the previous roster's last day",
            week(rules=PAIRED, previous=previous(A="N N N N N N -")),
            Roster.from_grid(MON, {**PAIRED_ROWS, "A": "- W W W W W -"}),
            False,
        ),
        Case(
            "paired_rest",
            "the same week without a previous roster",
            p,
            Roster.from_grid(MON, {**PAIRED_ROWS, "A": "- W W W W W -"}),
            True,
        ),
        Case(
            "paired_rest",
            "a pair in the previous roster's part of the month",
            week(rules=PAIRED, previous=previous(E="N N - - N N -")),
            split,
            False,
        ),
        Case(
            "paired_rest",
            "a pair in each month part",
            ACROSS_PAIRED,
            Roster.from_grid(date(2026, 11, 30), ACROSS_ROWS),
            False,
        ),
        Case(
            "paired_rest",
            "a pair across the month boundary does not count",
            ACROSS_PAIRED,
            Roster.from_grid(date(2026, 11, 30), {**ACROSS_ROWS, "C": "- - W W W - W"}),
            True,
        ),
    ]


# Shift variants (families): N2 17:00-02:00 on Saturday and Sunday in family N, W0
# 07:00-16:00 on Sunday in family W. Every agent allowed W and N may work them.
N2 = ShiftType("N2", "大促晚班", time(17), time(2), dates=frozenset({day(6), day(7)}), family="N")
W0 = ShiftType("W0", "大促早班", time(7), time(16), dates=frozenset({SUN}), family="W")
VARIANTS = (*DEFAULT_SHIFTS, N2, W0)
VARIANT_ROWS = {**BASE, "C": "- W W W W W W0", "D": "- N N N N N2 N2"}


def variants(team: tuple[Agent, ...] | None = None, **kwargs: object) -> Problem:
    """The test week with the variants N2 and W0."""
    return week(team, shifts=VARIANTS, **kwargs)


def variant_cases() -> list[Case]:
    """A variant counts as its family for allowed shifts, rotation and per-agent rules."""
    rows = Roster.from_grid(MON, VARIANT_ROWS)
    late_rest = Roster.from_grid(
        MON, {**VARIANT_ROWS, "B": "N N N N N - N2", "D": "- N N N N N2 W"}
    )
    monthly = Rules(rotation_period_days="month")
    only_w = tuple(
        Agent(i, role="presales", shifts=("W",) if i == "A" else ("W", "N")) for i in BASE
    )
    w0_first = ShiftType("W0", "大促早班", time(7), time(16), dates=frozenset({MON}), family="W")
    wr = week(
        agents(A=("W", "N", "R")),
        shifts=(*DEFAULT_SHIFTS, w0_first),
        rules=Rules(
            forbidden_successions=(("W", "R"),), min_agents_per_shift=0, rotation_period_days=0
        ),
    )
    return [
        Case("one_per_day", "variants on their dates", variants(), rows, False),
        Case(
            "one_per_day",
            "a variant on another date",
            variants(),
            Roster.from_grid(MON, {**VARIANT_ROWS, "A": "W0 W W W W W -"}),
            True,
        ),
        Case("rotation", "a W0 day in a W month", variants(rules=monthly), rows, False),
        Case(
            "rotation",
            "a W0 day in an N month",
            variants(rules=monthly),
            Roster.from_grid(MON, {**VARIANT_ROWS, "B": "N N N N N - W0", "C": "- W W W W W W"}),
            True,
        ),
        Case(
            "leave",
            "a variant of a shift not allowed",
            variants(only_w),
            Roster.from_grid(MON, {**VARIANT_ROWS, "A": "W W W W W N2 -"}),
            True,
        ),
        Case(
            "leave",
            "a variant of an allowed shift",
            variants(only_w),
            Roster.from_grid(MON, {**VARIANT_ROWS, "A": "W W W W W W -"}),
            False,
        ),
        Case(
            "max_shifts",
            "five N and an N2, at most five N",
            variants(limits=(Limit("max_shifts", 5, "B", "N"),)),
            Roster.from_grid(MON, {**VARIANT_ROWS, "B": "N N N N N N2 -"}),
            True,
        ),
        Case(
            "max_shifts",
            "five N and an N2, at most six N",
            variants(limits=(Limit("max_shifts", 6, "B", "N"),)),
            Roster.from_grid(MON, {**VARIANT_ROWS, "B": "N N N N N N2 -"}),
            False,
        ),
        # a shift and its variants count together for the agents on each shift
        Case(
            "coverage",
            "N2 left empty on the days N is staffed",
            variants(),
            Roster.from_grid(MON, {**VARIANT_ROWS, "D": "- N N N N N N"}),
            False,
        ),
        Case(
            "coverage",
            "nobody on W or W0 on Sunday",
            variants(),
            Roster.from_grid(MON, {**VARIANT_ROWS, "C": "W W W W W W -", "E": "W W W W W W -"}),
            True,
        ),
        # a variant's own times count for the rest between shifts: N2 ends at 02:00
        Case(
            "min_rest",
            "W six hours after N2, seven needed",
            variants(rules=Rules(min_rest_hours=7)),
            late_rest,
            True,
        ),
        Case(
            "min_rest",
            "W six hours after N2, six needed",
            variants(rules=Rules(min_rest_hours=6)),
            late_rest,
            False,
        ),
        Case("successions", "R the day after W0", wr, grid(A="W0 R W W W W -"), True),
        Case("successions", "R two days after W0", wr, grid(A="W0 - R W W W W"), False),
    ]


# Breaks: W has a 60-minute break inside 11:00-14:00 (starts 11:00 .. 13:00).
W_BREAK = ShiftType(
    "W", "白班", time(8), time(17), break_minutes=60, break_window=(time(11), time(14))
)
BREAK_SHIFTS = (W_BREAK, *DEFAULT_SHIFTS[1:])


def breaks(**kwargs: object) -> Problem:
    """The test week with a break on W."""
    return week(shifts=BREAK_SHIFTS, **kwargs)


def on_break(roster: Roster, agent: str, n: int, start: time, minutes: int = 60) -> Roster:
    """The roster with agent's break on day n stated from ``start``."""
    begin = datetime.combine(day(n), start)
    end = datetime.combine(
        day(n),
        time((start.hour * 60 + start.minute + minutes) // 60 % 24, (start.minute + minutes) % 60),
    )
    return Roster(
        Assignment(a.agent, a.date, a.shift, a.start, a.end, a.role, begin, end)
        if (a.agent, a.date) == (agent, day(n))
        else a
        for a in roster
    )


def break_cases() -> list[Case]:
    base = grid()
    return [
        Case("breaks", "breaks left to the window's first start", breaks(), base, False),
        Case("breaks", "a break at 12:00", breaks(), on_break(base, "A", 1, time(12)), False),
        Case("breaks", "a break at 13:00", breaks(), on_break(base, "A", 1, time(13)), False),
        Case(
            "breaks",
            "a break before the window",
            breaks(),
            on_break(base, "A", 1, time(10, 30)),
            True,
        ),
        Case(
            "breaks",
            "a break past the window",
            breaks(),
            on_break(base, "A", 1, time(13, 15)),
            True,
        ),
        Case(
            "breaks",
            "a break of 45 minutes",
            breaks(),
            on_break(base, "A", 1, time(12), minutes=45),
            True,
        ),
        Case(
            "breaks",
            "a break off the quarter hour",
            breaks(),
            on_break(base, "A", 1, time(12, 10)),
            True,
        ),
        Case(
            "breaks",
            "a break on a shift without one",
            breaks(),
            on_break(base, "B", 1, time(20)),
            True,
        ),
        Case("breaks", "a break on a rest day", breaks(), on_break(base, "A", 7, time(12)), True),
        # R 09:00-18:00 with a 30-minute break and no window: anywhere but the first and
        # last hour of the shift (starts 10:00 .. 16:30).
        Case(
            "breaks",
            "no window: a break in the shift's first hour",
            open_break(),
            on_break(R_GRID, "P2", 1, time(9, 30), minutes=30),
            True,
        ),
        Case(
            "breaks",
            "no window: a break into the shift's last hour",
            open_break(),
            on_break(R_GRID, "P2", 1, time(16, 45), minutes=30),
            True,
        ),
        Case(
            "breaks",
            "no window: a break ending an hour before the shift",
            open_break(),
            on_break(R_GRID, "P2", 1, time(16, 30), minutes=30),
            False,
        ),
    ]


R_BREAK = ShiftType("R", "常班", time(9), time(18), break_minutes=30)
R_GRID = Roster.from_grid(MON, R_ROWS)


def open_break() -> Problem:
    """The R team's week with a 30-minute break on R and no window."""
    return week(R_TEAM, shifts=(*DEFAULT_SHIFTS[:2], R_BREAK))


HOLIDAYS = (Holiday(day(2), "元旦"), Holiday(day(3), "元旦"))


def holiday_cases() -> list[Case]:
    no_calendar = Rules(holiday_calendar="none", max_holiday_days=1)
    return [
        Case(
            "holidays",
            "two holidays worked, at most one",
            week(rules=no_calendar, holidays=HOLIDAYS),
            grid(),
            True,
        ),
        Case(
            "holidays",
            "two holidays worked, at most two",
            week(rules=no_calendar.with_(max_holiday_days=2), holidays=HOLIDAYS),
            grid(),
            False,
        ),
        Case(
            "holidays",
            "a make-up workday is an ordinary day",
            week(rules=no_calendar, holidays=(Holiday(day(2), "调休", "workday"), HOLIDAYS[1])),
            grid(),
            False,
        ),
        Case(
            "holidays",
            "two holidays worked, no cap",
            week(rules=no_calendar.with_(max_holiday_days=0), holidays=HOLIDAYS),
            grid(),
            False,
        ),
    ]


def limited(leave: tuple[Leave, ...] = (), **values: int) -> Problem:
    """The test week with limits for agent A only."""
    return week(
        limits=tuple(Limit(kind, value, "A") for kind, value in values.items()), leave=leave
    )


def hard_cases() -> list[Case]:
    return _hard_cases() + paired_cases() + variant_cases() + break_cases() + holiday_cases()


def _hard_cases() -> list[Case]:
    base = grid()
    p = week()
    with_p = week(agents(A=("W", "N", "P"), D=("W", "N", "P")), shifts=(*DEFAULT_SHIFTS, P_SHIFT))
    across = Problem(date(2026, 11, 30), agents(), end=date(2026, 12, 6))
    return [
        # 1 one thing a day
        Case("one_per_day", "base week", p, base, False),
        Case("one_per_day", "a missing day", p, _with(base, drop=("A", day(3))), True),
        Case("one_per_day", "two entries", p, _with(base, Assignment("A", day(3), "W")), True),
        Case("one_per_day", "unknown code", p, grid(A="W W X W W W -"), True),
        Case(
            "one_per_day",
            "promotion shift on its date",
            with_p,
            grid(D="- N N N N N P"),
            False,
        ),
        Case(
            "one_per_day",
            "promotion shift on another date",
            with_p,
            grid(A="W W W W W P -", D="- N N N N N P"),
            True,
        ),
        # 2 rest days
        Case("rest_days", "two rest days, exactly one due", p, grid(A="W W - W W W -"), True),
        Case(
            "rest_days",
            "two rest days, at least one due",
            week(rules=Rules(rest_days_mode="min")),
            grid(A="W W - W W W -"),
            False,
        ),
        Case(
            "rest_days",
            "four rest days, at least one and at most two more due",
            week(rules=Rules(rest_days_mode="min")),
            grid(A="W - W - W - -"),
            True,
        ),
        Case(
            "rest_days",
            "four rest days, at least one due and no maximum",
            week(rules=Rules(rest_days_mode="min", max_extra_rest_days=31)),
            grid(A="W - W - W - -"),
            False,
        ),
        Case(
            "rest_days",
            "leave caps the rest due",
            week(leave=tuple(Leave("A", day(n)) for n in range(1, 7))),
            grid(A="L L L L L L -"),
            False,
        ),
        Case(
            "rest_days",
            "no rest though one day is free",
            week(leave=tuple(Leave("A", day(n)) for n in range(1, 7))),
            grid(A="L L L L L L W"),
            True,
        ),
        Case(
            "rest_days",
            "each month of the horizon counts",
            across,
            Roster.from_grid(date(2026, 11, 30), {**BASE}),
            True,
        ),
        Case(
            "rest_days",
            "prorated across a month boundary",
            across,
            Roster.from_grid(
                date(2026, 11, 30),
                {**BASE, "C": "W W W W W - W", "D": "N N N N N - N"},
            ),
            False,
        ),
        # 3 days in a row
        Case("days_in_a_row", "six in a row, limit six", p, base, False),
        Case(
            "days_in_a_row",
            "six in a row, limit five",
            week(rules=Rules(max_consecutive_work_days=5)),
            Roster.from_grid(MON, MAX5),
            True,
        ),
        Case(
            "days_in_a_row",
            "five in a row, limit five",
            week(rules=Rules(max_consecutive_work_days=5)),
            Roster.from_grid(MON, {**MAX5, "A": "W W W W W - W"}),
            False,
        ),
        Case(
            "days_in_a_row",
            "a seventh day in a row across the month boundary",
            week(previous=previous(A="- - - - - - W")),
            base,
            True,
        ),
        Case(
            "days_in_a_row",
            "a rest day before the boundary",
            week(previous=previous(A="N N N N N N -")),
            base,
            False,
        ),
        # 4 rest between shifts
        Case("min_rest", "W the morning after N", p, grid(A="N W W W W W -"), True),
        Case(
            "min_rest",
            "exactly the minimum rest",
            week(rules=Rules(min_rest_hours=7)),
            grid(A="N W W W W W -"),
            False,
        ),
        Case("min_rest", "rest day between N and W", p, grid(A="N N - W W W W"), False),
        Case(
            "min_rest",
            "W on Monday after N on the previous Sunday",
            week(previous=previous(A="- - - - - - N")),
            grid(A="W W W W W - W"),
            True,
        ),
        # 5 rotation
        Case("rotation", "N block inside a W block", p, grid(A="W W N N - W W"), True),
        Case("rotation", "a shorter first block", p, grid(A="W W W N N N -"), False),
        Case(
            "rotation",
            "the N block of the previous roster ends on Sunday",
            week(previous=previous(A="N N N N N - -")),
            grid(A="- N N N N N N"),
            True,
        ),
        Case(
            "rotation",
            "the same week without a previous roster",
            p,
            grid(A="- N N N N N N"),
            False,
        ),
        Case(
            "rotation",
            "continuing the previous roster's blocks",
            week(previous=previous(A="N N N N N - -")),
            grid(A="W W W W W W -"),
            False,
        ),
        Case(
            "rotation",
            "W and N in one month, monthly rotation",
            week(rules=Rules(rotation_period_days="month")),
            grid(A="W W W N N N -"),
            True,
        ),
        Case(
            "rotation",
            "one kind a month, monthly rotation",
            week(rules=Rules(rotation_period_days="month")),
            base,
            False,
        ),
        # 6 handover
        Case(
            "handover",
            "order-change on both sides",
            week(ORDER_TEAM),
            grid(G="W W W W W W -", H="N N N N N N -"),
            False,
        ),
        Case(
            "handover",
            "order-change on W with nobody on N",
            week(ORDER_TEAM),
            grid(G="W W W W W W -", H="- N N N N N N"),
            True,
        ),
        Case(
            "handover",
            "N starts 10 min early",
            p,
            _timed(base, "B", 2, time(16, 50)),
            False,
            contract=False,
        ),
        Case(
            "handover",
            "N starts 15 min early",
            p,
            _timed(base, "B", 2, time(16, 45)),
            False,
            contract=False,
        ),
        Case(
            "handover",
            "N starts 20 min early",
            p,
            _timed(base, "B", 2, time(16, 40)),
            True,
            contract=False,
        ),
        Case(
            "handover", "W starts early", p, _timed(base, "A", 2, time(7, 50)), True, contract=False
        ),
        # 7 role ratios
        Case(
            "role_ratios",
            "order-change at 1/2 of pre-sales",
            week(R_TEAM, rules=Rules(role_ratios={"order_change": Fraction(1, 2)})),
            Roster.from_grid(MON, R_ROWS),
            False,
        ),
        Case(
            "role_ratios",
            "two pre-sales without order-change",
            week(R_TEAM, rules=Rules(role_ratios={"order_change": Fraction(1, 2)})),
            Roster.from_grid(MON, {**R_ROWS, "O1": "R R - R R R R"}),
            True,
        ),
        Case(
            "role_ratios",
            "after-sales alongside pre-sales",
            week(AFTER_TEAM),
            Roster.from_grid(MON, AFTER_ROWS),
            False,
        ),
        Case(
            "role_ratios",
            "pre-sales alone on a day",
            week(AFTER_TEAM),
            Roster.from_grid(MON, {**AFTER_ROWS, "S1": "- R R R R R R"}),
            True,
        ),
        Case(
            "role_ratios",
            "pre-sales alone, follow rule off",
            week(AFTER_TEAM, rules=Rules(aftersales_follows_presales=False)),
            Roster.from_grid(MON, {**AFTER_ROWS, "S1": "- R R R R R R"}),
            False,
        ),
        # 7 roles worked
        Case(
            "second_role",
            "second role the day after the promotion",
            week(SECOND_TEAM, rules=PROMO),
            grid(B="N N N N@aftersales N N -"),
            False,
        ),
        Case(
            "second_role",
            "second role on the promotion day itself",
            week(SECOND_TEAM, rules=PROMO),
            grid(B="N N N@aftersales N N N -"),
            True,
        ),
        Case(
            "second_role",
            "second role switched off",
            week(SECOND_TEAM, rules=Rules(promotion_days=(day(3),), secondary_role_days=0)),
            grid(B="N N N N@aftersales N N -"),
            True,
        ),
        Case(
            "second_role",
            "a role that is not the agent's",
            week(SECOND_TEAM, rules=PROMO),
            grid(D="- N N N@order_change N N N"),
            True,
        ),
        # 8 coverage
        Case(
            "coverage", "nobody on W on Monday", p, grid(A="- W W W W W W", E="- W W W W W W"), True
        ),
        Case(
            "coverage",
            "two on each shift, two due",
            week(rules=Rules(min_agents_per_shift=2)),
            base,
            False,
        ),
        Case(
            "coverage",
            "two on a shift, three due",
            week(rules=Rules(min_agents_per_shift=3)),
            base,
            True,
        ),
        # 9 leave and allowed shifts
        Case("leave", "works on leave", week(leave=(Leave("A", day(3)),)), base, True),
        Case(
            "leave",
            "leave shown",
            week(leave=(Leave("A", day(3)),)),
            grid(A="W W L W W W -"),
            False,
        ),
        Case("leave", "leave without approval", p, grid(A="W W L W W W -"), True),
        Case(
            "leave",
            "leave shown as rest",
            week(leave=(Leave("A", day(7), "unavailable"),)),
            base,
            True,
        ),
        Case("leave", "a shift not allowed", week(agents(A=("W",))), grid(A="W W W W W N -"), True),
        # 10 promotion days
        Case(
            "promotion",
            "rest on the promotion day",
            week(rules=PROMO),
            grid(A="W W - W W W W"),
            True,
        ),
        Case(
            "promotion",
            "rest on the promotion day, rule off",
            week(rules=Rules(promotion_days=(day(3),), promotion_all_on_duty=False)),
            grid(A="W W - W W W W"),
            False,
        ),
        Case("promotion", "everyone on duty", week(rules=PROMO), base, False),
        Case(
            "promotion",
            "leave on the promotion day",
            week(rules=PROMO, leave=(Leave("A", day(3)),)),
            grid(A="W W L W W W -"),
            False,
        ),
        # forbidden successions (R after W here)
        Case("successions", "R the day after W", WR, grid(A="W R W W W W -"), True),
        Case("successions", "W the day after R", WR, grid(A="R W W W W W -"), False),
        Case(
            "successions",
            "R on Monday after W on the previous Sunday",
            week(WR.agents, rules=WR.rules, previous=previous(A="- - - - - - W")),
            grid(A="R W W W W - W"),
            True,
        ),
        Case(
            "successions",
            "R on Monday after a rest day on the previous Sunday",
            week(WR.agents, rules=WR.rules, previous=previous(A="W W W W W W -")),
            grid(A="R W W W W - W"),
            False,
        ),
        # days in a row (limits)
        Case(
            "days_in_a_row",
            "six in a row, at most five",
            limited(max_consecutive_work=5),
            base,
            True,
        ),
        Case(
            "days_in_a_row",
            "five in a row, at most five",
            limited(max_consecutive_work=5),
            grid(A="W W W W W - W"),
            False,
        ),
        Case(
            "days_in_a_row",
            "one day of work between rest and leave, at least two",
            limited(min_consecutive_work=2, leave=(Leave("A", day(3)),)),
            grid(A="- W L W W W W"),
            True,
        ),
        Case(
            "days_in_a_row",
            "one day of work on the first day, at least two",
            limited(min_consecutive_work=2, leave=(Leave("A", day(3)),)),
            grid(A="W - L W W W W"),
            False,
        ),
        Case(
            "days_in_a_row",
            "one day off inside the week, at least two",
            limited(min_consecutive_off=2),
            grid(A="W W W - W W W"),
            True,
        ),
        Case(
            "days_in_a_row",
            "one day off on the last day, at least two",
            limited(min_consecutive_off=2),
            base,
            False,
        ),
        # shifts at most
        Case("max_shifts", "six shifts, at most five", limited(max_shifts=5), base, True),
        Case("max_shifts", "six shifts, at most six", limited(max_shifts=6), base, False),
        Case(
            "max_shifts",
            "six W each, at most six W for everyone",
            week(limits=(Limit("max_shifts", 6, None, "W"),)),
            base,
            False,
        ),
        Case(
            "max_shifts",
            "six W each, at most five W for everyone",
            week(limits=(Limit("max_shifts", 5, None, "W"),)),
            base,
            True,
        ),
        # minutes worked: W is 540 min, N 480 min
        Case("minutes", "3240 min, at least 3300", limited(min_minutes=3300), base, True),
        Case("minutes", "3240 min, at least 3240", limited(min_minutes=3240), base, False),
        Case(
            "minutes",
            "3240 min on W, at most 3000 for everyone",
            week(limits=(Limit("max_minutes", 3000),)),
            base,
            True,
        ),
        Case(
            "minutes",
            "at most 3240 for everyone",
            week(limits=(Limit("max_minutes", 3240),)),
            base,
            False,
        ),
        # weekends worked
        Case("weekends", "Saturday worked, none allowed", limited(max_weekends=0), base, True),
        Case(
            "weekends",
            "the weekend off (rest, leave), none allowed",
            limited(max_weekends=0, leave=(Leave("A", day(7)),)),
            grid(A="W W W W W - L"),
            False,
        ),
        Case("weekends", "Saturday worked, one allowed", limited(max_weekends=1), base, False),
        Case(
            "weekends",
            "weekends worked by everyone, none allowed for anyone",
            week(limits=(Limit("max_weekends", 0),)),
            base,
            True,
        ),
    ]


def soft_cases() -> list[Case]:
    """Valid rosters whose soft terms are known (``notes`` holds hand-computed values)."""
    base = grid()
    demand = (
        Demand(3, shift="W"),  # W has 2 on days 1, 4, 7: 3 x 1 x 9 h = 27 h
        # 16-17 on W, 17-18 on N, quarter by quarter: 3 asked, 2 on days 1, 4, 7: 6 h
        Demand(3, start=time(16), end=time(18)),
        Demand(6, date=day(2)),  # six work on Tuesday: met
        Demand(1, date=day(2), role="aftersales", shift="N"),  # no after-sales: 8 h
    )
    requests = (
        Request("A", day(7)),  # rest on Sunday: granted
        Request("B", day(2), "W", weight=3),  # W on Tuesday: not granted, 3
        Request("C", day(1), avoid=True),  # not to rest on Monday: not granted, 1
        Request("D", day(1), "N", avoid=True, weight=2),  # not N on Monday: granted
    )
    return [
        Case(
            "demand",
            "four demand rows",
            week(demand=demand),
            base,
            False,
            notes={"unmet_demand": (27 + 6 + 8) * 60},
        ),
        Case(
            "requests", "four requests", week(requests=requests), base, False, notes={"requests": 4}
        ),
        Case(
            "cover",
            "three cover rows",
            week(
                cover=(
                    Cover(day(1), "W", 3, under=5, over=1),  # 2 on W: 1 short x 5
                    Cover(day(2), "N", 1, under=7, over=2),  # 3 on N: 2 over x 2
                    Cover(day(7), "N", 2, under=100, over=1),  # 2 on N: met
                )
            ),
            base,
            False,
            notes={"cover": 5 + 4},
        ),
        Case(
            "extra_rest",
            "at least one rest day due, A rests three",
            week(rules=Rules(rest_days_mode="min")),
            grid(A="W W - W - W -"),
            False,
            notes={"extra_rest": 2},
        ),
        Case(
            "fairness",
            "base week",
            week(),
            base,
            False,
            # nights: B D F 6, A C E 0 -> 6; weekend rest: A B rest Sunday -> 1
            notes={"fairness": 7},
        ),
        Case(
            "demand",
            "breaks in a demand window",
            breaks(
                demand=(
                    Demand(2, date=day(1), start=time(12), end=time(13)),
                    Demand(3, date=day(2), start=time(12), end=time(13)),
                )
            ),
            on_break(on_break(base, "A", 1, time(12)), "A", 2, time(12, 30)),
            False,
            # Monday: A and E on W, A on break 12-13: 1 short for 60 min. Tuesday: A, C, E,
            # A on break from 12:30: 1 short for 30 min. The others break at 11:00.
            notes={"unmet_demand": 60 + 30},
        ),
        Case(
            "demand",
            "demand for N met by its variant N2",
            variants(
                demand=(Demand(3, date=day(6), shift="N"), Demand(3, date=SUN, shift="N")),
                requests=(Request("D", day(6), "N"),),
            ),
            Roster.from_grid(MON, VARIANT_ROWS),
            False,
            # Saturday: B, F on N and D on N2 (3); Sunday: D on N2, F on N: 1 short x 8 h.
            notes={"unmet_demand": 480, "requests": 0},
        ),
        Case(
            "peaks",
            "breaks in a peak window",
            breaks(rules=PROMO, peaks=(PeakWindow(time(11), time(13), day(3)),)),
            on_break(base, "E", 3, time(12)),
            False,
            # Wednesday: A, C, E on W (6 could be); A and C on break 11-12, E 12-13.
            notes={"peak_min": 6 - 1, "peak_total": (6 - 1) * 60 + (6 - 2) * 60},
        ),
        Case(
            "peaks",
            "N2 online in the hour after midnight",
            variants(
                rules=Rules(promotion_days=(SUN,), promotion_all_on_duty=False),
                peaks=(PeakWindow(time(1), time(2), SUN),),
            ),
            Roster.from_grid(MON, VARIANT_ROWS),
            False,
            # Sunday 01:00-02:00: only D's N2 of Saturday covers it (N ends at 01:00), and
            # the six agents allowed N could be on N2 that Saturday.
            notes={"peak_min": 6 - 1, "peak_total": (6 - 1) * 60},
        ),
        Case(
            "fairness",
            "holiday work spread",
            week(
                rules=Rules(holiday_calendar="none", holiday_fairness=True),
                holidays=(Holiday(SUN),),
            ),
            base,
            False,
            # as the base week, and on Sunday A and B rest while the others work: 1
            notes={"fairness": 7 + 1},
        ),
        Case(
            "peaks",
            "Wednesday is a promotion day",
            week(rules=PROMO),
            base,
            False,
            # Peak hours that W/N can cover: 0-1 (N of Tuesday: 3 of 6 could be),
            # 8-11 and 15-17 (W: 3 online, 6 could be), 20-24 (N: 3 online, 6 could).
            notes={"peak_min": 6 - 3, "peak_total": (3 + 3 * 3 + 3 * 2 + 3 * 4) * 60},
        ),
    ]
