"""What the interview pages read: a few queries each, whatever the size of the round (lists
are paginated or cut, never the round's every slot)."""

import operator
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet

from applications.models import Proposal
from people.models import User
from programs.models import Participation, Round
from selection.models import Candidacy, Interview, InterviewInvitation, InterviewSlot
from selection.services.interviews import booked_exists, free_slots

SLOTS_PER_PAGE = 25
FLAGGED_PER_PAGE = 20
FREE_SLOTS_PER_PAGE = 20
# An applicant holds a handful of invitations and bookings in a round; past that, the latest.
INVITATIONS_SHOWN = 20
BOOKINGS_SHOWN = 20
# The choices of a new time when moving: the mentor's next free slots.
MOVE_CHOICES = 30


# --- The mentor's slots page ------------------------------------------------------------------


def mentor_slots(*, participation: Participation, mentor: User, past: bool, now: datetime):
    """The person's slots in the organization, upcoming (soonest first) or past (latest
    first), each with its booking (`booked`: a list of at most one) and applicant."""
    slots = InterviewSlot.objects.filter(
        participation=participation, mentor=mentor, withdrawn_at__isnull=True
    )
    if past:
        slots = slots.filter(starts_at__lte=now).order_by("-starts_at", "-pk")
    else:
        slots = slots.filter(starts_at__gt=now).order_by("starts_at", "pk")
    return slots.prefetch_related(
        Prefetch(
            "interviews",
            queryset=Interview.objects.booked().select_related("applicant"),
            to_attr="booked",
        )
    )


def organization_interviews(*, participation: Participation) -> QuerySet:
    """Every booked interview of the organization, latest first, for its org admins: who
    interviewed whom, when, and the outcome (the notes are on each interview's page)."""
    return (
        Interview.objects.booked()
        .filter(slot__participation=participation)
        .select_related("mentor", "applicant")
        .defer("notes")
        .order_by("-starts_at", "-pk")
    )


def flagged_candidacies(*, participation: Participation, mentor: User) -> QuerySet:
    """The organization's proposals flagged for interview and still in the running, the ones
    this person has not invited yet first (`invited`)."""
    return (
        Candidacy.objects.filter(
            participation=participation,
            interview_flagged_at__isnull=False,
            set_aside="",
            proposal__status=Proposal.Status.SUBMITTED,
        )
        .select_related("applicant", "proposal")
        .annotate(
            invited=Exists(
                InterviewInvitation.objects.filter(candidacy=OuterRef("pk"), mentor=mentor)
            )
        )
        .order_by("invited", "-interview_flagged_at", "pk")
    )


def move_choices(interview: Interview, now: datetime) -> list[InterviewSlot]:
    return list(
        free_slots(
            mentor_pk=interview.mentor_id,
            participation_pk=interview.slot.participation_id,
            now=now,
        )[:MOVE_CHOICES]
    )


# --- The applicant's interviews page ----------------------------------------------------------


@dataclass
class ApplicantInterviews:
    """`*_cut`: more rows exist than the page lists (the latest are listed)."""

    invitations: list[InterviewInvitation]
    invitations_cut: bool
    bookings: list[Interview]
    bookings_cut: bool
    free: Page


def applicant_interviews(
    *, applicant: User, round_: Round, now: datetime, page: str | None
) -> ApplicantInterviews:
    """The applicant's invitations in the round, the free future slots of the mentors whose
    invitation they have not used yet (paginated), and their bookings. Four queries."""
    invitations = list(
        InterviewInvitation.objects.filter(
            candidacy__applicant=applicant, candidacy__participation__round=round_
        )
        .select_related("mentor", "candidacy__proposal", "candidacy__participation__organization")
        .annotate(
            booked=Exists(Interview.objects.booked().filter(invitation=OuterRef("pk"))),
        )
        .order_by("-invited_at", "-pk")[: INVITATIONS_SHOWN + 1]
    )
    invitations_cut = len(invitations) > INVITATIONS_SHOWN
    invitations = invitations[:INVITATIONS_SHOWN]
    bookable = [
        invitation
        for invitation in invitations
        if not invitation.booked
        # Not `set_aside`: whether the organization set a proposal aside is its own business
        # until the results; an invitation given stands until the mentor cancels it.
        and invitation.candidacy.proposal.status == Proposal.Status.SUBMITTED
    ]
    free: QuerySet | list = []
    if bookable:
        offered_by = reduce(
            operator.or_,
            (Q(mentor=i.mentor_id, participation=i.candidacy.participation_id) for i in bookable),
        )
        free = (
            InterviewSlot.objects.filter(offered_by, withdrawn_at__isnull=True, starts_at__gt=now)
            .exclude(booked_exists())
            .select_related("mentor", "participation__organization")
            .order_by("starts_at", "pk")
        )
    bookings = list(
        Interview.objects.filter(applicant=applicant, slot__participation__round=round_)
        # The organization's record stays out of the applicant's page, even unread.
        .defer("notes", "outcome")
        .select_related("mentor", "slot__participation__organization")
        .order_by("status", "-starts_at", "-pk")[: BOOKINGS_SHOWN + 1]
    )
    return ApplicantInterviews(
        invitations=invitations,
        invitations_cut=invitations_cut,
        bookings=bookings[:BOOKINGS_SHOWN],
        bookings_cut=len(bookings) > BOOKINGS_SHOWN,
        free=Paginator(free, FREE_SLOTS_PER_PAGE).get_page(page),
    )


@dataclass(frozen=True)
class InterviewSummary:
    invitations: int
    booked: int
    upcoming: int
    next_at: datetime | None

    @property
    def waiting(self) -> int:
        """Invitations not used to book yet (an invitation books one interview)."""
        return max(0, self.invitations - self.booked)


def interview_summary(*, applicant: User, round_: Round, now: datetime) -> InterviewSummary:
    """For the applicant's dashboard: how many invitations, how many of them booked, how
    many interviews are to come and when the next one starts. One query."""
    booked = Q(interviews__status=Interview.Status.BOOKED)
    upcoming = booked & Q(interviews__starts_at__gt=now)
    counts = InterviewInvitation.objects.filter(
        candidacy__applicant=applicant, candidacy__participation__round=round_
    ).aggregate(
        invitations=Count("pk", distinct=True),
        booked=Count("interviews", filter=booked, distinct=True),
        upcoming=Count("interviews", filter=upcoming, distinct=True),
        next_at=Min("interviews__starts_at", filter=upcoming),
    )
    return InterviewSummary(**counts)
