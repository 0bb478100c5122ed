"""What selection asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/selection/emails/<kind>-subject.txt, -body.txt, -body.html.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery

from applications.models import Proposal
from notifications.links import site_url
from notifications.registry import Due, Lead, deadline_key, deadline_windows, kind, reminder
from programs.models import Membership, Participation, Round
from programs.reminders import DigestSection, program_admin_digest_part
from selection.models import Candidacy, Conflict, Interview, InterviewInvitation, Review
from selection.services.window import ranking_due_at

# === Review: mentors with submitted proposals they have not scored ==============================

REVIEW_SCORES_DUE = kind(
    "review_scores_due",
    label="Reminders to score the proposals submitted to your organization",
    optional=False,
    app="selection",
    roles={Membership.Role.MENTOR.value},
)

# RuleSet.ranking_due_days is at most this many days.
LONGEST_RANKING_LEAD = timedelta(days=60)


def _unscored_by_member():
    """For the outer membership: its organization's submitted proposals in the running that
    its mentor has not scored."""
    unscored = (
        Proposal.objects.submitted()
        .filter(idea__participation=OuterRef("participation"))
        .filter(Q(candidacy__isnull=True) | Q(candidacy__set_aside=""))
        .exclude(
            Exists(
                Review.objects.filter(proposal=OuterRef("pk"), mentor=OuterRef(OuterRef("user")))
            )
        )
        .order_by()
        .values("idea__participation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(unscored, output_field=IntegerField())


@reminder
def review_scores_due(now: datetime) -> Iterator[Due]:
    """Each active mentor of an accepted organization with submitted proposals they have not
    scored, three days and one day before the organization's ranking is due: one message per
    mentor and organization, with the count. A mentor who scored them all is not reminded.
    One query for the rounds, one per lead and round due."""
    for lead, after, until in deadline_windows(now):
        # The rule differs per round: read the few rounds whose results fall in the widest
        # window, and keep those whose ranking is due in this one.
        rounds = [
            round_
            for round_ in Round.objects.select_related("rules").filter(
                results_announced__gt=after, results_announced__lte=until + LONGEST_RANKING_LEAD
            )
            if after < ranking_due_at(round_) <= until
        ]
        for round_ in rounds:
            due = ranking_due_at(round_)
            owing = (
                Membership.objects.active()
                .filter(
                    role=Membership.Role.MENTOR,
                    participation__round=round_,
                    participation__status=Participation.Status.ACCEPTED,
                )
                .annotate(unscored=_unscored_by_member())
                .filter(unscored__gt=0)
                .select_related("user", "participation__organization")
                .order_by("participation_id", "user_id")
            )
            for membership in owing:
                participation = membership.participation
                yield Due(
                    kind=REVIEW_SCORES_DUE.name,
                    recipient=membership.user,
                    about=f"review_scores:{participation.pk}",
                    due_at=due - lead.before,
                    covers=deadline_key(round_.pk, "ranking_due", lead),
                    context={
                        "round": round_,
                        "organization": participation.organization,
                        "participation": participation,
                        "due": due,
                        "lead": lead,
                        "count": membership.unscored,
                        "link": site_url(
                            "selection:review_list",
                            round_.slug,
                            participation.organization.slug,
                        )
                        + "?state=unscored",
                    },
                )


# === Interviews: both sides, 24 hours and 1 hour before; cancelled or moved =====================

INTERVIEW_INVITATION = kind(
    "interview_invitation",
    label="Invitations to book an interview",
    optional=False,
    app="selection",
)
INTERVIEW_BOOKED = kind(
    "interview_booked",
    label="An applicant booked one of your interview slots",
    optional=False,
    app="selection",
    roles={Membership.Role.MENTOR.value, Membership.Role.ORG_ADMIN.value},
)
INTERVIEW_CANCELLED = kind(
    "interview_cancelled",
    label="An interview of yours was cancelled",
    optional=False,
    app="selection",
)
INTERVIEW_MOVED = kind(
    "interview_moved",
    label="An interview of yours was moved",
    optional=False,
    app="selection",
)
INTERVIEW_REMINDER = kind(
    "interview_reminder",
    label="Reminders of your interviews, a day and an hour before",
    optional=False,
    app="selection",
)
# Both sides hear of an interview a day and an hour before it.
INTERVIEW_LEADS = (
    Lead("24h", timedelta(hours=24), is_last=False),
    Lead("1h", timedelta(hours=1), is_last=True),
)


def _interview_context(interview: Interview, recipient) -> dict:
    """What every interview email says, for one of its two sides: the other side, the time
    (rendered in the recipient's zone by the templates' `when_text`), where, and the links."""
    participation = interview.slot.participation
    round_ = participation.round
    is_applicant = recipient.pk == interview.applicant_id
    if is_applicant:
        link = site_url("selection:my_interviews", round_.slug)
    else:
        link = site_url(
            "selection:interview", round_.slug, participation.organization.slug, interview.pk
        )
    return {
        "interview": interview,
        "other": interview.mentor if is_applicant else interview.applicant,
        "is_applicant": is_applicant,
        "organization": participation.organization,
        "round": round_,
        "link": link,
        "ics": site_url("selection:interview_ics", interview.pk),
    }


def _other_side(interview: Interview, by_pk: int | None):
    """Whom a change tells: the applicant when the organization's side made it, else the
    interviewer."""
    return interview.mentor if by_pk == interview.applicant_id else interview.applicant


def interview_invited(invitation: InterviewInvitation) -> list[Due]:
    """The applicant, when a mentor invites them to book one of the mentor's slots."""
    candidacy = invitation.candidacy
    participation = candidacy.participation
    round_ = participation.round
    return [
        Due(
            kind=INTERVIEW_INVITATION.name,
            recipient=candidacy.applicant,
            about=f"interview_invitation:{invitation.pk}",
            due_at=invitation.invited_at,
            context={
                "invitation": invitation,
                "mentor": invitation.mentor,
                "proposal": candidacy.proposal,
                "organization": participation.organization,
                "round": round_,
                "link": site_url("selection:my_interviews", round_.slug),
            },
        )
    ]


def interview_booked(interview: Interview) -> list[Due]:
    """The interviewer, when an applicant books one of their slots."""
    return [
        Due(
            kind=INTERVIEW_BOOKED.name,
            recipient=interview.mentor,
            about=f"interview:{interview.pk}",
            due_at=interview.booked_at,
            context=_interview_context(interview, interview.mentor),
        )
    ]


def interview_cancelled(interview: Interview) -> list[Due]:
    """The other side of whoever cancelled."""
    if interview.cancelled_at is None:
        return []
    recipient = _other_side(interview, interview.cancelled_by_id)
    return [
        Due(
            kind=INTERVIEW_CANCELLED.name,
            recipient=recipient,
            about=f"interview:{interview.pk}",
            due_at=interview.cancelled_at,
            context=_interview_context(interview, recipient),
        )
    ]


def interview_moved(old: Interview, new: Interview) -> list[Due]:
    """The other side of whoever moved it: one notice, about the old booking, with the new
    time (and its own links)."""
    recipient = _other_side(old, old.cancelled_by_id)
    return [
        Due(
            kind=INTERVIEW_MOVED.name,
            recipient=recipient,
            about=f"interview:{old.pk}",
            due_at=old.cancelled_at,
            context={**_interview_context(new, recipient), "previous": old},
        )
    ]


@reminder
def interview_reminders(now: datetime) -> Iterator[Due]:
    """Both sides of each booked interview, 24 hours and 1 hour before it starts (in their
    zones: the outbox renders each email in its recipient's). A reminder goes only for an
    interview booked before its moment (booking one 5 hours ahead is its own notice), and
    never for a cancelled one; a moved interview is a new booking with reminders of its own.
    The outbox's identity (kind, person, interview, moment) makes each one go once. One query
    per lead."""
    for lead, after, until in deadline_windows(now, INTERVIEW_LEADS):
        interviews = (
            Interview.objects.booked()
            .filter(
                starts_at__gt=after,
                starts_at__lte=until,
                booked_at__lte=F("starts_at") - lead.before,
            )
            .select_related(
                "mentor",
                "applicant",
                "slot__participation__round",
                "slot__participation__organization",
            )
            .order_by("starts_at", "pk")
        )
        for interview in interviews:
            for recipient in (interview.applicant, interview.mentor):
                yield Due(
                    kind=INTERVIEW_REMINDER.name,
                    recipient=recipient,
                    about=f"interview:{interview.pk}",
                    due_at=interview.starts_at - lead.before,
                    context={**_interview_context(interview, recipient), "lead": lead},
                )


# === Selection: org admins with open slots; conflicts; the results ==============================
# Org admins: open slots and no selection, three days before the ranking is due (due: the
# round's results time less `RuleSet.ranking_due_days`). A duty, so it cannot be turned off.
SELECTION_OPEN_SLOTS = kind(
    "selection_open_slots",
    label="Reminders to select interns for your organization's slots",
    optional=False,
    app="selection",
    roles={Membership.Role.ORG_ADMIN.value},
)
# Org admins: a program admin resolved a conflict by releasing their selection.
SELECTION_RELEASED = kind(
    "selection_released",
    label="Your organization's selections released to resolve a conflict",
    optional=False,
    app="selection",
    roles={Membership.Role.ORG_ADMIN.value},
)
SELECTION_LEAD = Lead("3d", timedelta(days=3), is_last=True)
# The digest lists this many open conflicts per round and says when there are more.
DIGEST_CONFLICTS = 20


@reminder
def selection_open_slots(now: datetime) -> Iterator[Due]:
    """Each active org admin of an accepted organization with slots granted and nothing
    selected yet, three days before the round's ranking is due: one message per admin and
    organization (the outbox makes it once). Those with a selection owe nothing. Two
    queries: the rounds whose due moment is near, then their organizations' admins."""
    ((lead, after, until),) = deadline_windows(now, (SELECTION_LEAD,))
    rounds = {
        round_.pk: round_
        for round_ in Round.objects.filter(
            results_announced__gt=after, results_announced__lte=until + LONGEST_RANKING_LEAD
        ).select_related("rules")
        if after < ranking_due_at(round_) <= until
    }
    if not rounds:
        return
    selected = Candidacy.objects.selected().filter(participation=OuterRef("participation"))
    admins = (
        Membership.objects.active()
        .filter(
            role=Membership.Role.ORG_ADMIN,
            participation__round__in=rounds,
            participation__status=Participation.Status.ACCEPTED,
            participation__slots_granted__gt=0,
        )
        .exclude(Exists(selected))
        .select_related("user", "participation__organization")
        .order_by("participation_id", "user_id")
    )
    for membership in admins:
        participation = membership.participation
        round_ = rounds[participation.round_id]
        participation.round = round_
        due = ranking_due_at(round_)
        yield Due(
            kind=SELECTION_OPEN_SLOTS.name,
            recipient=membership.user,
            about=f"selection:{participation.pk}",
            due_at=due - lead.before,
            context={
                "participation": participation,
                "organization": participation.organization,
                "round": round_,
                "due": due,
                "slots": participation.slots_granted,
                "link": site_url(
                    "selection:selection", round_.slug, participation.organization.slug
                ),
            },
        )


def selection_released(*, candidacy: Candidacy, at: datetime) -> list[Due]:
    """The active org admins of the organization whose selection a program admin released
    to resolve a conflict: they may select their next proposal."""
    participation = candidacy.participation
    round_ = participation.round
    admins = Membership.objects.org_admins_of(participation.pk).select_related("user")
    context = {
        "participation": participation,
        "organization": participation.organization,
        "round": round_,
        "proposal_title": candidacy.proposal.title,
        "applicant_name": candidacy.applicant.name,
        "link": site_url("selection:selection", round_.slug, participation.organization.slug),
    }
    return [
        Due(
            kind=SELECTION_RELEASED.name,
            recipient=membership.user,
            about=f"candidacy:{candidacy.pk}",
            due_at=at,
            context=context,
        )
        for membership in admins
    ]


@program_admin_digest_part
def open_conflicts(now: datetime) -> list[DigestSection]:
    """The program admins' digest: one section per round not yet ended with open conflicts,
    the oldest first (at most DIGEST_CONFLICTS listed, the count in the heading). One query:
    conflicts are the few applicants selected twice, not the round's applicants."""
    conflicts = (
        Conflict.objects.open()
        .filter(round__ends__gt=now, opened_at__lte=now)
        .select_related("round", "applicant")
        .order_by("round__results_announced", "round_id", "opened_at", "pk")
    )
    by_round: dict[int, list[Conflict]] = {}
    for conflict in conflicts:
        by_round.setdefault(conflict.round_id, []).append(conflict)
    sections = []
    for rows in by_round.values():
        round_ = rows[0].round
        count = len(rows)
        sections.append(
            DigestSection(
                heading=f"Open conflicts between organizations in {round_.name}: {count}",
                summary=f"{count} open conflict{'s' if count != 1 else ''}",
                lines=tuple(
                    (
                        f"{c.applicant.name}, selected beyond the round's rule",
                        site_url("selection:conflict", round_.slug, c.pk),
                    )
                    for c in rows[:DIGEST_CONFLICTS]
                ),
                more=count > DIGEST_CONFLICTS,
                link=site_url("selection:round_selection", round_.slug),
            )
        )
    return sections


# --- The results: one email to each applicant with a submitted proposal, at the results time --

RESULTS_ACCEPTED = kind(
    "results_accepted",
    label="The results of a round you applied to, when you are accepted",
    optional=False,
    app="selection",
)
RESULTS_NOT_SELECTED = kind(
    "results_not_selected",
    label="The results of a round you applied to, when you are not selected",
    optional=False,
    app="selection",
)
# The announcement is looked for this long after a round's results time: a sweep that was down
# for a while still sends it, and no sweep ever reads the proposals of past years.
RESULTS_WINDOW = timedelta(days=7)


@reminder
def results_announced(now: datetime) -> Iterator[Due]:
    """Each applicant with a submitted proposal in a round whose results time has come (in the
    last RESULTS_WINDOW): one email about the round, accepted (any proposal selected) or not
    this time, listing each proposal's result. Due at the results time itself and never before
    it, so it goes at the first sweep from the instant on and, the outbox being unique per
    kind, person, subject and due date, exactly once. A program admin's change after the
    announcement (recorded) that turns the answer around within the window is told by the
    other kind, once. An applicant in an open conflict (chosen by more organizations than the
    round allows) hears nothing until a program admin resolves it: the next sweep in the
    window then sends their one email. One query, however many applicants."""
    selected = Candidacy.objects.selected().filter(proposal=OuterRef("pk"))
    in_conflict = Conflict.objects.open().filter(
        round=OuterRef("application__round"), applicant=OuterRef("applicant")
    )
    proposals = (
        Proposal.objects.submitted()
        .filter(
            application__round__results_announced__lte=now,
            application__round__results_announced__gt=now - RESULTS_WINDOW,
        )
        .exclude(Exists(in_conflict))
        .annotate(is_selected=Exists(selected))
        .select_related("applicant", "application__round", "idea__participation__organization")
        .order_by("application_id", "-is_selected", "submitted_at", "pk")
    )
    by_application: dict[int, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_application[proposal.application_id].append(proposal)
    for application_pk, theirs in by_application.items():
        round_ = theirs[0].application.round
        accepted = [p for p in theirs if p.is_selected]
        yield Due(
            kind=(RESULTS_ACCEPTED if accepted else RESULTS_NOT_SELECTED).name,
            recipient=theirs[0].applicant,
            about=f"application:{application_pk}",
            due_at=round_.results_announced,
            context={
                "round": round_,
                "accepted": accepted,
                "not_selected": [p for p in theirs if not p.is_selected],
                "link": site_url("applications:dashboard", round_.slug),
            },
        )
