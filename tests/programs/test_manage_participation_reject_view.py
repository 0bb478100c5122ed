import pytest
from django.urls import reverse

from programs.models import Participation
from tests.factories import OrganizationFactory, ParticipationFactory, RoundFactory

pytestmark = pytest.mark.django_db

Status = Participation.Status


@pytest.fixture
def applied(round_):
    return ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="Ganeti", slug="ganeti"),
        status=Status.APPLIED,
    )


def _url(participation) -> str:
    return reverse(
        "programs:participation_reject",
        args=[participation.round.slug, participation.organization.slug],
    )


def test_a_program_admin_rejects_a_submitted_participation(client, program_admin, applied):
    client.force_login(program_admin)
    response = client.post(_url(applied), follow=True)
    applied.refresh_from_db()
    assert applied.status == Status.REJECTED
    assert applied.decided_by == program_admin
    assert response.redirect_chain[-1][0].endswith(
        reverse("programs:round_edit", args=[applied.round.slug]) + "#org-ganeti"
    )
    assert "Ganeti is rejected." in response.content.decode()


def test_rejecting_a_draft_is_refused_with_a_clear_message(client, program_admin, applied):
    Participation.objects.filter(pk=applied.pk).update(status=Status.DRAFT)
    client.force_login(program_admin)
    response = client.post(_url(applied), follow=True)
    assert (
        "Ganeti has not submitted its application yet (it is a draft). Only a submitted "
        "application can be rejected." in response.content.decode()
    )
    applied.refresh_from_db()
    assert applied.status == Status.DRAFT


def test_an_organization_of_another_round_is_not_found(client, program_admin, applied):
    other_round = RoundFactory()
    client.force_login(program_admin)
    url = reverse("programs:participation_reject", args=[other_round.slug, "ganeti"])
    assert client.post(url).status_code == 404


def test_an_unknown_round_is_not_found(client, program_admin):
    client.force_login(program_admin)
    url = reverse("programs:participation_reject", args=["no-such-round", "ganeti"])
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_a_signed_in_person_without_the_role_is_forbidden(client, request, applied, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_url(applied)).status_code == 403
    applied.refresh_from_db()
    assert applied.status == Status.APPLIED


def test_anonymous_visitors_are_sent_to_log_in(client, applied):
    response = client.post(_url(applied))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    applied.refresh_from_db()
    assert applied.status == Status.APPLIED


def test_the_round_page_asks_before_rejecting_and_says_what_will_happen(
    client, program_admin, applied
):
    client.force_login(program_admin)
    round_page = client.get(reverse("programs:round_edit", args=[applied.round.slug])).content
    # The row's Reject is a link to the question, not a button that rejects.
    assert f'href="{_url(applied)}"'.encode() in round_page
    assert f'formaction="{_url(applied)}"'.encode() not in round_page

    response = client.get(_url(applied))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Reject Ganeti&#x27;s application to Google Summer of Code 2027?" in page
    assert "its org admins are told by email" in page
    assert f'action="{_url(applied)}"' in page
    assert "private" in response["Cache-Control"]
    applied.refresh_from_db()
    assert applied.status == Status.APPLIED


def test_the_question_keeps_the_list_it_came_from(client, program_admin, applied):
    client.force_login(program_admin)
    round_list = client.get(
        reverse("programs:round_edit", args=[applied.round.slug]), {"status": "applied", "q": "gan"}
    ).content.decode()
    assert f'href="{_url(applied)}?status=applied&amp;q=gan"' in round_list

    response = client.get(_url(applied), {"status": "applied", "q": "gan"})
    page = response.content.decode()
    round_page = reverse("programs:round_edit", args=[applied.round.slug])
    assert f'href="{round_page}?status=applied&amp;q=gan#org-ganeti"' in page  # Cancel
    assert f'action="{_url(applied)}?status=applied&amp;q=gan"' in page

    done = client.post(f"{_url(applied)}?status=applied&q=gan")

    assert done["Location"] == f"{round_page}?status=applied&q=gan#org-ganeti"
    applied.refresh_from_db()
    assert applied.status == Status.REJECTED


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_the_question_is_forbidden_to_people_without_the_role(client, request, applied, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(applied)).status_code == 403


def test_rejecting_an_accepted_organization_is_refused(client, program_admin, participation):
    client.force_login(program_admin)
    response = client.post(_url(participation), follow=True)
    assert "QEMU is already accepted. Only a submitted application can be rejected." in (
        response.content.decode()
    )
    participation.refresh_from_db()
    assert participation.status == Status.ACCEPTED
