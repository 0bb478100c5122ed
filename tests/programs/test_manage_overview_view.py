"""The program admin's overview of every round.

Access: program admins only; signed-in people without the role get 403 (rounds are public
elsewhere); anonymous people are sent to log in. The page is about no single object, so there
is nothing for an outsider to be denied with 404.
"""

import pytest
from django.urls import reverse

from programs.models import Participation, Round
from programs.timeline import Phase
from tests.factories import ParticipationFactory, ProgramFactory, RoundFactory

pytestmark = pytest.mark.django_db

URL = reverse("programs:manage")
Status = Participation.Status


def test_it_lists_every_program_with_its_rounds(client, program_admin, round_):
    ProgramFactory(name="Outreachy", slug="outreachy")
    client.force_login(program_admin)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Google Summer of Code 2027" in page
    assert "Outreachy" in page
    assert "No round yet." in page
    assert reverse("programs:round_edit", args=[round_.slug]) in page
    assert reverse("programs:round_open") in page


def test_each_program_offers_to_open_the_round_after_its_latest(client, program_admin, round_):
    RoundFactory(program=round_.program, name="Google Summer of Code 2026", phase=Phase.FINISHED)
    client.force_login(program_admin)

    page = client.get(URL).content.decode()

    assert f'href="{reverse("programs:round_open")}?after=gsoc-2027"' in page
    assert "Open the round after Google Summer of Code 2027" in page
    assert "Open the round after Google Summer of Code 2026" not in page


def test_it_links_a_staff_program_admin_to_the_django_admin(client, program_admin):
    program_admin.is_staff = True
    program_admin.save()
    client.force_login(program_admin)
    page = client.get(URL).content.decode()
    assert f'href="{reverse("admin:index")}"' in page


def test_it_tells_a_program_admin_without_staff_access_who_can_give_it(client, program_admin):
    client.force_login(program_admin)
    page = client.get(URL).content.decode()
    assert reverse("admin:index") not in page
    assert "needs a staff account" in page


def test_it_shows_the_phase_and_the_next_milestone_in_the_viewers_zone(
    client, program_admin, round_
):
    program_admin.timezone = "Asia/Tokyo"
    program_admin.save()
    client.force_login(program_admin)
    page = client.get(URL).content.decode()
    assert Phase.APPLICATIONS.label in page
    assert "Application deadline" in page
    assert " JST</time>" in page


def test_it_counts_participations_by_status_and_slots_granted(client, program_admin, round_):
    ParticipationFactory(round=round_, status=Status.ACCEPTED, slots_max=4, slots_granted=4)
    ParticipationFactory(round=round_, status=Status.ACCEPTED, slots_max=4, slots_granted=3)
    ParticipationFactory(round=round_, status=Status.APPLIED)
    ParticipationFactory(round=round_, status=Status.DRAFT)
    ParticipationFactory(round=round_, status=Status.WITHDRAWN, slots_max=9, slots_granted=9)
    client.force_login(program_admin)
    response = client.get(URL)
    (counted,) = response.context["programs"][0].counted_rounds
    assert (counted.count_draft, counted.count_applied, counted.count_accepted) == (1, 1, 2)
    assert (counted.count_rejected, counted.count_withdrawn) == (0, 1)
    assert counted.slots_granted_total == 7
    assert "7 of 20" in response.content.decode()


def test_a_round_without_a_total_shows_the_slots_granted_alone(client, program_admin, round_):
    Round.objects.filter(pk=round_.pk).update(total_slots=0)
    ParticipationFactory(round=round_, status=Status.ACCEPTED, slots_max=5, slots_granted=5)
    client.force_login(program_admin)

    page = client.get(URL).content.decode()

    assert '<td class="num">5</td>' in page
    assert "5 of 0" not in page


def _rounds_with_participations(count: int) -> None:
    """`count` participations, two per round, the rounds spread over two programs."""
    for index in range(count // 2):
        round_ = RoundFactory(program=ProgramFactory(slug=("gsoc", "outreachy")[index % 2]))
        ParticipationFactory(round=round_, status=Status.APPLIED)
        ParticipationFactory(round=round_, slots_granted=1)


@pytest.mark.parametrize("participations", [2, 12])
def test_its_queries_do_not_grow_with_rounds_or_organizations(
    client, program_admin, django_assert_num_queries, participations
):
    _rounds_with_participations(participations)
    client.force_login(program_admin)
    # Session, user, programs, their rounds with every count.
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_a_signed_in_person_without_the_role_is_forbidden(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
