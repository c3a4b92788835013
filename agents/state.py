"""Column state ("structure of arrays") for residents, households and dwellings.

The monthly processes work on these NumPy columns; Mesa agents are thin views
onto one slot each (see ``agents/views.py``). Slots of people who left are put
on a free list and reused, lowest first, so the arrays stay about as long as
the population and slot reuse is deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


class Columns:
    """A growable table of typed NumPy columns with slot reuse.

    ``alive[i]`` says whether slot ``i`` holds an entity. Dead slots keep
    their last values but every consumer masks them with ``alive``.
    """

    def __init__(self, schema: Mapping[str, tuple[np.dtype | type, object]], capacity: int = 64):
        self.schema = {name: (np.dtype(dt), fill) for name, (dt, fill) in schema.items()}
        self.size = 0  # high-water mark: slots [0, size) have been used
        self._free: list[int] = []
        capacity = max(int(capacity), 1)
        self.alive = np.zeros(capacity, dtype=bool)
        self.serial = np.full(capacity, -1, dtype=np.int64)  # identity of the occupant
        self._next_serial = 0
        for name, (dt, fill) in self.schema.items():
            setattr(self, name, np.full(capacity, fill, dtype=dt))

    @property
    def capacity(self) -> int:
        return self.alive.shape[0]

    @property
    def n_alive(self) -> int:
        return int(self.alive[: self.size].sum())

    def active(self) -> np.ndarray:
        """Slot indices of living entities, ascending."""
        return np.flatnonzero(self.alive[: self.size])

    def _grow(self, needed: int) -> None:
        new_cap = self.capacity
        while new_cap < needed:
            new_cap *= 2
        if new_cap == self.capacity:
            return
        extra = new_cap - self.capacity
        self.alive = np.concatenate([self.alive, np.zeros(extra, dtype=bool)])
        self.serial = np.concatenate([self.serial, np.full(extra, -1, dtype=np.int64)])
        for name, (dt, fill) in self.schema.items():
            col = getattr(self, name)
            setattr(self, name, np.concatenate([col, np.full(extra, fill, dtype=dt)]))

    def add(self, n: int, **values: object) -> np.ndarray:
        """Occupy ``n`` slots (free ones first, lowest first) and set their values."""
        n = int(n)
        if n <= 0:
            return np.empty(0, dtype=np.int64)
        self._free.sort()
        reuse = self._free[:n]
        del self._free[:n]
        fresh = n - len(reuse)
        start = self.size
        self._grow(start + fresh)
        self.size = start + fresh
        slots = np.array(reuse + list(range(start, start + fresh)), dtype=np.int64)
        for name, (_, fill) in self.schema.items():
            getattr(self, name)[slots] = fill
        for name, value in values.items():
            if name not in self.schema:
                raise KeyError(f"unknown column {name!r}")
            getattr(self, name)[slots] = value
        self.alive[slots] = True
        self.serial[slots] = np.arange(self._next_serial, self._next_serial + n)
        self._next_serial += n
        return slots

    def remove(self, slots: np.ndarray) -> None:
        """Free the given slots; their occupants no longer exist."""
        slots = np.asarray(slots, dtype=np.int64)
        if slots.size == 0:
            return
        if not self.alive[slots].all():
            raise ValueError("removing a slot that is not alive")
        self.alive[slots] = False
        self.serial[slots] = -1
        self._free.extend(int(s) for s in slots)

    def column(self, name: str) -> np.ndarray:
        return getattr(self, name)
