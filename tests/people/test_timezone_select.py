"""TimezoneSelect: the zones grouped by region, their HTML built once and reused."""

import re

from django import forms

from people.timezones import timezone_choices
from people.widgets import TimezoneSelect


class ZoneForm(forms.Form):
    zone = forms.ChoiceField(
        choices=timezone_choices, widget=TimezoneSelect(attrs={"data-guess-timezone": ""})
    )


def test_it_marks_the_current_value_selected_and_only_that():
    html = str(ZoneForm({"zone": "Asia/Tokyo"})["zone"])

    assert '<option value="Asia/Tokyo" selected>Tokyo</option>' in html
    assert html.count(" selected") == 1
    assert '<option value="America/New_York">New York</option>' in html


def _options(html: str) -> str:
    return html.split(">", 1)[1]


def test_a_value_outside_the_list_selects_nothing_and_changes_nothing_else():
    html = str(ZoneForm({"zone": 'Mars/"Olympus"'})["zone"])

    assert " selected" not in html
    assert _options(html) == _options(str(ZoneForm()["zone"]))


def test_it_groups_the_zones_by_region_with_utc_first():
    html = str(ZoneForm()["zone"])

    assert re.search(r'<select[^>]*>\s*<option value="UTC">UTC</option>\s*<optgroup', html)
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert groups[:3] == ["Africa", "America", "Antarctica"]
    assert groups[-1] == "Other zones"
    europe = re.search(r'<optgroup label="Europe">(.*?)</optgroup>', html, re.S).group(1)
    assert '<option value="Europe/Berlin">Berlin</option>' in europe
    others = re.search(r'<optgroup label="Other zones">(.*?)</optgroup>', html, re.S).group(1)
    assert '<option value="US/Eastern">US/Eastern</option>' in others


def test_the_options_are_rendered_once_and_shared_by_every_form():
    first, second = str(ZoneForm()["zone"]), str(ZoneForm({"zone": "Europe/Berlin"})["zone"])

    assert _options(TimezoneSelect().render("zone", None)) == _options(first)
    # The chosen zone marks a copy: the next form starts from the unmarked options again.
    assert " selected" in second and " selected" not in str(ZoneForm()["zone"])


def test_it_keeps_the_widget_and_field_attributes():
    html = str(ZoneForm()["zone"])
    tag = html.split(">", 1)[0]

    assert 'name="zone"' in tag and 'id="id_zone"' in tag
    assert "data-guess-timezone" in tag


def test_it_lists_every_zone_people_can_pick():
    html = str(ZoneForm()["zone"])

    assert html.count("<option ") == len(timezone_choices())
    assert 'value="localtime"' not in html
