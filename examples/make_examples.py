"""Generate the example input workbooks in this folder.

- ``seed_team.xlsx``: the six-agent team of the source article (two rotating W/N pairs,
  two regular R agents), December 2026.
- ``double12.xlsx``: a team of 60 agents in all six roles at the DOMAIN.md ratios,
  December 2026 with Double-12 and its eve (2026-12-11 and 12-12) as promotion days, some
  leave and rest requests, a Demand sheet (agents per shift every day), a Staffing sheet
  (a 2,400,000 sales target: 30 pre-sales agents by the formula, 58 in all) and a
  Forecast sheet of pre-sales and after-sales inquiries per hour on 12-12, peaking in the
  Double-12 peak windows. Reading the workbook turns the forecast into hourly Demand rows
  for 12-12. Its Shifts sheet gives every shift a meal break outside the peak windows
  (W, W0 and R: 60 minutes in 11:00-15:00; N and N2: 30 minutes in 17:30-19:30) and two
  promotion variants that cover the peak hours no default shift does: N2 17:00-02:00
  (family N) on 12-10..12-12 for 01:00-02:00, and W0 07:00-16:00 (family W) on
  12-11..12-12 for 07:00-08:00.

Deterministic: fixed seeds and fixed dates. Run: ``python examples/make_examples.py``.
"""

from __future__ import annotations

import random
from datetime import date, time
from pathlib import Path

from rostering import Agent, Demand, Leave, Problem, Request, Rules, ShiftType
from rostering.staffing import ForecastRow, StaffingInputs
from rostering.staffing_report import QueueTargets, StaffingData
from rostering.workbook.template import promotion_variants, write_input_workbook

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


# Inquiries per hour on 12-12: the midnight rush, then the peak windows 07-11, 15-17 and
# 20-24. Hours 02-07 are left out (the shop answers with its bot then); 01-02 and 07-08 lie
# outside the default shifts, and the variants N2 and W0 cover them.
PRESALES_PER_HOUR = {
    0: 1500, 1: 900, 7: 400, 8: 650, 9: 850, 10: 900, 11: 700, 12: 550, 13: 550, 14: 600,
    15: 800, 16: 750, 17: 600, 18: 550, 19: 650, 20: 900, 21: 1000, 22: 950, 23: 800,
}  # fmt: skip
AFTERSALES_PER_HOUR = {
    0: 120, 1: 80, 7: 30, 8: 50, 9: 80, 10: 100, 11: 90, 12: 80, 13: 80, 14: 80,
    15: 90, 16: 90, 17: 80, 18: 70, 19: 80, 20: 90, 21: 100, 22: 90, 23: 70,
}  # fmt: skip
#: (average handling time in seconds, chats at once): pre-sales answers quick questions
#: four at a time; after-sales cases take longer, three at a time.
PRESALES_CHATS = (150, 4)
AFTERSALES_CHATS = (240, 3)


def double12_staffing() -> StaffingData:
    """The Staffing and Forecast sheets of the Double-12 example.

    Formula: 2,400,000 sales x 50 % through customer service / 160 a order = 7,500 buyers;
    / 50 % conversion = 15,000 inquiries; / 500 a day per agent = 30 pre-sales agents, then
    8 after-sales and 5 of each other role: 58, against the team of 60.
    """
    forecast = [
        ForecastRow(DOUBLE_12, hour, role, inquiries, aht, chats)
        for role, per_hour, (aht, chats) in (
            ("presales", PRESALES_PER_HOUR, PRESALES_CHATS),
            ("aftersales", AFTERSALES_PER_HOUR, AFTERSALES_CHATS),
        )
        for hour, inquiries in per_hour.items()
    ]
    return StaffingData(
        StaffingInputs(
            shop_sales=2_400_000,
            cs_sales_share=0.5,
            average_order_value=160,
            conversion_rate=0.5,
            saturated_load=500,
        ),
        QueueTargets(target_seconds=6, service_level=0.8),
        tuple(forecast),
    )


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


EVE = date(2026, 12, 11)
LUNCH = (time(11), time(15))  # meal breaks of the day shifts, between the peak windows
SUPPER = (time(17, 30), time(19, 30))  # and of the night shifts, before the 20:00 peak


def double12_shifts() -> tuple[ShiftType, ...]:
    """W, N and R with meal breaks off the peak windows, and the promotion variants."""
    base = (
        ShiftType("W", "白班", time(8), time(17), break_minutes=60, break_window=LUNCH),
        ShiftType("N", "晚班", time(17), time(1), break_minutes=30, break_window=SUPPER),
        ShiftType("R", "常班", time(9), time(18), break_minutes=60, break_window=LUNCH),
    )
    nights = {date(2026, 12, d) for d in (10, 11, 12)}
    return base + promotion_variants(base, {"N2": nights, "W0": {EVE, DOUBLE_12}})


def double12(seed: int = 12) -> Problem:
    """A 60-agent team for December 2026 with Double-12 and its eve as promotion days."""
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
            if day not in (EVE.day, DOUBLE_12.day):
                leave.append(Leave(agent.id, date(2026, 12, day)))
    on_leave = {(lv.agent, lv.date) for lv in leave}
    requests = []
    for agent in rnd.sample(agents, 10):
        day = date(2026, 12, rnd.choice([d for d in range(1, 32) if d not in (11, 12)]))
        if (agent.id, day) not in on_leave:
            requests.append(Request(agent.id, day))
    # Agents per shift every day; 12-12's hours come from the Forecast sheet when read.
    demand = (
        Demand(10, role="presales", shift="W"),
        Demand(9, role="presales", shift="N"),
        Demand(3, role="aftersales", shift="W"),
        Demand(2, role="aftersales", shift="N"),
    )
    return Problem(
        DECEMBER,
        tuple(agents),
        shifts=double12_shifts(),
        rules=Rules(promotion_days=(EVE, DOUBLE_12)),
        leave=tuple(leave),
        requests=tuple(requests),
        demand=demand,
    )


def main() -> None:
    write_input_workbook(HERE / "seed_team.xlsx", seed_team(), time_limit=10, seed=0)
    write_input_workbook(
        HERE / "double12.xlsx", double12(), time_limit=60, seed=0, staffing=double12_staffing()
    )
    print(f"written: {HERE / 'seed_team.xlsx'}, {HERE / 'double12.xlsx'}")


if __name__ == "__main__":
    main()
