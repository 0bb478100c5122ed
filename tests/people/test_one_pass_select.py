"""OnePassSelect: the HTML of Django's Select, written without a template per option."""

import re

from django import forms

from people.widgets import OnePassSelect

CHOICES = [("", "Any level"), ("beginner", "Beginner"), ("advanced", "Advanced & more")]


def _django_select(value) -> str:
    return forms.Select(choices=CHOICES).render("level", value, attrs={"id": "id_level"})


def _one_pass(value) -> str:
    return OnePassSelect(choices=CHOICES).render("level", value, attrs={"id": "id_level"})


def _same_markup(html: str) -> str:
    """The options, whitespace aside (the <select>'s attributes may come in another order)."""
    return re.sub(r">\s+<", "><", html.split(">", 1)[1].strip())


def test_it_writes_the_options_of_djangos_select():
    for value in (None, "", "beginner", ["advanced"]):
        assert _same_markup(_one_pass(value)) == _same_markup(_django_select(value))


def test_it_escapes_labels_and_marks_only_the_chosen_value():
    html = _one_pass("advanced")
    assert '<option value="advanced" selected>Advanced &amp; more</option>' in html
    assert html.count(" selected") == 1
