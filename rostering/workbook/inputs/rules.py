"""The ``Rules`` sheet (规则): one rule parameter a row, ``rule`` and ``value``."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ...problem import Rules
from .. import cells
from ..cells import Invalid, show
from ..sizes import MAX_AGENTS
from ..table import Column, Row, Table
from .base import Contents, Draft, Rows, SheetSpec, next_month

__all__ = ["CONVERTERS", "RULE_KEYS", "SPEC"]

RULE_KEYS: dict[str, str] = {
    "month": "month to roster, YYYY-MM (blank: next month) / 排班月份",
    "rest_days_per_month": "rest days per agent per month / 每月休息天数",
    "rest_days_mode": "exact or min (at least) / 恰好或至少",
    "max_extra_rest_days": "min mode: rest days a month above the count at most (none: 31) "
    "/ 至少模式下每月最多多休天数",
    "max_consecutive_work_days": "most working days in a row / 最多连续上班天数",
    "min_rest_hours": "hours between two shifts at least / 两班之间最少休息小时",
    "rotation_period_days": "day/night rotation: 7, 14 or month / 白晚班轮换周期",
    "handover_min_minutes": "incoming shift arrives at least this early / 交接最少分钟",
    "handover_max_minutes": "and at most this early / 交接最多分钟",
    "min_agents_per_shift": "agents on each shift each day at least / 每班最少人数",
    "promotion_days": "promotion days, comma separated, a..b ranges / 大促日期",
    "promotion_all_on_duty": "nobody rests on a promotion day: true/false / 大促全员在岗",
    "secondary_role_days": "days after a promotion an agent may work their second role "
    "/ 大促后可按第二岗位上班的天数",
    "aftersales_follows_presales": "after-sales online whenever pre-sales is: true/false "
    "/ 售后全时段同步售前",
    "time_limit_seconds": "solver time limit (blank: command default) / 求解时限(秒)",
    "seed": "solver random seed (blank: command default) / 随机种子",
    "weight_unmet_demand": "points per agent-hour of unmet demand / 缺人权重",
    "weight_peak_min": "points per agent below best lowest peak hour / 高峰最低时段权重",
    "weight_peak_total": "points per agent-hour below best peak coverage / 高峰总量权重",
    "weight_requests": "points per request not granted / 个人请求权重",
    "weight_fairness": "points per day of unfair spread / 公平权重",
    "forbidden_successions": "shift pairs X>Y: no Y the day after X, comma separated "
    "/ 禁止的班次衔接(前>后)",
    "lookahead": "each month leaves the next month possible: true/false / 为下月留出可排空间",
    "weight_extra_rest": "points per rest day above the count (min mode) / 多休一天的权重",
}
"""Every key of the Rules sheet, with a note (the template writes these)."""

_WEIGHTS = ("unmet_demand", "peak_min", "peak_total", "requests", "fairness", "extra_rest")

FIRST_MONTH, LAST_MONTH = date(2000, 1, 1), date(2099, 12, 1)
"""The months a workbook may roster."""
MAX_TIME_LIMIT = 86_400
"""The longest time limit, in seconds (a day)."""
MAX_SEED = 2**31 - 1
"""The largest seed CP-SAT takes."""
MAX_WEIGHT = 1_000_000
"""The largest weight of a soft term."""
MAX_DAYS = 366
"""The most days a count of days may be (a year)."""
MAX_HANDOVER = 720
"""The most minutes a handover may take (half a day)."""


def _converters() -> dict[str, Callable[[object], Any]]:
    def period(value: object) -> int | str:
        if cells.norm(value) in ("month", "monthly", "月", "整月"):
            return "month"
        return cells.whole("rotation_period_days", 1, MAX_DAYS)(value)

    def month(value: object) -> date:
        found = cells.to_month(value)
        if not FIRST_MONTH <= found <= LAST_MONTH:
            raise Invalid(
                f"month must be from {FIRST_MONTH:%Y-%m} to {LAST_MONTH:%Y-%m}, got {show(value)}"
            )
        return found

    def mode(value: object) -> str:
        typed = cells.norm(value)
        aliases = {"exact": "exact", "exactly": "exact", "恰好": "exact", "min": "min"}
        aliases |= {"at_least": "min", "minimum": "min", "至少": "min"}
        if typed not in aliases:
            raise Invalid(f"rest_days_mode must be 'exact' or 'min', got {show(value)}")
        return aliases[typed]

    def extra_rest(value: object) -> int:
        if cells.norm(value) in ("none", "any", "no_limit", "无", "不限"):
            return 31  # a month has no more days
        return cells.whole("max_extra_rest_days", 0, 31)(value)

    def hours(value: object) -> float:
        found = cells.number(value)
        if not 0 <= found <= 48:  # NaN fails too
            raise Invalid(f"min_rest_hours must be between 0 and 48, got {show(value)}")
        return int(found) if found.is_integer() else found

    def successions(value: object) -> tuple[tuple[str, str], ...]:
        pairs = []
        for item in cells.split(cells.text(value)):
            first, sep, then = item.partition(">")
            if not sep or not first.strip() or not then.strip():
                raise Invalid(
                    f"forbidden_successions: {item!r} is not a pair like N>W (no W the day after N)"
                )
            pairs.append((first.strip(), then.strip()))
        return tuple(pairs)

    converters: dict[str, Callable[[object], Any]] = {
        "month": month,
        "forbidden_successions": successions,
        "rest_days_per_month": cells.whole("rest_days_per_month"),  # at most the month's days
        "rest_days_mode": mode,
        "max_consecutive_work_days": cells.whole("max_consecutive_work_days", 1, MAX_DAYS),
        "min_rest_hours": hours,
        "rotation_period_days": period,
        "handover_min_minutes": cells.whole("handover_min_minutes", 0, MAX_HANDOVER),
        "handover_max_minutes": cells.whole("handover_max_minutes", 0, MAX_HANDOVER),
        "min_agents_per_shift": cells.whole("min_agents_per_shift", 0, MAX_AGENTS),
        "promotion_days": cells.to_dates,
        "promotion_all_on_duty": cells.boolean,
        "secondary_role_days": cells.whole("secondary_role_days", 0, MAX_DAYS),
        "aftersales_follows_presales": cells.boolean,
        "max_extra_rest_days": extra_rest,
        "lookahead": cells.boolean,
        "time_limit_seconds": cells.real("time_limit_seconds", 0, MAX_TIME_LIMIT, low_open=True),
        "seed": cells.whole("seed", 0, MAX_SEED),
    }
    for name in _WEIGHTS:
        converters[f"weight_{name}"] = cells.whole(f"weight_{name}", 0, MAX_WEIGHT)
    return converters


CONVERTERS: dict[str, Callable[[object], Any]] = _converters()
"""The converter of each Rules key's value cell."""


def parse(table: Table, draft: Draft) -> None:
    """``Rules`` (规则): one ``rule`` and its ``value`` a row; blank values keep defaults."""
    seen: dict[str, int] = {}
    rows: dict[str, Row] = {}
    for row in table.rows:
        if not row.has("rule") and not row.has("value"):
            continue  # a note alone
        key_text = row.get("rule")
        if key_text is None:
            row.error("rule", "missing rule name for this value")
            continue
        key = cells.norm(key_text)
        if key not in CONVERTERS:
            row.error("rule", f"unknown rule {show(key_text)}")
            continue
        if key in seen:
            row.error("rule", f"rule '{key}' is given twice (first on row {seen[key]})")
            continue
        seen[key] = row.number
        value = row.get("value", CONVERTERS[key])
        if not row.ok:
            draft.bad_rules.add(key)
        if value is None:
            if key == "month" and row.ok:
                draft.month = next_month(draft.today)
            elif key == "month":
                draft.month = None  # invalid: skip the checks against the month
            continue
        rows[key] = row
        if key == "month":
            draft.month = value
        elif key == "time_limit_seconds":
            draft.time_limit = value
        elif key == "seed":
            draft.seed = value
        elif key.startswith("weight_"):
            draft.weights[key.removeprefix("weight_")] = value
        else:
            draft.rules[key] = value
    _check_together(draft, rows)


def _check_together(draft: Draft, rows: dict[str, Row]) -> None:
    """Checks that need several rules (the month may come after the rest days)."""
    rest = draft.rules.get("rest_days_per_month")
    if rest is not None and draft.month is not None:
        days = calendar.monthrange(draft.month.year, draft.month.month)[1]
        if rest > days:
            draft.rules.pop("rest_days_per_month")
            rows["rest_days_per_month"].error(
                "value",
                f"rest_days_per_month {rest} is more than the {days} days of {draft.month:%Y-%m}",
            )
    low = draft.rules.get("handover_min_minutes", Rules.handover_min_minutes)
    high = draft.rules.get("handover_max_minutes", Rules.handover_max_minutes)
    if low > high:
        key = "handover_min_minutes" if "handover_min_minutes" in rows else "handover_max_minutes"
        draft.rules.pop(key)
        rows[key].error(
            "value",
            f"handover_min_minutes {low} is above handover_max_minutes {high}",
        )
    if why := draft.outside_any(draft.rules.get("promotion_days", ())):
        rows["promotion_days"].error("value", f"promotion day {why}")
        draft.bad_rules.add("promotion_days")
        del draft.rules["promotion_days"]


def rows(contents: Contents) -> Rows:
    """Every Rules key with the problem's value and its note."""
    problem = contents.problem
    rules, weights = problem.rules, problem.weights
    values: dict[str, object] = {
        "month": f"{problem.start:%Y-%m}",
        "promotion_days": ",".join(d.isoformat() for d in rules.promotion_days),
        "promotion_all_on_duty": "true" if rules.promotion_all_on_duty else "false",
        "aftersales_follows_presales": "true" if rules.aftersales_follows_presales else "false",
        "lookahead": "true" if rules.lookahead else "false",
        "time_limit_seconds": contents.time_limit,
        "seed": contents.seed,
        "forbidden_successions": ",".join(f"{x}>{y}" for x, y in rules.forbidden_successions)
        or None,
    }
    for key in RULE_KEYS:
        if key in values:
            continue
        if key.startswith("weight_"):
            values[key] = getattr(weights, key.removeprefix("weight_"))
        else:
            values[key] = getattr(rules, key)
    return [{"rule": key, "value": values[key], "note": note} for key, note in RULE_KEYS.items()]


def readme() -> Sequence[tuple[str, str]]:
    """The README's list of Rules keys."""
    return [("Rules keys 规则", "meaning 说明"), *RULE_KEYS.items()]


SPEC = SheetSpec(
    "Rules",
    "规则",
    (
        Column("rule", "规则", True, "Rule name (see README).\n规则名称(见说明页)。"),
        Column("value", "值", True, "Its value; blank keeps the default.\n取值;留空=默认值。"),
        Column("note", "说明", False, "What the rule means; not read.\n说明;不读取。"),
    ),
    parse,
    rows,
    note="Rule parameters, one a row / 排班规则,每行一条",
    readme=readme,
)
