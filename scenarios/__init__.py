"""Interventions (one class each), shocks and scenarios with budgets."""

from scenarios.base import Intervention, Shock
from scenarios.interventions import CATALOGUE
from scenarios.scenario import Allocation, Scenario
from scenarios.shocks import SHOCKS

__all__ = ["CATALOGUE", "SHOCKS", "Allocation", "Intervention", "Scenario", "Shock"]
