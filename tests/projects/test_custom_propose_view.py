"""An applicant proposes an idea of their own to an organization.

Access (projects.permissions.participation_for_custom_idea): anyone signed in proposes to an
accepted organization; its own mentors and org admins are read-only here (403: they write
ideas with the idea form); an organization not accepted is 404 to outsiders; anonymous
visitors are sent to log in. The application period is the gate, enforced by the server.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from programs.models import Participation
from projects.models import ProjectIdea
from tests.projects.idea_rows import idea_url

pytestmark = pytest.mark.django_db

TYPED = {
    "title": "Fuzz the QMP parser",
    "summary": "Find crashes before users do.",
    "description": "Use *libFuzzer* on the QMP input path.",
}


def url(participation):
    return reverse(
        "projects:custom_idea_propose",
        args=[participation.round.slug, participation.organization.slug],
    )


def test_an_applicant_sees_the_form_and_the_period(client, participation, applicant):
    client.force_login(applicant)

    response = client.get(url(participation))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Propose an idea of your own to QEMU" in page
    assert 'name="title"' in page
    assert "open to every applicant" in page


def test_an_applicant_proposes_an_idea_and_lands_on_it(client, participation, applicant):
    client.force_login(applicant)

    response = client.post(url(participation), TYPED)

    idea = ProjectIdea.objects.get()
    assert response.status_code == 302
    assert response.url == idea_url(idea)
    assert (idea.status, idea.proposed_by) == (ProjectIdea.Status.PROPOSED, applicant)
    page = client.get(response.url).content.decode()
    assert "Fuzz the QMP parser" in page
    assert "Your idea is proposed." in page


def test_a_missing_field_keeps_what_was_typed(client, participation, applicant):
    client.force_login(applicant)

    response = client.post(url(participation), {**TYPED, "summary": ""})

    assert response.status_code == 400
    assert "Fuzz the QMP parser" in response.content.decode()
    assert not ProjectIdea.objects.exists()


def test_one_second_after_the_deadline_it_is_refused_naming_the_date(
    client, participation, applicant
):
    client.force_login(applicant)
    deadline = participation.round.applications_close

    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        response = client.post(url(participation), TYPED)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The application period ended on" in page
    assert "Use *libFuzzer* on the QMP input path." in page  # nothing typed is lost
    assert not ProjectIdea.objects.exists()


def test_one_second_before_the_deadline_it_is_accepted(client, participation, applicant):
    client.force_login(applicant)
    deadline = participation.round.applications_close

    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        response = client.post(url(participation), TYPED)

    assert response.status_code == 302
    assert ProjectIdea.objects.count() == 1


def test_after_the_deadline_the_page_says_so_and_shows_no_form(client, participation, applicant):
    client.force_login(applicant)

    with time_machine.travel(participation.round.applications_close, tick=False):
        page = client.get(url(participation)).content.decode()

    assert "The application period ended <time" in page
    assert 'name="title"' not in page


def test_before_the_period_the_page_says_when_it_opens(client, participation, applicant):
    client.force_login(applicant)
    opening = participation.round.applications_open

    with time_machine.travel(opening - timedelta(seconds=1), tick=False):
        page = client.get(url(participation)).content.decode()

    assert "proposals open <time" in page


@pytest.mark.parametrize("viewer", ["mentor", "org_admin"])
def test_the_organizations_own_people_are_forbidden(client, participation, request, viewer):
    client.force_login(request.getfixturevalue(viewer))

    assert client.get(url(participation)).status_code == 403
    assert client.post(url(participation), TYPED).status_code == 403


def test_an_organization_not_accepted_is_not_found(client, participation, applicant):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    client.force_login(applicant)

    assert client.get(url(participation)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.get(url(participation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
