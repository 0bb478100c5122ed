"""A person's own email choices: the optional kinds on or off, and the rounds they follow.

Access: the viewer's own choices only (no URL names anyone else's), so the triad reduces to
signed-in people (allowed) and anonymous people (sent to log in).
"""

import pytest
from django.urls import reverse

from notifications.models import NotificationPreference
from notifications.registry import optional_kinds
from programs.models import Membership, RoundFollow
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def test_it_lists_only_the_kinds_that_can_be_turned_off(client, program_admin, org_admin):
    MembershipFactory(user=program_admin, participation=Membership.objects.get().participation)
    client.force_login(program_admin)
    page = client.get(URL).content.decode()
    assert "Deadlines of the rounds you follow" in page
    assert "The program admins&#x27; daily digest" in page
    assert "Reminders to submit your organization&#x27;s application" not in page
    assert all(field.initial for field in client.get(URL).context["form"].fields.values())


def shown(client, person) -> set[str]:
    client.force_login(person)
    return set(client.get(URL).context["form"].fields)


def test_an_applicant_is_offered_only_what_anyone_can_receive(client, applicant):
    assert shown(client, applicant) == {"round_deadline"}


def test_a_mentor_is_offered_the_mentors_kinds(client, mentor):
    assert shown(client, mentor) == {
        "round_deadline",
        "idea_question",
        "idea_custom_proposed",
        "mentor_proposal_digest",
    }


def test_an_org_admin_is_offered_the_kinds_of_invitations_and_ideas(client, org_admin):
    assert shown(client, org_admin) == {
        "round_deadline",
        "idea_question",
        "idea_custom_proposed",
        "invitation_open",
        "invitation_accepted",
        "mentor_proposal_digest",
    }


def test_a_program_admin_is_offered_the_digest(client, program_admin):
    assert {"program_admin_digest", "invitation_open"} <= shown(client, program_admin)
    assert "idea_question" not in shown(client, program_admin)


def test_a_mentor_whose_role_ended_is_no_longer_offered_its_kinds(client, mentor):
    Membership.objects.filter(user=mentor).update(status=Membership.Status.WITHDRAWN)
    assert shown(client, mentor) == {"round_deadline"}


def test_a_kind_for_a_role_not_held_posted_anyway_is_ignored(client, applicant):
    client.force_login(applicant)
    client.post(URL, {"round_deadline": "on"})  # the digest unticked, as if it were a field
    assert (
        not NotificationPreference.objects.filter(user=applicant)
        .exclude(kind="round_deadline")
        .exists()
    )


def test_the_page_makes_as_many_queries_for_a_person_of_many_roles(
    client, applicant, org_admin, django_assert_num_queries
):
    for person in (applicant, org_admin):
        client.force_login(person)
        # session, the viewer, their roles, their choices, the rounds they follow
        with django_assert_num_queries(5):
            client.get(URL)


def test_unticking_a_kind_turns_it_off_and_ticking_turns_it_on(client, applicant):
    client.force_login(applicant)
    on = {kind.name: "on" for kind in optional_kinds() if kind.name != "round_deadline"}
    response = client.post(URL, on)
    assert response.status_code == 302
    assert set(
        NotificationPreference.objects.filter(user=applicant, enabled=False).values_list(
            "kind", flat=True
        )
    ) == {"round_deadline"}
    client.post(URL, {**on, "round_deadline": "on"})
    assert not NotificationPreference.objects.filter(user=applicant, enabled=False).exists()


def test_a_duty_reminder_posted_anyway_is_ignored(client, applicant):
    client.force_login(applicant)
    client.post(URL, {"org_application_deadline": ""})
    assert not NotificationPreference.objects.filter(kind="org_application_deadline").exists()


def test_it_lists_the_rounds_followed_with_an_unfollow_button(client, applicant, round_):
    RoundFollow.objects.create(user=applicant, round=round_)
    client.force_login(applicant)
    page = client.get(URL).content.decode()
    assert round_.name in page
    assert reverse("programs:round_unfollow", args=[round_.slug]) in page


def test_the_profile_page_links_to_it(client, applicant):
    client.force_login(applicant)
    assert URL in client.get(reverse("people:profile")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
