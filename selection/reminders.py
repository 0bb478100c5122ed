"""What selection asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/selection/emails/<kind>-subject.txt, -body.txt, -body.html.
"""

# === Review: mentors with submitted proposals they have not scored ==============================

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery

from applications.models import Proposal
from notifications.links import site_url
from notifications.registry import Due, deadline_key, deadline_windows, kind, reminder
from programs.models import Membership, Participation, Round
from selection.models import Review
from selection.services.window import ranking_due_at

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

# === Selection: org admins with open slots; conflicts; the results ==============================
