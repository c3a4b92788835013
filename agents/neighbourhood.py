"""Neighbourhood: one buurt's shared climate (cohesion, nuisance, livability)."""

from __future__ import annotations

import mesa

from agents.views import ColumnAttr

NEIGHBOURHOOD_SCHEMA = {
    "cohesion": ("f8", 5.7),  # VM social cohesion scale 0-10
    "nuisance": ("f8", 0.2),  # share of residents reporting much social nuisance
    "livability": ("f8", 7.0),  # livability grade 1-10
    "vulnerable_share": ("f8", 0.0),  # share of vulnerable households
    "unresolved_share": ("f8", 0.0),  # share of adults with unresolved severe problems
    "turnover": ("f8", 0.0),  # yearly share of households moving out
    "vacant": ("f8", 0.0),  # vacant dwellings
    "cohesion_ref": ("f8", 5.7),
    "nuisance_ref": ("f8", 0.2),
    "livability_ref": ("f8", 7.0),
    "unresolved_ref": ("f8", 0.0),
    "vulnerable_ref": ("f8", 0.0),
    "turnover_ref": ("f8", 0.0),
    "neighbour_ties_ref": ("f8", 0.0),
    "participation_ref": ("f8", 0.0),
    "quality_ref": ("f8", 0.6),
}


class Neighbourhood(mesa.Agent):
    """A buurt as an agent; its state lives in ``model.nbh`` (one row per area)."""

    def __init__(self, model: mesa.Model, index: int):
        super().__init__(model)
        self.index = index

    @property
    def area(self):
        return self.model.areas[self.index]

    @property
    def name(self) -> str:
        return self.area.name

    def checked_slot(self) -> int:
        return self.index

    @property
    def table(self):
        return self.model.nbh


for _name in NEIGHBOURHOOD_SCHEMA:
    setattr(Neighbourhood, _name, ColumnAttr(_name))
