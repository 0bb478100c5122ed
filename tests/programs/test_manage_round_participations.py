"""The program admin's round page lists participations a page at a time, in one form."""

import re

import pytest
from django.urls import reverse

from programs.models import Participation
from tests.factories import OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

Status = Participation.Status


def _url(round_) -> str:
    return reverse("programs:round_edit", args=[round_.slug])


def _organizations(round_, count: int, status=Status.APPLIED) -> None:
    for i in range(count):
        ParticipationFactory(
            round=round_,
            organization=OrganizationFactory(name=f"Org {i:02}", slug=f"org-{i:02}"),
            status=status,
            slots_max=3,
        )


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr id="org-([^"]+)">', html)


def test_a_round_of_sixty_organizations_shows_twenty_five_and_links_to_the_next_page(
    client, program_admin, round_
):
    _organizations(round_, 60)
    client.force_login(program_admin)
    html = client.get(_url(round_)).content.decode()
    assert _rows(html) == [f"org-{i:02}" for i in range(25)]
    assert 'href="?page=2#organizations" rel="next"' in html
    assert _rows(client.get(_url(round_), {"page": 3}).content.decode())[-1] == "org-59"


def test_the_list_carries_one_csrf_token_whatever_its_length(client, program_admin, round_):
    _organizations(round_, 10, status=Status.ACCEPTED)
    applied = ParticipationFactory(round=round_, status=Status.APPLIED)
    client.force_login(program_admin)
    html = client.get(_url(round_)).content.decode()
    participations = html[html.index('class="participations"') : html.index("</table>")]
    assert participations.count('name="csrfmiddlewaretoken"') == 1
    # Ten grants and one accept post at once; reject asks first (a link to its question).
    assert participations.count('formaction="/manage/rounds/') == 10 + 1
    slug = applied.organization.slug
    assert f'formaction="/manage/rounds/{round_.slug}/organizations/{slug}/accept/"' in html
    assert f'href="/manage/rounds/{round_.slug}/organizations/{slug}/reject/"' in html


def test_it_counts_each_status_and_lists_only_the_one_chosen(client, program_admin, round_):
    _organizations(round_, 3, status=Status.ACCEPTED)
    ParticipationFactory(round=round_, status=Status.APPLIED)
    client.force_login(program_admin)
    html = client.get(_url(round_), {"status": "applied"}).content.decode()
    assert "All (4)" in html
    assert "<strong>Applied (1)</strong>" in html
    assert "Accepted (3)</a>" in html
    assert len(_rows(html)) == 1


def test_an_unknown_status_shows_the_whole_list(client, program_admin, round_):
    _organizations(round_, 2)
    client.force_login(program_admin)
    assert len(_rows(client.get(_url(round_), {"status": "lost"}).content.decode())) == 2


def test_it_finds_an_organization_by_name(client, program_admin, round_):
    _organizations(round_, 40)
    client.force_login(program_admin)
    html = client.get(_url(round_), {"q": "org 3"}).content.decode()
    assert _rows(html) == [f"org-{i}" for i in range(30, 40)]
    assert 'name="q" value="org 3"' in html


def test_a_grant_from_the_list_reads_its_own_rows_field_and_returns_to_its_page(
    client, program_admin, round_
):
    _organizations(round_, 30, status=Status.ACCEPTED)
    client.force_login(program_admin)
    url = reverse("programs:slots_grant", args=[round_.slug, "org-27"])
    # The whole form is sent: every row's field, the list's page and status.
    response = client.post(
        url, {"slots-org-26": "1", "slots-org-27": "2", "page": "2", "status": "accepted"}
    )
    assert response["Location"] == f"{_url(round_)}?status=accepted&page=2#org-org-27"
    granted = dict(
        Participation.objects.filter(round=round_).values_list(
            "organization__slug", "slots_granted"
        )
    )
    assert (granted["org-26"], granted["org-27"]) == (None, 2)


def test_a_decision_from_the_list_returns_to_the_page_it_was_made_on(client, program_admin, round_):
    _organizations(round_, 30)
    client.force_login(program_admin)
    url = reverse("programs:participation_accept", args=[round_.slug, "org-28"])
    response = client.post(url, {"page": "2", "q": "org"})
    assert response["Location"] == f"{_url(round_)}?q=org&page=2#org-org-28"
    assert Participation.objects.get(organization__slug="org-28").status == Status.ACCEPTED


def test_a_person_without_the_role_neither_sees_nor_pages_the_list(client, mentor, round_):
    _organizations(round_, 30)
    client.force_login(mentor)
    assert client.get(_url(round_), {"page": 2}).status_code == 403


def test_the_list_of_an_unknown_round_is_not_found(client, program_admin):
    client.force_login(program_admin)
    assert (
        client.get(reverse("programs:round_edit", args=["no-round"]), {"page": 2}).status_code
        == 404
    )
