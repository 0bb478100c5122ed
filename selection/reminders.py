"""What selection asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/selection/emails/<kind>-subject.txt, -body.txt, -body.html.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import F

from notifications.links import site_url
from notifications.registry import Due, Lead, deadline_windows, kind, reminder
from programs.models import Membership
from selection.models import Interview, InterviewInvitation

# === Review: mentors with submitted proposals they have not scored ==============================

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
