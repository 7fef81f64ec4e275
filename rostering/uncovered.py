"""Hours of promotion days nobody can be online, and the Shifts rows that would cover them.

On a promotion day, a peak hour (the Peaks windows) or a Demand time window that no shift
in use covers has nobody who could be online, whatever the roster: with the default
shifts, 01:00-02:00 (N ends at 01:00) and 07:00-08:00 (W starts at 08:00) on Double-12.
`uncovered` finds those hours; `proposals` suggests, for each, a variant of an existing
family (`ShiftType.family`) that covers it and keeps the rest-hour rule with its family
on the days before and after: a variant that starts with its family and ends later
(N2 17:00-02:00, keeping N's handover from W), or one that starts earlier and keeps its
family's length (W0 07:00-16:00). `solve` puts `uncovered_notes` in `Result.notes` (and
so in the Summary), and `roster staffing` in its warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .problem import Problem, ShiftType, minutes_of

__all__ = ["Gap", "Proposal", "planning_notes", "proposals", "uncovered", "uncovered_notes"]

#: A variant stretches or moves its family by at most this many minutes.
MAX_CHANGE = 180
_HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Gap:
    """A stretch of a promotion day that no shift in use covers: ``start .. end``, and
    what asks for it (``peak hour``, ``demand row 3``)."""

    day: date
    start: datetime
    end: datetime
    what: str

    def text(self) -> str:
        end = "24:00" if self.end.time() == time(0) else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end} on {self.start:%m-%d}"


@dataclass(frozen=True)
class Proposal:
    """A Shifts row that would cover ``gaps``: a variant of an existing family."""

    shift: ShiftType
    gaps: tuple[Gap, ...]

    def row_text(self) -> str:
        """``N2 17:00-02:00 in family N on 12-10..12-11``."""
        s = self.shift
        end = "24:00" if s.end == time(0) else f"{s.end:%H:%M}"
        return f"{s.code} {s.start:%H:%M}-{end} in family {s.family} on {_dates(s.dates or ())}"


def _dates(days: frozenset[date] | tuple[date, ...]) -> str:
    """Dates as ``12-10..12-12, 12-15``: runs of days joined."""
    ordered = sorted(days)
    runs: list[list[date]] = []
    for day in ordered:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        f"{r[0]:%m-%d}" if len(r) == 1 else f"{r[0]:%m-%d}..{r[-1]:%m-%d}" for r in runs
    )


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock)


def _window(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    begin, finish = _at(day, start), _at(day, end)
    return begin, finish if finish > begin else finish + timedelta(days=1)


def _spans(problem: Problem, shift: ShiftType) -> list[tuple[datetime, datetime, date]]:
    """The nominal times of ``shift`` on each day it exists, the day before the horizon
    excluded."""
    assert problem.end is not None
    out = []
    for day in problem.days:
        if shift.exists_on(day):
            begin = _at(day, shift.start)
            out.append((begin, begin + timedelta(minutes=shift.minutes), day))
    return out


def uncovered(problem: Problem) -> list[Gap]:
    """Every stretch of a promotion day's peak windows and Demand time windows that no
    shift in use covers, cut at clock hours and joined again where they touch (for the
    same peak or demand row)."""
    spans = [sp for shift in problem.shifts_in_use() for sp in _spans(problem, shift)]
    asks: list[tuple[date, datetime, datetime, str]] = []
    for day in problem.rules.promotion_days:
        for window in problem.peak_windows(day):
            asks.append((day, *_window(day, window.start, window.end), "peak hour"))
        for row, dm in enumerate(problem.demand):
            if dm.kind == "window" and dm.date in (None, day) and dm.required > 0:
                assert dm.start is not None and dm.end is not None
                asks.append((day, *_window(day, dm.start, dm.end), f"demand row {row + 1}"))
    found: dict[tuple[datetime, datetime], Gap] = {}
    for day, begin, finish, what in asks:
        t = begin
        while t < finish:
            nxt = min(finish, t.replace(minute=0) + _HOUR)
            if not any(lo <= t and nxt <= hi for lo, hi, _d in spans):
                key = (t, nxt)
                if key not in found or found[key].what != "peak hour":
                    found[key] = Gap(day, t, nxt, what)
            t = nxt
    joined: list[Gap] = []
    for _key, gap in sorted(found.items()):
        last = joined[-1] if joined else None
        if last is not None and (last.end, last.day, last.what) == (gap.start, gap.day, gap.what):
            joined[-1] = Gap(last.day, last.start, gap.end, gap.what)
        else:
            joined.append(gap)
    return joined


def _variant(problem: Problem, family: ShiftType, gap: Gap) -> tuple[int, time, time, date] | None:
    """The smallest change of ``family`` (minutes, start, end, the day it starts) that
    covers ``gap``: a later end with the same start, or an earlier start with the same
    length; None when no day's instance is within `MAX_CHANGE` minutes of it."""
    best: tuple[int, time, time, date] | None = None
    for offset in (-1, 0):
        on = gap.start.date() + timedelta(days=offset)
        assert problem.end is not None
        if not problem.start <= on <= problem.end:
            continue
        begin = _at(on, family.start)
        finish = begin + timedelta(minutes=family.minutes)
        if begin <= gap.start and gap.end <= finish:
            continue  # the family's times cover it (on days it does not exist)
        options = []
        if begin <= gap.start and finish < gap.end:
            change = int((gap.end - finish).total_seconds() // 60)
            options.append((change, family.start, gap.end.time()))
        if gap.start < begin and gap.start + timedelta(minutes=family.minutes) >= gap.end:
            change = int((begin - gap.start).total_seconds() // 60)
            new_end = (gap.start + timedelta(minutes=family.minutes)).time()
            options.append((change, gap.start.time(), new_end))
        for change, start, end in options:
            if 0 < change <= MAX_CHANGE and (best is None or change < best[0]):
                best = (change, start, end, on)
    return best


def _keeps_rest(problem: Problem, family: ShiftType, start: time, end: time) -> bool:
    """Whether the variant and its family on the days before and after keep
    ``min_rest_hours`` (the later shift counted from its earliest handover start)."""
    need = timedelta(minutes=problem.rules.min_rest_minutes)
    early = timedelta(minutes=problem.rules.handover_max_minutes)
    day = date(2026, 1, 1)
    variant = _at(day, start)
    variant_end = variant + timedelta(minutes=(minutes_of(end) - minutes_of(start)) % 1440 or 1440)
    family_start = _at(day, family.start)
    family_end = family_start + timedelta(minutes=family.minutes)
    one = timedelta(days=1)
    return (
        variant - early - (family_end - one) >= need  # family yesterday, variant today
        and family_start + one - early - variant_end >= need  # variant today, family tomorrow
        and variant + one - early - variant_end >= need  # the variant two days running
    )


def _code(problem: Problem, family: str, later: bool, taken: set[str]) -> str:
    suffixes = [str(k) for k in range(2, 10)] if later else ["0", "00", "000"]
    for suffix in suffixes:
        code = family + suffix
        if code not in taken:
            return code
    return family + "-variant"


def proposals(problem: Problem, gaps: list[Gap] | None = None) -> list[Proposal]:
    """For each gap (default: `uncovered`), the variant of a family in use that covers it
    with the smallest change and keeps the rest rule; gaps that one variant covers share
    it (its dates are the days its instances start on). Gaps no variant covers are left
    out."""
    gaps = uncovered(problem) if gaps is None else gaps
    families = [s for s in problem.shifts_in_use() if s.family is None]
    taken = {s.code for s in problem.shifts}
    found: dict[tuple[str, time, time], tuple[set[date], list[Gap]]] = {}
    for gap in gaps:
        options = []
        for family in families:
            change = _variant(problem, family, gap)
            if change is None:
                continue
            minutes, start, end, on = change
            if _keeps_rest(problem, family, start, end):
                options.append((minutes, family.code, start, end, on))
        if not options:
            continue
        _m, code, start, end, on = min(options)
        days, covered = found.setdefault((code, start, end), (set(), []))
        days.add(on)
        covered.append(gap)
    out = []
    for (family_code, start, end), (days, covered) in found.items():
        family = problem.shift(family_code)
        later = start == family.start
        code = _code(problem, family_code, later, taken)
        taken.add(code)
        shift = family.variant(
            code, f"{family.name} ({'later' if later else 'earlier'})", start, end, days
        )
        out.append(Proposal(shift, tuple(covered)))
    return out


def uncovered_notes(problem: Problem) -> list[str]:
    """Plain sentences: each stretch of a promotion day nobody can be online, and the
    Shifts row that would cover it."""
    gaps = uncovered(problem)
    if not gaps:
        return []
    offers = proposals(problem, gaps)
    by_gap = {gap: offer for offer in offers for gap in offer.gaps}
    out = []
    for gap in gaps:
        line = f"nobody can be online {gap.text()} ({gap.what}; no shift covers it)"
        offer = by_gap.get(gap)
        if offer is not None:
            line += f": add a shift {offer.row_text()} to the Shifts sheet"
        else:
            line += ": add a shift that covers it to the Shifts sheet"
        out.append(line)
    return out


def planning_notes(problem: Problem) -> list[str]:
    """What a manager should know about the plan whatever the roster: the stretches of
    promotion days nobody can be online (`uncovered_notes`), and years whose holiday
    arrangement the calendar does not know yet (`rostering.holiday_calendar`)."""
    from .holiday_calendar import unpublished_years

    out = uncovered_notes(problem)
    assert problem.end is not None
    for year in unpublished_years(problem.rules.holiday_calendar, problem.start, problem.end):
        out.append(
            f"the holiday calendar has no make-up workdays (调休) for {year} yet (the State "
            "Council publishes them each November): its statutory holidays are used as "
            "computed; add or correct days in the Holidays sheet"
        )
    return out
