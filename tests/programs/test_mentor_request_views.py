"""Asking to mentor, through the pages.

Access:
- the form: any signed-in person who can see the organization; its mentors 403 (they
  already hold the role); an organization they cannot see is 404; anonymous log in first;
- the org admins' list and their answer: org admins and program admins; mentors 403; others 404;
- the person's request page and withdrawing it: the person; the organization's admins 403;
  others 404.
"""

import pytest
from django.urls import reverse

from notifications.models import Message
from programs.models import Membership, MentorRequest, Participation
from programs.services.mentor_requests import mentor_request_create, mentor_request_decide
from tests.factories import ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "motivation": "I maintain the block layer tests.",
    "topics": "Block jobs, live migration.",
    "hours_per_week": "5",
}


def ask_url(participation):
    return reverse(
        "programs:mentor_request_create",
        args=[participation.round.slug, participation.organization.slug],
    )


def list_url(participation):
    return reverse(
        "programs:mentor_requests", args=[participation.round.slug, participation.organization.slug]
    )


def decide_url(request):
    participation = request.participation
    return reverse(
        "programs:mentor_request_decide",
        args=[participation.round.slug, participation.organization.slug, request.pk],
    )


def request_url(request):
    participation = request.participation
    return reverse(
        "programs:mentor_request",
        args=[participation.round.slug, participation.organization.slug, request.pk],
    )


def withdraw_url(request):
    participation = request.participation
    return reverse(
        "programs:mentor_request_withdraw",
        args=[participation.round.slug, participation.organization.slug, request.pk],
    )


def org_page(participation):
    return reverse(
        "programs:participation", args=[participation.round.slug, participation.organization.slug]
    )


@pytest.fixture
def asked(participation, applicant, org_admin):
    return mentor_request_create(
        participation=participation,
        user=applicant,
        motivation="I maintain the block layer tests.",
        topics="Block jobs.",
        hours_per_week=5,
    )


# --- The form -----------------------------------------------------------------------------


def test_anonymous_visitors_log_in_before_asking(client, participation):
    response = client.get(ask_url(participation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_organization_the_person_cannot_see_is_not_found(client, round_, outsider):
    draft = ParticipationFactory(round=round_, status=Participation.Status.DRAFT)
    client.force_login(outsider)

    assert client.get(ask_url(draft)).status_code == 404


def test_a_mentor_may_not_ask_again(client, participation, mentor):
    client.force_login(mentor)

    assert client.get(ask_url(participation)).status_code == 403


def test_a_signed_in_person_sees_the_form_and_the_commitment(client, participation, applicant):
    client.force_login(applicant)

    response = client.get(ask_url(participation))

    page = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert 'name="motivation"' in page
    assert 'name="hours_per_week"' in page
    assert "About 5 hours a week" in page


def test_bad_hours_are_refused_and_what_was_typed_is_kept(client, participation, applicant):
    client.force_login(applicant)

    response = client.post(ask_url(participation), {**ANSWERS, "hours_per_week": "400"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "less than or equal to 40" in page
    assert "I maintain the block layer tests." in page
    assert not MentorRequest.objects.exists()


def test_asking_twice_is_refused_on_the_form(client, participation, applicant, asked):
    client.force_login(applicant)

    response = client.post(ask_url(participation), ANSWERS)

    assert response.status_code == 200
    assert "already asked to mentor for QEMU" in response.content.decode()
    assert MentorRequest.objects.count() == 1


def test_the_organization_page_offers_to_ask_and_then_shows_the_request(
    client, participation, applicant, mentor
):
    assert "Ask to mentor" in client.get(org_page(participation)).content.decode()
    client.force_login(mentor)
    assert "Ask to mentor" not in client.get(org_page(participation)).content.decode()

    client.force_login(applicant)
    assert "Ask to mentor" in client.get(org_page(participation)).content.decode()
    client.post(ask_url(participation), ANSWERS)
    page = client.get(org_page(participation)).content.decode()
    assert "Ask to mentor" not in page
    assert "Your request to mentor</a>: waiting for an answer" in page


# --- The org admins' list and answer ------------------------------------------------------


def test_the_list_is_not_found_for_people_outside_the_organization(client, participation, outsider):
    client.force_login(outsider)

    assert client.get(list_url(participation)).status_code == 404


def test_the_list_is_forbidden_to_the_organizations_mentors(client, participation, mentor):
    client.force_login(mentor)

    assert client.get(list_url(participation)).status_code == 403


def test_org_admins_see_what_each_person_wrote(client, participation, org_admin, asked):
    client.force_login(org_admin)

    response = client.get(list_url(participation))

    page = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Ana Applicant" in page
    assert "Block jobs." in page
    assert 'value="accept"' in page


def test_the_list_makes_the_same_queries_for_2_or_30_requests(
    client, participation, org_admin, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            mentor_request_create(
                participation=participation,
                user=UserFactory(),
                motivation="Why.",
                topics="What.",
                hours_per_week=4,
            )

    client.force_login(org_admin)

    def accept(count):
        for request in MentorRequest.objects.filter(status=MentorRequest.Status.OPEN)[:count]:
            mentor_request_decide(request=request, by=org_admin, accept=True, answer="")

    add(2)
    accept(1)
    # Session, user, participation, the viewer's roles, then for each of the two lists (waiting
    # for an answer, accepted) its count and its page.
    with django_assert_num_queries(8):
        client.get(list_url(participation))

    add(28)
    accept(24)
    with django_assert_num_queries(8):
        response = client.get(list_url(participation))

    assert len(response.context["rows"]) == 5
    assert len(response.context["accepted_page"]) == 20
    assert response.context["accepted_page"].paginator.num_pages == 2


def test_org_admins_see_accepted_requests_apart_until_the_person_confirms(
    client, participation, org_admin, applicant, asked
):
    waiting = mentor_request_create(
        participation=participation,
        user=UserFactory(display_name="Walter Waiting"),
        motivation="Why.",
        topics="What.",
        hours_per_week=3,
    )
    mentor_request_decide(request=asked, by=org_admin, accept=True, answer="Welcome aboard")
    client.force_login(org_admin)

    page = client.get(list_url(participation)).content.decode()

    waiting_part, accepted_part = page.split("Accepted: waiting for the person to confirm")
    assert "Walter Waiting" in waiting_part and "Ana Applicant" not in waiting_part
    assert "Ana Applicant" in accepted_part and "Walter Waiting" not in accepted_part
    assert "by Olga Orgadmin" in accepted_part
    assert "Welcome aboard" in accepted_part
    assert decide_url(waiting) in waiting_part
    assert decide_url(asked) not in page


def test_deciding_is_not_found_for_people_outside_the_organization(client, outsider, asked):
    client.force_login(outsider)

    response = client.post(decide_url(asked), {"answer-decision": "accept"})

    assert response.status_code == 404
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.OPEN


def test_deciding_is_forbidden_to_the_organizations_mentors(client, mentor, asked):
    client.force_login(mentor)

    response = client.post(decide_url(asked), {"answer-decision": "accept"})

    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.OPEN


def test_an_org_admin_declines_with_a_word(client, participation, org_admin, applicant, asked):
    client.force_login(org_admin)

    response = client.post(
        decide_url(asked), {"answer-decision": "decline", "answer-answer": "Next year!"}
    )

    assert response.status_code == 302
    assert response.url == list_url(participation)
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.DECLINED
    assert asked.answer == "Next year!"
    assert Message.objects.filter(kind="mentor_request_answered", recipient=applicant).exists()


def test_a_decision_without_a_choice_changes_nothing(client, org_admin, asked):
    client.force_login(org_admin)

    response = client.post(decide_url(asked), {"answer-decision": "maybe"})

    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.OPEN


# --- The person's request page ------------------------------------------------------------


def test_the_request_page_is_not_found_for_anyone_else(client, outsider, asked):
    client.force_login(outsider)

    assert client.get(request_url(asked)).status_code == 404


def test_the_request_page_is_forbidden_to_the_organizations_admins(client, org_admin, asked):
    client.force_login(org_admin)

    assert client.get(request_url(asked)).status_code == 403


def test_the_person_reads_their_waiting_request_without_a_confirm_button(client, applicant, asked):
    client.force_login(applicant)

    response = client.get(request_url(asked))

    page = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Waiting for an answer" in page
    assert "Confirm and become a mentor" not in page


def test_a_person_asks_is_accepted_and_confirms_through_the_pages(
    client, participation, applicant, org_admin
):
    client.force_login(applicant)
    asked = client.post(ask_url(participation), ANSWERS)
    request = MentorRequest.objects.get(user=applicant)
    assert asked.url == request_url(request)

    client.force_login(org_admin)
    client.post(decide_url(request), {"answer-decision": "accept", "answer-answer": "Welcome!"})

    client.force_login(applicant)
    page = client.get(request_url(request)).content.decode()
    assert "Welcome!" in page
    assert "I accept the program&#x27;s terms and the commitment" in page
    refused = client.post(request_url(request), {})
    assert refused.status_code == 200
    assert not Membership.objects.filter(user=applicant).exists()
    confirmed = client.post(request_url(request), {"accept_terms": "on"})

    assert confirmed.status_code == 302
    assert confirmed.url == org_page(participation)
    membership = Membership.objects.get(user=applicant, participation=participation)
    assert membership.role == Membership.Role.MENTOR
    assert membership.status == Membership.Status.ACTIVE


def test_a_declined_request_cannot_be_confirmed_by_posting(
    client, participation, applicant, org_admin, asked
):
    mentor_request_decide(request=asked, by=org_admin, accept=False, answer="No.")
    client.force_login(applicant)

    response = client.post(request_url(asked), {"accept_terms": "on"})

    assert response.status_code == 200
    assert "not waiting for your confirmation" in response.content.decode()
    assert not Membership.objects.filter(user=applicant).exists()


# --- Withdrawing one's request ------------------------------------------------------------


def test_the_person_withdraws_their_request_after_a_confirmation(client, applicant, asked):
    client.force_login(applicant)
    assert withdraw_url(asked) in client.get(request_url(asked)).content.decode()

    question = client.get(withdraw_url(asked))

    page = question.content.decode()
    assert question.status_code == 200
    assert "private" in question["Cache-Control"]
    assert "Withdraw your request to mentor for QEMU?" in page
    assert "You may ask again later" in page
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.OPEN

    done = client.post(withdraw_url(asked), follow=True)

    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.WITHDRAWN
    assert done.redirect_chain[-1][0] == request_url(asked)
    page = done.content.decode()
    assert "Your request to mentor for QEMU is withdrawn." in page
    assert withdraw_url(asked) not in page


def test_an_accepted_request_may_be_withdrawn_instead_of_confirmed(
    client, applicant, org_admin, asked
):
    mentor_request_decide(request=asked, by=org_admin, accept=True, answer="")
    client.force_login(applicant)

    client.post(withdraw_url(asked))

    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.WITHDRAWN
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_declined_request_is_not_withdrawn_and_the_person_is_told(
    client, applicant, org_admin, asked
):
    mentor_request_decide(request=asked, by=org_admin, accept=False, answer="No.")
    client.force_login(applicant)
    assert withdraw_url(asked) not in client.get(request_url(asked)).content.decode()

    response = client.post(withdraw_url(asked), follow=True)

    assert "no longer waiting: there is nothing to withdraw" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.DECLINED


def test_withdrawing_is_forbidden_to_the_organizations_admins(client, org_admin, asked):
    client.force_login(org_admin)

    assert client.get(withdraw_url(asked)).status_code == 403
    assert client.post(withdraw_url(asked)).status_code == 403
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.OPEN


def test_withdrawing_is_not_found_for_anyone_else(client, outsider, asked):
    client.force_login(outsider)

    assert client.post(withdraw_url(asked)).status_code == 404
    asked.refresh_from_db()
    assert asked.status == MentorRequest.Status.OPEN


def test_anonymous_visitors_log_in_before_withdrawing(client, asked):
    response = client.post(withdraw_url(asked))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
