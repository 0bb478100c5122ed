"""What applications asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/applications/emails/<kind>-subject.txt, -body.txt, -body.html. The issue's
reminders land here, one block per area:

- applicants with an unsubmitted draft, 3 days and 1 day before the application deadline;
- applicants whose contribution a mentor confirmed or rejected (a notice);
- mentors of an organization, a daily digest of proposals submitted to its ideas while the
  application period runs (optional).
"""


# --- Proposals: applicants with an unsubmitted draft -----------------------------------------

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime

from applications.models import Proposal
from notifications.links import site_url
from notifications.registry import Due, deadline_key, deadline_windows, kind, reminder

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
