"""The nine monthly processes, in the order they run (the order is part of the model)."""

from model.processes import (
    demography,
    finances,
    life_events,
    mobility,
    neighbourhood,
    services,
    stress,
    support,
    ties,
)

PROCESSES = (
    ("life_events", life_events.step),
    ("finances", finances.step),
    ("stress", stress.step),
    ("support", support.step),
    ("services", services.step),
    ("ties", ties.step),
    ("neighbourhood", neighbourhood.step),
    ("mobility", mobility.step),
    ("demography", demography.step),
)
