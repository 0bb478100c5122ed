"""What one person reads of an internship's evaluations, phase by phase, and whether they may
submit theirs: for the evaluation page and the internship page's evaluations section.

Two queries whatever is shown (the internship's evaluations with their authors, its
decisions) plus the round's rules when not already loaded; the viewer's roles come from the
request's cache. Each phase says only what the viewer may read (`permissions`): the intern
never gets the mentors' free text and gets their result only once the window has closed; a
mentor of the internship never gets the intern's evaluation. What a viewer may not read is
left out of the object itself, so no template can show it by mistake.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from evaluations import permissions
from evaluations.models import Decision, Evaluation, EvaluationPhase, Internship
from evaluations.services import outcome
from evaluations.services.decisions import WAITS_ON
from evaluations.services.evaluating import outcomes, refusal
from people.models import User
from programs.roles import roles_in


@dataclass(frozen=True)
class MentorResult:
    """The part of the mentors' evaluation an intern may read once the window closed."""

    result: str
    label: str
    in_place_of_mentor: bool
    passed: bool


@dataclass(frozen=True)
class PhaseView:
    phase: str
    label: str
    opens: datetime
    closes: datetime
    is_open: bool
    closed: bool
    # The computed outcome; None for an intern while the window is open (it would tell the
    # mentors' result early).
    outcome: outcome.PhaseOutcome | None
    mentor_required: bool
    intern_required: bool
    mentor_given: bool
    intern_given: bool
    # The mentors' whole evaluation, for those who may read it.
    mentor: Evaluation | None
    # Its result alone, for the intern once the window closed.
    mentor_result: MentorResult | None
    # The intern's evaluation, for those who may read it (never a mentor of the internship).
    intern: Evaluation | None
    # The side the viewer gives ("mentor" or "intern"), and whether in place of the mentors.
    my_side: str | None
    in_place: bool
    may_submit: bool
    # Why the viewer's side cannot be submitted now (shown instead of the form).
    why_not: str | None
    # A program admin may lock this phase's outcome now; the round's rule waits for them.
    may_decide: bool = False
    needs_decision: bool = False

    @property
    def extension_asked(self) -> int | None:
        """Weeks the mentors asked for (a request to program admins), for those who read it."""
        if self.mentor is not None and self.mentor.action == Evaluation.Action.EXTEND:
            return self.mentor.extend_weeks
        return None


def phase_views(*, internship: Internship, user: User, now: datetime) -> dict[str, PhaseView]:
    """Both phases as `user` may read them; `internship` comes from the permissions helper."""
    given = list(Evaluation.objects.filter(internship=internship).select_related("submitted_by"))
    decisions = {d.phase: d for d in Decision.objects.filter(internship=internship)}
    found = outcomes(internship, given=given, decisions=decisions, now=now)
    roles = roles_in(user, internship.participation)
    side = permissions.side_of(user, internship)
    my_side = permissions.evaluation_side_of(roles, side)
    deciding = permissions.may_decide(roles)
    rules = internship.participation.round.rules
    views = {}
    for phase in EvaluationPhase.values:
        opens, closes = outcome.window(internship, phase)
        closed = now >= closes
        mine = {e.side: e for e in given if e.phase == phase}
        mentor = mine.get(Evaluation.Side.MENTOR)
        intern = mine.get(Evaluation.Side.INTERN)
        mentor_result = None
        if mentor is not None and permissions.may_read_mentor_result(
            roles, side, window_closed=closed
        ):
            mentor_result = MentorResult(
                result=mentor.result,
                label=mentor.get_result_display(),
                in_place_of_mentor=mentor.in_place_of_mentor,
                passed=mentor.passed,
            )
        why_not = None
        if my_side is not None:
            why_not = refusal(
                internship=internship,
                phase=phase,
                side=my_side,
                by=user,
                now=now,
                found=found[phase],
                given=given,
            )
        views[phase] = PhaseView(
            phase=phase,
            label=EvaluationPhase(phase).label,
            opens=opens,
            closes=closes,
            is_open=opens <= now < closes,
            closed=closed,
            # Without the evaluations it was computed from: each is below, if readable.
            outcome=replace(found[phase], mentor=None, intern=None)
            if permissions.may_see_outcome(side, closed, found[phase].locked)
            else None,
            mentor_required=outcome.required(rules, phase, "mentor"),
            intern_required=outcome.required(rules, phase, "intern"),
            mentor_given=mentor is not None,
            intern_given=intern is not None,
            mentor=mentor if permissions.may_read_mentor_evaluation(roles, side) else None,
            mentor_result=mentor_result,
            intern=intern if permissions.may_read_intern_evaluation(roles, side) else None,
            my_side=my_side,
            in_place=my_side == "mentor" and permissions.submits_in_place_of_mentor(roles, side),
            may_submit=my_side is not None and why_not is None,
            why_not=why_not,
            may_decide=deciding
            and not found[phase].locked
            and internship.status == WAITS_ON[phase],
            needs_decision=found[phase].state == outcome.State.ADMIN_DECIDES,
        )
    return views
