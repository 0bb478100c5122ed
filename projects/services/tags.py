"""Languages and skills as shared Tag rows, found or created by name.

Tags are matched by slug within their kind, so "Python" and "python " are one tag and a list
filtered by it finds every idea, whoever typed it. The first spelling is kept as the name.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from projects.models import Tag

# Symbols that carry meaning in language names and that slugify would drop ("C" and "C++"
# must not become one tag).
_SPELLED_OUT = {"+": " plus ", "#": " sharp ", "*": " star "}
NAME_MAX = Tag._meta.get_field("name").max_length


def tag_slug(name: str) -> str:
    for symbol, words in _SPELLED_OUT.items():
        name = name.replace(symbol, words)
    return slugify(name, allow_unicode=True)[:NAME_MAX].strip("-")


def clean_names(names: Iterable[str]) -> list[str]:
    """Stripped, non-empty, each slug once, in the order given; refuses names too long or
    made only of punctuation (they would have no slug)."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        if len(name) > NAME_MAX:
            raise ValidationError(f"“{name[:20]}…” is too long: at most {NAME_MAX} characters.")
        slug = tag_slug(name)
        if not slug:
            raise ValidationError(f"“{name}” needs at least one letter or digit.")
        if slug not in seen:
            seen.add(slug)
            kept.append(name)
    return kept


def tags_for(*, kind: str, names: Iterable[str]) -> list[Tag]:
    """The tags of one kind with these names, creating the missing ones, in the given order.

    Call inside a transaction; get_or_create retries on the unique (kind, slug) constraint
    when two people add the same new tag at once.
    """
    tags = []
    for name in clean_names(names):
        tag, _ = Tag.objects.get_or_create(kind=kind, slug=tag_slug(name), defaults={"name": name})
        tags.append(tag)
    return tags
