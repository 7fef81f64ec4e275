"""Cheapest legal months: shortest paths through every agent's graph at once.

Each single agent's graph of legal months (`rostering.engine.automaton.Dag`) is a layered DAG; a
month is a path, and its cost under dual prices is the sum of the prices of the cells it
passes through. All agents' graphs are laid side by side in flat arrays per day, so one
pass of vectorised relaxation per day prices every agent together.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .automaton import Dag
from .formulation import Formulation


class Pricer:
    """Shortest paths through the graphs of ``units`` (indices of single-agent units)."""

    def __init__(self, f: Formulation, units: Sequence[int], dags: Sequence[Dag]) -> None:
        self.units = np.asarray(units, dtype=np.int64)
        D = len(dags[0].arcs) if dags else 0
        self.days = D
        self.src: list[np.ndarray] = []
        self.dst: list[np.ndarray] = []
        self.cell: list[np.ndarray] = []
        self.sym: list[np.ndarray] = []
        self.width: list[int] = []
        # Global node numbering per layer: each unit's nodes in a block.
        offsets = [np.zeros(len(dags) + 1, dtype=np.int64) for _ in range(D + 1)]
        for d in range(D + 1):
            sizes = np.array([dag.sizes[d] for dag in dags], dtype=np.int64)
            offsets[d][1:] = np.cumsum(sizes)
            self.width.append(int(offsets[d][-1]))
        self.first_nodes = offsets[0]
        for d in range(D):
            src, dst, cell, sym = [], [], [], []
            for k, (u, dag) in enumerate(zip(units, dags, strict=True)):
                cells = f.units[u].cell[d]
                base_s, base_t = offsets[d][k], offsets[d + 1][k]
                for s, y, t in dag.arcs[d]:
                    src.append(base_s + s)
                    dst.append(base_t + t)
                    cell.append(cells.get(y, -1))
                    sym.append(y)
            self.src.append(np.array(src, dtype=np.int64))
            self.dst.append(np.array(dst, dtype=np.int64))
            self.cell.append(np.array(cell, dtype=np.int64))
            self.sym.append(np.array(sym, dtype=np.int64))
        self.arcs = int(sum(len(a) for a in self.src))
        # The last layer has one node per unit, in unit order.
        self.end_nodes = offsets[D][:-1]

    def shortest(self, cell_cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For cell prices ``cell_cost``: each unit's cheapest month (symbols by day, one
        row per unit) and its cost."""
        D = self.days
        cost = np.append(cell_cost, 0.0)  # index -1: a constant cell costs nothing
        dist = np.zeros(self.width[0])
        values = []
        for d in range(D):
            val = dist[self.src[d]] + cost[self.cell[d]]
            nxt = np.full(self.width[d + 1], np.inf)
            np.minimum.at(nxt, self.dst[d], val)
            values.append(val)
            dist = nxt
        best = dist[self.end_nodes]
        months = np.empty((len(self.units), D), dtype=np.int64)
        node = self.end_nodes.copy()
        for d in range(D - 1, -1, -1):
            val = values[d]
            dst = self.dst[d]
            # The cheapest arc into each node of layer d + 1.
            order = np.lexsort((val, dst))
            dst_sorted = dst[order]
            first = np.ones(len(order), dtype=bool)
            first[1:] = dst_sorted[1:] != dst_sorted[:-1]
            chosen = order[first]  # one arc per reachable node of layer d + 1
            by_node = np.full(self.width[d + 1], -1, dtype=np.int64)
            by_node[dst[chosen]] = chosen
            arc = by_node[node]
            months[:, d] = self.sym[d][arc]
            node = self.src[d][arc]
        return months, best
