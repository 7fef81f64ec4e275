"""Excel at the library's surface: `write_workbook` writes what `roster solve` writes.

`read_workbook` and `read_roster` (from `rostering.workbook`) read the input workbook and
roster workbooks; `write_workbook` writes a roster workbook for a `Result` (a roster, or
only the Summary when there is none) or for any roster of a problem. openpyxl is imported
here and in `rostering.workbook` only.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from datetime import date

from .problem import Problem
from .result import Result
from .roster import Roster
from .workbook import read_roster, read_workbook
from .workbook.writer import write_no_roster_workbook, write_roster_workbook

__all__ = ["read_roster", "read_workbook", "write_workbook"]


def write_workbook(
    path: str | os.PathLike[str],
    solved: Result | Roster,
    *,
    problem: Problem | None = None,
    extra_summary: Mapping[str, object] | None = None,
    highlight: Collection[tuple[str, date]] = (),
    lang: str = "en",
) -> bool:
    """Write the roster workbook (Roster, Assignments, Coverage, ..., Checks, Summary).

    The Checks sheet always comes from the independent checker run while writing; the
    file is written to a temporary file and renamed, so a failure never leaves half a
    workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file to write (replaced if it exists).
    solved
        A `Result` of `rostering.solve` (its problem is used), or a `Roster` (hand-made,
        swapped, re-checked), which then needs ``problem``.
    problem
        The problem a `Roster` belongs to; for a `Result`, leave it out.
    extra_summary
        Extra key/value rows for the Summary sheet.
    highlight
        ``(agent id, date)`` cells to outline in the Roster sheet.
    lang
        ``"en"`` or ``"zh"``: the language of the explanation in a Summary-only workbook.

    Returns
    -------
    bool
        True when a roster was written. False for a result without a roster (infeasible,
        or none in time): the workbook then has only the Summary sheet (the status and
        why), as ``roster solve`` writes it, so it cannot be taken for a roster.

    Raises
    ------
    ValueError
        For a `Roster` without ``problem``, or a `Result` with a different ``problem``.
    """
    if isinstance(solved, Result):
        if problem is not None and problem != solved.problem:
            raise ValueError("write_workbook: the result has its own problem; leave problem out")
        if solved.roster is None:
            write_no_roster_workbook(
                path, solved.problem, solved, lang=lang, extra_summary=extra_summary
            )
            return False
        write_roster_workbook(
            path,
            solved.problem,
            solved.roster,
            result=solved,
            extra_summary=extra_summary,
            highlight=highlight,
        )
        return True
    if isinstance(solved, Roster):
        if problem is None:
            raise ValueError("write_workbook: a roster needs its problem (problem=...)")
        write_roster_workbook(
            path, problem, solved, extra_summary=extra_summary, highlight=highlight
        )
        return True
    raise TypeError(
        f"write_workbook writes a Result or a Roster, not {type(solved).__name__}"
        + (" (the solve found no roster: pass the Result itself)" if solved is None else "")
    )
