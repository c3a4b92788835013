"""Mesa agents of the Veerkracht model and their column state."""

from agents.household import Household
from agents.neighbourhood import Neighbourhood
from agents.organisation import Organisation
from agents.resident import Resident
from agents.state import Columns

__all__ = ["Columns", "Household", "Neighbourhood", "Organisation", "Resident"]
