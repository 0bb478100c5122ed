"""Internships in each state the dashboards show, for their tests: midterm windows open or
closed, evaluations in or missing, a decision, an extension, an org admin in place of the
mentors. The round's rules are the defaults: both sides required at both phases; a missing mentors'
evaluation fails the internship, a missing intern's holds the payment."""

from django.utils import timezone

from evaluations.models import EvaluationPhase, InternshipEvent
from tests.evaluations.internship_world import running_internship
from tests.factories import (
    DecisionFactory,
    InternEvaluationFactory,
    MentorEvaluationFactory,
    UserFactory,
)

# Weeks into coding: the midterm window (weeks 6 to 7 of `dates_from`) not open yet, open,
# closed.
BEFORE_MIDTERM = 4.5
DURING_MIDTERM = 6.5
AFTER_MIDTERM = 8.5

MENTOR_TEXT = "Secret mentor words about the code."
INTERN_TEXT = "Secret intern words about the mentors."


def intern(name: str):
    return UserFactory(display_name=name, email=f"{name.split()[0].lower()}.intern@example.org")


def internship(participation, name: str, mentors=(), *, weeks_in=BEFORE_MIDTERM):
    return running_internship(
        participation, intern(name), mentors, weeks_in=weeks_in, project_title=f"{name}'s work"
    )


def mentors_pass(internship, **extra):
    return MentorEvaluationFactory(
        internship=internship,
        submitted_by=extra.pop("submitted_by", None) or UserFactory(),
        code=MENTOR_TEXT,
        **extra,
    )


def intern_evaluates(internship, **extra):
    return InternEvaluationFactory(internship=internship, about_mentors=INTERN_TEXT, **extra)


def decide(internship, outcome="passed", phase=EvaluationPhase.MIDTERM):
    return DecisionFactory(internship=internship, phase=phase, outcome=outcome)


def extended(internship, *, midterm: bool):
    """An extension's record as `services.extensions.extend` leaves it (the dates are not
    moved here: the dashboards read the record)."""
    moved = ["ends_at", "final_opens", "final_closes"]
    if midterm:
        moved += ["midterm_opens", "midterm_closes"]
    now = timezone.now()
    return InternshipEvent.objects.create(
        internship=internship,
        kind=InternshipEvent.Kind.EXTENSION,
        from_status=internship.status,
        to_status=internship.status,
        at=now,
        reason="Exams.",
        details={"weeks": 2, "after": {name: now.isoformat() for name in moved}},
    )
