"""The home page of a signed-in person with an application in a round whose application
period is open links to that round's dashboard; closed rounds and other people's
applications are not shown."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_it_links_to_the_dashboard_of_an_open_round(client, round_, applicant):
    ApplicationFactory(applicant=applicant, round=round_)
    client.force_login(applicant)

    html = client.get(reverse("programs:home")).content.decode()

    assert reverse("applications:dashboard", args=[round_.slug]) in html
    assert "Your application to Google Summer of Code 2027" in html


def test_after_the_deadline_it_no_longer_does(client, round_, applicant):
    ApplicationFactory(applicant=applicant, round=round_)
    client.force_login(applicant)

    with time_machine.travel(round_.applications_close, tick=False):
        html = client.get(reverse("programs:home")).content.decode()

    assert reverse("applications:dashboard", args=[round_.slug]) not in html
    with time_machine.travel(round_.applications_close - timedelta(seconds=1), tick=False):
        html = client.get(reverse("programs:home")).content.decode()
    assert reverse("applications:dashboard", args=[round_.slug]) in html


def test_someone_elses_application_is_not_shown(client, round_, applicant, mentor):
    ApplicationFactory(applicant=applicant, round=round_)
    client.force_login(mentor)

    html = client.get(reverse("programs:home")).content.decode()

    assert "Your applications" not in html
