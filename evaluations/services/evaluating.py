"""Submitting a midterm or final evaluation: the mentors' of the intern, the intern's of the
mentors and the organization. Submitted once, never edited.

The rules, each the server's:
- Who: the mentors' side is any co-mentor's, or an org admin's in place of the mentors
  (recorded, shown wherever the result is); the intern's side is the intern's
  (`permissions.evaluation_side_of`). Program admins decide, they do not evaluate.
- When: inside the internship's own window for the phase (an extension moves it), refused
  outside with the window named in the person's zone. No final is asked after a failed
  midterm, nor of a withdrawn internship (the computed outcome says "not asked").
- What: the mentors give pass or fail, answers on progress against the schedule,
  communication and code, and one action. A fail ends; a pass pays or asks for an
  extension of at most the round's `extension_max_weeks` (only at the midterm: an extension
  moves the final window, which must not have opened yet). The intern answers about the
  mentors and the organization, and at the final links the work done.
- Once: one evaluation per side per phase. The internship's row is locked while checking, and
  the unique constraint (internship, phase, side) backs it: two co-mentors pressing submit at
  the same instant leave one result and a clear refusal, never an error page.
- A side the round does not require may still be given.

Submitting changes neither the internship's status nor its dates: the settle sweep settles
outcomes from the computed outcome, and a program admin grants an extension the mentors
asked for.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluations import permissions
from evaluations.models import Decision, Evaluation, EvaluationPhase, Internship
from evaluations.services import outcome
from evaluations.services.internships import lock
from people.dates import moment_for
from people.models import User
from programs.roles import roles_in

TEXT_MAX = 5000
Result = Evaluation.Result
Action = Evaluation.Action


@dataclass(frozen=True)
class MentorAnswers:
    result: str
    action: str
    progress: str
    communication: str
    code: str
    extend_weeks: int | None = None


@dataclass(frozen=True)
class InternAnswers:
    about_mentors: str
    about_organization: str
    work_url: str = ""


def contradiction(result: str, action: str) -> str | None:
    """Why the result and the action cannot go together, or None when they can."""
    if result == Result.FAIL and action == Action.PAY:
        return "A fail cannot be paid: a failed evaluation ends the internship (choose “end”)."
    if result == Result.FAIL and action == Action.EXTEND:
        return (
            "A fail cannot ask for an extension: a failed evaluation ends the internship "
            "(choose “end”, or pass with an extension)."
        )
    if result == Result.PASS and action == Action.END:
        return "A pass cannot end the internship: choose “pay” or “extend”, or give a fail."
    return None


def _phase(phase: str) -> str:
    if phase not in EvaluationPhase.values:
        raise ValidationError("An evaluation is the midterm or the final.")
    return phase


def side_for(by: User, internship: Internship) -> str:
    side = permissions.evaluation_side_of(
        roles_in(by, internship.participation), permissions.side_of(by, internship)
    )
    if side is None:
        raise ValidationError(
            "Only the intern, the mentors or an admin of the organization submit evaluations."
        )
    return side


def outcomes(
    internship: Internship, *, given: list[Evaluation], decisions: dict[str, Decision], now
) -> dict[str, outcome.PhaseOutcome]:
    """Both phases' computed outcomes from rows already read (no query)."""
    row = outcome.both_phases(
        internship,
        rules=internship.participation.round.rules,
        evaluations=given,
        decisions=decisions,
        now=now,
    )
    return {EvaluationPhase.MIDTERM: row.midterm, EvaluationPhase.FINAL: row.final}


def refusal(
    *,
    internship: Internship,
    phase: str,
    side: str,
    by: User,
    now,
    found: outcome.PhaseOutcome,
    given: list[Evaluation],
) -> str | None:
    """Why `side`'s `phase` evaluation cannot be submitted now, or None: the internship still
    counts, its window is open, the phase is asked for (no final after a failed midterm), the
    mentors' outcome is not locked by a program admin, and the side has not given it yet."""
    if internship.status == Internship.Status.WITHDRAWN:
        return "This internship was withdrawn: no evaluation is asked for."
    label = EvaluationPhase(phase).label.lower()
    mine = next((e for e in given if e.phase == phase and e.side == side), None)
    if mine is not None:
        return _already_given(mine, by=by)
    # The window before "not asked": while the midterm is open, the final's window has not
    # opened, and saying "no final is asked for: the midterm was failed" would tell the intern
    # the mentors' result before the midterm closes.
    opens, closes = outcome.window(internship, phase)
    if not opens <= now < closes:
        where = "it has not opened yet" if now < opens else "it has closed"
        return (
            f"The {label} evaluation window runs from {moment_for(by, opens)} to "
            f"{moment_for(by, closes)}, and {where}: evaluations are submitted inside it."
        )
    if found.state == outcome.State.NOT_ASKED:
        return f"No {label} evaluation is asked for: {found.why}"
    if side == Evaluation.Side.MENTOR and found.locked:
        return (
            f"A program admin already decided the {label}'s outcome "
            f"({found.decision.get_outcome_display().lower()}): the mentors' evaluation can "
            "no longer change it."
        )
    return None


def _check_asked(*, internship: Internship, phase: str, side: str, by: User, now) -> None:
    """`refusal` on the rows as they stand under the internship's lock."""
    given = list(Evaluation.objects.filter(internship=internship).select_related("submitted_by"))
    decisions = {d.phase: d for d in Decision.objects.filter(internship=internship)}
    found = outcomes(internship, given=given, decisions=decisions, now=now)[phase]
    why = refusal(
        internship=internship, phase=phase, side=side, by=by, now=now, found=found, given=given
    )
    if why:
        raise ValidationError(why)


def _already_given(existing: Evaluation, *, by: User) -> str:
    label = EvaluationPhase(existing.phase).label.lower()
    if existing.side == Evaluation.Side.INTERN:
        return (
            f"Your {label} evaluation was submitted {moment_for(by, existing.submitted_at)}: "
            "a submitted evaluation cannot be changed."
        )
    author = "you" if existing.submitted_by_id == by.pk else existing.submitted_by.name
    return (
        f"The mentors' {label} evaluation was already submitted by {author} "
        f"{moment_for(by, existing.submitted_at)}: there is one result per phase, and a "
        "submitted evaluation cannot be changed."
    )


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"Answer {what}: it is required.")
    if len(value) > TEXT_MAX:
        raise ValidationError(f"Keep {what} under {TEXT_MAX} characters.")
    return value


def _check_mentor_answers(answers: MentorAnswers, *, phase: str, rules) -> int | None:
    if answers.result not in Result.values:
        raise ValidationError("Say whether the intern passes or fails.")
    if answers.action not in Action.values:
        raise ValidationError("Choose what happens next: pay, extend or end.")
    why = contradiction(answers.result, answers.action)
    if why:
        raise ValidationError(why)
    if answers.action != Action.EXTEND:
        return None
    if phase == EvaluationPhase.FINAL:
        raise ValidationError(
            "An extension moves the final evaluation window, which is already open: at the "
            "final, choose “pay”, or write to a program admin."
        )
    most = rules.extension_max_weeks
    if not isinstance(answers.extend_weeks, int) or not 1 <= answers.extend_weeks <= most:
        raise ValidationError(
            f"Ask for an extension of 1 to {most} week{'s' if most != 1 else ''} "
            "(the round's limit)."
        )
    return answers.extend_weeks


def _check_work_url(url: str, *, phase: str) -> str:
    url = (url or "").strip()
    if phase != EvaluationPhase.FINAL:
        return ""
    if not url:
        raise ValidationError("Link the work done: at the final, the link is required.")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError("The link to the work done is a web address (https://…).") from None
    if len(url) > 500:
        raise ValidationError("The link to the work done may be at most 500 characters.")
    return url


def _create(**fields) -> Evaluation:
    try:
        with transaction.atomic():
            return Evaluation.objects.create(**fields)
    except IntegrityError:
        # Only reachable if the lock was bypassed: the constraint keeps one per side.
        existing = Evaluation.objects.select_related("submitted_by").get(
            internship_id=fields["internship"].pk, phase=fields["phase"], side=fields["side"]
        )
        raise ValidationError(_already_given(existing, by=fields["submitted_by"])) from None


@transaction.atomic
def submit_mentor_evaluation(
    *, internship: Internship, phase: str, by: User, answers: MentorAnswers
) -> Evaluation:
    """The mentors' evaluation of the intern, by a co-mentor or an org admin in their place."""
    phase = _phase(phase)
    roles = roles_in(by, internship.participation)
    side = permissions.side_of(by, internship)
    if not permissions.may_submit_for_mentors(roles, side):
        raise ValidationError(
            "Only the mentors, or an admin of the organization in their place, evaluate the intern."
        )
    rules = internship.participation.round.rules
    weeks = _check_mentor_answers(answers, phase=phase, rules=rules)
    texts = {
        "progress": _text(answers.progress, "how the work progressed against the schedule"),
        "communication": _text(answers.communication, "how the intern communicated"),
        "code": _text(answers.code, "about the code and contributions"),
    }
    locked = lock(internship)
    # The moment is read once the lock is held: a submission that waited on the settle
    # sweep's lock past the close is judged at the close it missed, not before it.
    now = timezone.now()
    locked.participation = internship.participation
    _check_asked(internship=locked, phase=phase, side=Evaluation.Side.MENTOR, by=by, now=now)
    return _create(
        internship=locked,
        phase=phase,
        side=Evaluation.Side.MENTOR,
        submitted_by=by,
        submitted_at=now,
        in_place_of_mentor=permissions.submits_in_place_of_mentor(roles, side),
        result=answers.result,
        action=answers.action,
        extend_weeks=weeks,
        **texts,
    )


@transaction.atomic
def submit_intern_evaluation(
    *, internship: Internship, phase: str, by: User, answers: InternAnswers
) -> Evaluation:
    """The intern's evaluation of the mentors and the organization (at the final, with the
    link to the work done)."""
    phase = _phase(phase)
    if permissions.side_of(by, internship) != permissions.Side.INTERN:
        raise ValidationError("Only the intern evaluates the mentors and the organization.")
    texts = {
        "about_mentors": _text(answers.about_mentors, "about the mentors"),
        "about_organization": _text(answers.about_organization, "about the organization"),
    }
    work_url = _check_work_url(answers.work_url, phase=phase)
    locked = lock(internship)
    # The moment is read once the lock is held: a submission that waited on the settle
    # sweep's lock past the close is judged at the close it missed, not before it.
    now = timezone.now()
    locked.participation = internship.participation
    _check_asked(internship=locked, phase=phase, side=Evaluation.Side.INTERN, by=by, now=now)
    return _create(
        internship=locked,
        phase=phase,
        side=Evaluation.Side.INTERN,
        submitted_by=by,
        submitted_at=now,
        work_url=work_url,
        **texts,
    )
