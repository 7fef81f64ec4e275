"""Write the output workbook (roster.xlsx) of docs/workbook.md.

The sheets are the registry `rostering.workbook.outputs.SHEETS`, in order: ``Roster``
(the printable 排班表), ``Assignments`` (machine-readable), ``Coverage``, ``Handover``,
``Stats``, ``Checks`` and ``Summary``, each rendered from one `RosterReport` built once.
The ``Checks`` sheet is always filled by running the independent checker here, whatever
the caller claims. The file is written atomically: a temporary file in the target's
directory, then a rename.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from openpyxl import Workbook

from ..problem import Problem
from ..result import Result
from ..roster import Roster
from . import outputs
from .files import save_atomically
from .outputs import ASSIGNMENT_COLUMNS, RosterReport
from .outputs.summary import render_no_roster

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "SHEETS",
    "build_no_roster_workbook",
    "build_roster_workbook",
    "write_no_roster_workbook",
    "write_roster_workbook",
]

#: Output sheet names, in workbook order (docs/workbook.md).
SHEETS: tuple[str, ...] = tuple(sheet.name for sheet in outputs.SHEETS)


def write_roster_workbook(
    path: str | os.PathLike[str],
    problem: Problem,
    roster: Roster,
    *,
    result: Result | None = None,
    extra_summary: Mapping[str, object] | None = None,
    highlight: Collection[tuple[str, date]] = (),
) -> None:
    """Write every output sheet of docs/workbook.md for ``roster`` to ``path``, atomically.

    Parameters
    ----------
    path
        The ``.xlsx`` file to write (replaced if it exists; never left half written).
    problem
        The team, horizon, shift types and rules the roster belongs to.
    roster
        The roster to write; any roster, hand-made or broken ones too.
    result
        The solve that produced ``roster``, or None for a roster not solved here (a
        hand-edited roster re-checked, a swap): the Summary then says "not solved here".
    extra_summary
        Extra key/value rows for the Summary sheet.
    highlight
        ``(agent id, date)`` cells to mark in the Roster sheet (e.g. the cells a
        re-rostering changed), with a thick magenta border and bold italic text.

    Notes
    -----
    The Checks sheet always comes from `rostering.check.check_by_rule` run here.
    """
    if not isinstance(roster, Roster):
        raise TypeError(
            "no roster to write (a solve without a roster?): rostering.write_workbook(path, "
            "result) writes the Summary of such a result"
        )
    book = build_roster_workbook(
        problem, roster, result=result, extra_summary=extra_summary, highlight=highlight
    )
    save_atomically(book, path)


def build_roster_workbook(
    problem: Problem,
    roster: Roster,
    *,
    result: Result | None = None,
    extra_summary: Mapping[str, object] | None = None,
    highlight: Collection[tuple[str, date]] = (),
) -> Any:
    """The output workbook as an in-memory `openpyxl.Workbook` (see `write_roster_workbook`)."""
    report = RosterReport.build(problem, roster, result, highlight, extra_summary)
    book = Workbook()
    book.remove(book.active)
    for sheet in outputs.SHEETS:
        sheet.render(book.create_sheet(sheet.name), report)
    book.active = 0
    return book


def build_no_roster_workbook(
    problem: Problem,
    result: Result,
    *,
    lang: str = "en",
    extra_summary: Mapping[str, object] | None = None,
) -> Any:
    """The workbook of a solve without a roster, in memory (see `write_no_roster_workbook`)."""
    book = Workbook()
    ws = book.active
    ws.title = "Summary"
    render_no_roster(ws, problem, result, lang=lang, extra=extra_summary)
    return book


def write_no_roster_workbook(
    path: str | os.PathLike[str],
    problem: Problem,
    result: Result,
    *,
    lang: str = "en",
    extra_summary: Mapping[str, object] | None = None,
) -> None:
    """Write a workbook with only a ``Summary`` sheet for a solve that found no roster:
    the status, why (the explanation, in ``lang``: ``en`` or ``zh``), the problem and the
    rule parameters. It holds no Roster sheet, so it cannot be taken for a roster."""
    book = build_no_roster_workbook(problem, result, lang=lang, extra_summary=extra_summary)
    save_atomically(book, path)
