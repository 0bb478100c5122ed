"""Importing a pasted wiki page: preview, then all or nothing.

Access: the organization's admins only (projects.permissions.participation_for_idea_admin):
its mentors may look at its ideas but not import (403), people outside it get 404 (program
admins too get 403: the ideas are the organization's), anonymous people are sent to log in.
"""

import time

import pytest
from django.urls import reverse

from projects.models import ProjectIdea
from tests.projects.wiki_pages import MALFORMED, PATHOLOGICAL, qemu_page

pytestmark = pytest.mark.django_db


def url(participation):
    return reverse(
        "projects:ideas_import", args=[participation.round.slug, participation.organization.slug]
    )


def test_an_org_admin_previews_every_idea_with_its_mentors(client, participation, org_admin):
    client.force_login(org_admin)

    response = client.post(url(participation), {"page": qemu_page(), "preview": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2 ideas found" in page
    assert "Disk Backup Tool" in page
    assert "John Snow &lt;jsnow@redhat.com&gt; (jsnow on IRC)" in page
    assert "no account" in page
    assert "Import 2 ideas" in page
    assert not ProjectIdea.objects.exists()


def test_confirming_imports_the_posted_page_and_goes_to_the_list(client, participation, org_admin):
    client.force_login(org_admin)

    response = client.post(url(participation), {"page": qemu_page(), "confirm": ""}, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "projects:org_ideas", args=[participation.round.slug, participation.organization.slug]
    )
    assert "2 ideas imported as drafts" in response.content.decode()
    assert ProjectIdea.objects.filter(participation=participation).count() == 2


def test_problems_come_with_their_lines_and_the_pasted_text_is_kept(
    client, participation, org_admin
):
    client.force_login(org_admin)

    response = client.post(url(participation), {"page": MALFORMED, "confirm": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "4 problems: nothing is imported" in page
    assert 'Line <span class="num">13</span>: Skill level has no value' in page
    assert "The page was pasted only up to here" in page  # still in the text area
    assert "Import " not in page.split("<form")[-1]  # no import button while problems stand
    assert not ProjectIdea.objects.exists()


def test_the_empty_form_shows_a_text_area(client, participation, org_admin):
    client.force_login(org_admin)

    response = client.get(url(participation))

    assert response.status_code == 200
    assert "<textarea" in response.content.decode()


def test_a_mentor_of_the_organization_is_forbidden(client, participation, mentor):
    client.force_login(mentor)

    response = client.post(url(participation), {"page": qemu_page(), "confirm": ""})

    assert response.status_code == 403
    assert not ProjectIdea.objects.exists()


def test_a_program_admin_is_forbidden(client, participation, program_admin):
    client.force_login(program_admin)

    assert client.get(url(participation)).status_code == 403


def test_someone_outside_the_organization_gets_404(client, participation, outsider):
    client.force_login(outsider)

    assert client.get(url(participation)).status_code == 404
    assert client.post(url(participation), {"page": qemu_page()}).status_code == 404


def test_anonymous_people_are_sent_to_log_in(client, participation):
    response = client.get(url(participation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("step", ["preview", "confirm"])
@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_a_page_built_to_make_the_parser_work_for_minutes_is_refused_in_a_blink(
    kind, step, client, participation, org_admin
):
    text, line, words = PATHOLOGICAL[kind]
    client.force_login(org_admin)

    start = time.perf_counter()
    response = client.post(url(participation), {"page": text, step: ""})
    seconds = time.perf_counter() - start

    assert seconds < 1
    assert response.status_code == 200
    assert f'Line <span class="num">{line}</span>: ' in response.content.decode()
    assert words in response.content.decode()
    assert not ProjectIdea.objects.exists()
