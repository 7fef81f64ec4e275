"""The ``Staffing`` sheet (人员测算): the headcount formula's inputs and the response targets.

The five formula inputs come together or not at all (a sheet of targets only serves the
Forecast). What it reads goes to ``draft.extras["Staffing"]`` as a `StaffingData`; no
figure is computed while reading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from ...roles import DEFAULT_ROLE_RATIOS
from ...staffing import StaffingInputs
from ...staffing.report import QueueTargets, StaffingData
from .. import cells
from ..cells import show
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC", "STAFFING_ITEMS", "StaffingItem"]


@dataclass(frozen=True)
class StaffingItem:
    """A key of the Staffing sheet: Chinese names, the note the template writes, converter."""

    zh: tuple[str, ...]
    note: str
    convert: Callable[[object], float]
    formula: bool  # an input of the headcount formula (else a queueing target)


STAFFING_ITEMS: dict[str, StaffingItem] = {
    "shop_sales": StaffingItem(
        ("店铺销售额", "销售额", "销售目标"),
        "the shop's sales target for the day / 店铺当天销售目标",
        cells.bounded("shop_sales", low=0, low_open=False),
        True,
    ),
    "cs_sales_share": StaffingItem(
        ("客服销售占比", "客服占比"),
        "share of sales through customer service, 0.6 or 60% / 客服销售占比",
        cells.bounded("cs_sales_share", low=0, high=1, low_open=True, high_open=False),
        True,
    ),
    "average_order_value": StaffingItem(
        ("客单价", "客服客单价"),
        "average order value of customer-service sales / 客服客单价",
        cells.bounded("average_order_value", low=0, low_open=True),
        True,
    ),
    "conversion_rate": StaffingItem(
        ("询单转化率", "转化率"),
        "buyers per inquiry, 0.3 or 30% / 询单转化率",
        cells.bounded("conversion_rate", low=0, high=1, low_open=True, high_open=False),
        True,
    ),
    "saturated_load": StaffingItem(
        ("饱和接待量", "客服饱和接待量"),
        "inquiries one pre-sales agent receives a day at full load / 每人每天饱和接待量",
        cells.bounded("saturated_load", low=0, low_open=True),
        True,
    ),
    "target_seconds": StaffingItem(
        ("首次响应目标秒数", "响应目标秒数", "首响目标"),
        "first-response target in seconds (blank: 6, 黄金六秒) / 首次响应目标秒数",
        cells.bounded("target_seconds", low=0, low_open=False),
        False,
    ),
    "service_level": StaffingItem(
        ("服务水平",),
        "share of inquiries answered within the target (blank: 80%) / 目标内响应占比",
        cells.bounded("service_level", low=0, high=1, low_open=False),
        False,
    ),
    "shrinkage": StaffingItem(
        ("缩减率", "损耗率"),
        "share of paid time not answering: breaks, training (blank: 0) / 缩减率",
        cells.bounded("shrinkage", low=0, high=1, low_open=False),
        False,
    ),
    "max_occupancy": StaffingItem(
        ("最高占用率", "最大占用率"),
        "highest share of busy chat slots (blank: 100%) / 最高占用率",
        cells.bounded("max_occupancy", low=0, high=1, low_open=True, high_open=False),
        False,
    ),
}
"""Every item of the Staffing sheet: the formula's five inputs, then the queueing targets."""

_NAMES: dict[str, str] = {
    cells.norm(alias): key for key, item in STAFFING_ITEMS.items() for alias in (key, *item.zh)
}
_SHARES = ("cs_sales_share", "conversion_rate", "service_level", "shrinkage", "max_occupancy")


def _item_name(key: str) -> str:
    return f"'{key}' ({STAFFING_ITEMS[key].zh[0]})"


def parse(table: Table, draft: Draft) -> None:
    """``Staffing`` (人员测算): the formula's inputs and the queueing targets, one a row."""
    values: dict[str, float] = {}
    given: dict[str, int] = {}  # every key with a value, valid or not -> its row
    last = table.header_row
    for row in table.rows:
        last = row.number
        if not row.has("item") and not row.has("value"):
            continue  # a note alone
        typed = row.get("item")
        if typed is None:
            row.error("item", "missing item name for this value")
            continue
        key = _NAMES.get(cells.norm(typed))
        if key is None:
            known = ", ".join(STAFFING_ITEMS)
            row.error("item", f"unknown item {show(typed)} (items: {known})")
            continue
        if key in given:
            row.error("item", f"item '{key}' is given twice (first on row {given[key]})")
            continue
        value = row.get("value", STAFFING_ITEMS[key].convert)
        if row.has("value"):
            given[key] = row.number
        if value is not None:
            values[key] = value
    formula = [k for k, item in STAFFING_ITEMS.items() if item.formula]
    missing = [k for k in formula if k not in given]
    if 0 < len(missing) < len(formula):
        where = f"{get_column_letter(table.columns.get('item', 1))}{last + 1}"
        table.error(
            f"missing item(s) {', '.join(_item_name(k) for k in missing)}: the headcount "
            "formula needs all five inputs (leave all five out to use only a Forecast)",
            where,
        )
    inputs = None
    if all(k in values for k in formula):
        ratios = draft.rules.get("role_ratios", DEFAULT_ROLE_RATIOS)
        try:
            inputs = StaffingInputs(**{k: values[k] for k in formula}, role_ratios=ratios)
        except ValueError as problem:
            table.error(str(problem))
    targets = {k: v for k, v in values.items() if not STAFFING_ITEMS[k].formula}
    try:
        queue = QueueTargets(**targets)
    except ValueError as problem:  # checked cell by cell above; kept as a safety net
        table.error(str(problem))
        queue = QueueTargets()
    draft.extras["Staffing"] = StaffingData(inputs, queue)


def rows(contents: Contents) -> Rows:
    """The formula's inputs (when given) and the queueing targets."""
    staffing = contents.staffing
    if staffing is None:
        return []
    values: dict[str, object] = {}
    inputs = staffing.inputs
    if inputs is not None:
        if dict(inputs.role_ratios) != dict(contents.problem.rules.role_ratios):
            raise ValueError(
                "the staffing inputs' role ratios must be the rules' role ratios: the "
                "workbook reads the formula's ratios from the rules"
            )
        for key, item in STAFFING_ITEMS.items():
            if item.formula:
                values[key] = getattr(inputs, key)
    for key, value in staffing.targets.kwargs().items():
        values[key] = value
    return [
        {"item": key, "value": value, "note": STAFFING_ITEMS[key].note}
        for key, value in values.items()
    ]


def style(ws: Any) -> None:
    """Show the shares as percentages (the cells keep 0.6)."""
    for item, value in ws.iter_rows(min_row=2, max_col=2):
        if item.value in _SHARES and isinstance(value.value, int | float):
            whole = float(value.value * 100).is_integer()
            value.number_format = "0%" if whole else "0.0#%"


def readme() -> Sequence[tuple[str, str]]:
    """The README's list of Staffing items."""
    return [
        ("Staffing items 人员测算项目", "meaning 说明"),
        *((f"{key} ({' / '.join(item.zh)})", item.note) for key, item in STAFFING_ITEMS.items()),
    ]


SPEC = SheetSpec(
    "Staffing",
    "人员测算",
    (
        Column(
            "item",
            "项目",
            True,
            "Item name, English or Chinese (see README).\n项目名称,中英文均可(见说明页)。",
        ),
        Column(
            "value",
            "值",
            True,
            "Its value; shares as 0.6 or 60%; blank keeps the default.\n"
            "取值;占比可写 0.6 或 60%;留空=默认值。",
        ),
        Column("note", "说明", False, "What the item means; not read.\n说明;不读取。"),
    ),
    parse,
    rows,
    note="Headcount formula inputs and response targets; run roster staffing / "
    "人员测算:公式输入与响应目标",
    readme=readme,
    style=style,
)
