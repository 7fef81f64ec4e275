"""CP-SAT models over part of the team: the rest fixed to a roster.

Built straight from a `Formulation`: each *open* unit gets a graph of the months it may
take (its whole graph of legal months, or only some months, e.g. the columns column
generation found), posted as an automaton over its day values exactly as the full model
does; every other unit keeps its month, so its cells are constants folded into the rows.
The rules' rows and auxiliary variables are posted over what is left. Solving such a model
re-optimises the open units against everyone else: the step of the large-neighbourhood
search, and with every unit open on its columns, the restricted master as an integer
program.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from . import interrupt
from .automaton import Dag, post_automaton
from .formulation import Formulation

_INT = 2**62


def months_dag(months: Sequence[Sequence[int]]) -> Dag:
    """The smallest layered graph whose paths are exactly ``months`` (all of one length)."""
    D = len(months[0])
    # Backward merge of suffixes: node ids per layer by the set of suffixes below them.
    unique = sorted(set(tuple(m) for m in months))
    # Forward trie, then minimise like `build_dag` does (merge equal futures).
    layers: list[dict[tuple[int, ...], int]] = [{(): 0}]
    forward: list[list[tuple[int, int, int]]] = []
    for d in range(D):
        nxt: dict[tuple[int, ...], int] = {}
        arcs: set[tuple[int, int, int]] = set()
        for month in unique:
            src = layers[d][month[:d]]
            dst = nxt.setdefault(month[: d + 1], len(nxt))
            arcs.add((src, month[d], dst))
        forward.append(sorted(arcs))
        layers.append(nxt)
    cls = [0] * len(layers[D])
    sizes = [1]
    out: list[tuple[tuple[int, int, int], ...]] = []
    for d in range(D - 1, -1, -1):
        futures: list[set[tuple[int, int]]] = [set() for _ in range(len(layers[d]))]
        for src, sym, dst in forward[d]:
            futures[src].add((sym, cls[dst]))
        signature: dict[tuple[tuple[int, int], ...], int] = {}
        new = []
        for fut in futures:
            new.append(signature.setdefault(tuple(sorted(fut)), len(signature)))
        out.append(tuple((cid, sym, dst) for fate, cid in signature.items() for sym, dst in fate))
        sizes.append(len(signature))
        cls = new
    out.reverse()
    sizes.reverse()
    return Dag(tuple(out), tuple(sizes))


@dataclass
class SubModel:
    """A CP-SAT model of some open units, the others fixed; see the module docstring."""

    f: Formulation
    cp: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    cells: dict[int, Any] = field(default_factory=dict)  # cell -> var (open units)
    patterns: dict[int, Any] = field(default_factory=dict)  # pattern id -> var
    aux: list[Any] = field(default_factory=list)
    open_units: dict[int, Dag | None] = field(default_factory=dict)
    days: dict[int, list[Any]] = field(default_factory=dict)  # open single unit -> day values
    choice_vars: dict[int, tuple[list[tuple[int, ...]], list[Any]]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        f: Formulation,
        fixed: Mapping[int, Sequence[Sequence[int]]],
        open_units: Mapping[int, Dag | None],
        choices: Mapping[int, Sequence[Sequence[int]]] | None = None,
        *,
        only_open_rows: bool = False,
    ) -> SubModel:
        """``fixed[u]``: the months of unit ``u``'s agents (one per agent); ``open_units[u]``:
        the graph an open single unit chooses its month from (None for a group: its
        enumerated months). ``only_open_rows``: leave out the rows no open unit takes
        part in (the fixed units may break them; the model then mends the open units'
        own rows only)."""
        self = cls(f)
        cp = self.cp
        self.open_units = dict(open_units)
        # Constant contributions of the fixed units to each row, and to the objective.
        fixed_cells = np.zeros(len(f.cell_unit))
        fixed_patterns = np.zeros(len(f.pattern_unit))
        for u, months in fixed.items():
            unit = f.units[u]
            for month in months:
                for c in f.month_cells(u, month):
                    fixed_cells[c] += 1
            if unit.is_group:
                index = {p: pid for p, pid in zip(unit.patterns, unit.pattern_ids, strict=True)}
                for month in months:
                    fixed_patterns[index[tuple(month)]] += 1
        constant = f.a_cell @ fixed_cells + f.a_pattern @ fixed_patterns
        objective_constant = f.offset + f.cost_cell @ fixed_cells + f.cost_pattern @ fixed_patterns
        for u, dag in open_units.items():
            unit = f.units[u]
            if unit.is_group:
                self._group(u)
            elif choices is not None and u in choices:
                self._choice(u, choices[u])
            else:
                assert dag is not None
                self._single(u, dag)
        self.aux = [
            cp.new_int_var(int(lo), int(hi), f"aux{j}")
            for j, (lo, hi) in enumerate(zip(f.aux_lo, f.aux_hi, strict=True))
        ]
        cell_ids = np.fromiter(self.cells, dtype=np.int64, count=len(self.cells))
        pattern_ids = np.fromiter(self.patterns, dtype=np.int64, count=len(self.patterns))
        cell_vars = [self.cells[c] for c in cell_ids]
        pattern_vars = [self.patterns[p] for p in pattern_ids]
        a_cell = f.a_cell[:, cell_ids].tocsr() if len(cell_ids) else None
        a_pat = f.a_pattern[:, pattern_ids].tocsr() if len(pattern_ids) else None
        a_aux = f.a_aux
        rows = _open_rows(f, cell_ids, pattern_ids) if only_open_rows else range(f.num_rows)
        for r in rows:
            vars_: list[Any] = []
            coeffs: list[int] = []
            const_shift = [0.0]
            for matrix, pool in ((a_aux, self.aux), (a_cell, cell_vars), (a_pat, pattern_vars)):
                if matrix is None:
                    continue
                lo_, hi_ = matrix.indptr[r], matrix.indptr[r + 1]
                for j, v in zip(matrix.indices[lo_:hi_], matrix.data[lo_:hi_], strict=True):
                    var = pool[j]
                    if isinstance(var, int):
                        lo_shift = v * var
                        const_shift[0] += lo_shift
                        continue
                    vars_.append(var)
                    coeffs.append(int(v))
            lo = f.rows_lo[r] - constant[r] - const_shift[0]
            hi = f.rows_hi[r] - constant[r] - const_shift[0]
            if not vars_:
                if lo > 1e-9 or hi < -1e-9:
                    cp.add_bool_or([])  # broken by the fixed units alone
                continue
            expr = cp_model.LinearExpr.weighted_sum(vars_, coeffs)
            low = round(lo) if np.isfinite(lo) else -_INT
            high = round(hi) if np.isfinite(hi) else _INT
            cp.add_linear_constraint(expr, low, high)
        terms: list[Any] = []
        weights: list[int] = []
        constant_cost = float(objective_constant)
        pools: list[tuple[list[Any], np.ndarray]] = [
            (self.aux, f.cost_aux),
            (cell_vars, f.cost_cell[cell_ids]),
            (pattern_vars, f.cost_pattern[pattern_ids]),
        ]
        for pool, costs in pools:
            for var, cost in zip(pool, costs, strict=True):
                if not cost:
                    continue
                if isinstance(var, int):
                    constant_cost += cost * var
                    continue
                terms.append(var)
                weights.append(int(cost))
        cp.minimize(cp_model.LinearExpr.weighted_sum(terms, weights) + round(constant_cost))
        return self

    def _single(self, u: int, dag: Dag) -> None:
        cp = self.cp
        cells = self.f.units[u].cell
        posted = post_automaton(cp, dag, f"{u}")
        for d, day in enumerate(posted.days):
            if posted.ys[d] is None:
                # A day with one symbol: its cell is 1.
                (sym,) = day
                for other, c in cells[d].items():
                    if c >= 0:
                        self.cells[c] = 1 if other == sym else 0
                continue
            self.days.setdefault(u, [None] * len(dag.arcs))[d] = posted.ys[d]
            for sym, x in day.items():
                c = cells[d].get(sym, -1)
                if c >= 0:
                    self.cells[c] = x
            # Symbols the graph rules out that day: their cells are 0.
            for sym, c in cells[d].items():
                if c >= 0 and sym not in day:
                    self.cells[c] = 0

    def _choice(self, u: int, months: Sequence[Sequence[int]]) -> None:
        """One agent picks one of ``months``: a Boolean each."""
        cp = self.cp
        unique = sorted(set(tuple(m) for m in months))
        picks = [cp.new_bool_var(f"c{u}_{k}") for k in range(len(unique))]
        cp.add_exactly_one(picks)
        self.choice_vars[u] = (unique, picks)
        for d, cells in enumerate(self.f.units[u].cell):
            for sym, c in cells.items():
                if c < 0:
                    continue
                using = [b for b, m in zip(picks, unique, strict=True) if m[d] == sym]
                if not using:
                    self.cells[c] = 0
                elif len(using) == len(picks):
                    self.cells[c] = 1
                elif len(using) == 1:
                    self.cells[c] = using[0]
                else:
                    x = cp.new_bool_var(f"x{u}_{d}_{sym}")
                    cp.add(x == sum(using))
                    self.cells[c] = x

    def _group(self, u: int) -> None:
        cp = self.cp
        unit = self.f.units[u]
        size = unit.size
        amounts = [cp.new_int_var(0, size, f"g{u}_{k}") for k in range(len(unit.patterns))]
        cp.add(sum(amounts) == size)
        for pid, var in zip(unit.pattern_ids, amounts, strict=True):
            self.patterns[pid] = var
        for d, cells in enumerate(unit.cell):
            for sym, c in cells.items():
                if c < 0:
                    continue
                following = [
                    var
                    for var, month in zip(amounts, unit.patterns, strict=True)
                    if month[d] == sym
                ]
                count = cp.new_int_var(0, size, f"g{u}_{d}_{sym}")
                cp.add(count == sum(following))
                self.cells[c] = count

    # -- solutions -------------------------------------------------------------------------
    def hint(self, months: Mapping[int, Sequence[Sequence[int]]]) -> None:
        """Suggest each open unit's months (a single unit: one month)."""
        hints: dict[int, tuple[Any, int]] = {}

        def put(var: Any, value: int) -> None:
            if not isinstance(var, int):
                hints[var.index] = (var, value)

        for u, unit_months in months.items():
            if u not in self.open_units:
                continue
            unit = self.f.units[u]
            chosen = np.zeros(len(self.f.cell_unit))
            for month in unit_months:
                for c in self.f.month_cells(u, month):
                    chosen[c] += 1
            for cells in unit.cell:
                for c in cells.values():
                    if c >= 0 and c in self.cells:
                        put(self.cells[c], int(chosen[c]))
            for d, y in enumerate(self.days.get(u, ())):
                if y is not None:
                    put(y, unit_months[0][d])
            if u in self.choice_vars:
                unique, picks = self.choice_vars[u]
                for month, pick in zip(unique, picks, strict=True):
                    put(pick, int(month == tuple(unit_months[0])))
            if unit.is_group:
                counts: dict[tuple[int, ...], int] = {}
                for month in unit_months:
                    counts[tuple(month)] = counts.get(tuple(month), 0) + 1
                for pid, month in zip(unit.pattern_ids, unit.patterns, strict=True):
                    put(self.patterns[pid], counts.get(month, 0))
        for var, value in hints.values():
            self.cp.add_hint(var, value)

    def months(self, solver: cp_model.CpSolver) -> dict[int, list[tuple[int, ...]]]:
        """Each open unit's months in a solution."""
        f = self.f
        out: dict[int, list[tuple[int, ...]]] = {}
        for u in self.open_units:
            unit = f.units[u]
            if unit.is_group:
                taken: list[tuple[int, ...]] = []
                for pid, pattern in zip(unit.pattern_ids, unit.patterns, strict=True):
                    taken += [pattern] * int(solver.value(self.patterns[pid]))
                out[u] = taken
                continue
            if u in self.choice_vars:
                unique, picks = self.choice_vars[u]
                out[u] = [next(m_ for m_, b in zip(unique, picks, strict=True) if solver.value(b))]
                continue
            month: list[int] = []
            for cells in unit.cell:
                pick = None
                for sym, c in cells.items():
                    if c < 0:
                        pick = sym
                        break
                    var = self.cells.get(c, 0)
                    if (var if isinstance(var, int) else solver.value(var)) == 1:
                        pick = sym
                        break
                assert pick is not None
                month.append(pick)
            out[u] = [tuple(month)]
        return out

    def hint_aux(self, values: Sequence[int]) -> None:
        """Suggest the auxiliary variables' values (e.g. those of the incumbent)."""
        for var, value in zip(self.aux, values, strict=True):
            self.cp.add_hint(var, int(value))

    def aux_values(self, solver: cp_model.CpSolver) -> list[int]:
        return [int(solver.value(v)) for v in self.aux]


def _open_rows(f: Formulation, cell_ids: np.ndarray, pattern_ids: np.ndarray) -> list[int]:
    """The rows an open unit takes part in: with one of its cells or patterns, or linked to
    such a row through an auxiliary variable (`Formulation.row_components`)."""
    touched = np.zeros(f.num_rows, dtype=bool)
    for matrix, ids in ((f.a_cell, cell_ids), (f.a_pattern, pattern_ids)):
        if len(ids):
            touched[np.flatnonzero(np.diff(matrix[:, ids].tocsr().indptr))] = True
    label = f.row_components
    kept = np.isin(label, np.unique(label[touched]))
    return [int(r) for r in np.flatnonzero(kept)]


def complete(
    f: Formulation, months: Mapping[int, Sequence[Sequence[int]]], seconds: float = 10.0
) -> tuple[float, list[int]] | None:
    """The objective (model units) of a roster given as every unit's months, and the
    auxiliary variables' values that realise it; None if the roster breaks a row.

    With every month fixed only the auxiliary variables are left, so one worker solves
    it at once (the limit only guards against the unexpected)."""
    sub = SubModel.build(f, months, {})
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    status = interrupt.solve(solver, sub.cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver.objective_value, sub.aux_values(solver)


def restrict(dag: Dag, month: Sequence[int], first: int, last: int) -> Dag | None:
    """The part of ``dag`` that agrees with ``month`` outside days ``first..last``
    (inclusive): the months that change only inside that window. None if empty."""
    D = len(dag.arcs)
    keep: list[list[tuple[int, int, int]]] = []
    reach = set(range(dag.sizes[0]))
    for d in range(D):
        fixed = not (first <= d <= last)
        layer = [
            arc for arc in dag.arcs[d] if arc[0] in reach and (not fixed or arc[1] == month[d])
        ]
        keep.append(layer)
        reach = {t for _s, _y, t in layer}
        if not reach:
            return None
    # Backward: drop arcs that cannot reach the end; renumber nodes per layer.
    alive = reach
    for d in range(D - 1, -1, -1):
        keep[d] = [arc for arc in keep[d] if arc[2] in alive]
        alive = {s for s, _y, _t in keep[d]}
    numbering: list[dict[int, int]] = []
    sizes = []
    for d in range(D):
        nodes = sorted({s for s, _y, _t in keep[d]})
        numbering.append({n: k for k, n in enumerate(nodes)})
        sizes.append(len(nodes))
    ends = sorted({t for _s, _y, t in keep[D - 1]})
    numbering.append({n: k for k, n in enumerate(ends)})
    sizes.append(len(ends))
    arcs = tuple(
        tuple((numbering[d][s], y, numbering[d + 1][t]) for s, y, t in keep[d]) for d in range(D)
    )
    return Dag(arcs, tuple(sizes))
