"""The ``Rules`` sheet (规则): one rule parameter a row, ``rule`` and ``value``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ...params import Param
from ...problem import ProblemError, RuleParams, Weights, check_rules, month_bounds
from .. import cells
from ..cells import Invalid, show
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec, next_month

__all__ = ["CONVERTERS", "KEY_ALIASES", "RULE_KEYS", "SPEC"]

FIRST_MONTH, LAST_MONTH = date(2000, 1, 1), date(2099, 12, 1)
"""The months a workbook may roster."""
MAX_TIME_LIMIT = 86_400
"""The longest time limit, in seconds (a day)."""
MAX_SEED = 2**31 - 1
"""The largest seed CP-SAT takes."""


# The keys, notes and converters of the rule parameters and weights come from the rule
# registry's metadata (`rostering.params.Param`: key, Chinese alias, kind, help); their
# values are validated by the core (`Param.check`, `RuleParams`, `check_rules`), this sheet
# only turns a cell into a value of the parameter's kind. Only month, time_limit_seconds
# and seed are this sheet's own.
def _note(param: Param) -> str:
    return f"{param.help} / {param.help_zh or param.zh} (中文键 {param.zh})"


def _specs() -> dict[str, Param]:
    """Every rule parameter and weight by Rules key, in the registry's order."""
    return {p.key: p for p in (*RuleParams.specs().values(), *Weights.specs().values())}


_SETTINGS = {
    "month": "month to roster, YYYY-MM (blank: next month) / 排班月份",
    "time_limit_seconds": "solver time limit (blank: command default) / 求解时限(秒)",
    "seed": "solver random seed (blank: command default) / 随机种子",
}

RULE_KEYS: dict[str, str] = {
    "month": _SETTINGS["month"],
    **{key: _note(p) for key, p in _specs().items() if p.name in RuleParams.specs()},
    "time_limit_seconds": _SETTINGS["time_limit_seconds"],
    "seed": _SETTINGS["seed"],
    **{key: _note(p) for key, p in _specs().items() if key not in RuleParams.specs()},
}
"""Every key of the Rules sheet, with a note (the template writes these)."""

KEY_ALIASES: dict[str, str] = {
    **{cells.norm(p.zh): key for key, p in _specs().items()},
    "排班月份": "month",
    "求解时限": "time_limit_seconds",
    "随机种子": "seed",
}
"""The Chinese aliases of the Rules keys."""


def _successions(value: object) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in cells.split(cells.text(value)):
        first, sep, then = item.partition(">")
        if not sep or not first.strip() or not then.strip():
            raise Invalid(
                f"forbidden_successions: {item!r} is not a pair like N>W (no W the day after N)"
            )
        pairs.append((first.strip(), then.strip()))
    return tuple(pairs)


def _numeric(value: object, whole: bool) -> object:
    """A number cell (or numeric text) as a number; anything else as it is, for the core's
    check to say what is allowed."""
    try:
        found = cells.number(value)
    except Invalid:
        return value.strip() if isinstance(value, str) else value
    if math.isfinite(found) and found.is_integer():
        return int(found)
    return value if whole else found


_CELL_KINDS: dict[str, Callable[[object], object]] = {
    "whole": lambda v: _numeric(v, True),
    "number": lambda v: _numeric(v, False),
    "flag": cells.boolean,
    "days_or_month": lambda v: _numeric(v, True),
    "dates": cells.to_dates,
    "successions": _successions,
}
"""How a cell becomes a value, per kind of parameter (other kinds: its text); ranges and
the parsing of text (ratios, code pairs, choices) are the core's."""


def _param_converter(param: Param) -> Callable[[object], Any]:
    """A cell to a validated value of ``param``: the cell's kind, then `Param.check`."""
    cell = _CELL_KINDS.get(param.kind.name, cells.text)

    def convert(value: object) -> Any:
        try:
            return param.check(cell(value))
        except ProblemError as problem:
            raise Invalid(problem.message) from None

    return convert


def _converters() -> dict[str, Callable[[object], Any]]:
    def month(value: object) -> date:
        found = cells.to_month(value)
        if not FIRST_MONTH <= found <= LAST_MONTH:
            raise Invalid(
                f"month must be from {FIRST_MONTH:%Y-%m} to {LAST_MONTH:%Y-%m}, got {show(value)}"
            )
        return found

    converters: dict[str, Callable[[object], Any]] = {
        "month": month,
        "time_limit_seconds": cells.real("time_limit_seconds", 0, MAX_TIME_LIMIT, low_open=True),
        "seed": cells.whole("seed", 0, MAX_SEED),
    }
    converters |= {key: _param_converter(p) for key, p in _specs().items()}
    return converters


CONVERTERS: dict[str, Callable[[object], Any]] = _converters()
"""The converter of each Rules key's value cell."""


def parse(table: Table, draft: Draft) -> None:
    """``Rules`` (规则): one ``rule`` and its ``value`` a row; blank values keep defaults."""
    seen: dict[str, int] = {}
    weights = {p.key: name for name, p in Weights.specs().items()}
    for row in table.rows:
        if not row.has("rule") and not row.has("value"):
            continue  # a note alone
        key_text = row.get("rule")
        if key_text is None:
            row.error("rule", "missing rule name for this value")
            continue
        key = cells.norm(key_text)
        key = KEY_ALIASES.get(key, key)
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
        draft.origins[f"rules.{key}"] = [row]
        if key == "month":
            draft.month = value
        elif key == "time_limit_seconds":
            draft.time_limit = value
        elif key == "seed":
            draft.seed = value
        elif key in weights:
            draft.weights[weights[key]] = value
            draft.origins[f"weights.{weights[key]}"] = [row]
        else:
            draft.rules[key] = value
    _check_together(draft)


def _check_together(draft: Draft) -> None:
    """The core's checks across rules and against the month, reported at their cells with
    the other sheets' problems (the month may come after the rest days)."""
    for _ in range(len(draft.rules) + 1):
        try:
            params = RuleParams(**draft.rules)
            if draft.month is not None:
                check_rules(params, *month_bounds(draft.month.year, draft.month.month))
        except ProblemError as problem:
            keys = [f.removeprefix("rules.") for f in problem.fields]
            given = [k for k in keys if k in draft.rules]
            if not given:
                return  # a default at fault: the problem reports it
            draft.origins[f"rules.{given[0]}"][0].error("value", problem.message)
            draft.bad_rules.add(given[0])
            del draft.rules[given[0]]
            continue
        return


def rows(contents: Contents) -> Rows:
    """Every Rules key with the problem's value (as its parameter writes it) and its note."""
    problem = contents.problem
    values: dict[str, object] = {
        "month": f"{problem.start:%Y-%m}",
        "time_limit_seconds": contents.time_limit,
        "seed": contents.seed,
    }
    for params in (problem.rules, problem.weights):
        for name, value in params:
            spec = type(params).spec(name)
            values[spec.key] = spec.text(value)
    return [
        {"rule": key, "value": values[key] if values[key] != "" else None, "note": note}
        for key, note in RULE_KEYS.items()
    ]


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
