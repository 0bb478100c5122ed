from functools import cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from people.timezones import timezone_groups


@cache
def _grouped_options() -> str:
    """UTC, then every other zone as <option>s inside one <optgroup> per region, built once
    per process."""
    return '<option value="UTC">UTC</option>\n' + "\n".join(
        format_html(
            '<optgroup label="{}">\n{}\n</optgroup>',
            region,
            format_html_join("\n", '<option value="{}">{}</option>', zones),
        )
        for region, zones in timezone_groups()
    )


class OnePassSelect(forms.Select):
    """A <select> of flat choices written in one pass: the same HTML as Django's Select,
    which renders a template for every option (a list filter would pay for each on every
    visit)."""

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {"" if v is None else str(v) for v in values}  # as Django's format_value
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), options)


class TimezoneSelect(forms.Select):
    """A <select> of the ~600 IANA zones grouped by region, its options rendered once.

    Django's Select renders a template per option, which costs about 60 ms for this list on
    every sign-up and profile page. The options never change while the site runs, so their
    HTML is built once and each page only marks the chosen zone in it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        options = _grouped_options()
        if value is not None:
            chosen = format_html('<option value="{}">', value)
            # Zone names hold no quote or bracket, so the chosen one is found verbatim.
            options = options.replace(chosen, chosen[:-1] + " selected>", 1)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # The options were built by format_html and the chosen zone escaped the same way.
        safe_options = mark_safe(options)  # noqa: S308
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), safe_options)
