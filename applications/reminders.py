"""What applications asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). The issue's reminders land here:

- applicants with an unsubmitted draft, 3 days and 1 day before the application deadline;
- applicants whose contribution a mentor confirmed or rejected (a notice);
- mentors of an organization, a daily digest of proposals submitted to its ideas while the
  application period runs (optional).

Each kind has its templates in templates/applications/emails/<kind>-subject.txt, -body.txt,
-body.html.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from applications.models import Proposal
from notifications.links import site_url
from notifications.registry import Due, deadline_key, deadline_windows, kind, reminder
from programs.models import Membership, Participation
from programs.reminders import digest_due_at

# === Contributions: a mentor's verdict ==========================================================

CONTRIBUTION_CONFIRMED = kind(
    "contribution_confirmed",
    label="Your contributions confirmed by a mentor",
    optional=False,
    app="applications",
)
CONTRIBUTION_REJECTED = kind(
    "contribution_rejected",
    label="Your contributions rejected by a mentor",
    optional=False,
    app="applications",
)
CONTRIBUTION_NOTICES = {
    "confirmed": CONTRIBUTION_CONFIRMED,
    "rejected": CONTRIBUTION_REJECTED,
}


def contribution_reviewed(contribution) -> list[Due]:
    """The applicant, when a mentor confirmed or rejected their contribution: one notice per
    verdict given (its moment is the due date, so the same verdict enqueued twice is one
    message, and a verdict given again after the applicant changed it is a new one)."""
    notice = CONTRIBUTION_NOTICES.get(contribution.verdict)
    if notice is None or contribution.reviewed_at is None:
        return []
    participation = contribution.participation
    round_ = participation.round
    return [
        Due(
            kind=notice.name,
            recipient=contribution.applicant,
            about=f"contribution:{contribution.pk}",
            due_at=contribution.reviewed_at,
            context={
                "contribution": contribution,
                "participation": participation,
                "organization": participation.organization,
                "round": round_,
                "reviewer": contribution.reviewed_by,
                "link": site_url("applications:contribution_edit", round_.slug, contribution.pk),
            },
        )
    ]


# --- Dashboard: the mentors' daily digest of submitted proposals ------------------------------


MENTOR_PROPOSAL_DIGEST = kind(
    "mentor_proposal_digest",
    label="A daily digest of proposals submitted to your organization's ideas",
    optional=True,
    app="applications",
    roles={Membership.Role.MENTOR.value, Membership.Role.ORG_ADMIN.value},
)
# The digest lists this many proposals and gives the full count.
PROPOSAL_DIGEST_LIMIT = 30
DAY = timedelta(days=1)


def _digest_runs(participation: Participation, at: datetime) -> bool:
    """The digest at `at` covers the day before it, (at - 1 day, at]; it goes while that day
    overlaps the application period, so the last hours before the deadline are reported the
    morning after."""
    round_ = participation.round
    return at > round_.applications_open and at - DAY < round_.applications_close


@reminder
def mentor_proposal_digest(now: datetime) -> Iterator[Due]:
    """Each active mentor and org admin of an accepted organization, once a day at 07:00 in
    their zone while the application period runs: the proposals submitted to its ideas in the
    day before. Nothing submitted, no digest. Three queries, however many people and rows."""
    memberships = (
        Membership.objects.active()
        .filter(
            role__in=(Membership.Role.MENTOR, Membership.Role.ORG_ADMIN),
            participation__status=Participation.Status.ACCEPTED,
            participation__round__applications_open__lt=now,
            participation__round__applications_close__gt=now - 2 * DAY,
        )
        .select_related("user", "participation__round", "participation__organization")
        .order_by("participation_id", "user_id", "role")
    )
    # {(participation pk, due moment): [(membership), ...]}; one person once per organization
    # (an org admin who also mentors gets one digest).
    waiting: dict[tuple[int, datetime], dict[int, Membership]] = {}
    for membership in memberships:
        at = digest_due_at(now, membership.user.timezone)
        if at is None or not _digest_runs(membership.participation, at):
            continue
        waiting.setdefault((membership.participation_id, at), {}).setdefault(
            membership.user_id, membership
        )
    if not waiting:
        return
    # People in many zones share few due moments: one query per distinct window would do,
    # but one query over the widest window, split here, keeps it at one.
    earliest = min(at for _, at in waiting) - DAY
    latest = max(at for _, at in waiting)
    submitted = (
        Proposal.objects.submitted()
        .filter(
            idea__participation_id__in={pk for pk, _ in waiting},
            submitted_at__gt=earliest,
            submitted_at__lte=latest,
        )
        .select_related("applicant", "idea")
        .only(
            "pk",
            "title",
            "submitted_at",
            "applicant__display_name",
            "idea__title",
            "idea__participation_id",
        )
        .order_by("submitted_at", "pk")
    )
    by_participation: dict[int, list[Proposal]] = {}
    for proposal in submitted:
        by_participation.setdefault(proposal.idea.participation_id, []).append(proposal)
    for (participation_pk, at), people in waiting.items():
        day = [
            p for p in by_participation.get(participation_pk, []) if at - DAY < p.submitted_at <= at
        ]
        if not day:
            continue
        participation = next(iter(people.values())).participation
        context = {
            "participation": participation,
            "organization": participation.organization,
            "round": participation.round,
            "proposals": day[:PROPOSAL_DIGEST_LIMIT],
            "count": len(day),
            "more": max(0, len(day) - PROPOSAL_DIGEST_LIMIT),
            "day": at,
            "link": site_url(
                "selection:review_list",
                participation.round.slug,
                participation.organization.slug,
            ),
        }
        for membership in people.values():
            yield Due(
                kind=MENTOR_PROPOSAL_DIGEST.name,
                recipient=membership.user,
                about=f"proposal_digest:{participation_pk}",
                due_at=at,
                context=context,
            )


# --- Proposals: applicants with an unsubmitted draft -----------------------------------------


PROPOSAL_DRAFTS_DUE = kind(
    "proposal_drafts_due",
    label="Reminders to submit your draft proposals",
    optional=False,
    app="applications",
)


@reminder
def proposal_drafts_due(now: datetime) -> Iterator[Due]:
    """Each applicant with a draft proposal, three days and one day before the round's
    application deadline: one message per applicant and round, listing their drafts (a
    submitted or withdrawn proposal is off the list; an applicant marked ineligible, who
    cannot submit, is not reminded). One query per lead."""
    for lead, after, until in deadline_windows(now):
        drafts = (
            Proposal.objects.drafts()
            .filter(
                application__ineligible_reason="",
                application__round__applications_close__gt=after,
                application__round__applications_close__lte=until,
            )
            .select_related("applicant", "application__round", "idea__participation__organization")
            .order_by("application_id", "title", "pk")
        )
        owed: dict[int, list[Proposal]] = defaultdict(list)
        for proposal in drafts:
            owed[proposal.application_id].append(proposal)
        for proposals in owed.values():
            application = proposals[0].application
            round_ = application.round
            deadline = round_.applications_close
            yield Due(
                kind=PROPOSAL_DRAFTS_DUE.name,
                recipient=proposals[0].applicant,
                about=f"application:{application.pk}",
                due_at=deadline - lead.before,
                covers=deadline_key(round_.pk, "applications_close", lead),
                context={
                    "round": round_,
                    "deadline": deadline,
                    "lead": lead,
                    "rows": [
                        (proposal, site_url("applications:proposal", round_.slug, proposal.pk))
                        for proposal in proposals
                    ],
                },
            )
