"""The proposal page: its author reads and edits it (the Save button, or htmx's autosave to
the same address), until the deadline to the second; the organization's people and program
admins read it (403 on an edit); everyone else gets 404. The order of preference shows to
program admins only."""

import re

import pytest
from django.urls import reverse

from applications.models import Proposal
from applications.services.proposals import proposal_save, proposal_start, proposal_submit
from tests.applications.proposal_world import SECOND, at, content, form_data
from tests.factories import ProjectIdeaFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(proposal: Proposal) -> str:
    return reverse("applications:proposal", args=[proposal.application.round.slug, proposal.pk])


# --- Access -----------------------------------------------------------------------------------


def test_its_author_reads_and_edits_it_privately(client, draft):
    client.force_login(draft.applicant)

    response = client.get(url(draft))

    assert response.status_code == 200
    assert 'name="week_12"' in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_another_applicant_gets_404(client, draft):
    client.force_login(UserFactory())

    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), form_data(draft)).status_code == 404


def test_a_mentor_of_another_organization_gets_404(client, draft, outsider):
    client.force_login(outsider)

    assert client.get(url(draft)).status_code == 404


def test_the_organizations_mentor_reads_it_and_may_not_edit_it(client, draft, mentor):
    client.force_login(mentor)

    page = client.get(url(draft))
    edit = client.post(url(draft), form_data(draft, title="Hijacked"))

    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()
    assert edit.status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Disk backup tool"


def test_a_program_admin_reads_it(client, draft, program_admin):
    client.force_login(program_admin)

    assert client.get(url(draft)).status_code == 200


def test_anonymous_people_log_in_first(client, draft):
    assert client.get(url(draft)).status_code == 302


def test_the_address_needs_the_proposals_own_round(client, draft, program):
    other = RoundFactory(program=program, slug="gsoc-2028")
    client.force_login(draft.applicant)

    response = client.get(reverse("applications:proposal", args=[other.slug, draft.pk]))

    assert response.status_code == 404


# --- Saving -----------------------------------------------------------------------------------


def test_the_save_button_saves_every_field_and_each_weeks_deliverable(client, draft):
    client.force_login(draft.applicant)

    response = client.post(url(draft), form_data(draft), follow=True)

    draft.refresh_from_db()
    assert draft.title == "A backup tool for QEMU disks"
    assert draft.links == [
        {"label": "My patch", "url": "https://gitlab.com/qemu/-/merge_requests/1"}
    ]
    assert [w.deliverable for w in draft.weeks.all()][:2] == ["Deliverable 1", "Deliverable 2"]
    assert "Your proposal is saved." in response.content.decode()


def test_the_autosave_answers_htmx_with_the_saving_note_only(client, draft):
    client.force_login(draft.applicant)

    response = client.post(url(draft), form_data(draft), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.content.decode().startswith("Saved at")
    draft.refresh_from_db()
    assert draft.title == "A backup tool for QEMU disks"


def test_a_bad_link_is_refused_and_the_text_kept(client, draft):
    client.force_login(draft.applicant)

    response = client.post(
        url(draft), form_data(draft, links="see javascript:alert(1)", outline="My long plan")
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "starting with https://" in body
    assert "My long plan" in body


def test_an_edit_one_second_before_the_deadline_is_saved(client, draft, round_):
    client.force_login(draft.applicant)

    with at(round_.applications_close - SECOND):
        response = client.post(url(draft), form_data(draft, outline="Just in time"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.outline == "Just in time"


def test_an_edit_one_second_after_is_refused_in_the_applicants_zone_keeping_the_text(
    client, draft, round_
):
    client.force_login(draft.applicant)

    with at(round_.applications_close + SECOND):
        response = client.post(url(draft), form_data(draft, outline="My careful plan"))

    assert response.status_code == 400
    body = response.content.decode()
    assert re.search(r"The deadline was \w{3} \d\d \w{3} \d{4}, 23:30 IST", body)
    assert "My careful plan" in body
    draft.refresh_from_db()
    assert draft.outline == ""


def test_an_autosave_after_the_deadline_says_it_was_not_saved(client, draft, round_):
    client.force_login(draft.applicant)

    with at(round_.applications_close + SECOND):
        response = client.post(url(draft), form_data(draft), HTTP_HX_REQUEST="true")

    assert "Not saved: The deadline was" in response.content.decode()


# --- What the page says -----------------------------------------------------------------------


def test_a_submitted_proposal_says_submitted_on_its_date_in_the_applicants_zone(
    client, draft, round_
):
    proposal_save(proposal=draft, by=draft.applicant, content=content())
    with at(round_.applications_close - SECOND):
        proposal_submit(proposal=draft, by=draft.applicant)
    client.force_login(draft.applicant)

    body = client.get(url(draft)).content.decode()

    assert re.search(r"Submitted on <time[^>]*>\w{3} \d\d \w{3} \d{4}, 23:29 IST</time>", body)
    assert "Pending" not in body


def _submitted_pair(application, participation):
    ideas = [ProjectIdeaFactory(participation=participation) for _ in range(2)]
    proposals = []
    for idea in ideas:
        proposal = proposal_start(applicant=application.applicant, idea=idea)
        proposal_save(proposal=proposal, by=proposal.applicant, content=content())
        proposals.append(proposal_submit(proposal=proposal, by=proposal.applicant))
    return proposals


@pytest.mark.parametrize("who", ["mentor", "org_admin", "author"])
def test_the_order_of_preference_never_reaches_the_organization_or_the_page(
    client, application, participation, who, request
):
    _first, second = _submitted_pair(application, participation)
    viewer = application.applicant if who == "author" else request.getfixturevalue(who)
    client.force_login(viewer)

    body = client.get(url(second)).content.decode()

    assert "choice number" not in body


def test_a_program_admin_sees_the_applicants_order(
    client, application, participation, program_admin
):
    _first, second = _submitted_pair(application, participation)
    client.force_login(program_admin)

    body = client.get(url(second)).content.decode()

    assert "the applicant's choice number 2" in body


def test_an_org_admin_is_offered_the_late_edit_exception_and_a_mentor_is_not(
    client, draft, org_admin, mentor
):
    exception = reverse("applications:proposal_exception", args=["gsoc-2027", "qemu", draft.pk])
    client.force_login(org_admin)
    assert exception in client.get(url(draft)).content.decode()
    client.force_login(mentor)
    assert exception not in client.get(url(draft)).content.decode()
