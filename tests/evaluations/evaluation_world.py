"""Internships for the evaluation tests: one inside its midterm window, answers that pass."""

from datetime import timedelta

from evaluations.services.evaluating import InternAnswers, MentorAnswers
from tests.evaluations.internship_world import running_internship

# dates_from's twelve weeks: the midterm window is week 7, the final the week after coding.
IN_MIDTERM = 6.5
BEFORE_MIDTERM = 4.5
AFTER_MIDTERM = 8.5
IN_FINAL = 12.5


def internship_at(participation, intern, mentors=(), *, weeks_in: float = IN_MIDTERM, **extra):
    return running_internship(participation, intern, mentors, weeks_in=weeks_in, **extra)


def mentor_answers(**changes) -> MentorAnswers:
    values = {
        "result": "pass",
        "action": "pay",
        "progress": "Weeks 1 to 6 done as planned; the exporter is merged.",
        "communication": "Weekly meetings, quick answers on the list.",
        "code": "Clean series, reviewed twice.",
        "extend_weeks": None,
    }
    return MentorAnswers(**{**values, **changes})


def intern_answers(**changes) -> InternAnswers:
    values = {
        "about_mentors": "Mira answered within a day and reviewed every patch.",
        "about_organization": "A welcoming channel.",
        "work_url": "",
    }
    return InternAnswers(**{**values, **changes})


def close_of_midterm(internship):
    """A moment just after the internship's midterm window closed."""
    return internship.midterm_closes + timedelta(minutes=1)
