"""Household: the people sharing one dwelling, and their money."""

from __future__ import annotations

from agents.schema import HOUSEHOLD_SCHEMA, TENURES
from agents.views import ColumnAgent, bind_columns

HOUSEHOLD_KINDS = ("single", "couple", "couple_with_children", "single_parent", "other_multi")


class Household(ColumnAgent):
    """A household; income and costs in EUR per month, savings buffer in EUR."""

    table_name = "households"

    @property
    def members(self) -> list:
        res = self.model.residents
        slots = res.active()[res.hh[res.active()] == self.checked_slot()]
        return [self.model.resident_agent(int(s)) for s in slots]

    @property
    def kind_name(self) -> str:
        return HOUSEHOLD_KINDS[self.kind]

    @property
    def tenure(self) -> str:
        return TENURES[int(self.model.dwellings.tenure[self.dwelling])]

    @property
    def position(self) -> tuple[float, float]:
        """Dwelling position in metres on the model's local plane."""
        d = self.model.dwellings
        return float(d.x[self.dwelling]), float(d.y[self.dwelling])


bind_columns(Household, HOUSEHOLD_SCHEMA)
