"""Generate the example input workbooks in this folder.

- ``seed_team.xlsx``: the six-agent team of the source article (two rotating W/N pairs,
  two regular R agents), December 2026.
- ``double12.xlsx``: a team of 60 agents in all six roles at the DOMAIN.md ratios,
  December 2026 with Double-12 (2026-12-12) as the promotion day, some leave and rest
  requests, and a Demand sheet.

Deterministic: fixed seeds and fixed dates. Run: ``python examples/make_examples.py``.
"""

from __future__ import annotations

import random
from datetime import date, time
from pathlib import Path

from rostering import Agent, Demand, Leave, Problem, Request, Rules
from rostering.workbook.template import write_input_workbook

HERE = Path(__file__).parent
DECEMBER = date(2026, 12, 1)
DOUBLE_12 = date(2026, 12, 12)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红鹏辉玲晶建林飞斌波宇浩凯婷雪琳晨欣怡"

# role: (rotating W/N agents, regular R agents). Pre-sales 32; after-sales 8 (1/4);
# order-change, payment-chasing, phone and escalation 5 each (1/6 of 32, rounded up).
# Regular agents are pre-sales and after-sales only: a role with a single regular agent
# would force a pre-sales regular to rest on each of that agent's rest days.
DOUBLE12_TEAM = {
    "presales": (26, 6),
    "aftersales": (6, 2),
    "order_change": (5, 0),
    "payment_chase": (5, 0),
    "phone": (5, 0),
    "escalation": (5, 0),
}


def seed_team() -> Problem:
    """The six-agent team of the source article."""
    agents = (
        Agent("A01", "张敏"),
        Agent("A02", "李娜"),
        Agent("A03", "王芳"),
        Agent("A04", "刘洋"),
        Agent("R01", "陈静", shifts=("R",)),
        Agent("R02", "杨磊", shifts=("R",)),
    )
    return Problem(DECEMBER, agents)


def double12(seed: int = 12) -> Problem:
    """A 60-agent team for December 2026 with Double-12 as the promotion day."""
    rnd = random.Random(seed)
    agents = []
    for role, (rotating, regular) in DOUBLE12_TEAM.items():
        for k in range(rotating + regular):
            name = rnd.choice(SURNAMES) + "".join(rnd.sample(GIVEN, rnd.choice((1, 2))))
            shifts = ("W", "N") if k < rotating else ("R",)
            agents.append(Agent(f"K{len(agents) + 1:03d}", name, role, shifts))
    leave = []
    for agent in rnd.sample(agents, 8):
        first = rnd.randint(1, 28)
        for day in range(first, first + rnd.randint(1, 3)):
            if day != DOUBLE_12.day:
                leave.append(Leave(agent.id, date(2026, 12, day)))
    on_leave = {(lv.agent, lv.date) for lv in leave}
    requests = []
    for agent in rnd.sample(agents, 10):
        day = date(2026, 12, rnd.choice([d for d in range(1, 32) if d != DOUBLE_12.day]))
        if (agent.id, day) not in on_leave:
            requests.append(Request(agent.id, day))
    demand = (
        Demand(10, role="presales", shift="W"),
        Demand(9, role="presales", shift="N"),
        Demand(3, role="aftersales", shift="W"),
        Demand(2, role="aftersales", shift="N"),
        Demand(14, date=DOUBLE_12, role="presales", start=time(20), end=time(0)),
        Demand(12, date=DOUBLE_12, role="presales", start=time(9), end=time(11)),
    )
    return Problem(
        DECEMBER,
        tuple(agents),
        rules=Rules(promotion_days=(DOUBLE_12,)),
        leave=tuple(leave),
        requests=tuple(requests),
        demand=demand,
    )


def main() -> None:
    write_input_workbook(HERE / "seed_team.xlsx", seed_team(), time_limit=10, seed=0)
    write_input_workbook(HERE / "double12.xlsx", double12(), time_limit=60, seed=0)
    print(f"written: {HERE / 'seed_team.xlsx'}, {HERE / 'double12.xlsx'}")


if __name__ == "__main__":
    main()
