"""The eleven monthly processes, in the order they run (the order is part of the model)."""

from model.processes import (
    demography,
    finances,
    housing,
    life_events,
    mobility,
    neighbourhood,
    services,
    stress,
    support,
    ties,
    vulnerability,
)
from model.processes.process import Process

PROCESSES: tuple[Process, ...] = (
    life_events.PROCESS,
    finances.PROCESS,
    stress.PROCESS,
    vulnerability.PROCESS,
    support.PROCESS,
    services.PROCESS,
    ties.PROCESS,
    neighbourhood.PROCESS,
    mobility.PROCESS,
    housing.PROCESS,
    demography.PROCESS,
)

# The order of the ``init`` hooks: as the monthly order, except that the buurt's
# 2021 references (neighbourhood) are taken last, from the start state the other
# processes have set (the seeded moves log of mobility).
START_ORDER: tuple[Process, ...] = tuple(p for p in PROCESSES if p is not neighbourhood.PROCESS) + (
    neighbourhood.PROCESS,
)
