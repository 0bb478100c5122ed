"""What applications asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). The issue's reminders land here:

- applicants with an unsubmitted draft, 3 days and 1 day before the application deadline;
- applicants whose contribution a mentor confirmed or rejected (a notice);
- mentors of an organization, a daily digest of proposals submitted to its ideas while the
  application period runs (optional).

Each kind has its templates in templates/applications/emails/<kind>-subject.txt, -body.txt,
-body.html.
"""

from notifications.links import site_url
from notifications.registry import Due, kind

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
