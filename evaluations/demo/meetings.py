"""The weekly meetings of the demo's current internships, for the weeks over by now (or by
the day the internship ended).

Intern and mentor take turns writing the log and the other confirms it. The intern
account's latest week over is left without a log (so "no meeting logged" shows) and the last
one logged waits for the mentor's confirmation; some fates skip weeks (see story.FATES).
"""

from datetime import timedelta

from evaluations.demo.story import fate_of
from evaluations.models import Internship, WeeklyMeeting
from programs.demo.accounts import INTERN
from programs.demo.world import DemoWorld

MEETING_NOTES = (
    ("Set up the build and the test image.", "", "Read the block layer's backup code."),
    ("A first draft of the backup job.", "The job hangs on a full disk.", "Handle ENOSPC."),
    ("Incremental mode works on one disk.", "", "Send the series to the list."),
    ("Review comments addressed, v2 sent.", "Waiting for a maintainer.", "Start the tests."),
)


def log_meetings(world: DemoWorld, internships: list[Internship]) -> None:
    rows = []
    for internship in internships:
        rows += _meetings(world, internship)
    WeeklyMeeting.objects.bulk_create(rows)


def _meetings(world: DemoWorld, internship: Internship) -> list[WeeklyMeeting]:
    mentors = list(internship.mentors.all())
    if not mentors:
        return []
    mentor, intern = mentors[0], internship.intern
    until = world.now
    if not internship.is_running and internship.status_changed_at is not None:
        until = min(until, internship.status_changed_at)
    ended = internship.weeks_ended_by(until)
    the_intern_account = intern.email == INTERN.email and internship.is_running
    skip_every = fate_of(internship).meetings_missing_every
    weeks = [
        week
        for week in range(1, ended + 1)
        if not (skip_every and week % skip_every == 2 % skip_every)
        and not (the_intern_account and week == ended)
    ]
    rows = []
    for week in weeks:
        starts, _ = internship.week_bounds(week)
        progress, blockers, next_steps = MEETING_NOTES[(week - 1) % len(MEETING_NOTES)]
        held = starts + timedelta(days=2, hours=15)
        writer, other = (intern, mentor) if week % 2 else (mentor, intern)
        # The intern account's last log waits for the mentor's confirmation.
        confirmed = not (the_intern_account and week == weeks[-1])
        if the_intern_account:
            writer, other = intern, mentor
        rows.append(
            WeeklyMeeting(
                internship=internship,
                week=week,
                held_at=held,
                attendees=f"{intern.name}, {mentor.name}",
                progress=progress,
                blockers=blockers,
                next_steps=next_steps,
                written_by=writer,
                written_at=held + timedelta(hours=2),
                updated_at=held + timedelta(hours=2),
                confirmed_by=other if confirmed else None,
                confirmed_at=held + timedelta(days=1) if confirmed else None,
            )
        )
    return rows
