"""Rosters from the relaxation: diving with column generation (price-and-fix).

Solve the master LP; fix every agent whose LP month is (nearly) whole, and a share of the
others on their largest LP month; price new months for the agents still free against the
fixed ones; repeat until every agent is fixed. A group is fixed pattern by pattern: the
whole agents its LP gives each month first, then one more agent on its largest fraction.
The result is a roster when the last LP needs no slack (every row holds).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .master import ColumnGeneration

Months = dict[int, list[tuple[int, ...]]]


def dive(
    cg: ColumnGeneration,
    stop: Callable[[], bool],
    share: float = 0.2,
    whole: float = 0.99,
    units: set[int] | None = None,
    broken: list[int] | None = None,
    rounds: int | None = None,
) -> Months | None:
    """Fix ``units`` (every unit when None; the others must already be fixed) one step at
    a time as the module docstring says, fixing ``share`` of the free units per step
    besides the whole ones, after at most ``rounds`` of pricing per step. Returns every
    dived unit's months, or None when the LP still
    needs slack at the end or ``stop()`` ends it early. The master's fixings are undone."""
    master = cg.master
    f = cg.f
    free = set(range(len(f.units))) if units is None else set(units)
    dived = set(free)
    lower: dict[int, dict[int, int]] = {u: {} for u in free if f.units[u].is_group}
    retries = RETRIES
    step_rounds: int | None = rounds
    try:
        while free:
            sol = cg.run(stop, free=free, rounds=step_rounds)
            if stop():
                return None
            values = sol.values
            picks: list[tuple[float, int, int]] = []  # (value, unit, column)
            for u in free:
                cols = master.unit_columns[u]
                if not cols:
                    continue
                if f.units[u].is_group:
                    continue
                if cg.fits is not None:  # only months a roster can use
                    cols = [c for c in cols if cg.fits(u, master.columns[c].month)] or cols
                k = max(cols, key=lambda c: (values[c], -c))
                picks.append((float(values[k]), u, k))
            fixed_now = [(u, k) for v, u, k in picks if v >= whole]
            rest = sorted((p for p in picks if p[0] < whole), key=lambda p: (-p[0], p[1]))
            want = max(1, math.ceil(share * len(free))) - len(fixed_now)
            fixed_now += [(u, k) for _v, u, k in rest[: max(0, want)]]
            for u, k in fixed_now:
                master.fix(u, {k: 1})
                free.discard(u)
            # Groups: whole agents per month, then one more on the largest fraction.
            for u in sorted(u for u in free if f.units[u].is_group):
                size = f.units[u].size
                got = lower[u]
                cols = master.unit_columns[u]
                for k in cols:
                    whole_part = math.floor(values[k] + 1e-6)
                    if whole_part > got.get(k, 0):
                        got[k] = whole_part
                if sum(got.values()) < size and not fixed_now:
                    k = max(cols, key=lambda c: (values[c] - got.get(c, 0), -c))
                    got[k] = got.get(k, 0) + 1
                if sum(got.values()) >= size:
                    master.fix(u, got)
                    free.discard(u)
                else:
                    _lower_bounds(cg, u, got)
            if not fixed_now and not any(
                f.units[u].is_group for u in free
            ):  # pragma: no cover - every step fixes at least one single unit
                break
            if not free:
                sol = master.solve()
                if sol.slack > 1e-6 and retries:
                    # Some row cannot hold: free again the agents it counts (on that
                    # day and shift, in its roles) and dive them one at a time.
                    retries -= 1
                    again = _counted_by(cg, master.broken_rows()) & dived
                    for u in again:
                        master.release(u)
                        if f.units[u].is_group:
                            lower[u] = {}
                    free |= again
                    share, step_rounds = 0.0, None
        sol = master.solve()
        if sol.slack > 1e-6:
            if broken is None:
                return None
            broken.extend(master.broken_rows())
        out: Months = {}
        for u in dived:
            months: list[tuple[int, ...]] = []
            for k, count in master.fixed[u].items():
                months += [master.columns[k].month] * count
            if len(months) != f.units[u].size:
                return None
            out[u] = months
        return out
    finally:
        for u in dived:
            if u in master.fixed or f.units[u].is_group:
                master.release(u)


#: Times a dive that ends with a broken row frees that row's agents and dives them again.
RETRIES = 0


def _counted_by(cg: ColumnGeneration, rows: list[int]) -> set[int]:
    """The units with a cell in any of ``rows``."""
    f = cg.f
    if not rows:
        return set()
    block = f.a_cell[rows].tocsc()
    cells = np.flatnonzero(np.diff(block.indptr))
    return {f.cell_unit[c] for c in cells}


def _lower_bounds(cg: ColumnGeneration, u: int, got: dict[int, int]) -> None:
    master = cg.master
    master.bounds_changed = True
    cols = master.unit_columns[u]
    lows = np.array([float(got.get(k, 0)) for k in cols])
    master.h.changeColsBounds(
        len(cols),
        np.array([master.first + k for k in cols], dtype=np.int32),
        lows,
        np.full(len(cols), master.sizes[u]),
    )
