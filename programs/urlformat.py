"""Addresses of many rows of one kind, reversed once.

`reverse()` walks the URL resolver on every call; a list of 25 or 100 rows that links each
row two ways would spend more time there than on its query. `slug_url` reverses a name
once with markers in place of the slugs that vary and returns a function that fills each
row's slugs in by plain string formatting: the same address as `reverse`, without the walk.
"""

from collections.abc import Callable

from django.urls import reverse

# A valid slug, so the pattern accepts it, and one no real slug of ours carries twice.
_MARKER = "---{}---"


def slug_url(
    viewname: str, *, fixed: dict[str, str], varying: tuple[str, ...]
) -> Callable[..., str]:
    markers = {name: _MARKER.format(i) for i, name in enumerate(varying)}
    url = reverse(viewname, kwargs={**fixed, **markers})
    template = url.replace("{", "{{").replace("}", "}}")
    for name, marker in markers.items():
        template = template.replace(marker, "{" + name + "}")
    return template.format
