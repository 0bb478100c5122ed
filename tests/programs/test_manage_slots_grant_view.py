import pytest
from django.urls import reverse

from programs.models import Participation, Round
from tests.factories import ParticipationFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _url(participation) -> str:
    return reverse(
        "programs:slots_grant", args=[participation.round.slug, participation.organization.slug]
    )


def _granted(participation) -> int | None:
    participation.refresh_from_db()
    return participation.slots_granted


def test_a_program_admin_grants_slots(client, program_admin, participation):
    client.force_login(program_admin)
    response = client.post(_url(participation), {"slots": "3"}, follow=True)
    assert _granted(participation) == 3
    assert "QEMU is granted 3 slots." in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#org-qemu")


def test_it_names_the_numbers_when_the_organization_asked_for_fewer(
    client, program_admin, participation
):
    client.force_login(program_admin)
    response = client.post(_url(participation), {"slots": "5"}, follow=True)
    assert "QEMU asked for at most 4 slots; you tried to grant 5." in response.content.decode()
    assert _granted(participation) is None


def test_it_names_the_numbers_when_the_round_has_too_few_left(
    client, program_admin, participation, round_
):
    Round.objects.filter(pk=round_.pk).update(total_slots=6)
    ParticipationFactory(round=round_, slots_max=5, slots_granted=5)
    client.force_login(program_admin)
    response = client.post(_url(participation), {"slots": "2"}, follow=True)
    assert (
        "Granting 2 slots to QEMU would bring the round to 7 of its 6 slots: 5 are granted to "
        "other organizations, so at most 1 can go to this one." in response.content.decode()
    )
    assert _granted(participation) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("many", "QEMU: you entered “many”. Enter the number of slots as a whole number."),
        ("-2", "QEMU: you entered “-2”. Slots granted cannot be negative."),
        ("", "QEMU: Enter the number of slots to grant."),
        ("9" * 4300, "QEMU: you entered “99999999999…”. Enter at most 32767 slots."),
    ],
)
def test_it_explains_input_that_is_not_a_number_of_slots(
    client, program_admin, participation, typed, message
):
    client.force_login(program_admin)
    response = client.post(_url(participation), {"slots": typed}, follow=True)
    assert message in response.content.decode()
    assert _granted(participation) is None


def test_an_organization_not_yet_accepted_gets_no_slots(client, program_admin, round_):
    applied = ParticipationFactory(round=round_, status=Participation.Status.APPLIED)
    client.force_login(program_admin)
    response = client.post(_url(applied), {"slots": "1"}, follow=True)
    assert "slots can be granted only to an accepted organization" in response.content.decode()
    assert _granted(applied) is None


def test_an_organization_of_another_round_is_not_found(client, program_admin, participation):
    other_round = RoundFactory()
    client.force_login(program_admin)
    url = reverse("programs:slots_grant", args=[other_round.slug, "qemu"])
    assert client.post(url, {"slots": "1"}).status_code == 404


def test_an_unknown_round_is_not_found(client, program_admin):
    client.force_login(program_admin)
    url = reverse("programs:slots_grant", args=["no-such-round", "qemu"])
    assert client.post(url, {"slots": "1"}).status_code == 404


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_a_signed_in_person_without_the_role_is_forbidden(client, request, participation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_url(participation), {"slots": "1"}).status_code == 403
    assert _granted(participation) is None


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.post(_url(participation), {"slots": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert _granted(participation) is None


def test_it_accepts_only_post(client, program_admin, participation):
    client.force_login(program_admin)
    assert client.get(_url(participation), {"slots": "1"}).status_code == 405
    assert _granted(participation) is None
