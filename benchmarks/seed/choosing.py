"""Reviews, rankings, selections and interviews in the current round."""

from datetime import timedelta
from itertools import cycle

from django.db import connection
from django.db.models import Count, Max

from applications.models import Proposal
from benchmarks.seed.world import BATCH, World, bulk
from people.models import User
from programs.models import Membership
from projects.models import IdeaMentor
from selection.models import (
    Candidacy,
    Conflict,
    Interview,
    InterviewInvitation,
    InterviewSlot,
    MentorCommitment,
    Review,
)
from selection.services.interviews import MAX_OPEN_SLOTS


def selections(world: World) -> None:
    """The current round's selection under way: every submitted proposal a candidacy, ranked
    within its organization (where an earlier step did not already), the first two ranked of
    each organization selected with a committed mentor, and, for 100 applicants whose two
    proposals went to two organizations, both selected: the round's open conflicts."""
    round_ = world.round
    existing = set(
        Candidacy.objects.filter(participation__round=round_).values_list("pk", flat=True)
    )
    ranks: dict[int, int] = dict(
        Candidacy.objects.filter(participation__round=round_, rank__isnull=False)
        .values("participation")
        .annotate(last=Max("rank"))
        .values_list("participation", "last")
    )
    rows = []
    submitted = (
        Proposal.objects.submitted()
        .filter(application__round=round_)
        .values_list("pk", "applicant_id", "idea__participation_id")
        .order_by("idea__participation_id", "pk")
    )
    for pk, applicant, participation in submitted:
        if pk in existing:
            continue
        ranks[participation] = ranks.get(participation, 0) + 1
        rows.append(
            Candidacy(
                proposal_id=pk,
                participation_id=participation,
                applicant_id=applicant,
                rank=ranks[participation],
            )
        )
    bulk(rows)
    ranked = Candidacy.objects.filter(participation__round=round_, rank__isnull=False)
    chosen = set(ranked.filter(rank__lte=2).values_list("pk", flat=True))
    # Applicants whose two proposals went to two organizations: both selected.
    places: dict[int, list[tuple[int, int]]] = {}
    for pk, applicant, participation in ranked.values_list(
        "pk", "applicant_id", "participation_id"
    ):
        places.setdefault(applicant, []).append((pk, participation))
    doubled = [
        rows_of
        for rows_of in places.values()
        if len({participation for _, participation in rows_of}) > 1
    ][: world.count(100)]
    chosen |= {pk for rows_of in doubled for pk, _ in rows_of}
    selected_at = round_.applications_close
    Candidacy.objects.filter(pk__in=chosen).update(selected_at=selected_at)
    mentor_of = dict(
        Membership.objects.filter(
            participation__round=round_, role=Membership.Role.MENTOR
        ).values_list("participation_id", "user_id")
    )
    bulk_ignoring = MentorCommitment.objects.bulk_create
    bulk_ignoring(
        [
            MentorCommitment(proposal_id=pk, mentor_id=mentor_of[participation])
            for pk, participation in ranked.filter(pk__in=chosen).values_list(
                "pk", "participation_id"
            )
            if participation in mentor_of
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    bulk(
        Conflict(round=round_, applicant_id=applicant, opened_at=selected_at)
        for applicant in Candidacy.objects.selected()
        .filter(participation__round=round_)
        .values("applicant")
        .annotate(n=Count("pk"))
        .filter(n__gt=round_.rules.max_accepted_per_applicant)
        .values_list("applicant", flat=True)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE selection_candidacy, selection_conflict, selection_mentorcommitment"
            )


def reviews_and_rankings(world: World) -> None:
    """The review: every submitted proposal of the round scored by one mentor of its
    organization, and the timed organization's by each of its mentors; there, two in three
    proposals have a mentor who will mentor them, each has a candidacy (the committed ones
    ranked in order, one in four flagged for an interview, one in ten set aside as spam).
    The first of its proposals is the one the review page is timed on."""
    mentors_of: dict[int, list[User]] = {}
    for p, user in zip(cycle(world.participations), world.mentors, strict=False):
        mentors_of.setdefault(p.pk, []).append(user)
    timed = world.participation
    submitted = list(
        Proposal.objects.filter(
            idea__participation__round=world.round, status=Proposal.Status.SUBMITTED
        )
        .order_by("pk")
        .values_list("pk", "applicant_id", "idea__participation_id")
    )
    bulk(
        Review(
            proposal_id=pk,
            mentor=mentor,
            score=1 + (n + k) % 5,
            comment="Clear problem statement; the schedule is tight in weeks 3 to 8.",
        )
        for n, (pk, _, participation_id) in enumerate(submitted)
        for k, mentor in enumerate(
            mentors_of.get(participation_id, [])[: None if participation_id == timed.pk else 1]
        )
    )
    theirs = [row for row in submitted if row[2] == timed.pk]
    people = mentors_of.get(timed.pk) or world.mentors[:1]
    commitments, candidacies, rank = [], [], 0
    for n, (pk, applicant_id, _) in enumerate(theirs):
        aside = n % 10 == 9
        committed = n % 3 != 2 and not aside
        if committed:
            rank += 1
            commitments.append(MentorCommitment(proposal_id=pk, mentor=people[n % len(people)]))
        candidacies.append(
            Candidacy(
                proposal_id=pk,
                participation=timed,
                applicant_id=applicant_id,
                rank=rank if committed else None,
                interview_flagged_at=world.now if n % 4 == 0 and not aside else None,
                set_aside=Candidacy.SetAside.SPAM if aside else "",
                set_aside_at=world.now if aside else None,
            )
        )
    bulk(commitments)
    bulk(candidacies)
    world.reviewed_proposal = theirs[0][0] if theirs else submitted[0][0]


def interviews(world: World) -> None:
    """20,000 interview slots in the round (each mentor offers some, an hour each from
    tomorrow on; the timed idea's mentor the most one may, MAX_OPEN_SLOTS, in the timed
    organization), the timed organization's submitted proposals flagged for interview, that
    mentor's invitation to each of their applicants, and bookings of all but the first
    applicant's (the interviews page's viewer, who sees the mentor's free slots)."""
    start = (world.now + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    hour = timedelta(hours=1)
    timed = world.participation
    interviewer = IdeaMentor.objects.filter(idea=world.idea).select_related("user")[0].user
    per_mentor = max(1, world.count(20_000) // max(1, len(world.mentors)))
    pairs = [
        (p, user)
        for p, user in zip(cycle(world.participations), world.mentors, strict=False)
        if user.pk != interviewer.pk
    ]
    bulk(
        InterviewSlot(
            participation=p,
            mentor=user,
            starts_at=start + k * hour,
            ends_at=start + (k + 1) * hour,
            where="https://meet.example.org/interviews",
        )
        for p, user in pairs
        for k in range(per_mentor)
    )
    offered = bulk(
        InterviewSlot(
            participation=timed,
            mentor=interviewer,
            starts_at=start + k * hour,
            ends_at=start + (k + 1) * hour,
            where="https://meet.example.org/interviews",
        )
        for k in range(MAX_OPEN_SLOTS)
    )
    submitted = Proposal.objects.submitted().filter(idea__participation=timed).order_by("pk")
    flagged_at = world.round.applications_close - timedelta(days=1)
    # The review step made candidacies for some of these already: flag those in the running.
    existing = set(Candidacy.objects.filter(participation=timed).values_list("pk", flat=True))
    bulk(
        Candidacy(proposal=proposal, participation=timed, applicant_id=proposal.applicant_id)
        for proposal in submitted
        if proposal.pk not in existing
    )
    in_the_running = Candidacy.objects.in_the_running().filter(participation=timed)
    in_the_running.update(interview_flagged_at=flagged_at)
    candidacies = list(in_the_running.order_by("pk"))
    invitations = bulk(
        InterviewInvitation(candidacy=c, mentor=interviewer, invited_at=flagged_at)
        for c in candidacies
    )
    viewer = world.applicants[0].pk if world.applicants else None
    waiting = [i for i in invitations if i.candidacy.applicant_id != viewer]
    bulk(
        Interview(
            slot=slot,
            invitation=invitation,
            mentor=interviewer,
            applicant_id=invitation.candidacy.applicant_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            booked_at=flagged_at,
        )
        for slot, invitation in zip(offered, waiting, strict=False)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE selection_interviewslot, selection_interview, "
                "selection_interviewinvitation, selection_candidacy"
            )
