"""What the output sheets share: the marks, the colours and fonts, and small helpers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from ...problem import LEAVE, REST
from ...roles import ROLE_NAMES_ZH

WEEKDAYS_ZH = "一二三四五六日"
REST_MARK = "休"
LEAVE_MARK = "假"
MISSING_MARK = "?"
SECOND_MARK = "*"

# -- styles --------------------------------------------------------------------------------
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
THICK = Side(style="thick", color="FF00FF")
HIGHLIGHT_BORDER = Border(left=THICK, right=THICK, top=THICK, bottom=THICK)
CENTER = Alignment(horizontal="center", vertical="center")
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


def fill(rgb: str) -> PatternFill:
    """A solid fill of colour ``rgb`` (``"DDEBF7"``)."""
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


HEADER_FILL = fill("DDEBF7")
WEEKEND_FILL = fill("BFBFBF")
PROMO_FILL = fill("C00000")
PROMO_FONT = Font(bold=True, color="FFFFFF")
PEAK_FILL = fill("FFC000")
PASS_FILL = fill("C6EFCE")
PASS_FONT = Font(bold=True, color="006100")
FAIL_FILL = fill("FFC7CE")
FAIL_FONT = Font(bold=True, color="9C0006")
SHORT_FONT = Font(bold=True, color="C00000")
REST_FILL = fill("D9D9D9")
LEAVE_FILL = fill("F8CBDA")
MISSING_FILL = fill("F4B183")
DAY_FILL = fill("FFF2CC")
NIGHT_FILL = fill("1F3864")
REGULAR_FILL = fill("E2EFDA")
PALETTE = ("DDEBF7", "FCE4D6", "E4DFEC", "D0F0EC", "FFE699", "C9C9FF", "F4B084", "B4C6E7")
DARK = frozenset({"1F3864"})


@dataclass(frozen=True)
class CellStyle:
    """The fill and font of a roster cell."""

    fill: PatternFill
    font: Font = field(default_factory=Font)


def mark(code: str | None) -> str:
    """A roster value as the Roster sheet shows it: 休, 假, ? or the shift code."""
    if code is None:
        return MISSING_MARK
    return {REST: REST_MARK, LEAVE: LEAVE_MARK}.get(code, code)


def role_label(role: str) -> str:
    """A role's Chinese name (the role itself when it has none)."""
    return ROLE_NAMES_ZH.get(role, role)


def weekday(day: date) -> str:
    """The Chinese weekday of ``day`` (一 .. 日)."""
    return WEEKDAYS_ZH[day.weekday()]


def cell_value(value: object) -> object:
    """A value openpyxl can store: numbers, bools, text, dates; anything else as text."""
    if value is None or isinstance(value, bool | int | float | str | datetime | date | time):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


def header(ws: Any, row: int, labels: Sequence[object], *, col: int = 1) -> None:
    """Write a header row: bold, filled, bordered, centred labels from column ``col``."""
    for i, label in enumerate(labels):
        cell = ws.cell(row=row, column=col + i, value=label)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = GRID
        cell.alignment = WRAP_CENTER


def widths(ws: Any, sizes: Mapping[int, float]) -> None:
    """Set column widths (column number -> width)."""
    for col, width in sizes.items():
        ws.column_dimensions[get_column_letter(col)].width = width


PORTRAIT_WIDTH = 110.0
"""The widest sheet, in Excel column-width units (about one digit each), that prints on
A4 portrait at a readable scale (about 100%, with the narrow margins); wider sheets
print landscape."""
DEFAULT_WIDTH = 8.43
"""Excel's width of a column whose width is not set."""


def sheet_width(ws: Any, last_column: int | None = None) -> float:
    """The width of a sheet's columns 1 to ``last_column`` (default: the last column
    used), in Excel column-width units."""
    last = last_column or ws.max_column
    total = 0.0
    for col in range(1, last + 1):
        letter = get_column_letter(col)
        dims = ws.column_dimensions.get(letter)
        total += dims.width if dims is not None and dims.width else DEFAULT_WIDTH
    return total


def print_setup(
    ws: Any,
    heading: str,
    *,
    title_rows: str | None = None,
    title_cols: str | None = None,
    narrow: bool = True,
    landscape: bool | None = None,
) -> None:
    """Print on A4, one page wide and as many pages down as needed, the header rows
    (``title_rows``, e.g. ``"1:1"``) and columns repeated on every page, the page number
    below: landscape when the sheet is wider than `PORTRAIT_WIDTH` (or as ``landscape``
    says), else portrait. Call it once the column widths are set."""
    wide = sheet_width(ws) > PORTRAIT_WIDTH if landscape is None else landscape
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if narrow:
        ws.page_margins = PageMargins(
            left=0.25, right=0.25, top=0.6, bottom=0.6, header=0.25, footer=0.25
        )
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = heading
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页  Page &P of &N"
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
