"""The program admins' payments page of a round: the payments by state (waiting, held with
why, approved not exported, exported), approving one or many, holding with the reason (what
was typed kept on a refusal), releasing; paginated, in the same queries for a few payments
or hundreds.

Access: program admins (200); the round's own people (its organizations' admins and mentors,
its interns) see their payments on internship pages and get 403 here; anyone else signed in
404; anonymous people log in first.
"""

import pytest
from django.urls import reverse

from evaluations.models import Payment
from evaluations.services.payments import export
from tests.evaluations.payment_world import approved, intern_with_payment, many
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("evaluations:payments", args=["gsoc-2027"])
Status = Payment.Status


@pytest.fixture
def waiting(participation, applicant, mentor):
    return intern_with_payment(participation, applicant, [mentor])[1]


def test_a_program_admin_sees_the_payments_waiting(client, waiting, program_admin):
    client.force_login(program_admin)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ana Applicant" in page
    assert "Start of coding" in page
    assert "Waiting for approval (1)" in page
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("person", ["applicant", "mentor", "org_admin", "outsider"])
def test_people_of_the_round_get_403(client, waiting, person, request):
    """The outsider mentors for another organization of the same round: one of its people."""
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 403
    response = client.post(URL, {"action": "approve", "payment": [waiting.pk]})
    assert response.status_code == 403
    assert Payment.objects.get().status == Status.WAITING


def test_people_with_nothing_in_the_round_get_404(client, waiting):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 404


def test_an_unknown_round_is_not_found(client, program_admin):
    client.force_login(program_admin)

    assert client.get(reverse("evaluations:payments", args=["nope"])).status_code == 404


def test_anonymous_people_log_in_first(client, waiting):
    assert "/accounts/login/" in client.get(URL).url


def test_approving_the_chosen_payments(client, participation, program_admin):
    chosen = [intern_with_payment(participation, UserFactory())[1] for _ in range(2)]
    left = intern_with_payment(participation, UserFactory())[1]
    client.force_login(program_admin)

    response = client.post(
        URL, {"action": "approve", "payment": [p.pk for p in chosen], "state": "waiting"}
    )

    assert response.status_code == 302
    assert response.url == URL + "?state=waiting"
    statuses = dict(Payment.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in chosen] == [Status.APPROVED, Status.APPROVED]
    assert statuses[left.pk] == Status.WAITING
    page = client.get(response.url).content.decode()
    assert "2 payments approved." in page


def test_approving_nothing_says_what_to_do(client, waiting, program_admin):
    client.force_login(program_admin)

    response = client.post(URL, {"action": "approve"}, follow=True)

    assert "Tick the payments to approve." in response.content.decode()


def test_approving_again_says_it_no_longer_waits(client, waiting, program_admin):
    approved(waiting, program_admin)
    client.force_login(program_admin)

    response = client.post(URL, {"action": "approve", "payment": [waiting.pk]}, follow=True)

    assert "None of the chosen payments waits for approval any more." in (response.content.decode())


def test_holding_shows_the_reason_in_the_held_list(client, waiting, program_admin):
    client.force_login(program_admin)

    response = client.post(
        URL,
        {"action": "hold", "payment": waiting.pk, "reason": "Bank details missing.", "page": 1},
    )

    assert response.status_code == 302
    page = client.get(URL + "?state=held").content.decode()
    assert "Held (1)" in page
    assert "Bank details missing." in page


def test_a_refused_hold_keeps_what_was_typed(client, waiting, program_admin, round_):
    """Another admin exported the payment while this one typed why to hold it."""
    approved(waiting, program_admin)
    export(round_=round_, by=program_admin)
    client.force_login(program_admin)

    response = client.post(
        URL,
        {
            "action": "hold",
            "payment": waiting.pk,
            "reason": "Typed with care.",
            "state": "approved",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "This payment is exported already: it can no longer be held." in page
    assert "Typed with care." in page


def test_releasing_a_held_payment_makes_it_wait_again(client, participation, program_admin):
    _, held = intern_with_payment(participation, UserFactory(), held_because="No evaluation.")
    client.force_login(program_admin)

    response = client.post(URL, {"action": "release", "payment": held.pk, "state": "held"})

    assert response.url == URL + "?state=held"
    assert Payment.objects.get().status == Status.WAITING


def test_an_unknown_action_changes_nothing(client, waiting, program_admin):
    client.force_login(program_admin)

    response = client.post(URL, {"action": "pay", "payment": waiting.pk}, follow=True)

    assert "Choose approve, hold or release." in response.content.decode()
    assert Payment.objects.get().status == Status.WAITING


def test_each_list_shows_its_state(client, participation, program_admin, org_admin):
    many(participation, 2)
    many(participation, 3, status=Status.HELD)
    many(participation, 4, status=Status.APPROVED, by=org_admin)
    client.force_login(program_admin)

    for state, count in [("waiting", 2), ("held", 3), ("approved", 4), ("exported", 0)]:
        response = client.get(URL + f"?state={state}")
        assert response.context["state"].slug == state
        assert response.context["page"].paginator.count == count


def test_the_page_costs_the_same_queries_for_a_few_payments_or_hundreds(
    client, participation, program_admin, org_admin, django_assert_num_queries
):
    many(participation, 3)
    client.force_login(program_admin)
    # session, user; the round; the count of each state; the list's count; its page
    with django_assert_num_queries(6):
        client.get(URL)

    many(participation, 300)
    many(participation, 100, status=Status.HELD)
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.content.decode().count('type="checkbox" name="payment"') == 50
    assert response.context["page"].paginator.num_pages == 7


def test_the_rounds_manage_page_leads_here(client, round_, program_admin):
    client.force_login(program_admin)

    page = client.get(reverse("programs:round_edit", args=["gsoc-2027"])).content.decode()

    assert f'href="{URL}"' in page


def test_one_payment_is_approved_by_its_own_button(client, waiting, program_admin):
    client.force_login(program_admin)
    page = client.get(URL).content.decode()
    assert 'Approve<span class="visually-hidden"> the payment of Ana Applicant' in page

    client.post(URL, {"action": "approve", "payment": waiting.pk, "state": "waiting"})

    assert Payment.objects.get().status == Status.APPROVED
