"""The current round's internships and their weekly meetings."""

from datetime import timedelta

from benchmarks.seed.world import World, bulk
from evaluations.models import Internship, WeeklyMeeting
from projects.models import IdeaMentor


def current_internships(world: World) -> None:
    """2,000 internships of the current round (one per idea, the timed idea's among them),
    each with its idea's mentors, and their weekly meetings: weeks 1 to 5 logged (week 2 left
    out in one internship of three, so pages show missing weeks), the first four confirmed.
    The round itself is in its application period; these internships carry their own dates,
    coding five weeks in (as an extension could), so the pages have weeks behind and ahead.
    Week 5, the one whose reminder is due when the sweep is timed (days after the seed), is
    logged everywhere: the timed sweep stays the deadlines'."""
    how_many = min(world.count(2000), len(world.ideas))
    timed = world.ideas.index(world.idea)
    ideas = [world.ideas[(timed + n) % len(world.ideas)] for n in range(how_many)]
    interns = world.users("intern-now", how_many)
    starts = world.now - timedelta(weeks=5, days=1)
    dates = {
        "starts_at": starts,
        "ends_at": starts + timedelta(weeks=12),
        "midterm_opens": starts + timedelta(weeks=6),
        "midterm_closes": starts + timedelta(weeks=7),
        "final_opens": starts + timedelta(weeks=12),
        "final_closes": starts + timedelta(weeks=13),
    }
    world.internships = bulk(
        Internship(
            participation_id=idea.participation_id,
            intern=intern,
            idea=idea,
            project_title=idea.title,
            **dates,
        )
        for idea, intern in zip(ideas, interns, strict=True)
    )
    mentors_of: dict[int, list[int]] = {}
    for idea_id, user_id in IdeaMentor.objects.filter(idea__in=ideas).values_list(
        "idea_id", "user_id"
    ):
        mentors_of.setdefault(idea_id, []).append(user_id)
    through = Internship.mentors.through
    bulk(
        through(internship_id=internship.pk, user_id=user_id)
        for internship in world.internships
        for user_id in mentors_of.get(internship.idea_id, [])
    )

    def meeting(internship: Internship, week: int) -> WeeklyMeeting:
        held = starts + timedelta(weeks=week - 1, days=2)
        mentor = (mentors_of.get(internship.idea_id) or [None])[0]
        confirmed = week < 5 and mentor is not None
        return WeeklyMeeting(
            internship=internship,
            week=week,
            held_at=held,
            attendees="The intern and the mentors",
            progress="The benchmark runs; the span tree is half done.",
            blockers="Review is slow upstream.",
            next_steps="Finish the span tree, send the first series.",
            written_by_id=internship.intern_id,
            written_at=held,
            updated_at=held,
            confirmed_by_id=mentor if confirmed else None,
            confirmed_at=held + timedelta(days=1) if confirmed else None,
        )

    bulk(
        meeting(internship, week)
        for n, internship in enumerate(world.internships)
        for week in range(1, 6)
        if not (week == 2 and n % 3 == 1)
    )
