"""Breaks (合理设置休息时间): each agent's break inside its window, staggered, off line.

The model keeps breaks linear and small with the implicit-break formulation of
contact-centre planning: for each day, shift and role whose break can fall where coverage
is counted, and each quarter hour ``t`` a break may start, an integer ``b[t]`` counts the
agents of that role on that shift who start their break at ``t``, with ``sum_t b[t]``
equal to the agents on the shift. Agents online in a piece of time are then the agents on
the shifts covering it less those on break in it (`online`). Which agent takes which
break is decided afterwards, per day, shift and role, in a fixed order
(`rostering.engine.model.Model.roster_from`), so the roster reproduces the counts exactly.
Where no counted piece of time meets a shift's break window, no counts are made and the
breaks are spread in turn over the window's starts.

The checker reads each agent's break from the roster (`View.break_of`).
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..index import DAY
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Instance
    from ..problem import Problem
    from .base import Encoding
    from .view import View

QUARTER = 15

BreakKey = tuple[int, int, str]
"""(day, shift, role) of a shift instance's break counts."""

_COUNTS: weakref.WeakKeyDictionary[Any, dict[BreakKey, dict[int, Any]]] = (
    weakref.WeakKeyDictionary()
)


def break_counts(m: Encoding) -> dict[BreakKey, dict[int, Any]]:
    """The break counts made so far in model ``m``: ``{(day, shift, role): {start: var}}``
    (starts in minutes from 00:00 of the first day)."""
    return _COUNTS.setdefault(m, {})


def _counts_for(m: Encoding, inst: Instance, role: str) -> dict[int, Any]:
    """The break counts of ``role`` on shift instance ``inst``, made on first use with
    their row ``sum_t b[t] == count``."""
    counts = break_counts(m)
    key = (inst.day, inst.shift, role)
    if key not in counts:
        size = len(m.agents_on(inst.day, inst.shift, role))
        made = {
            t: m.cp.new_int_var(0, size, f"break_{inst.day}_{inst.shift}_{role}_{t}")
            for t in inst.break_starts
        }
        m.cp.add(sum(made.values()) == m.count(inst.day, inst.shift, role))
        counts[key] = made
    return counts[key]


def _roles(m: Encoding, inst: Instance, role: str | None) -> list[str]:
    if role is not None:
        return [role] if m.agents_on(inst.day, inst.shift, role) else []
    return [r for r in m.ix.roles if m.agents_on(inst.day, inst.shift, r)]


def _overlaps(inst: Instance, t: int, lo: int, hi: int) -> bool:
    return t < hi and lo < t + inst.break_minutes


def covering(m: Encoding, lo: int, hi: int) -> list[Instance]:
    """The shift instances whose nominal times cover ``lo .. hi`` (model minutes)."""
    day = lo // DAY
    return [
        i
        for d in (day - 1, day)
        if 0 <= d < m.ix.D
        for i in m.ix.instances[d]
        if i is not None and i.start <= lo and hi <= i.end
    ]


def signature(
    m: Encoding, lo: int, hi: int
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, int], ...]]:
    """What agents online through ``lo .. hi`` depend on: the shift instances covering
    it and the break starts that fall in it. Consecutive pieces with the same signature
    have the same agents online, so they are counted together."""
    covering_ = covering(m, lo, hi)
    keys = tuple(sorted((i.day, i.shift) for i in covering_))
    pauses = tuple(
        sorted(
            (i.day, i.shift, t)
            for i in covering_
            for t in i.break_starts
            if _overlaps(i, t, lo, hi)
        )
    )
    return keys, pauses


def pieces(m: Encoding, lo: int, hi: int) -> list[tuple[int, int]]:
    """``lo .. hi`` (model minutes) cut at quarter hours, consecutive quarters with the
    same `signature` joined."""
    cuts = sorted({lo, hi} | set(range((lo // QUARTER + 1) * QUARTER, hi, QUARTER)))
    out: list[tuple[int, int]] = []
    last = None
    for a, b in itertools.pairwise(cuts):
        sig = signature(m, a, b)
        if out and sig == last:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        last = sig
    return out


def online(m: Encoding, lo: int, hi: int, role: str | None = None) -> Any:
    """Agents (of ``role``, when given) online through ``lo .. hi`` (model minutes): on a
    shift covering it, less those whose break falls in it."""
    total: Any = 0
    for inst in covering(m, lo, hi):
        for r in _roles(m, inst, role):
            total += m.count(inst.day, inst.shift, r)
            if any(_overlaps(inst, t, lo, hi) for t in inst.break_starts):
                counts = _counts_for(m, inst, r)
                total -= sum(v for t, v in counts.items() if _overlaps(inst, t, lo, hi))
    return total


def spread(starts: Sequence[int], agents: int) -> list[int]:
    """Break starts for ``agents`` agents when no term counts them: in turn over
    ``starts``."""
    return [starts[k % len(starts)] for k in range(agents)]


class Breaks(Rule):
    """Each agent on a shift with a break takes it inside the shift's break window.

    A shift's ``break_minutes`` (休息分钟) are taken in one piece, starting on the quarter
    hour, wholly inside ``break_window`` (休息时段; blank: the shift without its first and
    last hour). The agent is not online during the break: coverage, demand windows and
    peaks count agents net of breaks. A break stated on a shift without one, or not
    inside its window, or of another length, counts one.
    """

    name = "breaks"
    number = 17
    title = "Breaks inside their window"
    title_zh = "休息时段"
    background = True

    def applies(self, problem: Problem) -> bool:
        return any(s.break_minutes for s in problem.shifts)

    def explain_title(self, problem: Problem) -> Text:
        return Text("breaks inside their windows", "休息在规定时段内")

    def relax(self, problem: Problem) -> Text:
        return Text(
            "widen the Shifts break_window or shorten break_minutes",
            "放宽班次的休息时段或缩短休息分钟",
        )

    def check(self, view: View) -> list[Violation]:
        out = []
        for agent in view.agents:
            for day in view.days:
                cells = view.cells.get((agent.id, day))
                if not cells:
                    continue
                cell = cells[0]
                if cell.break_start is None and cell.break_end is None:
                    continue
                shift = view.shift_types.get(cell.shift)
                where = f"{agent.id} on {day}"
                if shift is None or not shift.break_minutes:
                    out.append(
                        Violation(
                            self.name,
                            f"{where}: a break on {cell.shift}, which has none",
                            agent.id,
                            day,
                        )
                    )
                    continue
                if cell.break_start is None:
                    out.append(
                        Violation(self.name, f"{where}: a break end without a start", agent.id, day)
                    )
                    continue
                start = cell.break_start
                end = cell.break_end or start + timedelta(minutes=shift.break_minutes)
                begin, _finish = view.nominal(shift, day)
                lo, hi = shift.break_range()
                first, last = begin + timedelta(minutes=lo), begin + timedelta(minutes=hi)
                length = int((end - start).total_seconds() // 60)
                if length != shift.break_minutes:
                    out.append(
                        Violation(
                            self.name,
                            f"{where}: a break of {length} min, {shift.code} has "
                            f"{shift.break_minutes} min",
                            agent.id,
                            day,
                        )
                    )
                elif not first <= start or not end <= last:
                    out.append(
                        Violation(
                            self.name,
                            f"{where}: break {start:%H:%M}-{end:%H:%M} is not inside "
                            f"{first:%H:%M}-{last:%H:%M}",
                            agent.id,
                            day,
                        )
                    )
                elif start.minute % QUARTER or start.second:
                    out.append(
                        Violation(
                            self.name,
                            f"{where}: break {start:%H:%M} does not start on the quarter hour",
                            agent.id,
                            day,
                        )
                    )
        return out
