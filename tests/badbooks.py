"""Bad input workbooks, built in code: one table, each case named after its defect.

Each case builds a workbook from a small good one with one thing broken (or several, for
the case that checks errors are reported together) and gives the exact fragments, with the
exact ``Sheet!Cell`` reference, that the reader's error must contain.
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook

Sheets = dict[str, list[list[object]]]
Build = Callable[[Path], None]


def good() -> Sheets:
    """A small valid workbook: three agents, December 2026, one leave row, one promotion day.

    Cells: Staff A-D (id, name, role, shifts), Rules A-B, Leave A-C (id, date, kind),
    Demand A-D (date, role, shift, required), Peaks A-C (date, start, end).
    """
    return {
        "Staff": [
            ["id", "name", "role", "shifts"],
            ["A01", "张敏", "presales", "W,N"],
            ["A02", "李娜", "售前", "W,N"],
            ["R01", "陈静", "presales", "R"],
        ],
        "Rules": [
            ["rule", "value"],
            ["month", "2026-12"],
            ["promotion_days", "2026-12-12"],
        ],
        "Leave": [
            ["id", "date", "kind"],
            ["A01", "2026-12-03", "leave"],
        ],
        "Demand": [
            ["date", "role", "shift", "required"],
            ["2026-12-12", "presales", "N", 2],
        ],
        "Peaks": [
            ["date", "start", "end"],
            ["2026-12-12", "20:00", "24:00"],
        ],
    }


def save(sheets: Sheets, path: Path) -> None:
    """Write ``sheets`` (name -> rows) as a workbook."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def edit(change: Callable[[Sheets], None]) -> Build:
    """A builder: the good workbook with ``change`` applied."""

    def build(path: Path) -> None:
        sheets = copy.deepcopy(good())
        change(sheets)
        save(sheets, path)

    return build


def put(sheet: str, row: int, col: int, value: object) -> Callable[[Sheets], None]:
    """A change: set one cell (1-based row and column, as Excel counts)."""

    def change(sheets: Sheets) -> None:
        rows = sheets[sheet]
        while len(rows) < row:
            rows.append([])
        cells = rows[row - 1]
        while len(cells) < col:
            cells.append(None)
        cells[col - 1] = value

    return change


def both(*changes: Callable[[Sheets], None]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        for one in changes:
            one(sheets)

    return change


def add_rows(sheet: str, *rows: list[object]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets.setdefault(sheet, []).extend(rows)

    return change


def drop_sheet(name: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        del sheets[name]

    return change


def drop_column(sheet: str, col: int) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        for row in sheets[sheet]:
            del row[col - 1]

    return change


def raw_bytes(data: bytes) -> Build:
    def build(path: Path) -> None:
        path.write_bytes(data)

    return build


def a_zip_that_is_not_a_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


def nothing(path: Path) -> None:
    """No file at all."""


@dataclass(frozen=True)
class BadBook:
    """A bad workbook: its name, how to build it, and what the error must say."""

    name: str
    build: Build
    expected: tuple[str, ...]


BAD_BOOKS: list[BadBook] = [
    BadBook(
        "unknown_role",
        edit(put("Staff", 3, 3, "sales")),
        ("Staff!C3: unknown role 'sales'",),
    ),
    BadBook(
        "unknown_secondary_role",
        edit(both(put("Staff", 1, 5, "secondary_role"), put("Staff", 2, 5, "boss"))),
        ("Staff!E2: unknown role 'boss'",),
    ),
    BadBook(
        "duplicate_id",
        edit(put("Staff", 4, 1, "A01")),
        ("Staff!A4: duplicate id 'A01' (first on row 2)",),
    ),
    BadBook(
        "duplicate_numeric_id",
        edit(both(put("Staff", 2, 1, 1001), put("Staff", 3, 1, 1001.0), put("Leave", 2, 1, 1001))),
        ("Staff!A3: duplicate id '1001' (first on row 2)",),
    ),
    BadBook(
        "missing_id",
        edit(put("Staff", 3, 1, None)),
        ("Staff!A3: missing id",),
    ),
    BadBook(
        "missing_role_value",
        edit(put("Staff", 4, 3, "  ")),
        ("Staff!C4: missing role",),
    ),
    BadBook(
        "unknown_shift_in_staff",
        edit(put("Staff", 3, 4, "W,X")),
        ("Staff!D3: unknown shift 'X'",),
    ),
    BadBook(
        "shift_listed_twice_in_staff",
        edit(put("Staff", 3, 4, "W，W")),
        ("Staff!D3: shift 'W' is listed twice",),
    ),
    BadBook(
        "leave_for_unknown_id",
        edit(put("Leave", 2, 1, "Z99")),
        ("Leave!A2: unknown id 'Z99' (not in Staff)",),
    ),
    BadBook(
        "leave_outside_month",
        edit(put("Leave", 2, 2, "2027-01-03")),
        ("Leave!B2: 2027-01-03 is outside the month 2026-12",),
    ),
    BadBook(
        "leave_excel_date_outside_month",
        edit(put("Leave", 2, 2, datetime(2026, 11, 30))),
        ("Leave!B2: 2026-11-30 is outside the month 2026-12",),
    ),
    BadBook(
        "invalid_date",
        edit(put("Leave", 2, 2, "2026-12-32")),
        ("Leave!B2: invalid date '2026-12-32' (expected YYYY-MM-DD)",),
    ),
    BadBook(
        "unknown_leave_kind",
        edit(put("Leave", 2, 3, "holiday")),
        ("Leave!C2: unknown kind 'holiday'",),
    ),
    BadBook(
        "leave_listed_twice",
        edit(add_rows("Leave", ["A01", "2026-12-03", "rest"])),
        ("Leave!B3: 'A01' on 2026-12-03 is listed twice (also row 2)",),
    ),
    BadBook(
        "leave_range_backwards",
        edit(
            lambda s: s.__setitem__(
                "Leave", [["id", "start", "end"], ["A01", "2026-12-10", "2026-12-08"]]
            )
        ),
        ("Leave!C2: end 2026-12-08 is before start 2026-12-10",),
    ),
    BadBook(
        "leave_without_date_column",
        edit(lambda s: s.__setitem__("Leave", [["id", "kind"], ["A01", "leave"]])),
        ("Leave!C1: missing column 'date' (日期) (or 'start' and 'end')",),
    ),
    BadBook(
        "invalid_time",
        edit(
            add_rows(
                "Shifts", ["code", "name", "start", "end"], ["P", "大促晚班", "25:00", "02:00"]
            )
        ),
        ("Shifts!C2: invalid time '25:00' (expected HH:MM)",),
    ),
    BadBook(
        "new_shift_without_end",
        edit(add_rows("Shifts", ["code", "name", "start", "end"], ["P", "大促晚班", time(18)])),
        ("Shifts!D2: missing end",),
    ),
    BadBook(
        "reserved_shift_code",
        edit(add_rows("Shifts", ["code", "start", "end"], ["OFF", "08:00", "09:00"])),
        ("Shifts!A2: code 'OFF' is reserved for rest or leave",),
    ),
    BadBook(
        "shift_dates_outside_month",
        edit(
            add_rows(
                "Shifts",
                ["code", "start", "end", "dates"],
                ["P", "18:00", "02:00", "2026-11-11..2026-11-12"],
            )
        ),
        ("Shifts!D2: 2026-11-11 is outside the month 2026-12",),
    ),
    BadBook(
        "invalid_month",
        edit(put("Rules", 2, 2, "2026-13")),
        ("Rules!B2: invalid month '2026-13' (expected YYYY-MM)",),
    ),
    BadBook(
        "more_rest_days_than_days",
        edit(add_rows("Rules", ["rest_days_per_month", 32])),
        ("Rules!B4: rest_days_per_month 32 is more than the 31 days of 2026-12",),
    ),
    BadBook(
        "more_rest_days_than_days_of_february",
        edit(
            both(
                put("Rules", 2, 2, "2027-02"),
                add_rows("Rules", ["rest_days_per_month", 29]),
                drop_sheet("Leave"),
                drop_sheet("Demand"),
                drop_sheet("Peaks"),
                put("Rules", 3, 2, None),
            )
        ),
        ("Rules!B4: rest_days_per_month 29 is more than the 28 days of 2027-02",),
    ),
    BadBook(
        "negative_rule",
        edit(add_rows("Rules", ["min_agents_per_shift", -1])),
        ("Rules!B4: min_agents_per_shift must be a whole number >= 0, got -1",),
    ),
    BadBook(
        "non_integer_rule",
        edit(add_rows("Rules", ["max_consecutive_work_days", "six"])),
        ("Rules!B4: max_consecutive_work_days must be a whole number >= 1, got 'six'",),
    ),
    BadBook(
        "invalid_rest_days_mode",
        edit(add_rows("Rules", ["rest_days_mode", "some"])),
        ("Rules!B4: rest_days_mode must be 'exact' or 'min', got 'some'",),
    ),
    BadBook(
        "too_many_extra_rest_days",
        edit(add_rows("Rules", ["max_extra_rest_days", 40])),
        ("Rules!B4: max_extra_rest_days must be 31 or less (or none), got 40",),
    ),
    BadBook(
        "invalid_lookahead",
        edit(add_rows("Rules", ["lookahead", "maybe"])),
        ("Rules!B4: expected true or false",),
    ),
    BadBook(
        "invalid_boolean",
        edit(add_rows("Rules", ["promotion_all_on_duty", "maybe"])),
        ("Rules!B4: expected true or false",),
    ),
    BadBook(
        "handover_min_above_max",
        edit(add_rows("Rules", ["handover_min_minutes", 20])),
        ("Rules!B4: handover_min_minutes 20 is above handover_max_minutes 15",),
    ),
    BadBook(
        "unknown_rule_key",
        edit(add_rows("Rules", ["max_nights", 8])),
        ("Rules!A4: unknown rule 'max_nights'",),
    ),
    BadBook(
        "rule_given_twice",
        edit(add_rows("Rules", [" Month ", "2026-12"])),
        ("Rules!A4: rule 'month' is given twice (first on row 2)",),
    ),
    BadBook(
        "promotion_day_outside_month",
        edit(put("Rules", 3, 2, "2026-11-11, 2026-12-12")),
        ("Rules!B3: promotion day 2026-11-11 is outside the month 2026-12",),
    ),
    BadBook(
        "invalid_promotion_range",
        edit(put("Rules", 3, 2, "2026-12-12..2026-12-10")),
        ("Rules!B3: range '2026-12-12..2026-12-10' ends before it starts",),
    ),
    BadBook(
        "empty_staff_sheet",
        edit(lambda s: s.__setitem__("Staff", [["id", "name", "role"]])),
        ("Staff: no agents listed",),
    ),
    BadBook(
        "blank_staff_sheet",
        edit(lambda s: s.__setitem__("Staff", [])),
        ("Staff: the sheet is empty (expected columns id, name, role)",),
    ),
    BadBook(
        "missing_staff_sheet",
        edit(drop_sheet("Staff")),
        ("Staff: missing sheet 'Staff' (员工)",),
    ),
    BadBook(
        "missing_role_column",
        edit(drop_column("Staff", 3)),
        ("Staff!D1: missing column 'role' (岗位)",),
    ),
    BadBook(
        "duplicate_column",
        edit(both(put("Staff", 1, 5, "工号"), put("Staff", 2, 5, "X"))),
        ("Staff!E1: column 'id' appears twice (also A1)",),
    ),
    BadBook(
        "non_integer_required_in_demand",
        edit(put("Demand", 2, 4, 2.5)),
        ("Demand!D2: required must be a whole number >= 0, got 2.5",),
    ),
    BadBook(
        "negative_required_in_demand",
        edit(put("Demand", 2, 4, "-3")),
        ("Demand!D2: required must be a whole number >= 0, got '-3'",),
    ),
    BadBook(
        "unknown_shift_in_demand",
        edit(put("Demand", 2, 3, "Z")),
        ("Demand!C2: unknown shift 'Z'",),
    ),
    BadBook(
        "unknown_role_in_demand",
        edit(put("Demand", 2, 2, "cashier")),
        ("Demand!B2: unknown role 'cashier'",),
    ),
    BadBook(
        "peak_not_on_a_promotion_day",
        edit(put("Peaks", 2, 1, "2026-12-11")),
        ("Peaks!A2: 2026-12-11 is not a promotion day (promotion_days: 2026-12-12)",),
    ),
    BadBook(
        "invalid_peak_time",
        edit(put("Peaks", 2, 3, "24:30")),
        ("Peaks!C2: invalid time '24:30' (expected HH:MM)",),
    ),
    BadBook(
        "several_errors_together",
        edit(
            both(
                put("Staff", 3, 3, "sales"),
                put("Staff", 4, 4, "Q"),
                put("Leave", 2, 1, "Z99"),
                put("Demand", 2, 4, "two"),
                add_rows("Rules", ["colour", "red"]),
                put("Peaks", 2, 2, "7pm"),
            )
        ),
        (
            "Rules!A4: unknown rule 'colour'",
            "Staff!C3: unknown role 'sales'",
            "Staff!D4: unknown shift 'Q'",
            "Leave!A2: unknown id 'Z99' (not in Staff)",
            "Demand!D2: required must be a whole number >= 0, got 'two'",
            "Peaks!B2: invalid time '7pm' (expected HH:MM)",
        ),
    ),
    BadBook(
        "text_file_named_xlsx",
        raw_bytes(b"id,name,role\nA01,Zhang,presales\n"),
        ("bad.xlsx: not an Excel workbook (.xlsx)",),
    ),
    BadBook(
        "empty_file",
        raw_bytes(b""),
        ("bad.xlsx: not an Excel workbook (.xlsx)",),
    ),
    BadBook(
        "zip_that_is_not_a_workbook",
        a_zip_that_is_not_a_workbook,
        ("bad.xlsx: corrupt or not an Excel workbook",),
    ),
    BadBook(
        "password_protected",
        raw_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ("bad.xlsx: is password-protected or an old .xls workbook",),
    ),
    BadBook(
        "missing_file",
        nothing,
        ("bad.xlsx: file not found",),
    ),
    BadBook(
        "staffing_share_as_whole_number",
        edit(
            add_rows(
                "Staffing",
                ["item", "value"],
                ["shop_sales", 1_000_000],
                ["cs_sales_share", 60],
                ["average_order_value", 200],
                ["conversion_rate", "25%"],
                ["saturated_load", 150],
            )
        ),
        ("Staffing!B3: cs_sales_share must be in (0, 1], got 60 (for 60 percent write 60%",),
    ),
    BadBook(
        "staffing_amount_not_a_number",
        edit(
            add_rows(
                "Staffing",
                ["item", "value"],
                ["店铺销售额", "lots"],
                ["客服销售占比", "60%"],
                ["客单价", 200],
                ["询单转化率", 0.25],
                ["饱和接待量", 150],
            )
        ),
        ("Staffing!B2: shop_sales must be a number, got 'lots'",),
    ),
    BadBook(
        "staffing_unknown_item",
        edit(add_rows("Staffing", ["item", "value"], ["sales", 100])),
        ("Staffing!A2: unknown item 'sales'",),
    ),
    BadBook(
        "staffing_item_given_twice",
        edit(add_rows("Staffing", ["项目", "值"], ["target_seconds", 6], ["首次响应目标秒数", 10])),
        ("Staffing!A3: item 'target_seconds' is given twice (first on row 2)",),
    ),
    BadBook(
        "staffing_service_level_out_of_range",
        edit(add_rows("Staffing", ["item", "value"], ["service_level", 1.5])),
        ("Staffing!B2: service_level must be in [0, 1), got 1.5",),
    ),
    BadBook(
        "staffing_formula_inputs_incomplete",
        edit(
            add_rows(
                "Staffing",
                ["item", "value"],
                ["shop_sales", 1_000_000],
                ["cs_sales_share", 0.6],
                ["average_order_value", 200],
            )
        ),
        (
            "Staffing!A5: missing item(s) 'conversion_rate' (询单转化率), 'saturated_load' "
            "(饱和接待量)",
        ),
    ),
    BadBook(
        "forecast_date_outside_month",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "role", "inquiries", "handling_time", "concurrency"],
                ["2027-01-12", 8, "售前", 100, 180, 3],
            )
        ),
        ("Forecast!A2: 2027-01-12 is outside the month 2026-12",),
    ),
    BadBook(
        "forecast_invalid_hour",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "role", "inquiries", "handling_time", "concurrency"],
                [None, 24, None, 100, 180, 3],
            )
        ),
        ("Forecast!B2: hour must be a whole number 0-23 (or a time on the hour such as 08:00)",),
    ),
    BadBook(
        "forecast_unknown_role",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "role", "inquiries", "handling_time"],
                ["2026-12-12", 8, "cashier", 100, 180],
            )
        ),
        ("Forecast!C2: unknown role 'cashier'",),
    ),
    BadBook(
        "forecast_negative_inquiries",
        edit(
            add_rows(
                "咨询预测",
                ["日期", "小时", "岗位", "咨询量", "处理时长", "并发"],
                ["2026-12-12", 8, None, -5, 180, 3],
            )
        ),
        ("咨询预测!D2: inquiries must be >= 0, got -5",),
    ),
    BadBook(
        "forecast_zero_handling_time",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "role", "inquiries", "handling_time", "concurrency"],
                ["2026-12-12", 8, None, 100, 0, 3],
            )
        ),
        ("Forecast!E2: handling_time must be seconds above 0, got 0",),
    ),
    BadBook(
        "forecast_zero_concurrency",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "role", "inquiries", "handling_time", "concurrency"],
                ["2026-12-12", 8, None, 100, 180, 0],
            )
        ),
        ("Forecast!F2: concurrency must be a whole number >= 1, got 0",),
    ),
    BadBook(
        "forecast_hour_listed_twice",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "role", "inquiries", "handling_time", "concurrency"],
                ["2026-12-12", 8, None, 100, 180, 3],
                ["2026-12-12", "08:00", "售前", 120, 180, 3],
            )
        ),
        ("Forecast!B3: hour 8 of 2026-12-12 for presales is listed twice (also row 2)",),
    ),
    BadBook(
        "forecast_without_inquiries_column",
        edit(
            add_rows(
                "Forecast",
                ["date", "hour", "handling_time"],
                ["2026-12-12", 8, 180],
            )
        ),
        ("Forecast!D1: missing column 'inquiries' (咨询量)",),
    ),
]
