"""Django's form renderer, writing the plain <input> widgets in Python.

Django renders each widget through templates: an <input> costs three (its own, which only
includes `input.html`, and `attrs.html`), and a form of forty fields, like a round's editor,
spends most of its time there. The templates below hold nothing but that markup, so they are
written here in one pass, character for character as the templates write them (a test
compares both over every kind of value and attribute); any other template, and any widget
with a template of its own, is rendered by Django as before.
"""

from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import stringformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

# Django's templates of these widgets are exactly `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
)


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` under autoescaping: the filter's text, kept safe if
    the value was (as the template engine does for a filter marked is_safe), else escaped."""
    text = stringformat(value, "s")
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308


def input_html(widget: dict) -> str:
    """input.html with attrs.html included, for one widget's context."""
    parts = [f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_text(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is not False:
            parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    parts.append(">")
    return "".join(parts)


class OnePassInputRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            # Built from escaped parts only, as the template would.
            return mark_safe(input_html(context["widget"]))  # noqa: S308
        return super().render(template_name, context, request)
