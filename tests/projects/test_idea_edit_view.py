"""Editing an idea.

Access: the idea's mentors and the organization's admins edit. A draft (or any idea not yet
published) is not found (404) by anyone else: other mentors of the organization, applicants,
people of other organizations. People who can see the idea but not edit it get 403: anyone
once it is published, and program admins, who see every idea. Anonymous people log in first.
"""

import pytest
from django.urls import reverse

from projects.models import IdeaMentor, ProjectIdea
from tests.factories import MembershipFactory
from tests.projects.authoring import form_data, idea_in

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def url(idea) -> str:
    return reverse("projects:idea_edit", args=["gsoc-2027", "qemu", idea.slug])


@pytest.fixture
def draft(participation, mentor):
    idea = idea_in(participation, mentor, title="Disk backup tool")
    idea.links = [{"label": "Backups", "url": "https://qemu.org/docs/backup"}]
    idea.save()
    return idea


def test_the_form_shows_what_the_idea_says(client, draft, mentor):
    client.force_login(mentor)

    response = client.get(url(draft))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "Disk backup tool"
    assert form["links"].value() == "Backups | https://qemu.org/docs/backup"
    assert form[f"mentor_{mentor.pk}"].value() is True
    page = response.content.decode()
    assert "=== Disk backup tool ===" in page  # the wiki preview, rendered at once
    assert "Submit for review" in page
    assert reverse("projects:idea_preview", args=["gsoc-2027", "qemu", draft.slug]) in page


def test_a_mentor_saves_changes_and_the_address_stays(client, draft, mentor):
    client.force_login(mentor)

    response = client.post(url(draft), form_data(mentor, title="Incremental backups"))

    assert response.status_code == 302
    assert response.url == url(draft)
    draft.refresh_from_db()
    assert (draft.title, draft.slug) == ("Incremental backups", "disk-backup-tool")


def test_an_approved_idea_warns_and_goes_back_for_review_when_changed(
    client, participation, mentor
):
    idea = idea_in(participation, mentor, status=Status.APPROVED)
    client.force_login(mentor)

    page = client.get(url(idea)).content.decode()
    assert "needs their approvals again" in page

    response = client.post(url(idea), form_data(mentor), follow=True)

    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (Status.SUBMITTED, 2)
    assert "approve it again" in response.content.decode()


def test_errors_keep_what_was_typed(client, draft, mentor):
    client.force_login(mentor)

    response = client.post(url(draft), form_data(mentor, title="", skills="tracing, perf"))

    assert response.status_code == 200
    assert response.context["form"]["skills"].value() == "tracing, perf"
    draft.refresh_from_db()
    assert draft.title == "Disk backup tool"


def test_names_from_an_imported_page_are_shown_and_kept(client, draft, mentor):
    IdeaMentor.objects.create(idea=draft, name="Alberto Garcia (berto on IRC)", position=1)
    client.force_login(mentor)

    assert "Alberto Garcia (berto on IRC)" in client.get(url(draft)).content.decode()
    client.post(url(draft), form_data(mentor))

    assert draft.mentors.filter(user=None).count() == 1


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN])
def test_a_closed_idea_shows_why_it_cannot_be_edited(client, participation, mentor, status):
    idea = idea_in(participation, mentor, status=status)
    client.force_login(mentor)

    response = client.get(url(idea))

    assert response.status_code == 200
    assert "can no longer be edited" in response.content.decode()
    assert "form" not in response.context
    response = client.post(url(idea), form_data(mentor, title="Sneaky"))
    idea.refresh_from_db()
    assert idea.title != "Sneaky"


def test_an_org_admin_edits_an_idea_they_do_not_mentor(client, draft, org_admin, mentor):
    client.force_login(org_admin)

    client.post(url(draft), form_data(mentor, title="Tidied by Olga"))

    draft.refresh_from_db()
    assert draft.title == "Tidied by Olga"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED])
def test_an_unpublished_idea_is_not_found_by_other_mentors_of_the_organization(
    client, participation, mentor, status
):
    idea = idea_in(participation, mentor, status=status)
    other = MembershipFactory(participation=participation).user
    client.force_login(other)

    assert client.get(url(idea)).status_code == 404


@pytest.mark.parametrize("person", ["applicant", "outsider"])
def test_a_draft_is_not_found_by_people_outside_it(request, client, draft, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), form_data()).status_code == 404


def test_a_published_idea_is_forbidden_to_other_mentors_who_can_read_it(
    client, participation, mentor
):
    idea = idea_in(participation, mentor, status=Status.APPROVED)
    other = MembershipFactory(participation=participation).user
    client.force_login(other)

    assert client.get(url(idea)).status_code == 403


def test_a_program_admin_sees_drafts_but_may_not_edit_them(client, draft, program_admin):
    client.force_login(program_admin)

    assert client.get(url(draft)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.get(url(draft))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_co_mentor_whose_role_ended_is_named_and_removed_on_saving(
    client, participation, draft, mentor
):
    former = MembershipFactory(participation=participation, status="withdrawn").user
    IdeaMentor.objects.create(idea=draft, user=former, position=1)
    client.force_login(mentor)

    page = client.get(url(draft)).content.decode()
    assert f'{former.name} <span class="muted">(no longer a mentor' in page

    client.post(url(draft), form_data(mentor))
    assert [row.user for row in draft.mentors.all()] == [mentor]


def test_the_page_and_its_save_ask_for_the_mentors_roles_once(
    client, draft, mentor, django_assert_num_queries
):
    """The view's access check and the service's own check read one answer per request (the
    page asked three times, the save four, before roles were kept for the request)."""
    client.force_login(mentor)
    with django_assert_num_queries(10):
        assert client.get(url(draft)).status_code == 200
    with django_assert_num_queries(38):
        assert client.post(url(draft), form_data(mentor, title="X")).status_code == 302
