"""Bad input workbooks, built in code: one table, each case named after its defect.

Each case builds a workbook from a small good one with one thing broken (or several, for
the case that checks errors are reported together) and gives the exact fragments, with the
exact ``Sheet!Cell`` reference, that the reader's error must contain.

The hostile cases (issue 12) come by family: formulas and error cells, layout, values and
sizes, broken files. `ODD_BOOKS` are hostile workbooks that must be *read*, correctly:
a formula's saved result, a title above the header, a stray formatted cell far out.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from rostering import Problem, Request

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


def save(sheets: Sheets, path: Path, finish: Callable[[Any], None] | None = None) -> None:
    """Write ``sheets`` (name -> rows) as a workbook; ``finish`` may change the openpyxl
    workbook before it is saved."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    if finish is not None:
        finish(wb)
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


def _part(path: Path, sheet: str) -> str:
    """The part holding ``sheet`` in a workbook `save` wrote (openpyxl numbers them in
    workbook order)."""
    with zipfile.ZipFile(path) as archive:
        listing = archive.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', listing)
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def rezip(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Rewrite the workbook at ``path`` with ``change`` applied to its parts."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def saved_result(build: Build, sheet: str, cell: str, value: str, kind: str | None = None) -> Build:
    """``build``, then give the formula in ``sheet!cell`` the saved result ``value`` (as
    Excel does; openpyxl writes formulas without one). ``kind``: ``str`` for text,
    ``e`` for an error value, None for a number."""

    def with_result(path: Path) -> None:
        build(path)
        part = _part(path, sheet)

        def change(parts: dict[str, bytes]) -> None:
            xml = parts[part].decode()
            kind_attr = f' t="{kind}"' if kind else ""
            xml, found = re.subn(
                rf'<c r="{cell}"([^>]*)>(<f>.*?</f>)<v\s*/>',
                rf'<c r="{cell}"\1{kind_attr}>\2<v>{value}</v>',
                xml,
            )
            assert found == 1, f"no formula in {sheet}!{cell}"
            parts[part] = xml.encode()

        rezip(path, change)

    return with_result


def lose_part(build: Build, sheet: str) -> Build:
    """``build``, then remove ``sheet``'s part from the file (the workbook still lists it)."""

    def lost(path: Path) -> None:
        build(path)
        part = _part(path, sheet)
        rezip(path, lambda parts: parts.pop(part))

    return lost


def damage(build: Build, sheet: str, old: str, new: str) -> Build:
    """``build``, then replace ``old`` by ``new`` in ``sheet``'s XML."""

    def damaged(path: Path) -> None:
        build(path)
        part = _part(path, sheet)

        def change(parts: dict[str, bytes]) -> None:
            xml = parts[part].decode()
            assert old in xml
            parts[part] = xml.replace(old, new, 1).encode()

        rezip(path, change)

    return damaged


def stray_cell(sheet: str) -> Callable[[Any], None]:
    """A finish for `save`: one formatted, empty cell at the last cell of ``sheet``
    (XFD1048576), so the sheet's stated extent is the whole grid."""

    def finish(wb: Any) -> None:
        wb[sheet].cell(row=1048576, column=16384).fill = PatternFill(
            "solid", start_color="FF0000", end_color="FF0000"
        )

    return finish


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
    """A bad workbook: its name, how to build it, and what the error must say; ``family``
    groups the hostile cases of issue 12 (formulas, layout, values, files)."""

    name: str
    build: Build
    expected: tuple[str, ...]
    family: str = ""


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
        ("Rules!B4: max_extra_rest_days must be a whole number from 0 to 31, got 40",),
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

_FORECAST_HEADER: list[object] = [
    "date",
    "hour",
    "role",
    "inquiries",
    "handling_time",
    "concurrency",
]


def _many_agents(count: int) -> Callable[[Sheets], None]:
    return add_rows("Staff", *([f"X{i:05d}", "x", "presales", "R"] for i in range(count)))


def _date_cell(sheets: Sheets) -> None:
    sheets["Leave"][1][1] = datetime(2026, 12, 3)


BAD_BOOKS += [
    # -- formulas and error cells: never a blank, never the error text as a value -------
    BadBook(
        "formula_without_saved_value",
        edit(add_rows("Rules", ["rest_days_per_month", "=2+3"])),
        (
            "Rules!B4: the formula =2+3 has no saved value: recalculate and save in Excel, "
            "or type the value",
        ),
        "formulas",
    ),
    BadBook(
        "leave_kind_formula_without_saved_value",
        edit(put("Leave", 2, 3, '=IF(TRUE,"rest","leave")')),
        ('Leave!C2: the formula =IF(TRUE,"rest","leave") has no saved value',),
        "formulas",
    ),
    BadBook(
        "shifts_of_formulas_without_saved_values",
        edit(add_rows("Shifts", ["code", "start", "end"], ["P", "=TIME(18,0,0)", "=TIME(2,0,0)"])),
        (
            "Shifts!B2: the formula =TIME(18,0,0) has no saved value",
            "Shifts!C2: the formula =TIME(2,0,0) has no saved value",
        ),
        "formulas",
    ),
    BadBook(
        "formula_with_a_saved_error",
        saved_result(edit(add_rows("Rules", ["seed", "=1/0"])), "Rules", "B4", "#DIV/0!", "e"),
        ("Rules!B4: the formula =1/0 gives the error #DIV/0!",),
        "formulas",
    ),
    BadBook(
        "ref_error_as_an_id",
        edit(put("Staff", 3, 1, "#REF!")),
        ("Staff!A3: the cell shows the error #REF!: correct it (or its formula)",),
        "formulas",
    ),
    BadBook(
        "na_error_as_a_headcount",
        edit(put("Demand", 2, 4, "#N/A")),
        ("Demand!D2: the cell shows the error #N/A",),
        "formulas",
    ),
    BadBook(
        "error_in_the_header",
        edit(put("Staff", 1, 3, "#REF!")),
        (
            "Staff!C1: header cell: the cell shows the error #REF!",
            "Staff!E1: missing column 'role' (岗位)",
        ),
        "formulas",
    ),
    BadBook(
        "date_serial_past_year_9999",
        damage(edit(_date_cell), "Leave", "<v>46359</v>", "<v>99999999</v>"),
        ("Leave!B2: the cell shows the error #VALUE!",),
        "formulas",
    ),
    # -- layout: a header that is not on top, a lost sheet, too many rows ---------------
    BadBook(
        "data_above_the_header",
        edit(lambda s: s["Staff"].__setitem__(slice(0, 0), [["A00", "x", "presales"], []])),
        ("Staff!A1: row 1 is above the header (row 3) and is not read",),
        "layout",
    ),
    BadBook(
        "sheet_part_missing_from_the_file",
        lose_part(edit(lambda s: None), "Rules"),
        (
            "Rules: the sheet's contents (xl/worksheets/sheet2.xml) are missing from bad.xlsx: "
            "the file is damaged",
        ),
        "layout",
    ),
    BadBook(
        "more_agents_than_a_workbook_holds",
        edit(_many_agents(4998)),
        (
            "Staff!A5002: more than 5000 agents: one workbook rosters at most 5000 "
            "(split the team into several workbooks)",
        ),
        "layout",
    ),
    BadBook(
        "more_forecast_rows_than_dates_hours_and_roles",
        edit(add_rows("Forecast", _FORECAST_HEADER, *([None, 8, None, 1, 60, 1],) * 6145)),
        ("Forecast!A6146: more than 6144 rows: at most one per date (or every day), hour",),
        "layout",
    ),
    # -- values: every number in its range, before CP-SAT sees it ----------------------
    BadBook(
        "nan_time_limit",
        edit(add_rows("Rules", ["time_limit_seconds", "nan"])),
        ("Rules!B4: time_limit_seconds must be a number above 0 to 86400, got 'nan'",),
        "values",
    ),
    BadBook(
        "infinite_time_limit",
        edit(add_rows("Rules", ["time_limit_seconds", "inf"])),
        ("Rules!B4: time_limit_seconds must be a number above 0 to 86400, got 'inf'",),
        "values",
    ),
    BadBook(
        "seed_beyond_what_cp_sat_takes",
        edit(add_rows("Rules", ["seed", 2**40])),
        ("Rules!B4: seed must be a whole number from 0 to 2147483647, got 1099511627776",),
        "values",
    ),
    BadBook(
        "seed_too_large_for_a_float",
        damage(edit(add_rows("Rules", ["seed", 1])), "Rules", "<v>1</v>", f"<v>{10**400}</v>"),
        ("Rules!B4: seed must be a whole number >= 0, got 1000",),
        "values",
    ),
    BadBook(
        "huge_weight",
        edit(add_rows("Rules", ["weight_unmet_demand", 10**12])),
        (
            "Rules!B4: weight_unmet_demand must be a whole number from 0 to 1000000, "
            "got 1000000000000",
        ),
        "values",
    ),
    BadBook(
        "month_9999",
        edit(put("Rules", 2, 2, "9999-01")),
        ("Rules!B2: month must be from 2000-01 to 2099-12, got '9999-01'",),
        "values",
    ),
    BadBook(
        "promotion_range_longer_than_a_year",
        edit(put("Rules", 3, 2, "2026-12-01..2099-12-31")),
        ("Rules!B3: range '2026-12-01..2099-12-31' is longer than a year",),
        "values",
    ),
    BadBook(
        "zero_length_shift",
        edit(add_rows("Shifts", ["code", "start", "end"], ["P", "08:00", "08:00"])),
        ("Shifts!C2: end 08:00 is the same as the start: a shift needs a length",),
        "values",
    ),
    BadBook(
        "shift_code_is_the_mark_of_a_missing_entry",
        edit(
            both(
                add_rows("Shifts", ["code", "start", "end"], ["?", "09:00", "18:00"]),
                put("Staff", 4, 4, "?"),
            )
        ),
        ("Shifts!A2: code '?' is the roster's mark for a day without an entry",),
        "values",
    ),
    BadBook(
        "shift_code_with_a_comma",
        edit(add_rows("Shifts", ["code", "start", "end"], ["W,2", "09:00", "18:00"])),
        ("Shifts!A2: code 'W,2' holds a space, comma, semicolon, '>' or '*'",),
        "values",
    ),
    BadBook(
        "huge_limit",
        edit(
            add_rows(
                "Limits", ["agent", "rule", "shift", "value"], [None, "max_shifts", "N", 10**9]
            )
        ),
        ("Limits!D2: value must be a whole number from 0 to 366, got 1000000000",),
        "values",
    ),
    BadBook(
        "huge_headcount",
        edit(put("Demand", 2, 4, 10**7)),
        ("Demand!D2: required must be a whole number from 0 to 5000, got 10000000",),
        "values",
    ),
    BadBook(
        "forecast_hour_of_fifty_million_agents",
        edit(add_rows("Forecast", _FORECAST_HEADER, [None, 8, None, 10**9, 180, 1])),
        (
            "Forecast!D2: 1e+09 inquiries of 180 s, 1 at a time, are the work of 50,000,000 "
            "agents in one hour; at most 5000",
        ),
        "values",
    ),
    BadBook(
        "forecast_hour_needing_more_agents_than_a_team",
        edit(
            both(
                add_rows("Staffing", ["item", "value"], ["shrinkage", 0.99]),
                add_rows("Forecast", _FORECAST_HEADER, [None, 8, None, 72_000, 180, 1]),
            )
        ),
        ("Forecast!D2: this hour needs ",),
        "values",
    ),
    BadBook(
        "handling_time_of_a_million_seconds",
        edit(add_rows("Forecast", _FORECAST_HEADER, ["2026-12-12", 8, None, 10, 10**6, 1])),
        ("Forecast!E2: handling_time must be seconds above 0, got 1000000 (at most 86400)",),
        "values",
    ),
    # -- broken files -------------------------------------------------------------------
    BadBook(
        "damaged_sheet_xml",
        damage(edit(lambda s: None), "Demand", "<v>2</v>", "<v>NaN</v>"),
        ("Demand: cannot read this sheet, it is damaged",),
        "files",
    ),
]


@dataclass(frozen=True)
class OddBook:
    """A hostile workbook that must be read, and correctly: building it, and the problem it
    must give, from the problem of the good workbook (`good`)."""

    name: str
    build: Build
    expected: Callable[[Problem], Problem]


def _formatted_rows(wb: Any) -> None:
    fill = PatternFill("solid", start_color="FFFF00", end_color="FFFF00")
    for row in range(5, 40):
        for col in range(1, 8):
            wb["Staff"].cell(row=row, column=col).fill = fill
    wb["Leave"].cell(row=100, column=30).fill = fill


ODD_BOOKS: list[OddBook] = [
    OddBook(
        "formula_with_a_saved_value",
        saved_result(edit(add_rows("Rules", ["rest_days_per_month", "=2+3"])), "Rules", "B4", "5"),
        lambda p: p.replace(rules=p.rules.with_(rest_days_per_month=5)),
    ),
    OddBook(
        "text_formula_with_a_saved_value",
        saved_result(
            edit(put("Leave", 2, 3, '=IF(TRUE,"rest","leave")')), "Leave", "C2", "rest", "str"
        ),
        lambda p: p.replace(leave=(), requests=(Request("A01", date(2026, 12, 3)),)),
    ),
    OddBook(
        "title_row_above_the_header",
        edit(lambda s: s["Staff"].__setitem__(slice(0, 0), [["排班名单 Team list"], []])),
        lambda p: p,
    ),
    OddBook(
        "stray_formatted_cell_far_out",
        lambda path: save(good(), path, stray_cell("Staff")),
        lambda p: p,
    ),
    OddBook(
        "formatting_only_rows",
        lambda path: save(good(), path, _formatted_rows),
        lambda p: p,
    ),
    OddBook(
        "formula_and_error_in_columns_not_read",
        edit(
            both(
                put("Staff", 1, 5, "remark"),
                put("Staff", 2, 5, "=1+1"),
                put("Staff", 3, 5, "#N/A"),
            )
        ),
        lambda p: p,
    ),
    OddBook(
        "formula_giving_a_shift_code",
        saved_result(edit(put("Staff", 4, 4, '=LEFT("R1",1)')), "Staff", "D4", "R", "str"),
        lambda p: p,
    ),
]
