"""What projects asks notifications to send about project ideas: reminders (pure functions of
the clock and the data, asked by the sweep every five minutes) and the notices of a review
(built by projects.services.reviews when the verdict changes the idea's state, and enqueued
in the same transaction).

Reminders
- org admins: an idea waiting for their verdict two days after it was submitted, once per
  revision, only to those who may review it and have not (a duty: cannot be turned off);
- mentors: their ideas still a draft, or sent back for changes, three days and one day before
  the round's ideas date, the org admins copied on the last one (a duty);
- mentors: each new public question on their ideas (optional);
- the organization's mentors and org admins: an idea an applicant proposed, while it waits
  for someone to adopt it (optional).

Notices
- mentors: their idea approved, sent back for changes or rejected, with the reviewer's words.

Every reminder makes the same few queries however many ideas there are. Each kind has its
templates in templates/projects/emails/<kind>-subject.txt, -body.txt, -body.html.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch

from notifications.links import site_url
from notifications.registry import Due, deadline_key, deadline_windows, kind, reminder
from people.models import User
from programs.models import Membership, Participation
from projects.models import IdeaComment, IdeaEvent, IdeaMentor, IdeaReview, ProjectIdea
from projects.services.ideas import SUBMITTABLE, SUBMITTING_PARTICIPATIONS

Status = ProjectIdea.Status
ORG_ADMIN = Membership.Role.ORG_ADMIN
MENTOR = Membership.Role.MENTOR

IDEA_REVIEW_WAITING = kind(
    "idea_review_waiting",
    label="Reminders of ideas waiting for your review",
    optional=False,
    app="projects",
)
IDEA_DRAFTS_DUE = kind(
    "idea_drafts_due", label="Reminders to submit your draft ideas", optional=False, app="projects"
)
IDEA_APPROVED = kind("idea_approved", label="Your ideas approved", optional=False, app="projects")
IDEA_CHANGES_REQUESTED = kind(
    "idea_changes_requested",
    label="Your ideas sent back for changes",
    optional=False,
    app="projects",
)
IDEA_REJECTED = kind("idea_rejected", label="Your ideas rejected", optional=False, app="projects")
# Org admins may mentor ideas too (the roles as notifications.registry.Kind.roles names them).
IDEA_QUESTION = kind(
    "idea_question",
    label="New public questions on the ideas you mentor",
    optional=True,
    app="projects",
    roles={MENTOR, ORG_ADMIN},
)
IDEA_CUSTOM_PROPOSED = kind(
    "idea_custom_proposed",
    label="Ideas applicants propose to your organization",
    optional=True,
    app="projects",
    roles={MENTOR, ORG_ADMIN},
)

# An idea waiting this long for review earns each org admin who owes a verdict a reminder.
REVIEW_REMINDER_AFTER = timedelta(days=2)
# Questions and custom ideas older than this are never mailed. The sweep only looks this far
# back, so someone who turns these emails back on (or the first sweep after this code ships)
# is not sent a backlog of old questions; a fresh one still reaches them in minutes.
FRESH_FOR = timedelta(days=7)

# The notice each state a verdict can leave the idea in sends to its mentors.
NOTICES = {
    Status.APPROVED: IDEA_APPROVED,
    Status.CHANGES_REQUESTED: IDEA_CHANGES_REQUESTED,
    Status.REJECTED: IDEA_REJECTED,
}


def _idea_url(idea: ProjectIdea, name: str = "projects:idea") -> str:
    participation = idea.participation
    return site_url(name, participation.round.slug, participation.organization.slug, idea.slug)


def _mentor_rows() -> Prefetch:
    """An idea's mentors who have an account, with the account, in the idea's order."""
    return Prefetch(
        "mentors", queryset=IdeaMentor.objects.filter(user__isnull=False).select_related("user")
    )


def _members_of(participation_ids: Iterable[int], roles: Iterable[str]) -> dict[int, list[User]]:
    """{participation id: its active members holding one of `roles`}, each person once, in
    one query."""
    members: dict[int, dict[int, User]] = defaultdict(dict)
    memberships = (
        Membership.objects.active()
        .filter(participation_id__in=set(participation_ids), role__in=list(roles))
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        members[membership.participation_id].setdefault(membership.user_id, membership.user)
    return {pk: list(people.values()) for pk, people in members.items()}


# --- Org admins: ideas waiting for their verdict ---------------------------------------------


@reminder
def idea_review_waiting(now: datetime) -> Iterator[Due]:
    """Each active org admin who may review an idea and has not given a verdict on its current
    revision, once the revision has waited two days (its mentors never review it).

    Only until the round's application deadline: after it nobody can apply to the idea, so a
    verdict no longer helps anyone. Four queries: the ideas, their mentors, their reviews and
    the org admins.
    """
    ideas = list(
        ProjectIdea.objects.filter(
            status=Status.SUBMITTED,
            submitted_at__lte=now - REVIEW_REMINDER_AFTER,
            participation__status__in=SUBMITTING_PARTICIPATIONS,
            participation__round__applications_close__gt=now,
        )
        .select_related("participation__round", "participation__organization")
        .prefetch_related(
            _mentor_rows(),
            Prefetch(
                "reviews",
                queryset=IdeaReview.objects.only("idea", "reviewer", "revision", "verdict"),
            ),
        )
        .order_by("pk")
    )
    if not ideas:
        return
    admins = _members_of((idea.participation_id for idea in ideas), [ORG_ADMIN])
    for idea in ideas:
        mentors = [row.user for row in idea.mentors.all()]
        mentor_ids = {user.pk for user in mentors}
        current = [r for r in idea.reviews.all() if r.revision == idea.revision]
        reviewed = {review.reviewer_id for review in current}
        approvals = sum(
            1
            for review in current
            if review.verdict == IdeaReview.Verdict.APPROVE and review.reviewer_id not in mentor_ids
        )
        for admin in admins.get(idea.participation_id, ()):
            if admin.pk in mentor_ids or admin.pk in reviewed:
                continue
            yield Due(
                kind=IDEA_REVIEW_WAITING.name,
                recipient=admin,
                about=f"idea:{idea.pk}",
                due_at=idea.submitted_at + REVIEW_REMINDER_AFTER,
                dedupe_key=f"revision:{idea.revision}",
                context={
                    "idea": idea,
                    "participation": idea.participation,
                    "round": idea.participation.round,
                    "mentors": mentors,
                    "approvals": approvals,
                    "required": idea.participation.idea_approvals_required,
                    "link": _idea_url(idea, "projects:idea_review"),
                },
            )


# --- Mentors: ideas not submitted as the ideas date approaches -------------------------------


def _unsubmitted_mentor_rows(after: datetime, until: datetime):
    """Mentors (still active in the organization) of ideas not yet submitted, whose round's
    ideas date is in (after, until]: one row per mentor and idea."""
    still_member = Membership.objects.active().filter(
        participation=OuterRef("idea__participation"), user=OuterRef("user")
    )
    return (
        IdeaMentor.objects.filter(
            user__isnull=False,
            idea__status__in=SUBMITTABLE,
            idea__participation__status__in=SUBMITTING_PARTICIPATIONS,
            idea__participation__round__ideas_published__gt=after,
            idea__participation__round__ideas_published__lte=until,
        )
        .filter(Exists(still_member))
        .select_related("user", "idea__participation__round", "idea__participation__organization")
        .order_by("idea__participation_id", "user_id", "idea__title", "idea_id")
    )


@reminder
def idea_drafts_due(now: datetime) -> Iterator[Due]:
    """Each mentor of ideas still a draft or sent back for changes, three days and one day
    before the round's ideas date: one message per mentor and organization, listing their
    ideas. The org admins are copied on the one-day reminder (only those who have not
    submitted are reminded; an idea one co-mentor submitted is off every list).

    Two queries per lead: the mentors' rows with their ideas, and the org admins to copy.
    """
    for lead, after, until in deadline_windows(now):
        owed: dict[tuple[int, int], list[ProjectIdea]] = defaultdict(list)
        people: dict[int, User] = {}
        participations: dict[int, Participation] = {}
        for row in _unsubmitted_mentor_rows(after, until):
            participation = row.idea.participation
            owed[participation.pk, row.user_id].append(row.idea)
            people[row.user_id] = row.user
            participations[participation.pk] = participation
        if not owed:
            continue
        admins = _members_of(participations.keys(), [ORG_ADMIN]) if lead.is_last else {}
        for (participation_pk, user_pk), ideas in owed.items():
            participation = participations[participation_pk]
            deadline = participation.round.ideas_published
            yield Due(
                kind=IDEA_DRAFTS_DUE.name,
                recipient=people[user_pk],
                about=f"participation:{participation_pk}",
                due_at=deadline - lead.before,
                covers=deadline_key(participation.round_id, "ideas_published", lead),
                context={
                    "participation": participation,
                    "round": participation.round,
                    "ideas": ideas,
                    "deadline": deadline,
                    "lead": lead,
                    "link": site_url(
                        "projects:my_ideas",
                        participation.round.slug,
                        participation.organization.slug,
                    ),
                },
                copy_to=tuple(admins.get(participation_pk, ())),
            )


# --- Mentors: new public questions on their ideas --------------------------------------------


@reminder
def idea_question(now: datetime) -> Iterator[Due]:
    """Each mentor of an idea, once per public comment on it written by someone who is not
    one of its mentors (an answer by a co-mentor is not news to the others' inbox), for
    comments of the last seven days only (FRESH_FOR). Two queries."""
    comments = (
        IdeaComment.objects.filter(
            visibility=IdeaComment.Visibility.PUBLIC,
            created_at__gt=now - FRESH_FOR,
            created_at__lte=now,
        )
        .select_related("author", "idea__participation__round", "idea__participation__organization")
        .prefetch_related(Prefetch("idea__mentors", queryset=_mentor_rows().queryset))
        .order_by("pk")
    )
    for comment in comments:
        idea = comment.idea
        mentors = [row.user for row in idea.mentors.all()]
        if any(user.pk == comment.author_id for user in mentors):
            continue
        for mentor in mentors:
            yield Due(
                kind=IDEA_QUESTION.name,
                recipient=mentor,
                about=f"idea-comment:{comment.pk}",
                due_at=comment.created_at,
                context={
                    "comment": comment,
                    "idea": idea,
                    "participation": idea.participation,
                    "link": f"{_idea_url(idea)}#comment-{comment.pk}",
                },
            )


# --- The organization: an applicant's idea waiting for a mentor ------------------------------


@reminder
def idea_custom_proposed(now: datetime) -> Iterator[Due]:
    """The active mentors and org admins of an accepted organization, once per idea an
    applicant proposed to it in the last seven days (FRESH_FOR) that still waits for someone
    to adopt it. Two queries."""
    ideas = list(
        ProjectIdea.objects.filter(
            status=Status.PROPOSED,
            participation__status=Participation.Status.ACCEPTED,
            created_at__gt=now - FRESH_FOR,
            created_at__lte=now,
        )
        .select_related("participation__round", "participation__organization", "proposed_by")
        .order_by("pk")
    )
    if not ideas:
        return
    members = _members_of((idea.participation_id for idea in ideas), [ORG_ADMIN, MENTOR])
    for idea in ideas:
        for person in members.get(idea.participation_id, ()):
            if person.pk == idea.proposed_by_id:
                continue
            yield Due(
                kind=IDEA_CUSTOM_PROPOSED.name,
                recipient=person,
                about=f"idea:{idea.pk}",
                due_at=idea.created_at,
                context={
                    "idea": idea,
                    "participation": idea.participation,
                    "round": idea.participation.round,
                    "link": _idea_url(idea),
                },
            )


# --- Notices, enqueued by projects.services.reviews in the transaction of the verdict --------


def idea_reviewed(idea: ProjectIdea) -> list[Due]:
    """Every mentor of the idea, when a review changed its state: approved, sent back for
    changes or rejected. Nothing while it still waits (an approval short of the rule).

    The idea's last event (who, when, why) is the record the notice is made of, so whatever
    moved the idea can call this after the move. One notice per revision: a revision leaves
    "waiting for review" once.
    """
    notice = NOTICES.get(idea.status)
    if notice is None:
        return []
    idea = ProjectIdea.objects.select_related(
        "participation__round", "participation__organization"
    ).get(pk=idea.pk)
    event = IdeaEvent.objects.filter(idea=idea).select_related("actor").order_by("-at", "-pk")[0]
    if event.to_status != idea.status:
        return []
    approvals = []
    if idea.status == Status.APPROVED:
        approvals = list(
            IdeaReview.objects.filter(
                idea=idea, revision=idea.revision, verdict=IdeaReview.Verdict.APPROVE
            )
            .exclude(reviewer__mentored_ideas__idea=idea)  # as the rule counts (tally_for)
            .select_related("reviewer")
            .order_by("created_at", "pk")
        )
    mentors = IdeaMentor.objects.filter(idea=idea, user__isnull=False).select_related("user")
    context = {
        "idea": idea,
        "participation": idea.participation,
        "round": idea.participation.round,
        "event": event,
        "approvals": approvals,
        "published": idea.is_published_at(event.at),
        "ideas_date_passed": idea.participation.round.ideas_published <= event.at,
        "link": _idea_url(
            idea,
            "projects:idea_edit" if idea.status == Status.CHANGES_REQUESTED else "projects:idea",
        ),
    }
    return [
        Due(
            kind=notice.name,
            recipient=row.user,
            about=f"idea:{idea.pk}",
            due_at=event.at,
            dedupe_key=f"revision:{idea.revision}",
            context=context,
        )
        for row in mentors
    ]
