"""The ideas lists' FilterSet on its own: each filter alone, combined, and the search."""

import pytest
from django.utils import timezone

from projects.filters import IdeaFilter
from projects.models import ProjectIdea, SkillLevel, Tag
from tests.factories import OrganizationFactory, ParticipationFactory
from tests.projects.idea_rows import make_idea, tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(participation):
    libvirt = ParticipationFactory(
        round=participation.round, organization=OrganizationFactory(name="libvirt", slug="libvirt")
    )
    return {
        "backup": make_idea(
            participation,
            "Disk backup tool",
            skill_level=SkillLevel.INTERMEDIATE,
            languages=("C",),
            skills=("Storage",),
            expected_hours=175,
            summary="Write a tool that backs up disks.",
        ),
        "throttle": make_idea(
            participation,
            "Move I/O throttling into block filter drivers",
            skill_level=SkillLevel.ADVANCED,
            languages=("C",),
            expected_hours=350,
            description="Uses the **block layer** throughout.",
        ),
        "tracing": make_idea(
            participation,
            "Tracing improvements",
            skill_level=SkillLevel.BEGINNER,
            languages=("Python",),
            expected_hours=90,
        ),
        "bindings": make_idea(
            libvirt,
            "Language bindings clean-up",
            skill_level=SkillLevel.BEGINNER,
            languages=("Rust",),
            expected_hours=200,
        ),
        "unsized": make_idea(libvirt, "Test suite for the QEMU driver", skill_level=""),
    }


def titles(round_, data, **kwargs):
    queryset = ProjectIdea.objects.published(timezone.now()).filter(participation__round=round_)
    filterset = IdeaFilter(data, queryset=queryset, round_=round_, **kwargs)
    assert filterset.is_valid(), filterset.errors
    return sorted(idea.title for idea in filterset.qs)


def test_no_filter_gives_every_idea(round_, ideas):
    assert len(titles(round_, {})) == 5


def test_it_filters_by_skill_level(round_, ideas):
    assert titles(round_, {"skill_level": "beginner"}) == [
        "Language bindings clean-up",
        "Tracing improvements",
    ]


def test_it_filters_by_language_slug(round_, ideas):
    assert titles(round_, {"language": "c"}) == [
        "Disk backup tool",
        "Move I/O throttling into block filter drivers",
    ]


def test_it_filters_by_a_size_range(round_, ideas):
    assert titles(round_, {"size": "small"}) == ["Tracing improvements"]
    assert titles(round_, {"size": "medium"}) == ["Disk backup tool", "Language bindings clean-up"]
    assert titles(round_, {"size": "large"}) == ["Move I/O throttling into block filter drivers"]


def test_it_filters_by_an_exact_size(round_, ideas):
    assert titles(round_, {"size": "175"}) == ["Disk backup tool"]


def test_it_filters_by_organization_slug(round_, ideas):
    assert titles(round_, {"organization": "libvirt"}) == [
        "Language bindings clean-up",
        "Test suite for the QEMU driver",
    ]


def test_filters_combine(round_, ideas):
    assert titles(round_, {"skill_level": "beginner", "organization": "qemu"}) == [
        "Tracing improvements"
    ]
    assert titles(round_, {"language": "c", "size": "large", "q": "block"}) == [
        "Move I/O throttling into block filter drivers"
    ]
    assert titles(round_, {"language": "python", "organization": "libvirt"}) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("BACKUP", ["Disk backup tool"]),  # title, any case
        ("backs up disks", ["Disk backup tool"]),  # summary, every word
        ("block layer", ["Move I/O throttling into block filter drivers"]),  # description
        ("storage", ["Disk backup tool"]),  # a skill's name
        ("rust", ["Language bindings clean-up"]),  # a language's name
        ("libvirt", ["Language bindings clean-up", "Test suite for the QEMU driver"]),  # org
        ("tracing nothing-like-this", []),  # every word must match
    ],
)
def test_the_search_looks_in_text_tags_and_organization(round_, ideas, query, expected):
    assert titles(round_, {"q": query}) == expected


def test_an_idea_matching_through_two_tags_is_listed_once(round_, ideas):
    ideas["backup"].tags.add(tag("Storage tools", Tag.Kind.SKILL))

    assert titles(round_, {"q": "storage"}) == ["Disk backup tool"]


def test_the_language_choices_are_those_the_list_uses(round_, ideas):
    tag("COBOL")  # no idea uses it
    filterset = IdeaFilter(
        {}, queryset=ProjectIdea.objects.filter(participation__round=round_), round_=round_
    )

    choices = [label for _, label in filterset.form.fields["language"].choices]

    assert choices == ["Any language", "C", "Python", "Rust"]


def test_an_unknown_value_is_a_form_error(round_, ideas):
    filterset = IdeaFilter(
        {"language": "cobol", "size": "huge"},
        queryset=ProjectIdea.objects.all(),
        round_=round_,
    )

    assert not filterset.is_valid()
    assert set(filterset.errors) == {"language", "size"}


def test_an_organization_list_has_no_organization_filter(round_, participation):
    filterset = IdeaFilter(
        {}, queryset=ProjectIdea.objects.all(), round_=round_, with_organization=False
    )

    assert "organization" not in filterset.form.fields
