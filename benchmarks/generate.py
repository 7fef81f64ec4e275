"""Seeded generator of realistic customer-service teams for December 2026.

A team of ``size`` agents has the role ratios of docs/domain.md (pre-sales 1, after-sales 1/4,
order-change, payment-chasing, phone and escalation 1/6 each, rounded up; agents left
over go to after-sales, then the other roles), about one regular (R) agent per five
rotating (W/N) agents, regular agents in pre-sales and after-sales only (a role with a
single regular agent is infeasible), leave on about 5% of agent-days in blocks of 1-3
days spread evenly over the days of each role and never on the promotion day, rest-day
requests, per-day W/N demand per role at 35-40% of the role's rotating agents, a few
demand windows on the promotion day, and Double-12 (2026-12-12) as the promotion day
with the default peak windows. With ``breaks`` the shifts carry meal breaks and the
promotion variants N2 and W0 exist (`break_shifts`).

The dates are fixed and the generator draws only from ``random.Random(seed)``: the same
size and seed always give the same problem.

Run ``python -m benchmarks.generate --size 200 --out team200.xlsx`` to write an input
workbook.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Sequence
from datetime import date, time, timedelta
from pathlib import Path

from rostering import Agent, Demand, Leave, Problem, Request, Rules, ShiftType
from rostering.roles import AFTERSALES, PRESALES, ROLES

DECEMBER = date(2026, 12, 1)
DOUBLE_12 = date(2026, 12, 12)
DAYS = 31
SIZES: tuple[int, ...] = (50, 200, 1000, 3000, 5000)

LEAVE_SHARE = 0.05
"""Share of agent-days on leave."""
REGULAR_SHARE = 1 / 6
"""Regular agents per agent: one regular per five rotating agents."""
REQUEST_SHARE = 0.2
"""Share of agents with rest-day requests (one or two each)."""
MAX_LEAVE_PER_AGENT = 6

OTHER_ROLES: tuple[str, ...] = tuple(r for r in ROLES if r not in (PRESALES, AFTERSALES))

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红鹏辉玲晶建林飞斌波宇浩凯婷雪琳晨欣怡"


def team_size(presales: int) -> int:
    """Agents in a team with ``presales`` pre-sales agents and the ratios of docs/domain.md."""
    return presales + math.ceil(presales / 4) + len(OTHER_ROLES) * math.ceil(presales / 6)


def role_counts(size: int) -> dict[str, tuple[int, int]]:
    """``{role: (rotating agents, regular agents)}`` for a team of ``size`` agents.

    Parameters
    ----------
    size
        Agents in the team (at least 20: two rotating agents in each role).

    Returns
    -------
    dict
        Rotating and regular agents per role, in `rostering.roles.ROLES` order; the
        counts add up to ``size``.
    """
    if size < 20:
        raise ValueError("a team needs at least 20 agents (two rotating agents per role)")
    presales = max(p for p in range(2, size + 1) if team_size(p) <= size)
    counts = {PRESALES: presales, AFTERSALES: math.ceil(presales / 4)}
    for role in OTHER_ROLES:
        counts[role] = math.ceil(presales / 6)
    spare = size - sum(counts.values())
    order = [AFTERSALES, *OTHER_ROLES]
    for k in range(spare):
        counts[order[k % len(order)]] += 1
    regular = round(size * REGULAR_SHARE)
    # Split the regular agents between pre-sales and after-sales in the ratio of the two
    # roles, so that both the R shift and the rotating shifts keep after-sales >= 1/4 of
    # pre-sales; a role gets no regular agents rather than a single one, and keeps at
    # least two rotating agents for the W-to-N handover.
    after = round(regular * counts[AFTERSALES] / (counts[PRESALES] + counts[AFTERSALES]))
    if after < 2 or counts[AFTERSALES] - after < 2:
        after = 0
    pre = min(regular - after, counts[PRESALES] - 2)
    if pre < 2:
        pre = 0
    regulars = {PRESALES: pre, AFTERSALES: after}
    return {role: (counts[role] - regulars.get(role, 0), regulars.get(role, 0)) for role in ROLES}


def _name(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.sample(GIVEN, rnd.choice((1, 2))))


def _agents(size: int, rnd: random.Random) -> list[Agent]:
    agents: list[Agent] = []
    for role, (rotating, regular) in role_counts(size).items():
        for k in range(rotating + regular):
            shifts = ("W", "N") if k < rotating else ("R",)
            agents.append(Agent(f"K{len(agents) + 1:04d}", _name(rnd), role, shifts))
    return agents


def _leave(agents: Sequence[Agent], share: float, rnd: random.Random) -> list[Leave]:
    """Leave blocks of 1-3 days on about ``share`` of each role's agent-days.

    Each block goes to the least-loaded of a few candidate start dates of its role, so no
    day of a role carries much more leave than another.
    """
    promo = DOUBLE_12.day - 1
    out: list[Leave] = []
    for role in ROLES:
        members = [a for a in agents if a.role == role]
        if not members:
            continue
        target = round(share * DAYS * len(members))
        load = [0] * DAYS
        taken: dict[str, set[int]] = {a.id: set() for a in members}
        queue = list(members)
        rnd.shuffle(queue)
        placed = 0
        misses = 0
        while placed < target and misses < 20 * len(members) + 100:
            agent = queue[(placed + misses) % len(queue)]
            length = min(rnd.choice((1, 2, 3)), target - placed)
            if len(taken[agent.id]) + length > MAX_LEAVE_PER_AGENT:
                misses += 1
                continue
            options = [
                first
                for first in (rnd.randrange(DAYS - length + 1) for _ in range(6))
                if promo not in range(first, first + length)
                and not taken[agent.id] & set(range(first - 1, first + length + 1))
            ]
            if not options:
                misses += 1
                continue
            first = min(
                options, key=lambda f: (max(load[f : f + length]), sum(load[f : f + length]))
            )
            for d in range(first, first + length):
                load[d] += 1
                taken[agent.id].add(d)
                out.append(Leave(agent.id, DECEMBER + timedelta(days=d)))
                placed += 1
    return sorted(out, key=lambda lv: (lv.agent, lv.date))


def _requests(agents: Sequence[Agent], leave: Sequence[Leave], rnd: random.Random) -> list[Request]:
    on_leave = {(lv.agent, lv.date) for lv in leave}
    days = [DECEMBER + timedelta(days=d) for d in range(DAYS) if d != DOUBLE_12.day - 1]
    out: list[Request] = []
    for agent in rnd.sample(list(agents), round(REQUEST_SHARE * len(agents))):
        for day in sorted(rnd.sample(days, rnd.choice((1, 1, 2)))):
            if (agent.id, day) not in on_leave:
                out.append(Request(agent.id, day))
    return out


def _demand(counts: dict[str, tuple[int, int]], rnd: random.Random) -> list[Demand]:
    """Per-day W and N headcounts per role, and windows on the promotion day."""
    out: list[Demand] = []
    for role, (rotating, _regular) in counts.items():
        for shift in ("W", "N"):
            required = round(rotating * rnd.uniform(0.35, 0.40))
            if required:
                out.append(Demand(required, role=role, shift=shift))
    pre_rot, pre_reg = counts[PRESALES]
    after_rot, _ = counts[AFTERSALES]
    windows = (
        (PRESALES, time(9), time(11), 0.45 * pre_rot + 0.8 * pre_reg),
        (PRESALES, time(15), time(17), 0.42 * pre_rot + 0.8 * pre_reg),
        (PRESALES, time(20), time(0), 0.45 * pre_rot),
        (AFTERSALES, time(20), time(0), 0.45 * after_rot),
    )
    for role, start, end, level in windows:
        if round(level):
            out.append(Demand(round(level), date=DOUBLE_12, role=role, start=start, end=end))
    return out


#: Meal breaks of the ``breaks`` teams, off the Double-12 peak windows.
LUNCH = (time(11), time(15))
SUPPER = (time(17, 30), time(19, 30))


def break_shifts() -> tuple[ShiftType, ...]:
    """W, N and R with meal breaks (60 minutes in 11:00-15:00 for the day shifts, 30 in
    17:30-19:30 for the night shifts) and the promotion variants N2 17:00-02:00 (family N,
    12-10..12-12) and W0 07:00-16:00 (family W, 12-11..12-12)."""
    near = frozenset(DOUBLE_12 + timedelta(days=k) for k in (-2, -1, 0))
    return (
        ShiftType("W", "白班", time(8), time(17), break_minutes=60, break_window=LUNCH),
        ShiftType("N", "晚班", time(17), time(1), break_minutes=30, break_window=SUPPER),
        ShiftType("R", "常班", time(9), time(18), break_minutes=60, break_window=LUNCH),
        ShiftType("N2", "大促晚班", time(17), time(2), near, "N", 30, SUPPER),
        ShiftType("W0", "大促早班", time(7), time(16), frozenset(sorted(near)[1:]), "W", 60, LUNCH),
    )


def generate(
    size: int, seed: int = 0, *, leave_share: float = LEAVE_SHARE, breaks: bool = False
) -> Problem:
    """A realistic team of ``size`` agents for December 2026 with Double-12.

    Parameters
    ----------
    size
        Number of agents (at least 20).
    seed
        Seed of the generator's `random.Random`; the same size and seed give the same
        problem.
    leave_share
        Share of agent-days on leave (default 5%; the smoke run uses 0 so that a tiny
        team is rostered in a second or two).
    breaks
        Give the shifts meal breaks and add the promotion variants N2 and W0
        (`break_shifts`): the same team, to measure what breaks cost.

    Returns
    -------
    Problem
        The team, leave, rest-day requests, demand and the promotion day, with the
        default rules (the look-ahead off: the month alone), shifts, peak windows and
        weights.
    """
    rnd = random.Random(f"benchmarks/{size}/{seed}")
    agents = _agents(size, rnd)
    leave = _leave(agents, leave_share, rnd)
    requests = _requests(agents, leave, rnd)
    demand = _demand(role_counts(size), rnd)
    problem = Problem(
        DECEMBER,
        tuple(agents),
        # The look-ahead is off: the benchmarks compare against best-known values of the
        # month alone, and before a 31-day January with exactly four rest days looking
        # ahead leaves each agent very few Decembers (about ten times the objective at 200
        # agents).
        rules=Rules(promotion_days=(DOUBLE_12,), lookahead=False),
        leave=tuple(leave),
        requests=tuple(requests),
        demand=tuple(demand),
    )
    return problem.replace(shifts=break_shifts()) if breaks else problem


def describe(problem: Problem) -> str:
    """One line: agents per role (rotating + regular), leave share, requests, demand rows."""
    parts = []
    for role in ROLES:
        members = [a for a in problem.agents if a.role == role]
        regular = sum(1 for a in members if "R" in a.shifts)
        parts.append(f"{role} {len(members) - regular}+{regular}")
    share = len(problem.leave) / (len(problem.agents) * problem.num_days)
    return (
        f"{len(problem.agents)} agents ({', '.join(parts)}), leave {share:.1%} of agent-days, "
        f"{len(problem.requests)} rest requests, {len(problem.demand)} demand rows"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: write one generated team as an input workbook."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--size", type=int, required=True, help="number of agents")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    parser.add_argument("--out", type=Path, required=True, help="input workbook to write")
    parser.add_argument(
        "--time-limit", type=float, default=60, help="time limit stored in the Rules sheet (60)"
    )
    parser.add_argument(
        "--breaks", action="store_true", help="meal breaks on every shift and variants N2, W0"
    )
    args = parser.parse_args(argv)
    from rostering.workbook.template import write_input_workbook

    problem = generate(args.size, args.seed, breaks=args.breaks)
    path = write_input_workbook(args.out, problem, time_limit=args.time_limit, seed=0)
    print(f"{path}: {describe(problem)}")


if __name__ == "__main__":
    main()
