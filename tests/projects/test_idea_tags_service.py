import pytest
from django.core.exceptions import ValidationError

from projects.models import Tag
from projects.services.tags import clean_names, tag_slug, tags_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [("C", "c"), ("C++", "c-plus-plus"), ("C#", "c-sharp"), ("Block layer", "block-layer")],
)
def test_symbols_that_make_a_language_survive_in_the_slug(name, slug):
    assert tag_slug(name) == slug


def test_names_are_tidied_and_each_kept_once_in_the_order_typed():
    assert clean_names(["  Python ", "", "C", "python", "Block   layer"]) == [
        "Python",
        "C",
        "Block layer",
    ]


@pytest.mark.parametrize(("name", "reason"), [("!!!", "at least one letter"), ("x" * 61, "long")])
def test_names_without_a_slug_or_too_long_are_refused(name, reason):
    with pytest.raises(ValidationError, match=reason):
        clean_names([name])


def test_it_finds_existing_tags_and_creates_the_missing_ones():
    rust = Tag.objects.create(kind=Tag.Kind.LANGUAGE, name="Rust", slug="rust")

    tags = tags_for(kind=Tag.Kind.LANGUAGE, names=["rust", "Go"])

    assert tags[0] == rust
    assert (tags[1].name, tags[1].slug, tags[1].kind) == ("Go", "go", "language")
    assert Tag.objects.count() == 2


def test_a_language_and_a_skill_of_the_same_name_are_two_tags():
    tags_for(kind=Tag.Kind.LANGUAGE, names=["Rust"])
    tags_for(kind=Tag.Kind.SKILL, names=["Rust"])

    assert Tag.objects.filter(slug="rust").count() == 2
