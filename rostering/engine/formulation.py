"""The model's linear rows over agents' months: what the relaxation and the sub-models see.

The CP-SAT `Model` posts each unit's legal months (an automaton per agent, enumerated
months per group) and then the rules' constraints over counts. Every rule constraint is
linear, so after the build the model splits into

- *cells*: ``count(u, d, sym)``, how many of unit ``u``'s agents do ``sym`` on day ``d``
  (a Boolean for one agent, an integer for a group), and a group's *pattern* variables
  (how many of its agents follow each enumerated month);
- *auxiliary* variables the rules introduced (shortfalls, the lowest peak hour, spread
  bounds, handover indicators ...), with their domains;
- *rows*: the rules' linear constraints over cells, patterns and auxiliaries, and the
  objective.

A *month* (a path through the unit's graph) is then a column: its coefficient in a row is
the sum of the row's coefficients on the cells the month passes through. This is the
master problem of column generation (`rostering.engine.master`) and the skeleton of every
CP-SAT sub-model the search builds (`rostering.engine.submodel`).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..index import FIRST_SHIFT

INF = float("inf")
_BIG = 2**62


def _bound(value: int) -> float:
    if value >= _BIG:
        return INF
    if value <= -_BIG:
        return -INF
    return float(value)


@dataclass
class UnitCells:
    """Where a unit's counts live: ``cell[d][sym]`` is a cell index, or -1 for a constant
    (the unit's agents all do ``sym`` that day: the constant is ``size``), and absent
    when no agent of the unit may do ``sym`` that day."""

    members: tuple[int, ...]
    cell: list[dict[int, int]]
    patterns: tuple[tuple[int, ...], ...]
    pattern_ids: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def is_group(self) -> bool:
        return bool(self.patterns)


class Formulation:
    """The rows of a built `rostering.engine.model.Model` (see the module docstring).

    Attributes
    ----------
    rows_lo, rows_hi
        Row bounds (``-inf``/``inf`` when open).
    a_cell, a_pattern, a_aux
        Row coefficients on cells, group patterns and auxiliary variables (CSR).
    cost_cell, cost_pattern, cost_aux
        Objective coefficients (model units); ``offset`` is the objective's constant.
    aux_lo, aux_hi
        Domains of the auxiliary variables; ``aux_var`` maps them to CP-SAT indices.
    units
        Each unit's cells and, for a group, its enumerated months.
    """

    def __init__(self, model: object) -> None:
        from .model import Model

        assert isinstance(model, Model)
        self.model = model
        proto = model.cp.proto
        num_vars = len(proto.variables)
        # Classify CP-SAT variables: cell, pattern, auxiliary, or structural (-1).
        kind = np.full(num_vars, 3, dtype=np.int8)  # 0 cell, 1 pattern, 2 structural, 3 aux
        ref = np.full(num_vars, -1, dtype=np.int64)
        for index in model.structural_vars:
            kind[index] = 2
        self.units: list[UnitCells] = []
        self.cell_unit: list[int] = []
        self.cell_day: list[int] = []
        self.cell_sym: list[int] = []
        self.pattern_unit: list[int] = []
        self.pattern_index: list[int] = []
        cell_var: list[int] = []
        for u, unit in enumerate(model.units):
            cells: list[dict[int, int]] = []
            for d, day in enumerate(unit.counts):
                row: dict[int, int] = {}
                for sym, value in day.items():
                    if isinstance(value, int):
                        row[sym] = -1
                        continue
                    index = value.index
                    row[sym] = len(self.cell_unit)
                    kind[index], ref[index] = 0, len(self.cell_unit)
                    cell_var.append(index)
                    self.cell_unit.append(u)
                    self.cell_day.append(d)
                    self.cell_sym.append(sym)
                cells.append(row)
            ids = []
            for k, amount in enumerate(unit.amounts):
                index = amount.index
                kind[index], ref[index] = 1, len(self.pattern_unit)
                ids.append(len(self.pattern_unit))
                self.pattern_unit.append(u)
                self.pattern_index.append(k)
            self.units.append(UnitCells(unit.members, cells, unit.patterns, tuple(ids)))
        self.cell_var = np.array(cell_var, dtype=np.int64)
        self.kind = kind
        self.ref = ref
        aux = np.flatnonzero(kind == 3)
        ref[aux] = np.arange(len(aux))
        self.aux_var = aux
        lo, hi = [], []
        for var_index in aux.tolist():
            domain = list(proto.variables[var_index].domain)
            lo.append(_bound(domain[0]))
            hi.append(_bound(domain[-1]))
        self.aux_lo = np.array(lo)
        self.aux_hi = np.array(hi)

        # Rows: every constraint posted after the units.
        entries: list[tuple[list[int], list[int], float, float]] = []
        origin: list[int] = []  # the constraint each row came from
        self.unsupported = 0
        constraints = proto.constraints
        for position in range(model.structural_constraints, len(constraints)):
            rows = _rows(constraints[position])
            if rows is None:
                self.unsupported += 1
                continue
            entries += rows
            origin += [position] * len(rows)
        starts = [first for _name, first, _end in model.rule_constraints]
        names = [name for name, _first, _end in model.rule_constraints]
        #: The rule that posted each row (by name; "" for the model's own rows).
        self.row_rule = [
            names[i] if (i := bisect.bisect_right(starts, p) - 1) >= 0 else "" for p in origin
        ]
        self.rows_lo = np.array([e[2] for e in entries])
        self.rows_hi = np.array([e[3] for e in entries])
        self.num_rows = len(entries)
        lengths = np.fromiter((len(e[0]) for e in entries), dtype=np.int64, count=len(entries))
        row_of = np.repeat(np.arange(len(entries)), lengths)
        var_of = np.fromiter(
            (v for e in entries for v in e[0]), dtype=np.int64, count=int(lengths.sum())
        )
        coeff_of = np.fromiter(
            (c for e in entries for c in e[1]), dtype=float, count=int(lengths.sum())
        )
        kind_of = kind[var_of]
        split = (row_of, var_of, coeff_of, kind_of, ref)
        R = len(entries)
        self.a_cell = self._matrix(*split, 0, (R, len(self.cell_unit)))
        self.a_pattern = self._matrix(*split, 1, (R, len(self.pattern_unit)))
        self.a_aux = self._matrix(*split, 3, (R, len(aux)))
        # A structural variable in a row: the relaxation cannot express it.
        self.unsupported += len(np.unique(row_of[kind_of == 2]))
        objective = proto.objective
        self.offset = float(objective.offset)
        self.cost_cell = np.zeros(len(self.cell_unit))
        self.cost_pattern = np.zeros(len(self.pattern_unit))
        self.cost_aux = np.zeros(len(aux))
        for var, coeff in zip(objective.vars, objective.coeffs, strict=True):
            if var < 0:  # a negated literal: coeff * (1 - x)
                var, coeff = -var - 1, -coeff
                self.offset -= coeff
            target = {0: self.cost_cell, 1: self.cost_pattern, 3: self.cost_aux}.get(int(kind[var]))
            if target is None:
                self.unsupported += 1
                continue
            target[ref[var]] += coeff
        self.a_cell_t = self.a_cell.T.tocsr()
        self.a_pattern_csc = self.a_pattern.tocsc()

    @staticmethod
    def _matrix(
        row_of: np.ndarray,
        var_of: np.ndarray,
        coeff_of: np.ndarray,
        kind_of: np.ndarray,
        ref: np.ndarray,
        which: int,
        shape: tuple[int, int],
    ) -> sp.csr_matrix:
        """The rows' coefficients on the variables of one kind, by their index there."""
        mask = kind_of == which
        return sp.csr_matrix((coeff_of[mask], (row_of[mask], ref[var_of[mask]])), shape=shape)

    @property
    def exact(self) -> bool:
        """Whether every row and objective term was understood (else no relaxation)."""
        return self.unsupported == 0

    # -- months as columns -----------------------------------------------------------------
    @functools.cached_property
    def row_components(self) -> np.ndarray:
        """Each row's component, rows that share an auxiliary variable joined (they are
        one constraint together)."""
        from scipy.sparse.csgraph import connected_components

        aux = self.a_aux.tocsr()
        if not aux.shape[1] or not aux.nnz:
            return np.arange(self.num_rows)
        _n, label = connected_components((aux @ aux.T).tocsr(), directed=False)
        return np.asarray(label)

    def month_cells(self, u: int, month: Sequence[int]) -> list[int]:
        """The cells unit ``u``'s month passes through (constants left out)."""
        cells = self.units[u].cell
        return [c for d, sym in enumerate(month) if (c := cells[d][sym]) >= 0]

    def columns(
        self, items: Sequence[tuple[int, Sequence[int], int]]
    ) -> tuple[sp.csc_matrix, np.ndarray]:
        """Row coefficients and costs of months: ``items`` are ``(unit, month, pattern)``
        with ``pattern`` a group's pattern id or -1. One column per item."""
        rows, cols = [], []
        extra_cost = np.zeros(len(items))
        for j, (u, month, pattern) in enumerate(items):
            for c in self.month_cells(u, month):
                rows.append(c)
                cols.append(j)
            if pattern >= 0:
                extra_cost[j] = self.cost_pattern[pattern]
        incidence = sp.csc_matrix(
            (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(len(self.cell_unit), len(items)),
        )
        coeffs = (self.a_cell @ incidence).tocsc()
        patterns = [p for _u, _m, p in items]
        if any(p >= 0 for p in patterns):
            sel = sp.csc_matrix(
                (
                    np.ones(sum(p >= 0 for p in patterns)),
                    (
                        np.array([p for p in patterns if p >= 0], dtype=np.int64),
                        np.array([j for j, p in enumerate(patterns) if p >= 0], dtype=np.int64),
                    ),
                ),
                shape=(len(self.pattern_unit), len(items)),
            )
            coeffs = (coeffs + self.a_pattern @ sel).tocsc()
        costs = incidence.T @ self.cost_cell + extra_cost
        return coeffs, np.asarray(costs).ravel()

    def value_function(
        self, months: Mapping[int, Sequence[Sequence[int]]], aux: Sequence[int]
    ) -> Callable[[Any], int]:
        """The value of any cell, pattern or auxiliary CP-SAT variable in the roster given
        by every unit's months and the auxiliary values ``aux``."""
        cells = np.zeros(len(self.cell_unit), dtype=np.int64)
        patterns = np.zeros(len(self.pattern_unit), dtype=np.int64)
        for u, unit_months in months.items():
            unit = self.units[u]
            index = dict(zip(unit.patterns, unit.pattern_ids, strict=True))
            for month in unit_months:
                for c in self.month_cells(u, month):
                    cells[c] += 1
                if unit.is_group:
                    patterns[index[tuple(month)]] += 1
        aux_values = np.asarray(aux, dtype=np.int64)

        def value(var: Any) -> int:
            if isinstance(var, int):
                return var
            index = var.index
            kind = self.kind[index]
            ref = self.ref[index]
            if kind == 0:
                return int(cells[ref])
            if kind == 1:
                return int(patterns[ref])
            if kind == 3:
                return int(aux_values[ref])
            raise KeyError(f"variable {index} is not part of the rows")

        return value


Entry = tuple[list[int], list[int], float, float]


def _rows(c: Any) -> list[Entry] | None:
    """The linear rows (variables, coefficients, low, high) of a CP-SAT constraint, or
    None when it is not one the relaxation can read (enforced, or not linear)."""
    if len(c.enforcement_literal):
        return None
    if c.has_linear():
        lin = c.linear
        domain = list(lin.domain)
        return [(list(lin.vars), list(lin.coeffs), _bound(domain[0]), _bound(domain[-1]))]
    if c.has_bool_or() or c.has_at_most_one() or c.has_exactly_one():
        lits = list(
            c.bool_or.literals
            if c.has_bool_or()
            else c.at_most_one.literals
            if c.has_at_most_one()
            else c.exactly_one.literals
        )
        vars_, coeffs, shift = [], [], 0
        for lit in lits:
            if lit >= 0:
                vars_.append(lit)
                coeffs.append(1)
            else:  # not(x) = 1 - x
                vars_.append(-lit - 1)
                coeffs.append(-1)
                shift += 1
        if c.has_bool_or():
            return [(vars_, coeffs, 1.0 - shift, INF)]
        if c.has_at_most_one():
            return [(vars_, coeffs, -INF, 1.0 - shift)]
        return [(vars_, coeffs, 1.0 - shift, 1.0 - shift)]
    if c.has_bool_and():
        return [
            ([lit], [1], 1.0, 1.0) if lit >= 0 else ([-lit - 1], [1], 0.0, 0.0)
            for lit in c.bool_and.literals
        ]
    return None


def is_shift(sym: int) -> bool:
    return sym >= FIRST_SHIFT
