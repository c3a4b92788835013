"""Organisations: the services and settings that residents meet in the buurt."""

from __future__ import annotations

import mesa

# Kind codes. The first four take cases (problem -> waiting list -> help);
# the others are settings and actors used by other processes.
DEBT_COUNSELLING, SOCIAL_TEAM, GP_HEALTH, WELFARE_WORK = range(4)
HOUSING_CORPORATION, SCHOOL, COMMUNITY_CENTRE, RESIDENTS_ASSOCIATION = range(4, 8)
ORGANISATION_KINDS = (
    "debt_counselling",
    "social_district_team",
    "gp_health",
    "welfare_community_work",
    "housing_corporation",
    "school",
    "community_centre",
    "residents_association",
)
CASE_KINDS = (DEBT_COUNSELLING, SOCIAL_TEAM, GP_HEALTH, WELFARE_WORK)


class Organisation(mesa.Agent):
    """One organisation serving one buurt.

    Case-taking kinds (debt counselling, social district team, GP, welfare
    work) have a capacity (cases), a current caseload and a waiting list,
    which the services process updates every month. The other kinds are
    present for inspection and as anchors for interventions; what they do
    acts through the processes: the housing corporation's lettings and
    evictions (mobility, life events), the community centre's and residents'
    association's activities (participation in the ties process). Schools are
    not yet a separate meeting place.
    """

    def __init__(self, model: mesa.Model, kind: int, area: int, capacity: int):
        super().__init__(model)
        self.kind = kind
        self.area = area
        self.capacity = capacity
        self.caseload = 0
        self.waiting = 0

    @property
    def kind_name(self) -> str:
        return ORGANISATION_KINDS[self.kind]

    @property
    def takes_cases(self) -> bool:
        return self.kind in CASE_KINDS

    def __repr__(self) -> str:
        return (
            f"Organisation({self.kind_name}, area={self.model.areas[self.area].key}, "
            f"capacity={self.capacity}, caseload={self.caseload}, waiting={self.waiting})"
        )
