"""Demo internships, from QEMU's past interns to the current rounds' in every state.

Called by `manage.py demo` after the programs part (see programs.demo): `extend(world)`.
The internships are made (internships.py), the intern account's gets the demo mentor, each
current one is played up to now (story.py: extension, evaluations, decisions, statuses,
payments, certificates), then the program admin's approvals and exports (payments.py), the
weekly meetings (meetings.py) and the records of the past internships (past.py).
"""

from evaluations.demo.internships import (
    announced_internships,
    current_internships,
    past_internships,
)
from evaluations.demo.meetings import log_meetings
from evaluations.demo.past import past_records
from evaluations.demo.payments import approve_and_export
from evaluations.demo.story import play
from evaluations.models import Internship
from evaluations.statistics_cache import forget_statistics
from programs.demo.accounts import INTERN
from programs.demo.world import DemoWorld


def extend(world: DemoWorld) -> None:
    past_internships(world)
    announced_internships(world)
    current_internships(world)
    _the_intern_works_with_the_demo_mentor(world)
    played = play(world)
    approve_and_export(world)
    log_meetings(world, played)
    past_records(world)
    # Inserted in bulk, which sends no signal: a statistics table cached before the demo
    # (in Redis, which outlives the database) would otherwise be shown for up to an hour.
    forget_statistics()


def _the_intern_works_with_the_demo_mentor(world: DemoWorld) -> None:
    intern, mentor = world.accounts.get(INTERN.key), world.accounts.get("mentor")
    if intern is None or mentor is None:
        return
    for internship in Internship.objects.filter(
        intern=intern, participation__round__in=world.rounds.values()
    ):
        internship.mentors.add(mentor)
