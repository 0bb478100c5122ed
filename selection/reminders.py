"""What selection asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/selection/emails/<kind>-subject.txt, -body.txt, -body.html.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef

from applications.models import Proposal
from notifications.links import site_url
from notifications.registry import Due, kind, reminder
from selection.models import Candidacy

# === Review: mentors with submitted proposals they have not scored ==============================

# === Interviews: both sides, 24 hours and 1 hour before; cancelled or moved =====================

# === Selection: org admins with open slots; conflicts; the results ==============================

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
    other kind, once. One query, however many applicants."""
    selected = Candidacy.objects.selected().filter(proposal=OuterRef("pk"))
    proposals = (
        Proposal.objects.submitted()
        .filter(
            application__round__results_announced__lte=now,
            application__round__results_announced__gt=now - RESULTS_WINDOW,
        )
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
