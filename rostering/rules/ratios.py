"""Rule 7, role ratios (岗位配比), and after-sales alongside pre-sales."""

from __future__ import annotations

import itertools
import math
from datetime import datetime
from typing import TYPE_CHECKING

from ..params import Flag, Param, Ratios
from ..roles import AFTERSALES, DEFAULT_ROLE_RATIOS, PRESALES, ROLE_NAMES_ZH
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..problem import Problem
    from .base import Encoding
    from .view import View


class RoleRatios(Rule):
    """Each role keeps its ratio to pre-sales on every day and shift.

    On each day and shift, agents on duty in a role >= floor(ratio x pre-sales agents on
    duty in that shift), for each role the team has among the agents allowed that shift.
    When the team has after-sales agents, after-sales is online whenever pre-sales is
    (售后全时段同步售前). Counts the missing agents, and the hours pre-sales works alone.
    """

    name = "role_ratios"
    number = 7
    title = "Role ratios"
    title_zh = "岗位配比"
    relax_rank = 50
    params = (
        Param(
            "role_ratios",
            "岗位配比",
            Ratios(),
            DEFAULT_ROLE_RATIOS,
            "each role's ratio to pre-sales on duty, per day and shift, e.g. aftersales=1/4",
            "各岗位与售前在岗人数之比, 如 售后=1/4",
            off={},
        ),
        Param(
            "aftersales_follows_presales",
            "售后全时段同步售前",
            Flag(),
            True,
            "after-sales online whenever pre-sales is: true/false",
            "售后全时段同步售前",
            off=False,
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        ratios = {r: v for r, v in problem.rules.role_ratios.items() if v > 0}
        follow = problem.rules.aftersales_follows_presales
        en = ", ".join(f"{role} {ratio}" for role, ratio in ratios.items())
        zh = ", ".join(f"{ROLE_NAMES_ZH.get(role, role)} {ratio}" for role, ratio in ratios.items())
        parts_en = [f"role ratios to pre-sales ({en})"] if ratios else []
        parts_zh = [f"岗位配比 (相对售前: {zh})"] if ratios else []
        if follow:
            parts_en.append("after-sales online whenever pre-sales is")
            parts_zh.append("售后全时段同步售前")
        return Text("; ".join(parts_en) or "role ratios", "; ".join(parts_zh) or "岗位配比")

    def relax(self, problem: Problem) -> Text:
        en = "add agents of the short role, or lower its ratio in the rule role_ratios"
        zh = "增加人数不足岗位的客服, 或在规则 role_ratios 中降低其配比"
        if problem.rules.aftersales_follows_presales:
            en += ", or set aftersales_follows_presales to false"
            zh += ", 或把 aftersales_follows_presales 设为 false"
        return Text(en, zh)

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        ratios = ix.rules.role_ratios
        for inst in ix.all_instances:
            d, s = inst.day, inst.shift
            if not m.agents_on(d, s, PRESALES):
                continue
            presales = m.count(d, s, PRESALES)
            for role, ratio in ratios.items():
                if ratio == 0 or not m.allowed_agents(s, role):
                    continue
                num, den = ratio.numerator, ratio.denominator
                # n >= floor(num/den * p)  <=>  den * n >= num * p - (den - 1)
                m.cp.add(den * m.count(d, s, role) >= num * presales - (den - 1))
        if ix.rules.aftersales_follows_presales and ix.agents_of_role(AFTERSALES):
            self._encode_aftersales(m)

    @staticmethod
    def _encode_aftersales(m: Encoding) -> None:
        ix = m.ix
        with_presales = [i for i in ix.all_instances if m.agents_on(i.day, i.shift, PRESALES)]
        with_after = [i for i in ix.all_instances if m.agents_on(i.day, i.shift, AFTERSALES)]
        posted: set[tuple[int, frozenset[tuple[int, int]]]] = set()
        for inst in with_presales:
            cap = len(m.agents_on(inst.day, inst.shift, PRESALES))
            staffed = m.cp.new_bool_var(f"presales_{inst.day}_{inst.shift}")
            m.cp.add(m.count(inst.day, inst.shift, PRESALES) <= cap * staffed)
            cuts = sorted(
                {inst.start, inst.end}
                | {t for j in with_after for t in (j.start, j.end) if inst.start < t < inst.end}
            )
            for lo, hi in itertools.pairwise(cuts):
                cover = frozenset(
                    (j.day, j.shift) for j in with_after if j.start <= lo and hi <= j.end
                )
                key = (inst.day * 1000 + inst.shift, cover)
                if key in posted:
                    continue
                posted.add(key)
                if not cover:
                    m.cp.add(staffed == 0)
                else:
                    m.cp.add(sum(m.count(d, s, AFTERSALES) for d, s in cover) >= staffed)

    def check(self, view: View) -> list[Violation]:
        ratios = view.rules.role_ratios
        out = []
        allowed = {
            (agent.role, shift.code)
            for agent in view.agents
            for shift in view.problem.shifts
            if view.problem.allows(agent, shift.code)
        }
        for day in view.days:
            for shift in view.problem.shifts:
                counts: dict[str, int] = {}
                for agent, s in view.on_duty(day):
                    if s is shift:
                        counts[agent.role] = counts.get(agent.role, 0) + 1
                presales = counts.get(PRESALES, 0)
                for role, ratio in ratios.items():
                    if (role, shift.code) not in allowed:
                        continue
                    need = math.floor(ratio * presales)
                    have = counts.get(role, 0)
                    if have < need:
                        out.append(
                            Violation(
                                self.name,
                                f"{day} {shift.code}: {have} {role} for {presales} pre-sales "
                                f"(at least {need})",
                                None,
                                day,
                                need - have,
                            )
                        )
        if view.rules.aftersales_follows_presales and any(
            a.role == AFTERSALES for a in view.agents
        ):
            out += self._check_aftersales(view)
        return out

    def _check_aftersales(self, view: View) -> list[Violation]:
        def spans(role: str) -> list[tuple[datetime, datetime, object]]:
            found = []
            for day in view.days:
                for agent, shift in view.on_duty(day):
                    if agent.role == role:
                        start, end = view.nominal(shift, day)
                        found.append((start, end, day))
            return sorted(found, key=lambda t: (t[0], t[1]))

        after = spans(AFTERSALES)
        out = []
        seen: set[tuple[datetime, datetime]] = set()
        for start, end, day in spans(PRESALES):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            covered = 0.0
            cursor = start
            for a_start, a_end, _ in after:
                lo, hi = max(a_start, cursor), min(a_end, end)
                if hi > lo:
                    covered += (hi - lo).total_seconds()
                    cursor = hi
            alone = (end - start).total_seconds() - covered
            if alone > 0:
                out.append(
                    Violation(
                        self.name,
                        f"{day}: pre-sales works {start:%H:%M}-{end:%H:%M} with "
                        f"{alone / 3600:g} h of it without after-sales",
                        None,
                        day,  # type: ignore[arg-type]
                        alone / 3600,
                    )
                )
        return out
