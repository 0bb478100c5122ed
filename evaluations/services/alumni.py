"""Alumni: past interns by year, for a program's and an organization's public pages, and the
intern's choice to be listed.

Who is listed, stated once (`all_listed`): the intern chose it (`listed_as_alumni`), the
internship completed, and its certificate (if any) was not revoked. A withdrawn or failed
internship is never listed, whatever the choice says; a running one shows once it completes,
so the intern may choose early.

Each page reads a fixed number of queries however long the program's history: the years
with their counts (one aggregate), and one page of rows with the final work link taken by a
subquery (no query per intern).
"""

from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import ExtractYear

from evaluations.models import Evaluation, EvaluationPhase, Internship
from people.models import User
from programs.models import Organization, Program

# Statuses an intern may still choose to be listed from (shown only once completed).
MAY_CHOOSE = (*Internship.RUNNING, Internship.Status.COMPLETED)


def all_listed() -> QuerySet[Internship]:
    """Every internship the alumni pages show, with its year, its project, its people and
    its final work link. A round's year is the UTC year its coding starts (as the
    statistics count it)."""
    final_work = Evaluation.objects.filter(
        internship=OuterRef("pk"), phase=EvaluationPhase.FINAL, side=Evaluation.Side.INTERN
    ).values("work_url")[:1]
    return (
        Internship.objects.filter(status=Internship.Status.COMPLETED, listed_as_alumni=True)
        # A revoked certificate takes the internship off the lists: its completion no longer
        # stands.
        .exclude(certificate__revoked_at__isnull=False)
        .annotate(
            year=ExtractYear("participation__round__coding_start", tzinfo=UTC),
            work_url=Subquery(final_work),
        )
        .select_related(
            "intern",
            "idea",
            "participation__round__program",
            "participation__organization",
        )
    )


def of_program(program: Program) -> QuerySet[Internship]:
    return all_listed().filter(participation__round__program=program)


def of_organization(organization: Organization) -> QuerySet[Internship]:
    return all_listed().filter(participation__organization=organization)


@dataclass(frozen=True)
class Year:
    year: int
    alumni: int


def years_of(alumni: QuerySet[Internship]) -> list[Year]:
    """The years that have alumni, newest first, with how many: one aggregate query."""
    return [
        Year(year=row["year"], alumni=row["n"])
        for row in alumni.order_by().values("year").annotate(n=Count("id")).order_by("-year")
    ]


def in_year(alumni: QuerySet[Internship], year: int | None) -> QuerySet[Internship]:
    """One year's alumni in the order the page shows them: by organization and intern (no
    year: none, a program or organization without alumni)."""
    if year is None:
        return alumni.none()
    return alumni.filter(year=year).order_by(
        "participation__organization__name", "intern__display_name", "pk"
    )


def project_of(internship: Internship) -> str:
    """The project's name as the alumni pages and the certificate print it."""
    if internship.project_title:
        return internship.project_title
    if internship.idea_id is not None:
        return internship.idea.title
    return "Internship"


def safe_link(url: str) -> str:
    """The work link if it is a web address (http or https); otherwise nothing, so a page
    never links a `javascript:` or other scheme an intern typed."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return ""


def set_listing(*, internship: Internship, by: User, listed: bool) -> Internship:
    """The intern chooses whether the alumni pages list them. Callers check that `by` is the
    intern (permissions.internship_for_alumni_listing); this checks the internship may be
    listed at all."""
    if by.pk != internship.intern_id:
        raise ValidationError("Only the intern chooses whether to be listed among the alumni.")
    if listed and internship.status not in MAY_CHOOSE:
        raise ValidationError(
            f"An internship that is {internship.get_status_display().lower()} is never listed "
            "among the alumni."
        )
    internship.listed_as_alumni = listed
    internship.save(update_fields=["listed_as_alumni"])
    return internship
