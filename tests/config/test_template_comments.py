"""Django's `{# ... #}` comment ends at the end of its line: one that goes on to a second line
is not a comment at all, and its words show on the page (it happened on the ideas lists and
the round's manage page). Longer comments are `{% comment %}` blocks."""

import re
from pathlib import Path

from django.conf import settings

# `{#`, then no `#}` before a line break.
SPILLING = re.compile(r"\{#(?:(?!#\}).)*\n", re.S)


def test_no_template_has_a_one_line_comment_spilling_onto_the_next_line():
    spilled = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in {".html", ".txt", ".svg", ".ics"}:
                text = path.read_text()
                for found in SPILLING.finditer(text):
                    spilled.append(f"{path.name}:{text.count(chr(10), 0, found.start()) + 1}")

    assert spilled == []
