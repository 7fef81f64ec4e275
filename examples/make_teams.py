"""Generate many small teams, one input file each, for ``roster solve-many``.

Each team is a shop's customer-service team for December 2026: 4 to 8 rotating
pre-sales agents (W/N) and 2 or 3 regular ones (R), a few days of leave, a few rest-day
requests and, for some shops, a Demand row per shift. The files alternate between input
workbooks (``shop-01.xlsx``) and JSON problem documents (``shop-02.json``) unless
``--format`` says otherwise. Deterministic: the same count and seed give the same files.

Run::

    python examples/make_teams.py 20 teams/
    roster solve-many teams/ -o rosters/ --time-limit 5
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path

from rostering import Agent, Demand, Leave, Problem, Request, write_json
from rostering.workbook.template import write_input_workbook

DECEMBER = date(2026, 12, 1)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红鹏辉玲晶建林飞斌波"


def team(number: int, seed: int = 0) -> Problem:
    """Shop ``number``'s team: a small rotating and regular team, leave and requests."""
    rnd = random.Random(seed * 1000 + number)
    rotating, regular = rnd.randint(4, 8), rnd.randint(2, 3)
    agents = tuple(
        Agent(
            f"S{number:02d}-{k + 1:02d}",
            rnd.choice(SURNAMES) + rnd.choice(GIVEN),
            shifts=("W", "N") if k < rotating else ("R",),
        )
        for k in range(rotating + regular)
    )
    leave = tuple(
        Leave(agent.id, date(2026, 12, rnd.randint(2, 30)))
        for agent in rnd.sample(agents[:rotating], rnd.randint(0, 2))
    )
    taken = {(lv.agent, lv.date) for lv in leave}
    requests = tuple(
        Request(agent.id, day)
        for agent in rnd.sample(agents, 2)
        if (agent.id, day := date(2026, 12, rnd.randint(1, 31))) not in taken
    )
    demand: tuple[Demand, ...] = ()
    if rnd.random() < 0.5:
        demand = (Demand(rotating // 3, shift="W"), Demand(rotating // 3, shift="N"))
    return Problem(DECEMBER, agents, leave=leave, requests=requests, demand=demand)


def write_teams(count: int, folder: Path, *, kind: str = "mixed", seed: int = 0) -> list[Path]:
    """Write ``count`` teams into ``folder`` (made if missing); return the files.

    ``kind`` is ``xlsx``, ``json`` or ``mixed`` (odd shops as workbooks, even as JSON).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        problem = team(number, seed)
        as_json = kind == "json" or (kind == "mixed" and number % 2 == 0)
        path = folder / f"shop-{number:02d}.{'json' if as_json else 'xlsx'}"
        if as_json:
            write_json(path, problem, settings={"seed": 0})
        else:
            write_input_workbook(path, problem, seed=0)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many teams")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--format", choices=("mixed", "xlsx", "json"), default="mixed")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_teams(args.count, args.folder, kind=args.format, seed=args.seed)
    print(f"written: {len(paths)} teams in {args.folder}")


if __name__ == "__main__":
    main()
