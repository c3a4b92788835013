"""Mesa agents whose attributes are views onto the model's column arrays.

``resident.distress`` reads ``model.residents.distress[resident.slot]``; writing
it writes the column. An agent whose slot was freed (death, move) raises on
access instead of silently reading whoever occupies the slot now.
"""

from __future__ import annotations

import mesa


class LeftModelError(RuntimeError):
    """The agent no longer exists in the model (died or moved away)."""


class ColumnAttr:
    """Descriptor mapping an agent attribute to one column of its table."""

    def __init__(self, column: str | None = None):
        self.column = column

    def __set_name__(self, owner: type, name: str) -> None:
        self.column = self.column or name

    def __get__(self, obj: ColumnAgent | None, objtype: type | None = None):
        if obj is None:
            return self
        return getattr(obj.table, self.column)[obj.checked_slot()].item()

    def __set__(self, obj: ColumnAgent, value) -> None:
        getattr(obj.table, self.column)[obj.checked_slot()] = value


class ColumnAgent(mesa.Agent):
    """A Mesa agent bound to one slot of a column table of the model."""

    table_name: str = ""

    def __init__(self, model: mesa.Model, slot: int):
        super().__init__(model)
        self.slot = int(slot)
        self.serial = int(self.table.serial[self.slot])

    @property
    def table(self):
        return getattr(self.model, self.table_name)

    @property
    def present(self) -> bool:
        """Whether this agent still lives in the simulated buurten."""
        return self.slot >= 0 and int(self.table.serial[self.slot]) == self.serial

    def checked_slot(self) -> int:
        if not self.present:
            raise LeftModelError(f"{type(self).__name__} {self.unique_id} has left the model")
        return self.slot

    def detach(self) -> None:
        """Deregister from Mesa and forget the slot (it may be reused)."""
        self.slot = -1
        self.remove()


def bind_columns(cls: type, schema: dict) -> type:
    """Add a ColumnAttr for every schema column the class does not define itself."""
    for name in schema:
        if name not in cls.__dict__:
            attr = ColumnAttr(name)
            setattr(cls, name, attr)
    return cls
