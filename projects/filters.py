"""The filters of the ideas lists, shared by the pages and their JSON twins.

One FilterSet, so a list on an organization's website shows exactly what the same address
shows here. Every filter is a GET parameter:

- `skill_level`: beginner, intermediate or advanced;
- `language`: a language tag's slug (`c`, `rust`);
- `size`: `small`, `medium`, `large` (ranges around the usual 90, 175 and 350 hours) or one of
  `90`, `175`, `350` for exactly that many hours;
- `organization`: an organization's slug, or its name in any case (round lists only); the
  page offers it as a search box, not a list of every organization of the round;
- `q`: words that must each appear in the title, summary, description, a tag's name or the
  organization's name (case-insensitive).
"""

import django_filters
from django import forms
from django.db.models import OuterRef, Q, QuerySet, Subquery

from people.widgets import OnePassSelect
from programs.models import Organization, Participation, Round
from projects.models import SUGGESTED_HOURS, ProjectIdea, SkillLevel, Tag

# (lowest, highest) hours, inclusive; None means unbounded. The ranges meet, so every size
# falls in exactly one of them.
SIZE_RANGES: dict[str, tuple[int | None, int | None]] = {
    "small": (None, 120),
    "medium": (121, 260),
    "large": (261, None),
}
EXACT_SIZES = SUGGESTED_HOURS
SIZE_CHOICES = [
    ("small", "Small: up to 120 hours (about 90)"),
    ("medium", "Medium: 121 to 260 hours (about 175)"),
    ("large", "Large: more than 260 hours (about 350)"),
    *[(str(hours), f"Exactly {hours} hours") for hours in EXACT_SIZES],
]

# Longer queries are cut: each word is one more condition, and nobody searches with more.
MAX_SEARCH_WORDS = 8


class OrganizationNameField(forms.ModelChoiceField):
    """An organization typed into a box, by slug or by name, found with one query.

    A round may have a thousand organizations: a <select> would render every one of them
    on every visit of the list, so the page asks for a name instead and looks up only it.
    """

    widget = forms.TextInput(attrs={"placeholder": "Name, for example QEMU", "maxlength": 120})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        typed = str(value).strip()[:120]
        found = self.queryset.filter(Q(slug=typed) | Q(name__iexact=typed)).first()
        if found is None:
            raise forms.ValidationError(
                "No accepted organization of this round is called “%(typed)s”; check the "
                "name, or search for part of it in the search box.",
                code="invalid_choice",
                params={"typed": typed},
            )
        return found


class OrganizationFilter(django_filters.ModelChoiceFilter):
    field_class = OrganizationNameField


class IdeaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)
    skill_level = django_filters.ChoiceFilter(
        label="Skill level",
        choices=SkillLevel.choices,
        empty_label="Any level",
        widget=OnePassSelect,
    )
    language = django_filters.ModelChoiceFilter(
        label="Language",
        field_name="tags",
        to_field_name="slug",
        queryset=Tag.objects.none(),  # narrowed to the list's languages in __init__
        empty_label="Any language",
        widget=OnePassSelect,
    )
    size = django_filters.ChoiceFilter(
        label="Size",
        choices=SIZE_CHOICES,
        empty_label="Any size",
        method="by_size",
        widget=OnePassSelect,
    )
    organization = OrganizationFilter(
        label="Organization",
        field_name="participation__organization",
        queryset=Organization.objects.none(),  # the round's accepted organizations
    )

    class Meta:
        model = ProjectIdea
        fields: list[str] = []  # every filter is declared above

    def __init__(
        self,
        data=None,
        queryset: QuerySet[ProjectIdea] | None = None,
        *,
        round_: Round,
        with_organization: bool = True,
        **kwargs,
    ):
        super().__init__(data, queryset=queryset, **kwargs)
        # Offer only languages some idea of this list uses; the choice list stays short.
        # One idea per language, found by a subquery with LIMIT 1: PostgreSQL runs it per
        # language and stops at the first idea that uses it. (An EXISTS or an IN would be
        # planned as a semi-join that first hashes every idea of the list.)
        first_use = self.queryset.order_by().filter(tags=OuterRef("pk")).values("pk")[:1]
        self.filters["language"].queryset = (
            Tag.objects.filter(kind=Tag.Kind.LANGUAGE)
            .alias(first_use=Subquery(first_use))
            .filter(first_use__isnull=False)
            .order_by("name")
        )
        if with_organization:
            self.filters["organization"].queryset = Organization.objects.filter(
                participations__round=round_,
                participations__status=Participation.Status.ACCEPTED,
            ).order_by("name")
        else:
            del self.filters["organization"]

    def search(self, queryset: QuerySet[ProjectIdea], name: str, value: str):
        words = value.split()[:MAX_SEARCH_WORDS]
        for word in words:
            # Tags through a subquery, not a join: a join would repeat an idea once per
            # matching tag and need DISTINCT.
            tagged = ProjectIdea.tags.through.objects.filter(tag__name__icontains=word).values(
                "projectidea_id"
            )
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(participation__organization__name__icontains=word)
                | Q(pk__in=tagged)
            )
        return queryset

    def by_size(self, queryset: QuerySet[ProjectIdea], name: str, value: str):
        if value in SIZE_RANGES:
            lowest, highest = SIZE_RANGES[value]
            if lowest is not None:
                queryset = queryset.filter(expected_hours__gte=lowest)
            if highest is not None:
                queryset = queryset.filter(expected_hours__lte=highest)
            return queryset.filter(expected_hours__isnull=False)
        return queryset.filter(expected_hours=int(value))
