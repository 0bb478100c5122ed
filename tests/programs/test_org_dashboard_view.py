from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from programs.models import Membership, Participation, Round
from programs.schedules import dates_in_phase
from programs.services.memberships import invitation_create, membership_end
from programs.timeline import Phase
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(participation):
    return reverse(
        "programs:participation_manage",
        args=[participation.round.slug, participation.organization.slug],
    )


@pytest.fixture
def draft(participation):
    """QEMU's organization application, a draft, while organization applications are open."""
    Round.objects.filter(pk=participation.round_id).update(
        **dates_in_phase(Phase.ORG_APPLICATIONS, timezone.now())
    )
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.DRAFT)
    return Participation.objects.select_related("round", "organization").get(pk=participation.pk)


def answers(**overrides):
    data = {
        "motivation": "Grow the block layer team.",
        "mentoring_plan": "Two mentors per idea.",
        "previous_participation": "",
        "slots_min": "1",
        "slots_max": "3",
        "gate_deadline": "",
    }
    data.update(overrides)
    return data


def test_an_org_admin_sees_answers_people_invitations_and_the_invite_form(
    client, participation, org_admin, mentor
):
    invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    client.force_login(org_admin)

    response = client.get(url(participation))

    page = response.content.decode()
    assert response.status_code == 200
    assert "We want new contributors." in page
    assert "Mira Mentor" in page and "Olga Orgadmin" in page
    assert "Terms accepted" in page
    assert "ivy@example.org" in page
    assert 'name="invite-email"' in page


def test_every_column_has_a_header_a_screen_reader_can_read(client, participation, org_admin):
    invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    client.force_login(org_admin)

    page = client.get(url(participation)).content.decode()

    assert "<th></th>" not in page
    assert page.count('<th><span class="visually-hidden">Actions</span></th>') == 2


def test_a_program_admin_may_use_it(client, participation, program_admin):
    client.force_login(program_admin)

    assert client.get(url(participation)).status_code == 200


def test_a_mentor_of_the_organization_is_forbidden(client, participation, mentor):
    client.force_login(mentor)

    assert client.get(url(participation)).status_code == 403


def test_an_outsider_is_not_found(client, participation, outsider):
    client.force_login(outsider)

    assert client.get(url(participation)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.get(url(participation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_warns_when_the_organization_has_fewer_than_two_org_admins(
    client, participation, org_admin
):
    client.force_login(org_admin)

    assert (
        "fewer than two active organization admins"
        in client.get(url(participation)).content.decode()
    )


def test_two_active_org_admins_need_no_warning(client, participation, org_admin):
    MembershipFactory(participation=participation, role=Membership.Role.ORG_ADMIN)
    client.force_login(org_admin)

    assert "fewer than two" not in client.get(url(participation)).content.decode()


def test_an_org_admin_edits_the_answers_of_a_draft(client, draft, org_admin):
    client.force_login(org_admin)

    response = client.post(url(draft), answers())

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.motivation == "Grow the block layer team."
    assert draft.slots_max == 3


def test_bad_answers_come_back_with_what_was_typed(client, draft, org_admin):
    client.force_login(org_admin)

    response = client.post(url(draft), answers(slots_min="5", slots_max="2"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "minimum slots cannot be above the maximum" in page
    assert "Grow the block layer team." in page
    draft.refresh_from_db()
    assert draft.motivation == "We want new contributors."


def test_answers_posted_after_the_deadline_are_refused_and_kept(client, draft, org_admin):
    client.force_login(org_admin)

    with time_machine.travel(draft.round.org_applications_close + timedelta(seconds=1)):
        response = client.post(url(draft), answers())

    page = response.content.decode()
    assert "deadline was" in page
    assert "Grow the block layer team." in page
    draft.refresh_from_db()
    assert draft.motivation == "We want new contributors."


def test_a_mentor_cannot_post_answers(client, draft, mentor):
    client.force_login(mentor)

    assert client.post(url(draft), answers()).status_code == 403


def test_an_accepted_organization_application_is_shown_read_only(client, participation, org_admin):
    client.force_login(org_admin)

    page = client.get(url(participation)).content.decode()

    assert "Save the answers" not in page
    assert "Submit the organization application" not in page


def test_a_draft_offers_submit_and_withdraw(client, draft, org_admin):
    client.force_login(org_admin)

    page = client.get(url(draft)).content.decode()

    assert "Submit the organization application" in page
    assert "Withdraw the organization application" in page


def test_an_org_admin_who_leaves_loses_access_at_once(client, participation, org_admin):
    MembershipFactory(participation=participation, role=Membership.Role.ORG_ADMIN)
    client.force_login(org_admin)
    assert client.get(url(participation)).status_code == 200

    membership_end(membership=org_admin.memberships.get(), by=org_admin)

    assert client.get(url(participation)).status_code == 404


def test_a_withdrawn_mentor_is_no_longer_even_forbidden_but_not_found(
    client, participation, mentor
):
    client.force_login(mentor)
    assert client.get(url(participation)).status_code == 403

    membership_end(membership=mentor.memberships.get(), by=mentor)

    assert client.get(url(participation)).status_code == 404


# Session, user, participation, the viewer's roles, members, invitations, requests to mentor,
# the contributions not reviewed yet.
def test_it_makes_the_same_queries_for_2_or_12_members(
    client, participation, org_admin, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            MembershipFactory(
                participation=participation,
                role=Membership.Role.MENTOR,
                invited_by=org_admin,
                user=UserFactory(),
            )
            invitation_create(
                participation=participation,
                email=f"{UserFactory.build().email}",
                role="mentor",
                by=org_admin,
            )

    client.force_login(org_admin)
    add(1)
    with django_assert_num_queries(8):
        client.get(url(participation))

    add(10)
    with django_assert_num_queries(8):
        response = client.get(url(participation))

    assert len(response.context["members"]) == 12
    assert len(response.context["invitations"]) == 11


def after_the_application_deadline(participation) -> str:
    """A contribution deadline the form accepts (before the results), as a browser sends it."""
    return (participation.round.applications_close + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


def test_a_contribution_deadline_without_a_number_is_refused_and_kept(client, draft, org_admin):
    client.force_login(org_admin)
    typed = after_the_application_deadline(draft)

    response = client.post(url(draft), answers(gate_contributions="", gate_deadline=typed))

    assert response.status_code == 200
    assert "A contribution gate needs both" in response.content.decode()
    assert f'value="{typed}"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.gate_deadline is None


def test_an_org_admin_sets_a_gate_of_one_contribution_by_a_date(client, draft, org_admin):
    client.force_login(org_admin)

    client.post(
        url(draft),
        answers(gate_contributions="1", gate_deadline=after_the_application_deadline(draft)),
    )

    draft.refresh_from_db()
    assert draft.gate_contributions == 1
    assert draft.gate_deadline is not None
