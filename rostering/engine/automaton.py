"""Per-agent sequence rules as automata, and their product as a small layered graph.

A rule that speaks about one agent's days in order (rest days, days in a row, rest
between shifts, rotation, ...) describes itself as an `Automaton` over the agent's day
symbols. `build_dag` runs all of an agent's automata together over the horizon, keeps
only the states that can still reach an accepted end, and merges states with the same
future. Every path through the resulting `Dag` is a month the agent may legally work,
and every legal month is a path: the model picks one path per agent with a flow of
Booleans, which is the tightest linear description of the agent's legal months.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ortools.sat.python import cp_model

State = Any  # hashable; each automaton picks its own state type


class Automaton(Protocol):
    """A rule over one agent's sequence of day symbols.

    Implementations are frozen dataclasses, so equal automata build the graph once.
    """

    def starts(self) -> Iterable[State]:
        """The possible states before the first day (several: the rule lets us choose)."""
        ...

    def step(self, day: int, state: State, sym: int) -> State | None:
        """The state after doing ``sym`` on ``day``, or None if the rule forbids it."""
        ...

    def accept(self, state: State) -> bool:
        """Whether the sequence may end in ``state`` after the last day."""
        ...


@dataclass(frozen=True)
class Dag:
    """Layered graph of legal sequences: layer ``d`` holds the arcs of day ``d``.

    ``arcs[d]`` lists ``(src, sym, dst)`` with ``src`` a node of layer ``d`` and ``dst``
    a node of layer ``d + 1``; nodes are numbered ``0 .. sizes[d] - 1`` in each layer.
    The last layer has one node, the end.
    """

    arcs: tuple[tuple[tuple[int, int, int], ...], ...]
    sizes: tuple[int, ...]

    @property
    def num_days(self) -> int:
        return len(self.arcs)

    @property
    def num_arcs(self) -> int:
        return sum(len(layer) for layer in self.arcs)

    def count_paths(self) -> int:
        """Number of legal sequences."""
        ways = [1] * self.sizes[-1]
        for layer, size in zip(reversed(self.arcs), reversed(self.sizes[:-1]), strict=True):
            nxt = [0] * size
            for src, _sym, dst in layer:
                nxt[src] += ways[dst]
            ways = nxt
        return sum(ways)

    def paths(self) -> Iterator[tuple[int, ...]]:
        """Every legal sequence of symbols (use on small graphs only)."""
        out: list[dict[int, list[tuple[int, int]]]] = []
        for layer in self.arcs:
            table: dict[int, list[tuple[int, int]]] = {}
            for src, sym, dst in layer:
                table.setdefault(src, []).append((sym, dst))
            out.append(table)

        def walk(d: int, node: int, prefix: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
            if d == len(out):
                yield prefix
                return
            for sym, dst in out[d].get(node, ()):
                yield from walk(d + 1, dst, (*prefix, sym))

        for node in range(self.sizes[0]):
            yield from walk(0, node, ())

    def accepts(self, seq: Sequence[int]) -> bool:
        """Whether ``seq`` is a path (from any first-layer node)."""
        nodes = set(range(self.sizes[0]))
        for layer, sym in zip(self.arcs, seq, strict=True):
            nodes = {dst for src, s, dst in layer if s == sym and src in nodes}
            if not nodes:
                return False
        return bool(nodes)


def build_dag(
    automata: Sequence[Automaton],
    domains: Sequence[Sequence[int]],
    keep: int | None = None,
    continues: dict[tuple[int, tuple[State, ...]], bool] | None = None,
) -> Dag | None:
    """The product of ``automata`` restricted to ``domains[d]`` on day ``d``, minimized.

    With ``keep``, the graph is cut after its first ``keep`` days: it holds the
    sequences of ``keep`` days that some sequence over all the days continues (used to
    look ahead past the horizon, `rostering.lookahead`). The days after the cut are
    searched depth first from each state, not built; ``continues`` remembers which
    (day, state) do continue, and may be shared by graphs whose automata and domains are
    the same from the cut on.

    Returns None when no sequence satisfies every automaton. States are explored in a
    fixed order (dicts keep insertion order), so the numbering of nodes is deterministic.
    """
    num_days = len(domains)
    keep = num_days if keep is None else keep
    starts: list[tuple[State, ...]] = [()]
    for automaton in automata:
        starts = [(*prefix, s) for prefix in starts for s in automaton.starts()]
    # Each automaton's steps repeat across product states: remember them.
    memo: list[dict[tuple[int, State, int], State | None]] = [{} for _ in automata]
    steps = [a.step for a in automata]

    def step(d: int, state: tuple[State, ...], sym: int) -> tuple[State, ...] | None:
        new = []
        for k, sub in enumerate(state):
            key = (d, sub, sym)
            table = memo[k]
            if key in table:
                after = table[key]
            else:
                after = table[key] = steps[k](d, sub, sym)
            if after is None:
                return None
            new.append(after)
        return tuple(new)

    layer: dict[tuple[State, ...], int] = dict.fromkeys(starts, 0)
    layer = {state: k for k, state in enumerate(layer)}
    forward: list[list[tuple[int, int, int]]] = []
    widths = [len(layer)]
    for d in range(keep):
        arcs: list[tuple[int, int, int]] = []
        nxt: dict[tuple[State, ...], int] = {}
        for state, src in layer.items():
            for sym in domains[d]:
                target = step(d, state, sym)
                if target is not None:
                    dst = nxt.get(target)
                    if dst is None:
                        dst = nxt[target] = len(nxt)
                    arcs.append((src, sym, dst))
        forward.append(arcs)
        layer = nxt
        widths.append(len(layer))
        if not layer:
            return None
    # Backward: class 0 of the last layer is "accepted" (or, before a cut, "continues to
    # an accepted end"); merge states with equal futures.
    done = {} if continues is None else continues

    def goes_on(d: int, state: tuple[State, ...]) -> bool:
        if d == num_days:
            return all(a.accept(x) for a, x in zip(automata, state, strict=True))
        key = (d, state)
        if key not in done:
            done[key] = any(
                (target := step(d, state, sym)) is not None and goes_on(d + 1, target)
                for sym in domains[d]
            )
        return done[key]

    cls: list[int | None] = [0 if goes_on(keep, state) else None for state in layer]
    if not any(c is not None for c in cls):
        return None
    sizes = [1]
    layers: list[tuple[tuple[int, int, int], ...]] = []
    for d in range(keep - 1, -1, -1):
        width = widths[d]
        futures: list[list[tuple[int, int]]] = [[] for _ in range(width)]
        for src, sym, dst in forward[d]:
            c = cls[dst]
            if c is not None:
                futures[src].append((sym, c))
        signature: dict[tuple[tuple[int, int], ...], int] = {}
        new_cls: list[int | None] = [None] * width
        for node, future in enumerate(futures):
            if future:
                fate = tuple(sorted(set(future)))
                new_cls[node] = signature.setdefault(fate, len(signature))
        if not signature:
            return None
        layers.append(
            tuple((cid, sym, dst) for fate, cid in signature.items() for sym, dst in fate)
        )
        sizes.append(len(signature))
        cls = new_cls
    layers.reverse()
    sizes.reverse()
    return Dag(tuple(layers), tuple(sizes))


def restrict_dag(dag: Dag, domains: Sequence[Sequence[int]]) -> Dag | None:
    """The paths of ``dag`` whose symbol on day ``d`` is in ``domains[d]``, as a minimized
    `Dag` (None when there is none).

    Equal to ``build_dag(automata, domains)`` when ``dag`` is ``build_dag(automata, U)`` for
    domains ``U`` that contain ``domains`` day by day: agents who share their automata and
    differ only in their days (leave) are built from one product this way.
    """
    num_days = len(dag.arcs)
    allowed = [frozenset(d) for d in domains]
    # Forward: arcs with an allowed symbol from a reachable node.
    reach: set[int] = set(range(dag.sizes[0]))
    kept: list[list[tuple[int, int, int]]] = []
    for d in range(num_days):
        ok = allowed[d]
        layer = [arc for arc in dag.arcs[d] if arc[1] in ok and arc[0] in reach]
        if not layer:
            return None
        kept.append(layer)
        reach = {dst for _src, _sym, dst in layer}
    # Backward: keep what reaches the end, merging nodes with equal futures.
    cls: dict[int, int] = dict.fromkeys(reach, 0)
    sizes = [1]
    layers: list[tuple[tuple[int, int, int], ...]] = []
    for d in range(num_days - 1, -1, -1):
        futures: dict[int, set[tuple[int, int]]] = {}
        for src, sym, dst in kept[d]:
            c = cls.get(dst)
            if c is not None:
                futures.setdefault(src, set()).add((sym, c))
        if not futures:
            return None
        signature: dict[tuple[tuple[int, int], ...], int] = {}
        new_cls: dict[int, int] = {}
        for node in sorted(futures):
            fate = tuple(sorted(futures[node]))
            new_cls[node] = signature.setdefault(fate, len(signature))
        layers.append(
            tuple((cid, sym, dst) for fate, cid in signature.items() for sym, dst in fate)
        )
        sizes.append(len(signature))
        cls = new_cls
    layers.reverse()
    sizes.reverse()
    return Dag(tuple(layers), tuple(sizes))


@dataclass(frozen=True)
class Posted:
    """A `Dag` posted to CP-SAT by `post_automaton`.

    ``values`` are the automaton's values (the start node's variable first when the
    graph has several start nodes, then one per day: a day variable, or the day's only
    symbol); ``days[d]`` maps each symbol the graph allows on day ``d`` to its literal
    (the constant 1 when it is the day's only symbol); ``ys[d]`` is day ``d``'s
    variable (None on a day with one symbol).
    """

    values: tuple[Any, ...]
    days: tuple[dict[int, Any], ...]
    ys: tuple[Any, ...]


def post_automaton(cp: cp_model.CpModel, dag: Dag, tag: str) -> Posted:
    """Post ``dag`` to the CP-SAT model ``cp`` as one automaton constraint over day
    variables ``y``, with a Boolean per day and symbol channelled to them (exactly one a
    day). An extra first value picks the starting node when the graph has several (the
    rotation phase). Variables are named ``phase{tag}``, ``y{tag}_{d}`` and
    ``x{tag}_{d}_{sym}``."""
    offsets = [0]
    for size in dag.sizes:
        offsets.append(offsets[-1] + size)
    start = offsets[0]
    values: list[Any] = []
    transitions: list[tuple[int, int, int]] = []
    if dag.sizes[0] > 1:
        start = offsets[-1]
        values.append(cp.new_int_var(0, dag.sizes[0] - 1, f"phase{tag}"))
        transitions += [(start, k, offsets[0] + k) for k in range(dag.sizes[0])]
    days: list[dict[int, Any]] = []
    ys: list[Any] = []
    for d, layer in enumerate(dag.arcs):
        syms = sorted({sym for _src, sym, _dst in layer})
        transitions += [(offsets[d] + src, sym, offsets[d + 1] + dst) for src, sym, dst in layer]
        if len(syms) == 1:
            values.append(syms[0])
            days.append({syms[0]: 1})
            ys.append(None)
            continue
        y = cp.new_int_var_from_domain(cp_model.Domain.from_values(syms), f"y{tag}_{d}")
        values.append(y)
        ys.append(y)
        day: dict[int, Any] = {}
        for sym in syms:
            x = cp.new_bool_var(f"x{tag}_{d}_{sym}")
            cp.add(y == sym).only_enforce_if(x)
            cp.add(y != sym).only_enforce_if(x.Not())
            day[sym] = x
        cp.add_exactly_one(day.values())
        days.append(day)
    cp.add_automaton(values, start, [offsets[len(dag.arcs)]], transitions)
    return Posted(tuple(values), tuple(days), tuple(ys))
