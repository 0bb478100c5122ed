"""An org admin lets one proposal be edited after the deadline until a moment they set, with
their reason recorded; the organization's mentors get 403, other organizations 404."""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications.services import proposals as services
from tests.applications.proposal_world import SECOND, at, form_data

pytestmark = pytest.mark.django_db


def url(proposal, org="qemu") -> str:
    return reverse("applications:proposal_exception", args=["gsoc-2027", org, proposal.pk])


def page(proposal) -> str:
    return reverse("applications:proposal", args=["gsoc-2027", proposal.pk])


def test_an_org_admin_grants_it_with_who_and_why_and_the_applicant_edits_until_then(
    client, draft, org_admin, round_
):
    org_admin.timezone = "Europe/Berlin"
    org_admin.save()
    client.force_login(org_admin)
    late = round_.applications_close + timedelta(hours=1)
    until = round_.applications_close + timedelta(days=1)  # 18:00 UTC is 19:00 in Berlin
    with at(late):
        response = client.post(
            url(draft),
            {"until": until.strftime("%Y-%m-%dT19:00"), "reason": "Their laptop was stolen."},
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.editable_until, draft.exception_by) == (until, org_admin)

    client.force_login(draft.applicant)
    with at(until - SECOND):
        assert client.post(page(draft), form_data(draft, outline="Late")).status_code == 302
    with at(until + SECOND):
        refused = client.post(page(draft), form_data(draft, outline="Too late"))
    assert refused.status_code == 400
    draft.refresh_from_db()
    assert draft.outline == "Late"


def test_a_reason_is_required_and_the_date_kept(client, draft, org_admin):
    client.force_login(org_admin)

    response = client.post(url(draft), {"until": "2099-01-01T10:00", "reason": ""})

    assert response.status_code == 400
    assert "2099-01-01" in response.content.decode()
    draft.refresh_from_db()
    assert draft.editable_until is None


def test_the_form_is_private_to_org_admins(client, draft, org_admin):
    client.force_login(org_admin)

    response = client.get(url(draft))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_the_organizations_mentor_is_forbidden(client, draft, mentor):
    client.force_login(mentor)

    assert client.get(url(draft)).status_code == 403


def test_the_author_is_forbidden(client, draft):
    client.force_login(draft.applicant)

    assert client.post(url(draft), {"until": "2099-01-01T10:00", "reason": "x"}).status_code == 403


def test_another_organization_gets_404(client, draft, outsider):
    client.force_login(outsider)

    assert client.get(url(draft)).status_code == 404
    assert client.get(url(draft, org="libvirt")).status_code == 404


def test_the_proposal_page_names_the_exception_in_the_same_queries_as_without(
    client, draft, org_admin, round_, django_assert_max_num_queries
):
    """Who granted it comes with the proposal's own row, not a query of its own."""
    client.force_login(draft.applicant)
    client.get(page(draft))  # the session and the zone are warm
    with django_assert_max_num_queries(20) as plain:
        client.get(page(draft))
    services.proposal_exception_grant(
        proposal=draft,
        by=org_admin,
        until=round_.applications_close + timedelta(days=1),
        reason="Their laptop was stolen.",
    )

    with django_assert_max_num_queries(len(plain.captured_queries)):
        response = client.get(page(draft))

    assert "an exception granted by Olga Orgadmin" in response.content.decode()
