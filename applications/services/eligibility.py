"""The applicant's application to a round (the eligibility answers) and a program admin's
verdict on it.

An applicant fills in their application once, before their first proposal, and may change
it until the application deadline (to the second: refused from the deadline on, with the
deadline named in their zone). Every rule of the round is checked here, never only shown:
a students-only round refuses a non-student, a program that pays through the country asks
for it, the round's mentors and org admins do not apply.

`application_ready` is what the proposals ask before a draft or a submission: the applicant's
application when it lets them propose, or the reason it does not.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.countries import is_country
from applications.models import Application, Commitment
from applications.models.application import HOURS_IN_A_WEEK
from applications.permissions import holds_a_role_in
from people.dates import moment_for
from people.models import User
from programs.models import Round

logger = logging.getLogger(__name__)

# More rows than anyone has commitments is a form being abused, not an answer.
COMMITMENTS_MAX = 20
REASON_MAX = 2000


@dataclass(frozen=True)
class CommitmentRow:
    what: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Refusal:
    """Why an applicant may not propose yet, in a sentence they can act on."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def require_application_period(round_: Round, by: User, now: datetime) -> None:
    """The application is filled in and changed from the period's opening until the deadline,
    to the second; the refusal names the moment in the applicant's zone."""
    if now < round_.applications_open:
        raise ValidationError(
            f"Applications to {round_.name} open on {moment_for(by, round_.applications_open)}."
        )
    if now >= round_.applications_close:
        raise ValidationError(
            f"The application deadline of {round_.name} was "
            f"{moment_for(by, round_.applications_close)}; your application can no longer "
            "be changed."
        )


def students_only_refusal(round_: Round, is_student: bool | None) -> str:
    """The students-only rule, stated once for the form and for `application_ready`."""
    if not round_.rules.students_only or is_student:
        return ""
    if is_student is None:
        return (
            f"{round_.name} is open to enrolled students only: say whether you are enrolled "
            "as a student."
        )
    return (
        f"{round_.name} is open to enrolled students only, so you cannot apply to it as "
        "someone who is not enrolled."
    )


def _clean_commitments(rows: Sequence[CommitmentRow]) -> list[CommitmentRow]:
    if len(rows) > COMMITMENTS_MAX:
        raise ValidationError(f"List at most {COMMITMENTS_MAX} commitments.")
    cleaned = []
    for row in rows:
        what = row.what.strip()
        if not what:
            raise ValidationError("Say what each commitment is (exams, a job, a holiday).")
        if row.ends_on < row.starts_on:
            raise ValidationError(f"“{what}” ends before it starts.")
        cleaned.append(CommitmentRow(what=what[:200], starts_on=row.starts_on, ends_on=row.ends_on))
    return cleaned


@transaction.atomic
def application_save(
    *,
    applicant: User,
    round_: Round,
    hours_per_week: int,
    commitments: Sequence[CommitmentRow] = (),
    is_student: bool | None = None,
    country: str = "",
    now: datetime | None = None,
) -> Application:
    """Create or change the applicant's application to the round.

    1. Refuse the round's mentors and org admins, and any moment outside
       [applications open, application deadline).
    2. Check the answers against the round's rules: hours within a week; the student question
       only where the round is for students (a non-student is refused), else dropped; the
       country only where the program pays through it (then required), else dropped.
    3. Create the row (the unique constraint settles two first saves at once) or update it
       under a lock, and replace its commitments.
    A program admin's verdict is left as it is: changing the answers does not undo it.
    """
    now = now or timezone.now()
    rules = round_.rules
    if holds_a_role_in(applicant, round_):
        raise ValidationError(
            "You hold a role in an organization of this round, so you cannot apply to it."
        )
    require_application_period(round_, applicant, now)
    if not 0 <= hours_per_week <= HOURS_IN_A_WEEK:
        raise ValidationError(f"Hours a week are between 0 and {HOURS_IN_A_WEEK}.")
    if rules.students_only:
        refusal = students_only_refusal(round_, is_student)
        if refusal:
            raise ValidationError(refusal)
    else:
        is_student = None
    country = country.strip().upper()
    if rules.asks_country_for_payments:
        if not is_country(country):
            raise ValidationError(
                "Say which country you live in: the program needs it to pay the stipend."
            )
    else:
        country = ""
    rows = _clean_commitments(commitments)

    answers = {"hours_per_week": hours_per_week, "is_student": is_student, "country": country}
    application = (
        Application.objects.select_for_update().filter(applicant=applicant, round=round_).first()
    )
    if application is None:
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    applicant=applicant, round=round_, **answers
                )
        except IntegrityError:
            # The same person's first save in another request won: change that one.
            application = Application.objects.select_for_update().get(
                applicant=applicant, round=round_
            )
    for field, value in answers.items():
        setattr(application, field, value)
    application.save()
    application.commitments.all().delete()
    Commitment.objects.bulk_create(
        Commitment(application=application, what=r.what, starts_on=r.starts_on, ends_on=r.ends_on)
        for r in rows
    )
    logger.info("%s saved their application %s", applicant.pk, application.pk)
    return application


def application_ready(*, applicant: User, round_: Round) -> Application | Refusal:
    """The applicant's application when it lets them propose in the round now, or why not.

    For the proposals (a first draft, a submission): no application yet, marked ineligible,
    not a student in a students-only round, no country where the program asks for it, or a
    role in the round's organizations. The clock (the deadline) is the proposals' own rule,
    since an org admin's late-edit exception changes it for one proposal. Two queries.
    """
    application = (
        Application.objects.select_related("round__rules")
        .filter(applicant=applicant, round=round_)
        .first()
    )
    if application is None:
        return Refusal(
            f"Fill in your application to {round_.name} first: a few questions about your "
            "time during the coding period."
        )
    if not application.is_eligible:
        return Refusal(
            f"A program admin marked you ineligible for {round_.name}: "
            f"{application.ineligible_reason}"
        )
    rules = application.round.rules
    refusal = students_only_refusal(application.round, application.is_student)
    if refusal:
        return Refusal(refusal)
    if rules.asks_country_for_payments and not application.country:
        return Refusal(
            "Say in your application which country you live in: the program needs it to pay "
            "the stipend."
        )
    if holds_a_role_in(applicant, round_):
        return Refusal(
            "You hold a role in an organization of this round, so you cannot apply to it."
        )
    return application


def require_application_ready(*, applicant: User, round_: Round) -> Application:
    """`application_ready` for a service: the application, or a ValidationError saying why."""
    ready = application_ready(applicant=applicant, round_=round_)
    if isinstance(ready, Refusal):
        raise ValidationError(ready.reason)
    return ready


@transaction.atomic
def mark_ineligible(
    *, application: Application, by: User, reason: str, now: datetime | None = None
) -> Application:
    """A program admin marks the applicant ineligible for the round, with a reason the
    applicant reads; who and when are recorded. Marking again replaces the reason."""
    if not by.runs_programs:
        raise ValidationError("Only program admins decide who is eligible.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why: the applicant reads the reason.")
    if len(reason) > REASON_MAX:
        raise ValidationError(f"Keep the reason under {REASON_MAX} characters.")
    locked = Application.objects.select_for_update().get(pk=application.pk)
    locked.ineligible_reason = reason
    locked.marked_ineligible_by = by
    locked.marked_ineligible_at = now or timezone.now()
    locked.save(
        update_fields=[
            "ineligible_reason",
            "marked_ineligible_by",
            "marked_ineligible_at",
            "updated_at",
        ]
    )
    logger.info("%s marked application %s ineligible", by.pk, locked.pk)
    return locked


@transaction.atomic
def mark_eligible(*, application: Application, by: User) -> Application:
    """A program admin undoes the verdict: the applicant is eligible again (the log keeps
    who undid it)."""
    if not by.runs_programs:
        raise ValidationError("Only program admins decide who is eligible.")
    locked = Application.objects.select_for_update().get(pk=application.pk)
    locked.ineligible_reason = ""
    locked.marked_ineligible_by = None
    locked.marked_ineligible_at = None
    locked.save(
        update_fields=[
            "ineligible_reason",
            "marked_ineligible_by",
            "marked_ineligible_at",
            "updated_at",
        ]
    )
    logger.info("%s marked application %s eligible again", by.pk, locked.pk)
    return locked
