"""Rule 6, handover overlap (交接班): face-to-face handover between shifts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..params import Param, Whole
from ..roster import Handover as HandoverRecord
from ..values import ProblemError
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..problem import Agent, Problem, ShiftType
    from .base import Encoding
    from .view import View


class HandoverOverlap(Rule):
    """The incoming shift arrives 10-15 minutes early and hands over face to face.

    Where one shift starts as another ends (N after W at 17:00), the incoming agents
    start ``handover_min_minutes`` to ``handover_max_minutes`` before the outgoing shift
    ends, and for each role with agents on the outgoing shift at least one agent of that
    role is on an incoming shift (any shift that starts as it ends: N or its variant
    N2). Stated times must be the shift's own, except that early start. Counts one per
    role left without a counterpart, and one per wrong time.
    """

    name = "handover"
    number = 6
    title = "Handover overlap"
    title_zh = "交接班重叠"
    relax_rank = 10
    params = (
        Param(
            "handover_min_minutes",
            "交接最少分钟",
            Whole(0, 720),
            10,
            "an incoming shift arrives at least this many minutes early",
            "接班者至少提前到岗分钟数",
            off=0,
        ),
        Param(
            "handover_max_minutes",
            "交接最多分钟",
            Whole(0, 720),
            15,
            "and at most this many minutes early",
            "接班者最多提前到岗分钟数",
            off=0,
        ),
    )

    @staticmethod
    def check_params(params: Any) -> None:
        low, high = params.handover_min_minutes, params.handover_max_minutes
        if low > high:
            raise ProblemError(
                f"handover_min_minutes {low} is above handover_max_minutes {high}",
                fields=("rules.handover_min_minutes", "rules.handover_max_minutes"),
                allowed="handover_min_minutes <= handover_max_minutes",
                value=low,
            )

    def explain_title(self, problem: Problem) -> Text:
        r = problem.rules
        return Text(
            f"handover overlap of {r.handover_min_minutes}-{r.handover_max_minutes} min",
            f"交接重叠 {r.handover_min_minutes}-{r.handover_max_minutes} 分钟",
        )

    def relax(self, problem: Problem) -> Text:
        return Text("widen handover_min_minutes..handover_max_minutes", "放宽交接重叠分钟数")

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        incoming: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for out, inc in ix.handover_pairs:
            incoming.setdefault((out.day, out.shift), []).append((inc.day, inc.shift))
        for (day, shift), takers in incoming.items():
            for role in ix.roles:
                out_agents = m.agents_on(day, shift, role)
                if not out_agents:
                    continue
                out_count = m.count(day, shift, role)
                able = [(d, s) for d, s in takers if m.agents_on(d, s, role)]
                if not able:
                    m.cp.add(out_count == 0)
                    continue
                in_count = sum(m.count(d, s, role) for d, s in able)
                staffed = m.cp.new_bool_var(f"handover_{day}_{shift}_{role}")
                m.cp.add(in_count >= staffed)
                m.cp.add(out_count <= len(out_agents) * staffed)

    def check(self, view: View) -> list[Violation]:
        rules = view.rules
        out = []
        takers = _takers(view)
        for (prev, prev_day), incoming in takers.items():
            outgoing = [a for a, s in view.on_duty(prev_day) if s is prev]
            shifts = "/".join(dict.fromkeys(s.code for s, _d, _a in incoming))
            for role in dict.fromkeys(a.role for a in outgoing):
                if not any(a.role == role for _s, _d, a in incoming):
                    day = incoming[0][1] if incoming else prev_day
                    out.append(
                        Violation(
                            self.name,
                            f"{day}: no {role} agent on {shifts} takes over from {prev.code}",
                            None,
                            day,
                        )
                    )
        low = timedelta(minutes=rules.handover_min_minutes)
        high = timedelta(minutes=rules.handover_max_minutes)
        for agent in view.agents:
            for day in view.days:
                worked = view.shift_of(agent.id, day)
                cell = view.cells.get((agent.id, day), [None])[0]
                if worked is None or cell is None:
                    continue
                start, end = view.nominal(worked, day)
                if cell.end is not None and cell.end != end:
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: ends {cell.end:%H:%M}, shift "
                            f"{worked.code} ends {end:%H:%M}",
                            agent.id,
                            day,
                        )
                    )
                if cell.start is None:
                    continue
                early = start - cell.start
                if view.takes_over(worked, day):
                    if not low <= early <= high:
                        out.append(
                            Violation(
                                self.name,
                                f"{agent.id} on {day}: starts {cell.start:%H:%M}, "
                                f"{early.total_seconds() / 60:g} min before {worked.code}; "
                                f"the handover needs {rules.handover_min_minutes}-"
                                f"{rules.handover_max_minutes} min",
                                agent.id,
                                day,
                            )
                        )
                elif early:
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: starts {cell.start:%H:%M}, shift "
                            f"{worked.code} starts {start:%H:%M}",
                            agent.id,
                            day,
                        )
                    )
        return out


def _takers(view: View) -> dict[tuple[ShiftType, date], list[tuple[ShiftType, date, Agent]]]:
    """For each shift worked (type, date) that another takes over from: the shifts that
    start as it ends, and the agents on them (shift, date, agent), in shift order."""
    found: dict[tuple[ShiftType, date], list[tuple[ShiftType, date, Agent]]] = {}
    for day in view.days:
        for shift in view.problem.shifts:
            if not view.offered(shift, day):
                continue
            incoming = [a for a, s in view.on_duty(day) if s is shift]
            for prev, prev_day in view.takes_over(shift, day):
                found.setdefault((prev, prev_day), []).extend((shift, day, a) for a in incoming)
    return found


def handover_log(view: View) -> list[HandoverRecord]:
    """Who hands over to whom: each outgoing agent to an incoming agent of the same role
    (round robin when the numbers differ), on any shift that starts as theirs ends."""
    records = []
    for (prev, prev_day), incoming in _takers(view).items():
        outgoing = [a for a, s in view.on_duty(prev_day) if s is prev]
        for role in dict.fromkeys(a.role for a in outgoing):
            takers = [(s, d, a) for s, d, a in incoming if a.role == role]
            givers = [a for a in outgoing if a.role == role]
            for i, giver in enumerate(givers):
                if not takers:
                    break
                shift, day, taker = takers[i % len(takers)]
                span = view.interval(taker.id, day)
                overlap = (
                    int((view.nominal(prev, prev_day)[1] - span[0]).total_seconds() // 60)
                    if span
                    else 0
                )
                records.append(
                    HandoverRecord(day, prev.code, shift.code, role, giver.id, taker.id, overlap)
                )
    return records
