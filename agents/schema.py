"""Column schemas (name -> dtype, fill value) and the codes used in them."""

import numpy as np

# Work status codes (Resident.work)
CHILD, STUDENT, EMPLOYED, UNEMPLOYED, INACTIVE, RETIRED = range(6)
WORK_STATUS = ("child", "student", "employed", "unemployed", "inactive", "retired")
# Tenure codes (dwelling tenure)
CORPORATION, PRIVATE_RENT, OWNER = range(3)
TENURES = ("corporation", "private_rent", "owner")
# Household kinds (household column "kind"; set by the population synthesis)
SINGLE, COUPLE, COUPLE_KIDS, SINGLE_PARENT, OTHER = range(5)
HOUSEHOLD_KINDS = ("single", "couple", "couple_with_children", "single_parent", "other_multi")
# Person roles in the household (resident column "role")
R_SINGLE, R_PARTNER, R_OTHER, R_PARENT, R_SINGLE_PARENT, R_CHILD = range(6)
ROLES = ("single", "partner", "other_adult", "parent", "single_parent", "child")
NO_SERVICE = -1

f32, i32, i16, i8 = np.float32, np.int32, np.int16, np.int8

RESIDENT_SCHEMA = {
    "hh": (i32, -1),
    "area": (i16, -1),
    "age": (f32, 0.0),
    "female": (bool, False),
    "role": (i8, 0),
    "background": (i8, 0),
    "work": (i8, CHILD),
    "wage": (f32, 0.0),
    "unemployed_months": (i16, 0),
    "lvb": (bool, False),
    "distress": (f32, 15.0),
    "distress_base": (f32, 15.0),  # K10 scale 10-50
    "lonely": (f32, 2.0),
    "lonely_base": (f32, 2.0),  # De Jong Gierveld 0-11
    "health": (f32, 3.5),
    "health_base": (f32, 3.5),  # self-rated 1-5
    "illness": (f32, 0.0),  # current illness penalty
    "control": (f32, 6.0),
    "control_base": (f32, 6.0),  # sense of control 0-10
    "trust": (f32, 5.0),
    "trust_base": (f32, 5.0),  # trust in municipality 0-10
    "influence": (f32, 4.0),
    "influence_base": (f32, 4.0),  # felt influence 0-10
    "wanted_ties": (f32, 4.0),
    "sociability": (f32, 0.4),
    "ties": (i16, 0),
    "ext_ties": (i16, 0),  # close ties living outside the simulated buurten
    "stress": (f32, 0.0),
    "support": (f32, 0.0),
    "help_capacity": (f32, 1.0),
    "events": (f32, 0.0),
    "participates": (bool, False),
    "resilience": (f32, 5.0),
    "service": (i8, NO_SERVICE),
    "service_since": (i32, 0),
    "waiting": (i8, NO_SERVICE),
    "wait_since": (i32, 0),
    "helped_month": (i32, -9999),
    "cohort": (bool, False),  # lived in a focus buurt at the programme start (model.views)
}

HOUSEHOLD_SCHEMA = {
    "dwelling": (i32, -1),
    "area": (i16, -1),
    "kind": (i8, 0),
    "background": (i8, 0),
    "vulnerable": (bool, False),
    "entitled": (bool, False),
    "claims": (bool, False),
    "claimant": (bool, True),
    "toeslag": (bool, False),
    "income": (f32, 0.0),
    "costs": (f32, 0.0),
    "margin_ref": (f32, 0.0),
    "buffer": (f32, 0.0),
    "buffer_base": (f32, 0.0),
    "arrears": (bool, False),
    "debt": (bool, False),
    "debt_months": (i32, 0),
    "worry": (bool, False),
    "moved_in": (i32, 0),
}

DWELLING_SCHEMA = {
    "area": (i16, -1),
    "block": (i32, -1),
    "x": (f32, 0.0),
    "y": (f32, 0.0),
    "tenure": (i8, CORPORATION),
    "quality": (f32, 0.6),
    "flat": (bool, False),
    "occupant": (i32, -1),
    "vacant_since": (i32, 0),
}
