"""The filters and sort orders of the evaluation dashboards (a round's internships, an
organization's), shared by the pages and their CSV twins: the same address with `.csv`
lists exactly what the page lists. Every filter is a GET parameter:

- `organization`: an organization's slug, or its name in any case (the round's table only;
  a box, not a list of a thousand organizations);
- `status`: the internship's status (`active`, `midterm_passed`, `failed`, ...);
- `midterm`, `final`: the phase's state as the outcome computes it (`upcoming`, `awaiting`,
  `passed`, `held`, `failed`, `admin_decides`, `not_asked`), or `missing` (someone still owes
  or never gave an evaluation the rules require), `locked` (a program admin decided it),
  `in_place` (an org admin submitted for the mentors);
- `extended`: `yes` for internships a program admin extended;
- `sort`: `organization` (the default), `intern`, `meetings` (fewest logged first) or
  `-meetings`.

The phase states are computed, not stored (`evaluations.services.outcome`): those two
filters are only validated here and applied by `evaluations.services.dashboard`, which
computes every outcome of the filtered set in a fixed number of queries.
"""

import django_filters
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Lower

from evaluations.models import Internship, InternshipEvent
from evaluations.services.outcome import State
from people.widgets import OnePassSelect
from programs.models import Organization, Participation, Round
from projects.filters import OrganizationFilter

MISSING = "missing"
LOCKED = "locked"
IN_PLACE = "in_place"
PHASE_CHOICES = [
    (MISSING, "An evaluation is missing"),
    *State.choices,
    (LOCKED, "Locked by a program admin"),
    (IN_PLACE, "Submitted in place of the mentors"),
]

BY_INTERN = (Lower("intern__display_name"), "intern__email", "pk")
BY_ORGANIZATION = (Lower("participation__organization__name"), *BY_INTERN)
SORTS = {
    "organization": BY_ORGANIZATION,
    "intern": BY_INTERN,
    "meetings": ("logged", *BY_ORGANIZATION),
    "-meetings": ("-logged", *BY_ORGANIZATION),
}
SORT_CHOICES = [
    ("organization", "Organization"),
    ("intern", "Intern"),
    ("meetings", "Fewest meetings logged first"),
    ("-meetings", "Most meetings logged first"),
]


def extensions() -> QuerySet[InternshipEvent]:
    return InternshipEvent.objects.filter(
        internship=OuterRef("pk"), kind=InternshipEvent.Kind.EXTENSION
    )


def ordered(queryset: QuerySet[Internship], sort: str | None) -> QuerySet[Internship]:
    """The table's order; meetings count the logged weeks in the query itself (an alias:
    sorting needs it, no row shows it from here)."""
    sort = sort if sort in SORTS else "organization"
    if sort.endswith("meetings"):
        queryset = queryset.alias(logged=Count("meetings", distinct=True))
    return queryset.order_by(*SORTS[sort])


class InternshipFilter(django_filters.FilterSet):
    organization = OrganizationFilter(
        label="Organization",
        field_name="participation__organization",
        queryset=Organization.objects.none(),  # the round's accepted organizations
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Internship.Status.choices,
        empty_label="Any status",
        widget=OnePassSelect,
    )
    # Applied by the dashboard service, on the computed outcomes (see the module's doc).
    midterm = django_filters.ChoiceFilter(
        label="Midterm",
        choices=PHASE_CHOICES,
        empty_label="Any midterm state",
        method="computed",
        widget=OnePassSelect,
    )
    final = django_filters.ChoiceFilter(
        label="Final",
        choices=PHASE_CHOICES,
        empty_label="Any final state",
        method="computed",
        widget=OnePassSelect,
    )
    extended = django_filters.ChoiceFilter(
        label="Extended",
        choices=[("yes", "Extended"), ("no", "Not extended")],
        empty_label="Extended or not",
        method="by_extension",
        widget=OnePassSelect,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        empty_label=None,
        method="computed",  # ordering is the service's last step, after every filter
        widget=OnePassSelect,
    )

    class Meta:
        model = Internship
        fields: list[str] = []  # every filter is declared above

    def __init__(self, data=None, queryset=None, *, round_: Round, with_organization: bool):
        super().__init__(data, queryset=queryset)
        if with_organization:
            self.filters["organization"].queryset = Organization.objects.filter(
                participations__round=round_,
                participations__status=Participation.Status.ACCEPTED,
            )
        else:
            del self.filters["organization"]

    def computed(self, queryset, name, value):
        return queryset

    def by_extension(self, queryset, name, value):
        extended = Exists(extensions())
        return queryset.filter(extended if value == "yes" else ~extended)

    def wanted(self, name: str) -> str:
        """A computed filter's valid value, or "" (an invalid one is ignored, as the SQL
        filters ignore theirs)."""
        if not self.is_bound:
            return ""
        self.form.is_valid()  # cleans the form: cleaned_data holds the valid fields only
        return self.form.cleaned_data.get(name) or ""
