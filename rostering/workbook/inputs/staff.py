"""The ``Staff`` sheet (员工, required): the team, one agent a row."""

from __future__ import annotations

from ...problem import Agent, ProblemError
from ...roles import ROLE_NAMES_ZH
from .. import cells
from ..cells import ROLE_HINT, show
from ..sizes import MAX_AGENTS
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC"]


def parse(table: Table, draft: Draft) -> None:
    """``Staff`` (员工): one agent a row: id, name, role, allowed shifts, secondary role."""
    if table.empty:
        table.error("the sheet is empty (expected columns id, name, role)")
        draft.staff_ok = False
        return
    if not table.rows:
        table.error("no agents listed")
        draft.staff_ok = False
        return
    for row in table.rows:
        ident = row.get("id", cells.to_ident, required=True)
        if ident is not None:
            if ident in draft.ids:
                row.error("id", f"duplicate id '{ident}' (first on row {draft.ids[ident]})")
            else:
                draft.ids[ident] = row.number
        name = row.get("name", default="")
        role = row.get("role", cells.role, required=True)
        secondary = row.get("secondary_role", cells.role)
        codes = row.get("shifts", lambda v: cells.split(str(v)), default=["W", "N"])
        shifts = []
        for typed in codes or ():
            code = draft.code(typed)
            if code is None:
                if typed not in draft.bad_codes:
                    known = ", ".join(draft.shifts)
                    row.error("shifts", f"unknown shift {show(typed)} (shifts: {known})")
                else:
                    row.ok = False
            elif code in shifts:
                row.error("shifts", f"shift '{code}' is listed twice")
            else:
                shifts.append(code)
        if codes == []:
            row.error("shifts", "no shift codes")
        if not row.ok:
            continue
        try:
            draft.add("agents", Agent(ident, name, role, tuple(shifts), secondary), row)
        except ProblemError as problem:
            row.error(problem.field or "id", problem.message)


def rows(contents: Contents) -> Rows:
    """One row per agent, roles in Chinese."""
    return [
        {
            "id": a.id,
            "name": a.name,
            "role": ROLE_NAMES_ZH[a.role],
            "shifts": ",".join(a.shifts),
            "secondary_role": ROLE_NAMES_ZH[a.secondary_role] if a.secondary_role else None,
        }
        for a in contents.problem.agents
    ]


SPEC = SheetSpec(
    "Staff",
    "员工",
    (
        Column("id", "工号", True, "Agent id, unique.\n工号,不可重复。"),
        Column("name", "姓名", True, "Name.\n姓名。"),
        Column("role", "岗位", True, f"Role: {ROLE_HINT}.\n岗位。"),
        Column(
            "shifts",
            "可上班次",
            False,
            "Allowed shift codes, comma separated; blank = W,N (rotating day/night); "
            "R = regular.\n可上班次,逗号分隔;留空=W,N(白晚班轮换);R=常班。",
        ),
        Column(
            "secondary_role",
            "第二岗位",
            False,
            "Optional role the agent may move to after a promotion.\n可选:大促后可调岗位。",
        ),
    ),
    parse,
    rows,
    required=True,
    note="The team, one agent a row / 员工,每行一人",
    max_rows=MAX_AGENTS,
    too_many=f"more than {MAX_AGENTS} agents: one workbook rosters at most {MAX_AGENTS} "
    "(split the team into several workbooks)",
)
