"""The applicant's contributions in a round: the list (paginated) and recording one, and
changing one.

Access: the list names no one, so each person sees only their own; the round's mentors and
org admins do not apply (403). A contribution's own page: its applicant edits it (200);
another applicant and mentors of another organization get 404; the mentors of its
organization and program admins, who see it elsewhere, get 403.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from applications.models import Contribution
from people.dates import moment_for
from programs.models import Participation
from tests.factories import (
    ContributionFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("applications:contributions", args=["gsoc-2027"])
MR = "https://gitlab.com/qemu-project/qemu/-/merge_requests/7"


def edit_url(contribution) -> str:
    return reverse("applications:contribution_edit", args=["gsoc-2027", contribution.pk])


def fields(participation=None, **overrides) -> dict:
    data = {"url": MR, "description": "Fixes the manual.", "state": "submitted"}
    if participation is not None:
        data["participation"] = participation.organization.name
    data.update(overrides)
    return data


def test_an_applicant_records_a_contribution(client, applicant, participation):
    client.force_login(applicant)

    response = client.post(LIST, fields(participation))

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.applicant, contribution.participation) == (applicant, participation)


def test_the_organization_is_found_by_its_address_name_and_an_unknown_one_is_refused(
    client, applicant, participation
):
    client.force_login(applicant)

    refused = client.post(LIST, {**fields(), "participation": "Nonesuch"})
    assert refused.status_code == 400
    assert "No organization called “Nonesuch”" in refused.content.decode()
    assert refused.context["form"]["description"].value() == "Fixes the manual."

    assert client.post(LIST, {**fields(), "participation": "qemu"}).status_code == 302
    assert Contribution.objects.get().participation == participation


def test_an_organization_not_accepted_is_not_found(client, applicant, round_):
    ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="Pending"),
        status=Participation.Status.APPLIED,
    )
    client.force_login(applicant)

    assert client.post(LIST, {**fields(), "participation": "Pending"}).status_code == 400
    assert not Contribution.objects.exists()


def test_the_organizations_page_link_fills_it_in(client, applicant, participation):
    client.force_login(applicant)

    response = client.get(LIST + "?org=qemu")

    assert response.context["form"]["participation"].value() == "qemu"


def test_the_list_shows_only_ones_own_contributions(client, applicant, participation):
    ContributionFactory(applicant=applicant, participation=participation, url=MR)
    ContributionFactory(participation=participation, url="https://example.org/someone-else")
    client.force_login(applicant)

    response = client.get(LIST)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    page = response.content.decode()
    assert MR in page
    assert "someone-else" not in page


@pytest.mark.parametrize("who", ["mentor", "org_admin", "outsider"])
def test_the_rounds_mentors_and_org_admins_get_403(client, participation, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(LIST).status_code == 403


def test_a_javascript_link_is_refused_and_what_was_typed_is_kept(client, applicant, participation):
    client.force_login(applicant)

    response = client.post(
        LIST, fields(participation, url="javascript:alert(1)", description="Mine")
    )

    assert response.status_code == 400
    assert response.context["form"]["description"].value() == "Mine"
    assert not Contribution.objects.exists()


def test_recording_after_the_deadline_is_refused_naming_it(client, applicant, participation):
    client.force_login(applicant)
    deadline = participation.round.applications_close

    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        response = client.post(LIST, fields(participation, description="Late one"))

    assert response.status_code == 400
    assert moment_for(applicant, deadline) in response.content.decode()
    assert response.context["form"]["description"].value() == "Late one"


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_makes_the_same_queries_however_many_contributions(
    client, applicant, participation, count, django_assert_num_queries
):
    ContributionFactory.create_batch(
        count, applicant=applicant, participation=participation, accepted=True, confirmed=True
    )
    client.force_login(applicant)
    client.get(LIST)  # the session and the site's first-request work, out of the count

    # session, user, round, roles in the round, count, page
    with django_assert_num_queries(6):
        response = client.get(LIST)

    assert len(response.context["page"].object_list) == min(count, 25)


# --- One contribution -----------------------------------------------------------------------


@pytest.fixture
def contribution(applicant, participation):
    return ContributionFactory(applicant=applicant, participation=participation, url=MR)


def test_its_applicant_changes_it(client, applicant, contribution):
    client.force_login(applicant)
    page = client.get(edit_url(contribution))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("private")

    today = timezone.now().date().isoformat()
    response = client.post(edit_url(contribution), fields(state="accepted", accepted_at=today))

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.state == "accepted"


def test_a_change_after_a_verdict_sets_it_back_to_not_reviewed(
    client, applicant, contribution, mentor
):
    contribution.verdict = Contribution.Verdict.CONFIRMED
    contribution.reviewed_by = mentor
    contribution.reviewed_at = timezone.now()
    contribution.save()
    client.force_login(applicant)

    assert "looks at it again" in client.get(edit_url(contribution)).content.decode()
    client.post(edit_url(contribution), fields(description="Fixes two pages of the manual."))

    contribution.refresh_from_db()
    assert contribution.verdict == Contribution.Verdict.UNREVIEWED


def test_another_applicant_gets_404(client, contribution):
    client.force_login(UserFactory())

    assert client.get(edit_url(contribution)).status_code == 404


def test_a_mentor_of_another_organization_gets_404(client, contribution, outsider):
    client.force_login(outsider)

    assert client.get(edit_url(contribution)).status_code == 404


@pytest.mark.parametrize("who", ["mentor", "program_admin"])
def test_people_who_see_it_elsewhere_get_403(client, contribution, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(edit_url(contribution)).status_code == 403
    assert client.post(edit_url(contribution), fields(description="Theirs")).status_code == 403
