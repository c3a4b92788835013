"""Close ties between residents (outside their own household) as an edge list.

The monthly loop uses ``adjacency()`` (a scipy.sparse CSR matrix) for support
and friend-of-friend meetings and ``degree()`` for counts; networkx is used
for analysis (``to_networkx``, ``summary``).
Household ties are implicit: members of one household support each other
through the household index, not through edges.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from model.mathutil import in_slots, member

FRIEND, NEIGHBOUR, ACTIVITY = range(3)
TIE_KINDS = ("friend", "neighbour", "activity")


class TieNetwork:
    """Undirected close ties, stored once per pair (a < b)."""

    def __init__(self) -> None:
        self.a = np.empty(0, dtype=np.int64)
        self.b = np.empty(0, dtype=np.int64)
        self.kind = np.empty(0, dtype=np.int8)
        self.similar = np.empty(0, dtype=bool)
        self._adjacency: tuple[int, sp.csr_matrix] | None = None  # cache until ties change

    def __len__(self) -> int:
        return int(self.a.size)

    def add(
        self, a: np.ndarray, b: np.ndarray, kind: np.ndarray | int, similar: np.ndarray
    ) -> None:
        """Add ties, dropping self-ties and pairs that already exist."""
        a, b = np.minimum(a, b), np.maximum(a, b)
        kind = np.broadcast_to(np.asarray(kind, dtype=np.int8), a.shape)
        keep = a != b
        a, b, kind, similar = a[keep], b[keep], kind[keep], np.asarray(similar)[keep]
        if a.size == 0:
            return
        key = a * (1 << 32) + b
        _, new = np.unique(key, return_index=True)  # the first of each pair given
        new.sort()
        new = new[~member(key[new], self.a * (1 << 32) + self.b)]  # not tied already
        self.a = np.concatenate([self.a, a[new]])
        self.b = np.concatenate([self.b, b[new]])
        self.kind = np.concatenate([self.kind, kind[new]])
        self.similar = np.concatenate([self.similar, similar[new]])
        self._adjacency = None

    def keep(self, mask: np.ndarray) -> None:
        self.a, self.b = self.a[mask], self.b[mask]
        self.kind, self.similar = self.kind[mask], self.similar[mask]
        self._adjacency = None

    def drop_people(self, slots: np.ndarray) -> np.ndarray:
        """Remove every tie of the given residents (they left or died); return the
        slots of the people they were tied to who stay (once per tie)."""
        if not (slots.size and self.a.size):
            return np.empty(0, dtype=np.int64)
        a_gone, b_gone = in_slots(self.a, slots), in_slots(self.b, slots)
        stayers = np.concatenate([self.b[a_gone & ~b_gone], self.a[b_gone & ~a_gone]])
        self.keep(~(a_gone | b_gone))
        return stayers

    def degree(self, n: int) -> np.ndarray:
        return (np.bincount(self.a, minlength=n) + np.bincount(self.b, minlength=n))[:n]

    def adjacency(self, n: int) -> sp.csr_matrix:
        """Symmetric 0/1 matrix of ties among resident slots 0..n-1 (cached)."""
        if self._adjacency is not None and self._adjacency[0] == n:
            return self._adjacency[1]
        rows = np.concatenate([self.a, self.b])
        cols = np.concatenate([self.b, self.a])
        data = np.ones(rows.size, dtype=np.float32)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
        self._adjacency = (n, matrix)
        return matrix

    def partners(self, slot: int) -> np.ndarray:
        return np.sort(np.concatenate([self.b[self.a == slot], self.a[self.b == slot]]))

    def to_networkx(self, kinds: bool = True) -> nx.Graph:
        """The tie graph for analysis (components, clustering, paths)."""
        g = nx.Graph()
        if kinds:
            g.add_edges_from(
                (int(x), int(y), {"kind": TIE_KINDS[k]})
                for x, y, k in zip(self.a, self.b, self.kind, strict=True)
            )
        else:
            g.add_edges_from(zip(self.a.tolist(), self.b.tolist(), strict=True))
        return g


def summary(model) -> dict[str, float]:
    """Statistics of the close-tie network (networkx), for checks and reports."""
    res = model.residents
    g = model.network.to_networkx(kinds=False)
    alive = res.active()
    adults = alive[res.age[alive] >= 18]
    g.add_nodes_from(adults.tolist())
    nx.set_node_attributes(g, {int(i): float(res.age[i]) for i in g.nodes}, "age")
    largest = max((len(c) for c in nx.connected_components(g)), default=0)
    total = res.ties[adults] + res.ext_ties[adults]
    return {
        "adults": int(adults.size),
        "local_ties": int(g.number_of_edges()),
        "mean_close_ties": float(total.mean()) if adults.size else 0.0,
        "zero_ties_share": float((total == 0).mean()) if adults.size else 0.0,
        "clustering": float(nx.average_clustering(g)) if g.number_of_nodes() else 0.0,
        "largest_component_share": largest / max(g.number_of_nodes(), 1),
        "age_assortativity": float(nx.numeric_assortativity_coefficient(g, "age"))
        if g.number_of_edges() > 1
        else 0.0,
    }


def match_stubs(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pair 'stubs' (tie ends) that are adjacent when sorted by ``key``.

    ``key`` encodes where people meet and how alike they are (area, setting,
    background, age plus noise), so adjacent stubs make homophilous pairs.
    ``key`` has one row per sort level, most important first. Returns the
    stub indices of the two ends of each pair; self-pairs are left for the
    caller to drop.
    """
    order = np.lexsort(key[::-1])
    n = order.size - order.size % 2
    return order[0:n:2], order[1:n:2]
