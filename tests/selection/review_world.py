"""Helpers for the review tests: the personas' round moved into its review period, and
submitted proposals to QEMU's ideas."""

from django.utils import timezone

from programs.schedules import dates_in_phase
from programs.timeline import Phase
from tests.factories import ApplicationFactory, ProjectIdeaFactory, ProposalFactory, UserFactory


def in_review(round_, phase: Phase = Phase.REVIEW):
    """Moves the round so now lies in `phase` (REVIEW: after the application deadline,
    before the results)."""
    for name, moment in dates_in_phase(phase, timezone.now()).items():
        setattr(round_, name, moment)
    round_.save()
    return round_


def submitted(participation, *, idea=None, applicant=None, **extra):
    application = ApplicationFactory(
        round=participation.round, applicant=applicant or UserFactory()
    )
    return ProposalFactory(
        application=application,
        idea=idea or ProjectIdeaFactory(participation=participation),
        submitted=True,
        **extra,
    )
