"""TimezoneSelect: the same <select> as Django's, without a template per option."""

from django import forms

from people.timezones import timezone_choices
from people.widgets import TimezoneSelect


class ZoneForm(forms.Form):
    zone = forms.ChoiceField(
        choices=timezone_choices, widget=TimezoneSelect(attrs={"data-guess-timezone": ""})
    )


def test_it_marks_the_current_value_selected_and_only_that():
    html = str(ZoneForm({"zone": "Asia/Tokyo"})["zone"])

    assert '<option value="Asia/Tokyo" selected>Asia/Tokyo</option>' in html
    assert html.count(" selected") == 1
    assert '<option value="America/New_York">America/New York</option>' in html


def test_it_keeps_the_widget_and_field_attributes():
    html = str(ZoneForm()["zone"])
    tag = html.split(">", 1)[0]

    assert 'name="zone"' in tag and 'id="id_zone"' in tag
    assert "data-guess-timezone" in tag


def test_it_lists_every_zone_people_can_pick():
    html = str(ZoneForm()["zone"])

    assert html.count("<option ") == len(timezone_choices())
    assert 'value="localtime"' not in html
