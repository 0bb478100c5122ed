"""The form renderer writes plain <input> widgets exactly as Django's templates would."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from config.form_renderer import INPUT_TEMPLATES, OnePassInputRenderer

WIDGETS = [
    forms.TextInput(attrs={"placeholder": 'Say "hi" & <go>', "maxlength": 120}),
    forms.NumberInput(attrs={"min": 0, "max": Decimal("10.5"), "step": "any"}),
    forms.EmailInput(attrs={"required": True, "autofocus": False, "disabled": True}),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(attrs={"data-x": mark_safe("<b>safe</b>")}),
    forms.DateInput(attrs={"type": "date"}),
    forms.DateTimeInput(attrs={"type": "datetime-local"}),
    forms.TimeInput(),
    forms.CheckboxInput(),
]
VALUES = [
    None,
    "",
    "plain",
    "<script>alert(\"x\")</script> & 'quotes'",
    mark_safe("<i>already safe</i>"),
    0,
    42,
    Decimal("3.14"),
    datetime.datetime(2027, 3, 1, 12, 30),
    datetime.date(2027, 3, 1),
    True,
    False,
    ("a", "b"),
]


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_it_writes_each_input_as_djangos_templates_do(widget, value):
    django_html = widget.render(
        "field-name", value, attrs={"id": "id_f"}, renderer=DjangoTemplates()
    )
    ours = widget.render("field-name", value, attrs={"id": "id_f"}, renderer=OnePassInputRenderer())
    assert widget.template_name in INPUT_TEMPLATES
    assert ours == django_html


def test_other_widgets_still_render_through_their_templates():
    widget = forms.Textarea()
    html = widget.render("body", "<text>", renderer=OnePassInputRenderer())
    assert html == widget.render("body", "<text>", renderer=DjangoTemplates())
    assert html.startswith("<textarea")


def test_the_site_uses_it(settings):
    assert settings.FORM_RENDERER == "config.form_renderer.OnePassInputRenderer"
