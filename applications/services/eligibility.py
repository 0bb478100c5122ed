"""Whether an applicant may submit a proposal to a round: the one question proposals ask of
the application.

`application_ready` is what the proposal services call before a submission. This minimal
version knows only the `Application` row: it exists (the eligibility questions were answered)
and no program admin marked the applicant ineligible. The full eligibility rules (the
round's `students_only`, the country when payments need it) belong to the eligibility form
and its service, which answer the same question under the same name.
"""

from applications.models import Application
from people.models import User
from programs.models import Round


def application_ready(applicant: User, round_: Round) -> bool:
    """True when `applicant` has an application to `round_` that no program admin marked
    ineligible."""
    return Application.objects.filter(applicant=applicant, round=round_).eligible().exists()
