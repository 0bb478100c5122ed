"""Many internships and meetings at once, for the query-count tests (bulk inserts: fast)."""

from django.utils import timezone

from evaluations.models import Internship, WeeklyMeeting
from people.models import User
from tests.evaluations.internship_world import dates_from


def internships(participation, how_many: int, *, mentor=None, weeks_in=4.5) -> list[Internship]:
    from datetime import timedelta

    starts = timezone.now() - timedelta(days=7 * weeks_in)
    tag = f"{participation.pk}-{User.objects.count()}"
    interns = User.objects.bulk_create(
        User(email=f"bulk-intern-{tag}-{n}@example.org", display_name=f"Intern {n}")
        for n in range(how_many)
    )
    made = Internship.objects.bulk_create(
        Internship(
            participation=participation,
            intern=intern,
            project_title=f"Project {n}",
            **dates_from(starts),
        )
        for n, intern in enumerate(interns)
    )
    if mentor is not None:
        Internship.mentors.through.objects.bulk_create(
            Internship.mentors.through(internship_id=i.pk, user_id=mentor.pk) for i in made
        )
    return made


def meetings(of: list[Internship], weeks: range) -> list[WeeklyMeeting]:
    now = timezone.now()
    return WeeklyMeeting.objects.bulk_create(
        WeeklyMeeting(
            internship=internship,
            week=week,
            held_at=now,
            progress="Progress.",
            written_by_id=internship.intern_id,
            written_at=now,
            updated_at=now,
        )
        for internship in of
        for week in weeks
    )
