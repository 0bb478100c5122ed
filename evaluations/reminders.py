"""What evaluations asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/evaluations/emails/<kind>-subject.txt, -body.txt, -body.html.

- Both sides of an internship (the intern and each mentor), when a week's meeting is still
  not logged two days after the week ended.
- The internship's people and its organization's admins, when it is ended early (a notice,
  enqueued by the service; not to the person who ended it).
- Those who owe an evaluation (mentors, intern; only the sides the rules require), three days
  and one day before its window closes; the org admins copied on the one-day one.
- The intern and the mentors, the outcome of a phase once its window closed and it is
  settled (the result and why only: the intern never reads the mentors' answers).
- Program admins, in their daily digest: the payments waiting for their approval.
- The intern, when a program admin holds one of their payments (a notice, with the reason).

Boundaries come from the internship's own dates, so an extension moves them with it; the
email names every moment in the recipient's zone (notifications renders it in their zone).
"""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q

from evaluations.models import EvaluationPhase, Internship, InternshipEvent, Payment, WeeklyMeeting
from evaluations.services.outcome import PhaseOutcome, State, phase_rows, required
from notifications.links import site_url
from notifications.registry import Due, deadline_windows, kind, reminder
from programs.models import Membership
from programs.reminders import DigestSection, program_admin_digest_part

# === Weekly meetings: a week with no meeting logged ===========================================

MEETING_NOT_LOGGED = kind(
    "meeting_not_logged",
    label="A week of your internship with no meeting logged",
    optional=False,
    app="evaluations",
)
# Two days after a week ends, its meeting is "not logged" and both sides hear of it.
LOG_GRACE = timedelta(days=2)
WEEK = timedelta(days=7)


def week_to_remind(internship: Internship, now: datetime) -> tuple[int, datetime] | None:
    """The week whose reminder is due at `now`, with its due moment: the latest week whose
    end plus two days has come, and only until the next week's reminder is due (a week later),
    so a sweep that was stopped for days sends the latest reminder, not a pile of stale ones,
    and each week's reminder goes once at its boundary."""
    for week in range(internship.weeks, 0, -1):
        _, ends = internship.week_bounds(week)
        due = ends + LOG_GRACE
        if due <= now:
            return (week, due) if now < due + WEEK else None
    return None


@reminder
def meeting_not_logged(now: datetime) -> Iterator[Due]:
    """The intern and each mentor of a running internship, once per week that ended two days
    ago with no meeting logged. Three queries, however many internships."""
    internships = list(
        Internship.objects.running()
        .filter(
            starts_at__lte=now - LOG_GRACE,
            ends_at__gt=now - LOG_GRACE - WEEK,
        )
        .select_related("intern", "participation__round", "participation__organization")
        .prefetch_related("mentors")
        .order_by("pk")
    )
    owed = {}
    for internship in internships:
        found = week_to_remind(internship, now)
        if found is not None:
            owed[internship.pk] = (internship, *found)
    if not owed:
        return
    logged = Q()
    for pk, (_internship, week, _due) in owed.items():
        logged |= Q(internship_id=pk, week=week)
    done = set(WeeklyMeeting.objects.filter(logged).values_list("internship_id", "week"))
    for pk, (internship, week, due) in owed.items():
        if (pk, week) in done:
            continue
        starts, ends = internship.week_bounds(week)
        round_ = internship.participation.round
        context = {
            "internship": internship,
            "organization": internship.participation.organization,
            "round": round_,
            "week": week,
            "starts": starts,
            "ends": ends,
            "link": site_url("evaluations:meeting", round_.slug, internship.pk) + f"?week={week}",
        }
        for person in (internship.intern, *internship.mentors.all()):
            yield Due(
                kind=MEETING_NOT_LOGGED.name,
                recipient=person,
                about=f"internship:{pk}:week:{week}",
                due_at=due,
                context=context,
            )


# === Withdrawal: the internship ended early ====================================================

INTERNSHIP_WITHDRAWN = kind(
    "internship_withdrawn",
    label="An internship you take part in ended early",
    optional=False,
    app="evaluations",
)


def internship_withdrawn(event: InternshipEvent) -> list[Due]:
    """Its intern, its mentors and its organization's active admins, once (the event's
    moment is the due date), except the person who ended it."""
    internship = event.internship
    participation = internship.participation
    people = {internship.intern.pk: internship.intern}
    people |= {mentor.pk: mentor for mentor in internship.mentors.all()}
    people |= {
        m.user.pk: m.user
        for m in Membership.objects.org_admins_of(participation.pk).select_related("user")
    }
    people.pop(getattr(event.by, "pk", None), None)
    round_ = participation.round
    context = {
        "internship": internship,
        "organization": participation.organization,
        "round": round_,
        "by": event.by,
        "reason": event.reason,
        "at": event.at,
        "link": site_url("evaluations:internship", round_.slug, internship.pk),
    }
    return [
        Due(
            kind=INTERNSHIP_WITHDRAWN.name,
            recipient=person,
            about=f"internship:{internship.pk}:withdrawn",
            due_at=event.at,
            context=context,
        )
        for person in people.values()
    ]


# === Evaluations due, and outcomes when a window closes (settle lane) =========================

EVALUATION_DUE = kind(
    "evaluation_due",
    label="An internship evaluation you owe is due",
    optional=False,
    app="evaluations",
)
EVALUATION_OUTCOME = kind(
    "evaluation_outcome",
    label="The outcome of an evaluation of your internship",
    optional=False,
    app="evaluations",
)
# Each phase's closing moment on the internship (its own, so extensions move the reminders).
CLOSES = {EvaluationPhase.MIDTERM: "midterm_closes", EvaluationPhase.FINAL: "final_closes"}
# An outcome settled this long after its window closed (a program admin deciding late) is
# still told; older ones are history, not news.
OUTCOME_FRESH = timedelta(days=14)


def _org_admins(participation_ids) -> dict[int, list]:
    admins: dict[int, list] = {}
    for membership in (
        Membership.objects.active()
        .filter(participation_id__in=set(participation_ids), role=Membership.Role.ORG_ADMIN)
        .select_related("user")
        .order_by("user_id")
    ):
        admins.setdefault(membership.participation_id, []).append(membership.user)
    return admins


def _internships_closing(field: str, after: datetime, until: datetime, *, running: bool):
    found = Internship.objects.filter(**{f"{field}__gt": after, f"{field}__lte": until})
    if running:
        found = found.running()
    return list(
        found.select_related("intern", "participation__round__rules", "participation__organization")
        .prefetch_related("mentors")
        .order_by("pk")
    )


def owed_sides(outcome: PhaseOutcome, rules) -> tuple[str, ...]:
    """The sides that still owe `outcome`'s phase: required by the rules and not given (never
    once decided or not asked). Whatever the computed state: after the mentors' fail the
    intern still owes theirs, and leaving them out would tell them the result early."""
    if outcome.locked or outcome.state == State.NOT_ASKED:
        return ()
    given = {"mentor": outcome.mentor, "intern": outcome.intern}
    return tuple(
        side
        for side in ("mentor", "intern")
        if given[side] is None and required(rules, outcome.phase, side)
    )


@reminder
def evaluation_due(now: datetime) -> Iterator[Due]:
    """Three days and one day before an internship's evaluation window closes, those who owe
    the evaluation: each mentor when the mentors' result is missing, the intern when theirs
    is, only the sides the round's rules require. The org admins are copied on the one-day
    reminder (once per owing side). Five queries per lead and phase, however many."""
    for lead, after, until in deadline_windows(now):
        for phase, field in CLOSES.items():
            internships = _internships_closing(field, after, until, running=True)
            if not internships:
                continue
            rows = phase_rows(internships, now=now)
            admins = _org_admins(i.participation_id for i in internships) if lead.is_last else {}
            for row in rows:
                internship = row.internship
                outcome = row.midterm if phase == EvaluationPhase.MIDTERM else row.final
                owed = owed_sides(outcome, internship.participation.round.rules)
                closes = getattr(internship, field)
                round_ = internship.participation.round
                context = {
                    "internship": internship,
                    "organization": internship.participation.organization,
                    "round": round_,
                    "phase": EvaluationPhase(phase),
                    "opens": outcome.opens,
                    "closes": closes,
                    "lead": lead,
                    "link": site_url("evaluations:internship", round_.slug, internship.pk),
                }
                copies = tuple(admins.get(internship.participation_id, ()))
                recipients = []
                if "mentor" in owed:
                    mentors = sorted(internship.mentors.all(), key=lambda m: m.pk)
                    # The org admins hear once of the mentors' side, not once per co-mentor.
                    recipients += [
                        (m, "mentor", copies if i == 0 else ()) for i, m in enumerate(mentors)
                    ]
                if "intern" in owed:
                    recipients.append((internship.intern, "intern", copies))
                for person, side, copy_to in recipients:
                    yield Due(
                        kind=EVALUATION_DUE.name,
                        recipient=person,
                        about=f"internship:{internship.pk}:{phase}:{side}",
                        due_at=closes - lead.before,
                        context={**context, "side": side},
                        copy_to=copy_to,
                    )


@reminder
def evaluation_outcome(now: datetime) -> Iterator[Due]:
    """The intern and each mentor, once a phase's window closed and its outcome is settled
    (at once, or when a program admin decides): the result and why, never the mentors'
    answers. Due at the window's close, so each phase is told once. Four queries a phase."""
    for phase, field in CLOSES.items():
        internships = _internships_closing(field, now - OUTCOME_FRESH, now, running=False)
        if not internships:
            continue
        for row in phase_rows(internships, now=now):
            internship = row.internship
            outcome = row.midterm if phase == EvaluationPhase.MIDTERM else row.final
            if not outcome.settled:
                continue
            round_ = internship.participation.round
            context = {
                "internship": internship,
                "organization": internship.participation.organization,
                "round": round_,
                "phase": EvaluationPhase(phase),
                "state": outcome.state.label,
                "passed": outcome.passed,
                "why": outcome.why,
                "closes": outcome.closes,
                "link": site_url("evaluations:internship", round_.slug, internship.pk),
            }
            for person in (internship.intern, *internship.mentors.all()):
                yield Due(
                    kind=EVALUATION_OUTCOME.name,
                    recipient=person,
                    about=f"internship:{internship.pk}:{phase}:outcome",
                    due_at=outcome.closes,
                    context=context,
                )


# === Payments waiting for approval, in the program admins' digest (payments lane) =============

PAYMENT_HELD = kind(
    "payment_held",
    label="A stipend payment of yours is held",
    optional=False,
    app="evaluations",
)


def payment_held(payment: Payment, at: datetime) -> list[Due]:
    """The intern, when a program admin holds one of their payments: which one and why (the
    reason they will also read on their internship page). Not its mentors, who do not see
    payments. Once per hold (a payment held again after a release is told again)."""
    internship = payment.internship
    participation = internship.participation
    round_ = participation.round
    return [
        Due(
            kind=PAYMENT_HELD.name,
            recipient=internship.intern,
            about=f"payment:{payment.pk}:held",
            due_at=at,
            context={
                "payment": payment,
                "internship": internship,
                "organization": participation.organization,
                "round": round_,
                "reason": payment.reason,
                "link": site_url("evaluations:internship", round_.slug, internship.pk)
                + "#payments",
            },
        )
    ]


# At most this many rounds listed in the digest (a program runs one or two at a time).
DIGEST_ROUNDS = 10


@program_admin_digest_part
def payments_waiting(now: datetime) -> list[DigestSection]:
    """The program admins' digest: one section per round with payments waiting for approval,
    the round waiting longest first, each linking the round's payments page; the subject line
    counts them all. One query; nothing waiting, no section."""
    round_slug, round_name = (
        "internship__participation__round__slug",
        "internship__participation__round__name",
    )
    rounds = list(
        Payment.objects.filter(status=Payment.Status.WAITING, created_at__lte=now)
        .values(round_slug, round_name)
        .annotate(count=Count("pk"), oldest=Min("created_at"))
        .order_by("oldest", round_slug)[:DIGEST_ROUNDS]
    )
    total = sum(row["count"] for row in rounds)
    sections = []
    for n, row in enumerate(rounds):
        link = site_url("evaluations:payments", row[round_slug])
        count = row["count"]
        sections.append(
            DigestSection(
                heading=f"Payments waiting for approval in {row[round_name]}: {count}",
                # The subject line names the total once.
                summary=f"{total} payment{'s' if total != 1 else ''} to approve" if n == 0 else "",
                lines=((f"{count} waiting for your approval", link),),
                more=False,
                link=link,
            )
        )
    return sections
