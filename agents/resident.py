"""Resident: a person living in one of the simulated buurten."""

from __future__ import annotations

import numpy as np

from agents.schema import RESIDENT_SCHEMA, WORK_STATUS
from agents.views import ColumnAgent, bind_columns


class Resident(ColumnAgent):
    """A resident. State lives in ``model.residents``; see agents/schema.py for
    the columns and their units (distress on the K10 scale, loneliness on the
    De Jong Gierveld scale, health 1-5, control and trust 0-10)."""

    table_name = "residents"

    @property
    def household(self):
        return self.model.household_agent(self.hh)

    @property
    def area_code(self) -> str:
        return self.model.areas[self.area].code

    @property
    def work_status(self) -> str:
        return WORK_STATUS[self.work]

    @property
    def tie_partners(self) -> list[Resident]:
        """Residents this person has a close tie with (outside the household)."""
        return [self.model.resident_agent(int(j)) for j in self.model.network.partners(self.slot)]

    @property
    def problems(self) -> list[str]:
        """The problems this resident faces now, in plain (English) words."""
        return self.problems_in("en")

    def problems_in(self, lang: str) -> list[str]:
        """The problems this resident faces now, in Dutch ('nl') or English ('en')."""
        m, s = self.model, self.checked_slot()
        return m.problems_of(np.array([s]), lang)[0]


bind_columns(Resident, RESIDENT_SCHEMA)
