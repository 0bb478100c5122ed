"""Each current internship of the demo played up to now: its extension, its evaluations both
ways, a program admin's decision, its status moving as the settle sweep moves it, and the
payments its milestones authorize.

Every internship has a fate (`FATES`, by intern): when each side submits in each window, or
never. The story writes what happened before the demo's `now` and nothing after, so the same
fates show the intern with her midterm still to write during the midterm phase and the whole
round settled once it finished. Evaluations are rows written directly, as the evaluation
pages leave them (those pages refuse a moment in the past); the outcome is the computed one
(`services.outcome`); statuses, payments and certificates are the settle sweep's own work
(`services.settling.settle_one`), each at the tick the sweep would have done it.

The fates, so that every state shows somewhere:
- Ines Intern (the intern account): passes, but writes her own evaluations late in each
  window, so during the midterm and final phases they are hers to submit.
- Chen Wei: his mentor was away for the midterm window; the org admin evaluated in his
  place.
- Ana Applicant: Mira Mentor evaluates late, so during a window Mira has one to submit.
- Fatima Diallo: extended two weeks for exams early in coding; her windows moved.
- libvirt's second intern: failed at the midterm (no final asked, payments stop).
- Ganeti's intern: never wrote her midterm evaluation; the rule holds the payment.
- rust-vmm's first intern: the mentor's midterm never came; a program admin decided it
  passed before the window closed (a locked decision). Meetings often missing.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Prefetch

from evaluations.demo.extension import extend_as_at
from evaluations.models import (
    Decision,
    Evaluation,
    EvaluationPhase,
    Internship,
)
from evaluations.services import settling
from evaluations.services.outcome import SETTLED, PhaseOutcome, outcome_of, window
from evaluations.services.payments import authorize
from people.models import User
from programs.demo.accounts import INTERN
from programs.demo.world import DemoWorld
from programs.models import Membership
from programs.rules import StipendMilestone

Status = Internship.Status
Result = Evaluation.Result
# The settle sweep runs every five minutes: what it settles, it settles this long after.
TICK = timedelta(minutes=5)
# Evaluation windows are a week long; the demo's "now" in a window's phase sits in its middle.
EARLY = timedelta(days=1, hours=3)
LATE = timedelta(days=6, hours=2)


@dataclass(frozen=True)
class Turn:
    """One phase of one internship: when each side submits after the window opens (None:
    never), the mentors' result, and whether a program admin locks it as passed."""

    mentor: timedelta | None = EARLY
    intern: timedelta | None = EARLY
    result: str = Result.PASS
    in_place_of_mentor: bool = False
    decided: timedelta | None = None


@dataclass(frozen=True)
class Fate:
    midterm: Turn = field(default_factory=Turn)
    final: Turn = field(default_factory=Turn)
    extension_weeks: int = 0
    # Every n-th week from the second has no meeting logged (0: every week over is logged).
    meetings_missing_every: int = 0


# By the intern's address without its domain; placeholders without the round's slug.
FATES: dict[str, Fate] = {
    "intern": Fate(midterm=Turn(intern=LATE), final=Turn(intern=LATE)),
    "applicant-01": Fate(midterm=Turn(in_place_of_mentor=True)),
    "applicant": Fate(midterm=Turn(mentor=LATE), final=Turn(mentor=LATE)),
    "applicant-02": Fate(extension_weeks=2),
    "libvirt-intern-2": Fate(midterm=Turn(result=Result.FAIL), meetings_missing_every=4),
    "ganeti-intern-1": Fate(midterm=Turn(intern=None)),
    "rust-vmm-intern-1": Fate(
        midterm=Turn(mentor=None, decided=timedelta(days=6, hours=20)),
        meetings_missing_every=3,
    ),
    "mozilla-intern-2": Fate(meetings_missing_every=3),
}
DECISION_REASON = (
    "The mentor was in hospital for the whole window; the org admin confirmed the work from "
    "the patches merged upstream."
)
EXTENSION_REASON = "Exams in the second and third week of coding (moved by the university)."

MENTOR_WORDS = {
    Result.PASS: (
        "On schedule: the first half of the plan is merged, the rest is under review.",
        "Answers within a day, posts a weekly status mail to the list.",
        "Clean patches with tests; review comments addressed quickly.",
    ),
    Result.FAIL: (
        "Weeks 2 to 6 of the schedule are not started; no patch was sent.",
        "Missed four of the six weekly meetings without notice.",
        "No code to review.",
    ),
}
INTERN_WORDS = (
    "My mentors review within a day and explain why, not only what.",
    "The community answered my questions on IRC and the mailing list quickly.",
)


def fate_of(internship: Internship) -> Fate:
    local = internship.intern.email.split("@")[0]
    return FATES.get(local.removeprefix(f"{internship.participation.round.slug}-"), Fate())


def current_internships(world: DemoWorld) -> list[Internship]:
    """The current rounds' internships, with what the story reads of them loaded once."""
    return list(
        Internship.objects.filter(participation__round__in=world.rounds.values())
        .select_related("intern", "participation__round__rules", "participation__organization")
        .prefetch_related(Prefetch("mentors", queryset=User.objects.order_by("pk")))
        .order_by("pk")
    )


def play(world: DemoWorld) -> list[Internship]:
    """Play every current internship up to `world.now`; the internships, as they now stand."""
    internships = current_internships(world)
    org_admins = _org_admins({i.participation_id for i in internships})
    for internship in internships:
        _play_one(world, internship, fate_of(internship), org_admins)
    return internships


def _org_admins(participation_ids: set[int]) -> dict[int, User]:
    return {
        m.participation_id: m.user
        for m in Membership.objects.active()
        .filter(participation_id__in=participation_ids, role=Membership.Role.ORG_ADMIN)
        .select_related("user")
    }


def _play_one(
    world: DemoWorld, internship: Internship, fate: Fate, org_admins: dict[int, User]
) -> None:
    now, admin = world.now, world.accounts["program_admin"]
    if internship.starts_at + TICK <= now:
        authorize(internship, StipendMilestone.START, at=internship.starts_at + TICK)
    if fate.extension_weeks:
        at = internship.starts_at + timedelta(days=12)
        if at <= now:
            extend_as_at(
                internship, by=admin, weeks=fate.extension_weeks, reason=EXTENSION_REASON, at=at
            )
    midterm = None
    for phase, turn in (
        (EvaluationPhase.MIDTERM, fate.midterm),
        (EvaluationPhase.FINAL, fate.final),
    ):
        if not internship.is_running:
            return
        outcome = _phase(world, internship, phase, turn, org_admins, midterm)
        if outcome is None:
            return
        midterm = outcome


def _phase(
    world: DemoWorld,
    internship: Internship,
    phase: str,
    turn: Turn,
    org_admins: dict[int, User],
    midterm: PhaseOutcome | None,
) -> PhaseOutcome | None:
    """Write the phase's evaluations and decision made by now; settle it when the sweep would
    have by now. Its outcome once settled, else None (the story of this internship stops)."""
    now = world.now
    opens, closes = window(internship, phase)
    given = []
    if turn.mentor is not None and opens + turn.mentor <= now:
        # An org admin in place of the mentors when the fate says so, or when none is named.
        mentors = list(internship.mentors.all())
        by = (
            org_admins[internship.participation_id]
            if turn.in_place_of_mentor or not mentors
            else None
        )
        given.append(_mentor_evaluation(internship, phase, turn, opens + turn.mentor, by))
    if turn.intern is not None and opens + turn.intern <= now:
        given.append(_intern_evaluation(internship, phase, opens + turn.intern))
    decision = None
    if turn.decided is not None and opens + turn.decided <= now:
        decision = Decision.objects.create(
            internship=internship,
            phase=phase,
            outcome=Decision.Outcome.PASSED,
            by=world.accounts["program_admin"],
            at=opens + turn.decided,
            reason=DECISION_REASON,
        )
    # The sweep settles a decision at its next tick, anything else once the window closed.
    settles = decision.at + TICK if decision is not None else closes + TICK
    if settles > now:
        return None
    outcome = outcome_of(
        internship,
        phase,
        rules=internship.participation.round.rules,
        evaluations=given,
        decision=decision,
        now=settles,
        midterm=midterm,
    )
    if outcome.state not in SETTLED:
        return None
    _settle(internship, phase, settles)
    return outcome


def _mentor_evaluation(
    internship: Internship, phase: str, turn: Turn, at: datetime, in_place_by: User | None
) -> Evaluation:
    progress, communication, code = MENTOR_WORDS[turn.result]
    return Evaluation.objects.create(
        internship=internship,
        phase=phase,
        side=Evaluation.Side.MENTOR,
        submitted_by=in_place_by or next(iter(internship.mentors.all())),
        in_place_of_mentor=in_place_by is not None,
        submitted_at=at,
        result=turn.result,
        action=Evaluation.Action.PAY if turn.result == Result.PASS else Evaluation.Action.END,
        progress=progress,
        communication=communication,
        code=code,
    )


def _intern_evaluation(internship: Internship, phase: str, at: datetime) -> Evaluation:
    about_mentors, about_organization = INTERN_WORDS
    final = phase == EvaluationPhase.FINAL
    return Evaluation.objects.create(
        internship=internship,
        phase=phase,
        side=Evaluation.Side.INTERN,
        submitted_by=internship.intern,
        submitted_at=at,
        about_mentors=about_mentors,
        about_organization=about_organization,
        work_url=work_url(internship) if final else "",
    )


def work_url(internship: Internship) -> str:
    organization = internship.participation.organization.slug
    return f"https://git.example.org/{organization}/internship-{internship.pk}/-/commits/main"


def _settle(internship: Internship, phase: str, at: datetime) -> None:
    """The settle sweep's own work at its tick `at` (the status, the payment, at the end the
    certificate), so the demo shows what the site would have left."""
    settling.settle_one(internship.pk, at)
    internship.refresh_from_db(fields=["status", "status_changed_at"])
    if phase == EvaluationPhase.FINAL and internship.intern.email == INTERN.email:
        # Ines chose to be listed among the alumni; the others have not said yet.
        Internship.objects.filter(pk=internship.pk).update(listed_as_alumni=True)
