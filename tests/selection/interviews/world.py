"""Interviews as their tests need them: a proposal of a person to QEMU's idea flagged for
interview, the mentor's invitation, and slots of the mentor at known times."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from applications.models import Application
from selection.models import Candidacy, InterviewInvitation, InterviewSlot
from selection.services.interviews import interview_book
from tests.factories import (
    ApplicationFactory,
    CandidacyFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    UserFactory,
)

HOUR = timedelta(hours=1)


def flagged(participation, applicant, *, by=None) -> Candidacy:
    """`applicant`'s submitted proposal to a new idea of the participation, flagged."""
    application = Application.objects.filter(applicant=applicant, round=participation.round)
    application = application.first() or ApplicationFactory(
        applicant=applicant, round=participation.round
    )
    proposal = ProposalFactory(
        application=application,
        idea=ProjectIdeaFactory(participation=participation),
        submitted=True,
    )
    return CandidacyFactory(
        proposal=proposal, interview_flagged_at=timezone.now(), interview_flagged_by=by
    )


def invited(participation, applicant, mentor) -> InterviewInvitation:
    candidacy = flagged(participation, applicant, by=mentor)
    return InterviewInvitation.objects.create(
        candidacy=candidacy, mentor=mentor, invited_at=timezone.now()
    )


def slot(participation, mentor, starts_at: datetime, length: timedelta = HOUR) -> InterviewSlot:
    return InterviewSlot.objects.create(
        participation=participation,
        mentor=mentor,
        starts_at=starts_at,
        ends_at=starts_at + length,
        where="https://meet.example.org/qemu-interviews",
    )


def tomorrow_at(hour: int, minute: int = 0) -> datetime:
    """A whole hour of tomorrow, in UTC."""
    day = (timezone.now() + timedelta(days=1)).astimezone(UTC)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def person(email: str, zone: str = "UTC"):
    return UserFactory(email=email, display_name=email.split("@")[0].title(), timezone=zone)


def booked_interview(participation, mentor, applicant):
    """`applicant` invited by `mentor`, booked into a slot tomorrow, with a second slot free:
    something behind every interview address (the site-wide tests use it)."""
    invited(participation, applicant, mentor)
    booked = interview_book(slot=slot(participation, mentor, tomorrow_at(14)), applicant=applicant)
    return booked, slot(participation, mentor, tomorrow_at(16))
