"""The master problem: a linear relaxation over agents' months, solved by column generation.

Variables are, per unit, how many of its agents follow each known month (a column), and
the rules' auxiliary variables; rows are the rules' rows (`Formulation`) and one
convexity row per unit (its months add up to its size). Every row may be broken at a
high price (slack columns), so the restricted problem is always feasible; the bound does
not depend on them.

New months come from `Pricer`: each single agent's cheapest month under the row duals.
A group's months are all enumerated when the model is built, so they are all columns from
the start. The bound is the Lagrangian bound of the duals (`Master.bound`): valid for any
duals of the right signs, whether or not column generation has finished, so it is a proof
that no roster costs less.

The LP solver is HiGHS (``highspy``): a maintained simplex with warm starts after adding
columns or changing bounds, which column generation and diving need.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from .automaton import Dag
from .formulation import Formulation
from .pricing import Pricer

#: Price of breaking a row by one unit, in model units (far above any objective).
SLACK_PRICE = 1e7


@dataclass(frozen=True)
class Column:
    """A month for ``unit`` (symbols by day); ``pattern`` is a group's pattern id."""

    unit: int
    month: tuple[int, ...]
    pattern: int = -1


@dataclass
class LpSolution:
    """A solution of the restricted master: objective (model units), column and
    auxiliary values, row and convexity duals, and the slack it needed."""

    objective: float
    values: np.ndarray
    aux: np.ndarray
    row_duals: np.ndarray
    unit_duals: np.ndarray
    slack: float


def new_highs() -> highspy.Highs:
    """A silent HiGHS instance (the first one in a process prints a banner to the
    standard output, which would end up in the middle of a command's output)."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        return highspy.Highs()
    import os
    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _BANNER_SHOWN = True
    return h


_BANNER_SHOWN = False


class Master:
    """The restricted master LP of a `Formulation`, in HiGHS."""

    def __init__(self, f: Formulation) -> None:
        self.f = f
        self.h = new_highs()
        h = self.h
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("presolve", "off")
        self.inf = h.getInfinity()
        R, U = f.num_rows, len(f.units)
        self.num_rows = R
        self.sizes = np.array([u.size for u in f.units], dtype=float)
        lo = np.where(np.isfinite(f.rows_lo), f.rows_lo, -self.inf)
        hi = np.where(np.isfinite(f.rows_hi), f.rows_hi, self.inf)
        h.addRows(
            R + U,
            np.concatenate([lo, self.sizes]),
            np.concatenate([hi, self.sizes]),
            0,
            np.zeros(R + U, dtype=np.int32),
            np.array([], dtype=np.int32),
            np.array([], dtype=float),
        )
        aux_lo = np.where(np.isfinite(f.aux_lo), f.aux_lo, -self.inf)
        aux_hi = np.where(np.isfinite(f.aux_hi), f.aux_hi, self.inf)
        self._add_cols(
            f.cost_aux, aux_lo, aux_hi, sp.vstack([f.a_aux, sp.csr_matrix((U, len(aux_lo)))])
        )
        self.num_aux = len(f.aux_lo)
        up = np.flatnonzero(np.isfinite(f.rows_lo))
        down = np.flatnonzero(np.isfinite(f.rows_hi))
        n_slack = len(up) + len(down)
        coeffs = sp.csc_matrix(
            (
                np.concatenate([np.ones(len(up)), -np.ones(len(down))]),
                (np.concatenate([up, down]), np.arange(n_slack)),
            ),
            shape=(R + U, n_slack),
        )
        self._add_cols(
            np.full(n_slack, SLACK_PRICE), np.zeros(n_slack), np.full(n_slack, self.inf), coeffs
        )
        self.num_slack = n_slack
        self.first = self.num_aux + n_slack
        self.columns: list[Column] = []
        self.unit_columns: list[list[int]] = [[] for _ in range(U)]
        self.known: dict[tuple[int, tuple[int, ...]], int] = {}
        self.fixed: dict[int, dict[int, int]] = {}  # unit -> {column: agents}
        self.lp_seconds = 0.0
        self.lp_iterations = 0
        self.solves = 0
        self.bounds_changed = False

    def _add_cols(
        self, cost: np.ndarray, lo: np.ndarray, hi: np.ndarray, coeffs: sp.spmatrix
    ) -> None:
        coeffs = sp.csc_matrix(coeffs)
        coeffs.sort_indices()
        self.h.addCols(
            coeffs.shape[1],
            np.asarray(cost, dtype=float),
            np.asarray(lo, dtype=float),
            np.asarray(hi, dtype=float),
            coeffs.nnz,
            coeffs.indptr[:-1].astype(np.int32),
            coeffs.indices.astype(np.int32),
            coeffs.data.astype(float),
        )

    def add(self, columns: Sequence[Column]) -> int:
        """Add the columns not known yet; returns how many were added."""
        fresh: list[Column] = []
        for col in columns:
            key = (col.unit, col.month)
            if key in self.known:
                continue
            self.known[key] = len(self.columns) + len(fresh)
            fresh.append(col)
        if not fresh:
            return 0
        f = self.f
        coeffs, costs = f.columns([(c.unit, c.month, c.pattern) for c in fresh])
        R, U = self.num_rows, len(f.units)
        conv = sp.csc_matrix(
            (np.ones(len(fresh)), (np.array([c.unit for c in fresh]), np.arange(len(fresh)))),
            shape=(U, len(fresh)),
        )
        full = sp.vstack([coeffs, conv])
        upper = np.array([self.sizes[c.unit] for c in fresh])
        lower = np.zeros(len(fresh))
        for k, c in enumerate(fresh):
            if c.unit in self.fixed:  # a fixed unit takes no new month
                upper[k] = 0.0
        self._add_cols(costs, lower, upper, full)
        for k, c in enumerate(fresh):
            self.unit_columns[c.unit].append(len(self.columns) + k)
        self.columns.extend(fresh)
        del R
        return len(fresh)

    def column_of(self, unit: int, month: Sequence[int]) -> int | None:
        return self.known.get((unit, tuple(month)))

    # -- fixing (diving) -----------------------------------------------------------------------
    def fix(self, unit: int, counts: dict[int, int]) -> None:
        """Fix unit ``unit`` to ``counts`` (column -> agents); its other columns to 0."""
        self.fixed[unit] = dict(counts)
        self.bounds_changed = True
        cols = self.unit_columns[unit]
        values = np.array([float(counts.get(k, 0)) for k in cols])
        self.h.changeColsBounds(
            len(cols), np.array([self.first + k for k in cols], dtype=np.int32), values, values
        )

    def release(self, unit: int) -> None:
        """Undo `fix`."""
        self.fixed.pop(unit, None)
        self.bounds_changed = True
        cols = self.unit_columns[unit]
        self.h.changeColsBounds(
            len(cols),
            np.array([self.first + k for k in cols], dtype=np.int32),
            np.zeros(len(cols)),
            np.full(len(cols), self.sizes[unit]),
        )

    def solve(self) -> LpSolution:
        # The first solve starts from scratch and fixing changes bounds: dual simplex is
        # far faster there (measured: 0.2 s against 8 s for the first LP at 1000 agents);
        # after new columns alone the basis stays primal feasible, and primal simplex
        # resumes from it.
        dual = self.solves == 0 or self.bounds_changed
        self.h.setOptionValue("simplex_strategy", 1 if dual else 4)
        self.bounds_changed = False
        started = time.perf_counter()
        self.h.run()
        self.lp_seconds += time.perf_counter() - started
        self.solves += 1
        info = self.h.getInfo()
        self.lp_iterations += int(info.simplex_iteration_count)
        sol = self.h.getSolution()
        values = np.asarray(sol.col_value)
        duals = np.asarray(sol.row_dual)
        return LpSolution(
            float(info.objective_function_value) + self.f.offset,
            values[self.first :],
            values[: self.num_aux],
            duals[: self.num_rows],
            duals[self.num_rows :],
            float(values[self.num_aux : self.first].sum()),
        )

    def broken_rows(self) -> list[int]:
        """Rows the last solution breaks (uses slack on)."""
        values = np.asarray(self.h.getSolution().col_value)[self.num_aux : self.first]
        f = self.f
        up = np.flatnonzero(np.isfinite(f.rows_lo))
        down = np.flatnonzero(np.isfinite(f.rows_hi))
        rows = np.concatenate([up, down])[values > 1e-6]
        return sorted({int(r) for r in rows if r < self.num_rows})

    # -- bound -------------------------------------------------------------------------------
    def signed(self, duals: np.ndarray) -> np.ndarray:
        """Duals with the signs a Lagrangian bound needs (>= 0 on a lower bound, <= 0 on an
        upper bound, 0 on an open side)."""
        f = self.f
        pi = duals.copy()
        pi[(pi > 0) & ~np.isfinite(f.rows_lo)] = 0.0
        pi[(pi < 0) & ~np.isfinite(f.rows_hi)] = 0.0
        return pi

    def bound(self, pi: np.ndarray, unit_min: np.ndarray) -> float:
        """The Lagrangian bound for sign-feasible row duals ``pi``, given each unit's
        cheapest month cost ``unit_min`` under them (without the convexity dual):
        ``offset + sum pi*b + sum_aux min (c - A'pi) y + sum_units size * unit_min``."""
        f = self.f
        value = f.offset
        value += float(
            (pi * np.where(pi > 0, np.where(np.isfinite(f.rows_lo), f.rows_lo, 0.0), 0.0)).sum()
        )
        value += float(
            (pi * np.where(pi < 0, np.where(np.isfinite(f.rows_hi), f.rows_hi, 0.0), 0.0)).sum()
        )
        rc_aux = f.cost_aux - f.a_aux.T @ pi
        low = rc_aux > 1e-12
        high = rc_aux < -1e-12
        if np.any(low & ~np.isfinite(f.aux_lo)) or np.any(high & ~np.isfinite(f.aux_hi)):
            return -math.inf
        value += float((rc_aux[low] * f.aux_lo[low]).sum() + (rc_aux[high] * f.aux_hi[high]).sum())
        return value + float((self.sizes * unit_min).sum())


class ColumnGeneration:
    """Column generation on a `Master`: price every single agent's graph, add the months
    with negative reduced cost, resolve, until none is left or the budget says stop."""

    def __init__(self, f: Formulation, dags: Sequence[Dag | None]) -> None:
        self.f = f
        self.master = Master(f)
        self.singles = [u for u, unit in enumerate(f.units) if not unit.is_group]
        self.groups = [u for u, unit in enumerate(f.units) if unit.is_group]
        single_dags = [dags[u] for u in self.singles]
        assert all(d is not None for d in single_dags)
        self.pricer = Pricer(f, self.singles, single_dags)  # type: ignore[arg-type]
        group_cols = [
            Column(u, tuple(month), pid)
            for u in self.groups
            for month, pid in zip(f.units[u].patterns, f.units[u].pattern_ids, strict=True)
        ]
        self.master.add(group_cols)
        if group_cols:
            coeffs, costs = f.columns([(c.unit, c.month, c.pattern) for c in group_cols])
            self._group_coeffs_t = coeffs.T.tocsr()
            self._group_costs = costs
            self._group_units = np.array([c.unit for c in group_cols])
        self.best_bound = -math.inf
        self.solution: LpSolution | None = None
        #: Whether a unit's month keeps the limits its graph does not hold, and a month
        #: that does for given cell prices (None: every month of the graph fits).
        self.fits: Callable[[int, tuple[int, ...]], bool] | None = None
        self.fit: Callable[[int, np.ndarray], tuple[int, ...] | None] | None = None
        self.pricing_seconds = 0.0
        self.rounds = 0

    def unit_minimum(self, pi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each unit's cheapest month cost under ``pi`` (no convexity dual) and each single
        unit's cheapest month (a row per single unit, in ``singles`` order)."""
        f = self.f
        cell_cost = f.cost_cell - f.a_cell_t @ pi
        started = time.perf_counter()
        months, best = self.pricer.shortest(cell_cost)
        self.pricing_seconds += time.perf_counter() - started
        unit_min = np.zeros(len(f.units))
        unit_min[self.singles] = best
        if self.groups:
            rc = self._group_costs - self._group_coeffs_t @ pi
            per = np.full(len(f.units), np.inf)
            np.minimum.at(per, self._group_units, rc)
            unit_min[self.groups] = per[self.groups]
        return unit_min, months

    def round(self, free: set[int] | None = None) -> tuple[LpSolution, float, int]:
        """One round: solve the master, price, add the improving months of the ``free``
        single units (all when None). Returns the solution, the bound, months added."""
        master = self.master
        sol = master.solve()
        self.solution = sol
        self.rounds += 1
        pi = master.signed(sol.row_duals)
        unit_min, months = self.unit_minimum(pi)
        bound = master.bound(pi, unit_min) if not master.fixed else -math.inf
        if bound > self.best_bound:
            self.best_bound = bound
        rc = unit_min - sol.unit_duals
        tol = 1e-7 * max(1.0, abs(sol.objective))
        fresh = [
            Column(u, tuple(int(s) for s in months[k]))
            for k, u in enumerate(self.singles)
            if rc[u] < -tol and (free is None or u in free) and u not in master.fixed
        ]
        if self.fits is not None and self.fit is not None:
            # A cheapest month may break a limit the graph does not hold (minutes,
            # weekends, shift counts): the LP may mix it, but a roster cannot use it, so
            # a month that fits is priced beside it (re-weighted towards the limits).
            cell_cost = self.f.cost_cell - self.f.a_cell_t @ pi
            for col in list(fresh):
                if not self.fits(col.unit, col.month):
                    month = self.fit(col.unit, cell_cost)
                    if month is not None and self.fits(col.unit, month):
                        fresh.append(Column(col.unit, month))
        return sol, bound, master.add(fresh)

    def run(
        self,
        stop: Callable[[], bool],
        free: set[int] | None = None,
        close: float = 0.0,
        on_round: Callable[[LpSolution, float, int], None] | None = None,
        rounds: int | None = None,
    ) -> LpSolution:
        """Rounds until no month improves, ``stop()`` says so, (with ``close`` > 0) the
        bound is within ``close`` (relative) of the master's value, or ``rounds`` rounds
        are done. The solution returned covers every month added."""
        done = 0
        while True:
            sol, bound, added = self.round(free)
            done += 1
            if on_round is not None:
                on_round(sol, bound, added)
            if not added or stop() or (rounds is not None and done >= rounds):
                if added:  # the months just priced: solve once more with them
                    sol = self.master.solve()
                    self.solution = sol
                return sol
            gap = sol.objective - self.best_bound
            if (
                close > 0
                and not self.master.fixed
                and sol.slack < 1e-6
                and gap <= close * max(1.0, abs(sol.objective))
            ):
                return sol
