"""Every sheet of every workbook the tool writes prints on A4, one page wide.

The page setup is what Excel and LibreOffice print from: A4, fit to one page wide and as
many pages down as needed, the header rows repeated on every page, portrait unless the
sheet is wider than a portrait page. (The look of the pages themselves was checked by
converting written workbooks to PDF; this test holds the setup that gives them.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rostering import Agent, Problem, Roster
from rostering.result import Result, Status
from rostering.staffing_report import staffing_report
from rostering.workbook.outputs.style import PORTRAIT_WIDTH, sheet_width
from rostering.workbook.staffing_book import build_staffing_workbook
from rostering.workbook.template import build_template, example_problem, example_staffing
from rostering.workbook.writer import SHEETS, build_no_roster_workbook, build_roster_workbook

A4 = 9


def _roster(problem: Problem) -> Roster:
    """Any roster of the example team (a broken one prints like any other)."""
    days = problem.num_days
    rows = {a.id: (["W", "W", "W", "N", "N", "N", "休"] * 5)[:days] for a in problem.agents[:4]}
    rows.update({a.id: (["R"] * 6 + ["休"]) * 5 for a in problem.agents[4:]})
    return Roster.from_grid(problem.start, {k: v[:days] for k, v in rows.items()})


def _no_roster(problem: Problem) -> Result:
    return Result(problem, Status.INFEASIBLE, None, None, None, (), 0.1, 0.1)


def _books() -> dict[str, Any]:
    problem = example_problem()
    big = Problem(
        date(2026, 12, 1),
        tuple(Agent(f"A{k:03d}") for k in range(120)),
        rules=problem.rules,
    )
    return {
        "roster": build_roster_workbook(problem, _roster(problem)),
        "roster of 120 agents": build_roster_workbook(big, _roster(big)),
        "no roster": build_no_roster_workbook(problem, _no_roster(problem)),
        "staffing": build_staffing_workbook(staffing_report(problem, example_staffing())),
        "template": build_template(),
    }


BOOKS = _books()
SHEETS_OF = [(name, title) for name, book in BOOKS.items() for title in book.sheetnames]

#: The header rows each table sheet repeats on every printed page.
TITLE_ROWS = {
    "Roster": "$2:$3",
    "Assignments": "$1:$1",
    "Shifts": "$1:$1",
    "Coverage": "$3:$3",
    "Handover": "$1:$1",
    "Stats": "$1:$1",
    "Requests": "$3:$3",
    "Checks": "$4:$4",
    "Hourly": "$2:$2",
    "Warnings": "$1:$1",
}


@pytest.mark.parametrize(("book", "title"), SHEETS_OF, ids=[f"{b}-{t}" for b, t in SHEETS_OF])
def test_every_sheet_prints_on_a4_one_page_wide(book: str, title: str) -> None:
    ws = BOOKS[book][title]
    setup = ws.page_setup
    assert int(setup.paperSize) == A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    wide = sheet_width(ws) > PORTRAIT_WIDTH
    if title == "Roster":
        assert setup.orientation == "landscape"  # a month of days, always
    else:
        assert setup.orientation == ("landscape" if wide else "portrait")
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.oddHeader.center.text
    if book == "template" and title != "README":
        assert ws.print_title_rows == "$1:$1"  # each input sheet's header row
    elif title in TITLE_ROWS:
        assert ws.print_title_rows == TITLE_ROWS[title]


def test_the_roster_sheet_repeats_its_name_columns() -> None:
    ws = BOOKS["roster of 120 agents"]["Roster"]
    assert ws.print_title_cols == "$A:$C"
    assert ws.print_area is not None


def test_the_summary_is_a_portrait_page_wide() -> None:
    for book in ("roster", "no roster"):
        ws = BOOKS[book]["Summary"]
        assert ws.page_setup.orientation == "portrait"
        assert sheet_width(ws) <= PORTRAIT_WIDTH
        assert ws.print_area is not None and ws.print_area.endswith(f"$E${ws.max_row}")


def test_every_output_sheet_is_covered() -> None:
    assert set(SHEETS) <= set(BOOKS["roster"].sheetnames)
    assert set(SHEETS) - {"Summary", "Roster"} <= set(TITLE_ROWS)
