"""A round in its review phase with ranked proposals, for the selection tests.

`in_review(round_)` moves the personas' round into review (the application deadline passed,
the results still to come); `candidate(...)` makes a submitted, ranked proposal to one of a
participation's ideas, with a committed mentor when one is given.
"""

from django.utils import timezone

from applications.models import Application
from programs.models import Membership, Participation, Round
from programs.schedules import dates_in_phase
from programs.timeline import Phase
from selection.models import Candidacy
from tests.factories import (
    ApplicationFactory,
    CandidacyFactory,
    MembershipFactory,
    MentorCommitmentFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    UserFactory,
)


def in_review(round_: Round) -> Round:
    Round.objects.filter(pk=round_.pk).update(**dates_in_phase(Phase.REVIEW, timezone.now()))
    round_.refresh_from_db()
    return round_


def granted(participation: Participation, slots: int) -> Participation:
    participation.slots_max = max(participation.slots_max, slots)
    participation.slots_granted = slots
    participation.save(update_fields=["slots_max", "slots_granted"])
    return participation


def mentor_of(participation: Participation, name: str = "Max Mentor"):
    user = UserFactory(display_name=name)
    MembershipFactory(participation=participation, user=user, role=Membership.Role.MENTOR)
    return user


def other_organization(round_: Round, name: str = "libvirt", slots: int = 2) -> Participation:
    """An accepted organization of the round with slots (the outsider persona's libvirt when
    it exists already)."""
    slug = name.lower().replace(" ", "-")
    participation = Participation.objects.filter(
        round=round_, organization__slug=slug
    ).first() or ParticipationFactory(
        round=round_, organization=OrganizationFactory(name=name, slug=slug), slots_max=slots
    )
    return granted(participation, slots)


def candidate(
    participation: Participation,
    *,
    rank: int | None,
    applicant=None,
    mentor=None,
    idea=None,
    title: str | None = None,
    preference: int | None = None,
) -> Candidacy:
    applicant = applicant or UserFactory()
    application = Application.objects.filter(
        applicant=applicant, round=participation.round
    ).first() or ApplicationFactory(applicant=applicant, round=participation.round)
    proposal = ProposalFactory(
        application=application,
        idea=idea or ProjectIdeaFactory(participation=participation),
        submitted=True,
        preference=preference,
        **({"title": title} if title else {}),
    )
    if mentor is not None:
        MentorCommitmentFactory(proposal=proposal, mentor=mentor)
    return CandidacyFactory(proposal=proposal, rank=rank)
