"""A mentor who left or was removed stays named on the ideas they co-mentored, but access
follows the active role: the unpublished ones are no longer theirs to read (page, list,
wiki export) or write; the published ones stay public like any other.

Access triad: the former mentor is an outsider to an unpublished idea (404), a reader of a
published one (200), and read-only there (403 on its edit page); an active co-mentor still
reads and writes it (200).
"""

import pytest
from django.urls import reverse

from programs.models import Membership
from programs.services.memberships import membership_end
from projects.models import IdeaMentor, ProjectIdea
from tests.factories import MembershipFactory, UserFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db

Status = ProjectIdea.Status
ARGS = ["gsoc-2027", "qemu"]


@pytest.fixture
def co_mentor(participation):
    person = UserFactory(display_name="Stefan Co")
    MembershipFactory(participation=participation, user=person, role=Membership.Role.MENTOR)
    return person


@pytest.fixture
def draft(participation, mentor, co_mentor):
    return make_idea(
        participation, "Disk backup tool", status=Status.SUBMITTED, mentors=(mentor, co_mentor)
    )


def pages(idea) -> dict[str, str]:
    return {
        "page": reverse("projects:idea", args=[*ARGS, idea.slug]),
        "wiki": reverse("projects:idea_wiki", args=[*ARGS, idea.slug]),
        "edit": reverse("projects:idea_edit", args=[*ARGS, idea.slug]),
    }


def lists() -> list[str]:
    return [reverse("projects:org_ideas", args=ARGS), reverse("projects:org_ideas_wiki", args=ARGS)]


def end_role(person, *, by) -> None:
    membership = Membership.objects.get(user=person, role=Membership.Role.MENTOR)
    membership_end(membership=membership, by=by)


@pytest.mark.parametrize("how", ["left", "removed"])
def test_a_former_mentor_no_longer_reads_the_unpublished_ideas_they_co_mentored(
    client, draft, mentor, org_admin, how
):
    end_role(mentor, by=mentor if how == "left" else org_admin)
    client.force_login(mentor)

    for name, address in pages(draft).items():
        assert client.get(address).status_code == 404, name
    for address in lists():
        assert "Disk backup tool" not in client.get(address).content.decode()
    assert IdeaMentor.objects.filter(idea=draft, user=mentor).exists()  # still named on it


def test_the_active_co_mentor_still_reads_and_writes_it(client, draft, mentor, co_mentor):
    end_role(mentor, by=mentor)
    client.force_login(co_mentor)

    for address in pages(draft).values():
        assert client.get(address).status_code == 200
    for address in lists():
        assert "Disk backup tool" in client.get(address).content.decode()


def test_a_former_mentor_reads_a_published_idea_like_anyone_but_may_not_edit_it(
    client, participation, mentor
):
    published = make_idea(participation, "Faster snapshots", mentors=(mentor,))
    end_role(mentor, by=mentor)
    client.force_login(mentor)

    assert client.get(pages(published)["page"]).status_code == 200
    assert client.get(pages(published)["wiki"]).status_code == 200
    assert client.get(pages(published)["edit"]).status_code == 403
