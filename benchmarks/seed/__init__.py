"""The benchmark's data: one program with a current round and ten past ones, in bulk inserts.

`SCALE=1` is a current round of 1,000 accepted organizations with 10,000 published ideas,
2,000 org admins and 3,000 mentors, and ten past rounds with 5,000 internships between them
(the statistics page); `SCALE=0.1` a tenth of each. Every count goes through `World.count`.

Each step is one function that takes the `World`, inserts its rows with `bulk_create` in
batches (never a factory row by row: a million rows must seed in a minute), and keeps on the
world what later steps and the pages need. The steps sit in a module per part of the site
(`foundation`, `applying`, `choosing`, `interning`; the `World` and `bulk` in `world`); a
later part adds its data with one function there and one line in `STEPS`.
"""

from django.db import transaction

from benchmarks.seed.alumni import alumni_and_certificates
from benchmarks.seed.applying import applicants_and_proposals
from benchmarks.seed.choosing import interviews, reviews_and_rankings, selections
from benchmarks.seed.foundation import (
    ideas,
    org_admins_and_mentors,
    organizations,
    outbox_history,
    past_internships,
    program_and_rounds,
)
from benchmarks.seed.interning import current_internships
from benchmarks.seed.payments import payments
from benchmarks.seed.world import World, bulk

__all__ = ["STEPS", "World", "bulk", "seed"]


# The steps, in order; a later part appends its own.
STEPS = [
    program_and_rounds,
    organizations,
    org_admins_and_mentors,
    ideas,
    past_internships,
    outbox_history,
    applicants_and_proposals,
    reviews_and_rankings,
    selections,
    interviews,
    current_internships,
    payments,  # payments lane
    alumni_and_certificates,
]


@transaction.atomic
def seed(scale: float) -> World:
    world = World(scale=scale)
    for step in STEPS:
        step(world)
    return world
