"""Starting an organization's participation in a round (its organization application).

Access: any signed-in person may apply (there is no read-only role here); anonymous people
are sent to log in; an unknown round is 404. The phase gate is the server's, tested below.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from programs.models import Membership, Organization, Participation
from programs.timeline import Phase
from tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(program):
    return RoundFactory(program=program, slug="gsoc-2028", phase=Phase.ORG_APPLICATIONS)


def url(round_):
    return reverse("programs:participation_new", args=[round_.slug])


def form_data(**overrides):
    data = {
        "org-name": "rust-vmm",
        "org-slug": "rust-vmm",
        "org-description": "Virtualization components in Rust.",
        "org-website": "https://github.com/rust-vmm",
        "motivation": "New contributors.",
        "mentoring_plan": "Two mentors per idea.",
        "previous_participation": "",
        "slots_min": "1",
        "slots_max": "2",
        "gate_deadline": "",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_log_in(client, open_round):
    response = client.get(url(open_round))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_an_unknown_round_is_not_found(client, applicant):
    client.force_login(applicant)

    assert client.get("/rounds/no-such-round/participate/").status_code == 404


def test_the_old_apply_address_leads_to_the_organization_application(client, open_round):
    response = client.get(f"/rounds/{open_round.slug}/apply/")

    assert response.status_code == 301
    assert response.url == url(open_round)


def test_it_shows_the_form_with_the_deadline_while_organization_applications_are_open(
    client, applicant, open_round
):
    client.force_login(applicant)

    response = client.get(url(open_round))

    assert response.status_code == 200
    assert b'name="org-name"' in response.content
    assert b"I accept the program&#x27;s terms and the commitment" in response.content
    assert b"about 5 hours a week" in response.content.lower()
    assert open_round.org_applications_close.isoformat().encode() in response.content


def test_once_closed_it_names_the_deadline_and_shows_no_form(client, applicant, round_):
    client.force_login(applicant)

    response = client.get(url(round_))

    assert b"are closed: the deadline was" in response.content
    assert round_.org_applications_close.isoformat().encode() in response.content
    assert b'name="org-name"' not in response.content


def test_applying_for_a_new_organization_saves_a_draft_and_opens_its_dashboard(
    client, applicant, open_round
):
    client.force_login(applicant)

    response = client.post(url(open_round), form_data())

    participation = Participation.objects.get(round=open_round, organization__slug="rust-vmm")
    assert response.status_code == 302
    assert response.url == reverse(
        "programs:participation_manage", args=[open_round.slug, "rust-vmm"]
    )
    assert participation.status == Participation.Status.DRAFT
    assert participation.memberships.get().user == applicant


def test_a_former_org_admin_may_pick_their_organization(
    client, org_admin, participation, open_round
):
    client.force_login(org_admin)

    page = client.get(url(open_round))
    response = client.post(
        url(open_round),
        form_data(**{"organization": participation.organization.pk, "org-name": ""}),
    )

    assert b"QEMU" in page.content
    assert response.status_code == 302
    assert Participation.objects.filter(
        round=open_round, organization=participation.organization
    ).exists()


def test_the_browser_does_not_demand_a_new_organization_of_a_former_org_admin(
    client, org_admin, participation, open_round
):
    client.force_login(org_admin)

    page = client.get(url(open_round)).content.decode()

    for name in ("org-name", "org-slug"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert "required" not in field


def test_a_newcomer_is_still_asked_for_the_name_in_the_browser(client, applicant, open_round):
    client.force_login(applicant)

    page = client.get(url(open_round)).content.decode()

    assert "required" in re.search(r'<input[^>]*name="org-name"[^>]*>', page).group(0)


def test_a_former_org_admin_applies_with_the_new_organization_fields_left_empty(
    client, org_admin, participation, open_round
):
    client.force_login(org_admin)

    response = client.post(
        url(open_round),
        form_data(
            **{"organization": participation.organization.pk, "org-name": "", "org-slug": ""}
        ),
    )

    assert response.status_code == 302
    assert Participation.objects.filter(
        round=open_round, organization=participation.organization
    ).exists()


def test_choosing_no_organization_and_naming_none_is_refused_clearly_and_kept(
    client, org_admin, participation, open_round
):
    client.force_login(org_admin)

    response = client.post(url(open_round), form_data(**{"org-name": "", "org-slug": ""}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose one of your organizations, or give the new organization" in page
    assert "Two mentors per idea." in page
    assert not Participation.objects.filter(round=open_round).exists()


def test_without_the_terms_ticked_it_keeps_what_was_typed(client, applicant, open_round):
    client.force_login(applicant)

    response = client.post(url(open_round), form_data(accept_terms=""))

    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert b"Two mentors per idea." in response.content
    assert not Organization.objects.filter(slug="rust-vmm").exists()


def test_a_form_posted_a_second_after_the_deadline_is_refused_and_kept(
    client, applicant, open_round
):
    client.force_login(applicant)

    with time_machine.travel(open_round.org_applications_close + timedelta(seconds=1)):
        response = client.post(url(open_round), form_data())

    assert response.status_code == 200
    assert b"deadline for" in response.content
    assert b"Two mentors per idea." in response.content
    assert not Membership.objects.filter(user=applicant).exists()
