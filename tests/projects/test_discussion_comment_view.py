"""Posting under an idea, and who sees which thread.

Access (projects.permissions.idea_for_comment): anyone signed in who can see the idea asks in
public (the thread opens once the idea is published); private notes are written and read only
by the organization's active org admins and mentors and by program admins. People who can see
the idea but are not among them (applicants) get 403 for a note; people who cannot see the
idea get 404; anonymous visitors are sent to log in. GET is refused (405).
"""

import pytest
from django.test import Client
from django.urls import reverse

from programs.models import Membership
from projects.models import IdeaComment, ProjectIdea
from tests.factories import MembershipFactory, UserFactory
from tests.projects.idea_rows import comment, idea_url, make_idea

pytestmark = pytest.mark.django_db

PUBLIC = IdeaComment.Visibility.PUBLIC
NOTE = IdeaComment.Visibility.ORGANIZATION
SECRET = "We might not take anyone for this one."


@pytest.fixture
def idea(participation, mentor):
    return make_idea(participation, "Disk backup tool", mentors=(mentor,))


def post_url(idea):
    return idea_url(idea, "projects:idea_comment")


def post(client, idea, body, visibility=PUBLIC):
    return client.post(post_url(idea), {"visibility": visibility, "body": body})


def test_a_signed_in_applicant_asks_in_public(client, idea, applicant):
    client.force_login(applicant)

    response = post(client, idea, "Is *C99* fine?")

    posted = IdeaComment.objects.get()
    assert (posted.author, posted.visibility) == (applicant, PUBLIC)
    assert response.status_code == 302
    assert response.url == f"{idea_url(idea)}#comment-{posted.pk}"
    page = client.get(idea_url(idea)).content.decode()
    assert "Is <em>C99</em> fine?" in page
    assert "the idea&#x27;s mentors will hear of it" in page


def test_an_answer_by_the_ideas_mentor_is_marked_as_the_mentors(client, idea, mentor, applicant):
    comment(idea, applicant, "Is C99 fine?")
    client.force_login(mentor)

    post(client, idea, "Yes, C99 is fine.")

    page = Client().get(idea_url(idea)).content.decode()
    assert '<strong>Mira Mentor</strong> <span class="badge ok">mentor</span>' in page
    assert "<strong>Ana Applicant</strong> ·" in page


def test_anonymous_visitors_are_sent_to_log_in(client, idea):
    response = post(client, idea, "Hello")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not IdeaComment.objects.exists()


def test_get_is_not_allowed(client, idea, applicant):
    client.force_login(applicant)

    assert client.get(post_url(idea)).status_code == 405


def test_an_empty_message_is_refused_on_the_page(client, idea, applicant):
    client.force_login(applicant)

    response = post(client, idea, "   ")

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not IdeaComment.objects.exists()


def test_an_unknown_thread_is_a_bad_request(client, idea, applicant):
    client.force_login(applicant)

    assert post(client, idea, "Hi", visibility="everyone").status_code == 400


@pytest.mark.parametrize("viewer", ["mentor", "org_admin", "program_admin"])
def test_the_organizations_people_write_private_notes(client, idea, request, viewer):
    client.force_login(request.getfixturevalue(viewer))

    response = post(client, idea, SECRET, NOTE)

    assert response.status_code == 302
    assert IdeaComment.objects.get().visibility == NOTE
    assert SECRET.replace("'", "&#x27;") in client.get(idea_url(idea)).content.decode()


def test_a_mentor_of_the_organization_not_mentoring_the_idea_writes_notes_on_it(
    client, idea, participation
):
    other = UserFactory()
    MembershipFactory(participation=participation, user=other, role=Membership.Role.MENTOR)
    client.force_login(other)

    assert post(client, idea, SECRET, NOTE).status_code == 302


def test_the_question_and_the_note_are_labelled_by_who_reads_them(client, idea, mentor):
    client.force_login(mentor)

    page = client.get(idea_url(idea)).content.decode()

    assert '<label for="id_public_body">Your question or answer (public):</label>' in page
    assert (
        '<label for="id_organization_body">'
        "Your note (only the organization&#x27;s people read it):</label>"
    ) in page
    assert "Your message" not in page


def test_an_applicant_writing_a_note_is_forbidden(client, idea, applicant):
    client.force_login(applicant)

    assert post(client, idea, SECRET, NOTE).status_code == 403
    assert not IdeaComment.objects.exists()


def test_an_outsider_writing_a_note_is_forbidden(client, idea, outsider):
    client.force_login(outsider)  # sees the published idea, holds no role in QEMU

    assert post(client, idea, SECRET, NOTE).status_code == 403


@pytest.mark.parametrize("visibility", [PUBLIC, NOTE])
def test_posting_on_a_draft_one_cannot_see_is_not_found(client, idea, outsider, visibility):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=ProjectIdea.Status.DRAFT)
    client.force_login(outsider)

    assert post(client, idea, "Hello", visibility).status_code == 404


def test_the_proposer_of_an_unpublished_idea_is_told_the_questions_open_later(
    client, participation, applicant
):
    proposal = make_idea(
        participation, "My own idea", status=ProjectIdea.Status.PROPOSED, proposed_by=applicant
    )
    client.force_login(applicant)

    response = post(client, proposal, "Anyone interested?")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Questions open once the idea is approved and published." in page
    assert "Anyone interested?" in page  # what was typed survives
    assert not IdeaComment.objects.exists()


def test_the_ideas_mentor_writes_a_note_on_a_draft(client, idea, mentor):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=ProjectIdea.Status.DRAFT)
    client.force_login(mentor)

    assert post(client, idea, "Let us ask Kevin to co-mentor.", NOTE).status_code == 302


def _note(idea, org_admin):
    comment(idea, org_admin, "Public answer.")
    comment(idea, org_admin, SECRET, NOTE)


@pytest.mark.parametrize("viewer", ["anonymous", "applicant", "outsider"])
def test_private_notes_are_never_in_the_page_for_others(client, idea, org_admin, request, viewer):
    _note(idea, org_admin)
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))

    page = client.get(idea_url(idea)).content.decode()

    assert "Public answer." in page
    assert "might not take anyone" not in page
    assert "Private notes" not in page
    assert 'value="organization"' not in page


@pytest.mark.parametrize("viewer", ["mentor", "org_admin", "program_admin"])
def test_the_organizations_people_read_the_notes(client, idea, org_admin, request, viewer):
    _note(idea, org_admin)
    client.force_login(request.getfixturevalue(viewer))

    page = client.get(idea_url(idea)).content.decode()

    assert "might not take anyone" in page
    assert "Private notes of QEMU" in page


def test_a_withdrawn_mentor_no_longer_reads_the_notes(client, idea, org_admin, mentor):
    _note(idea, org_admin)
    Membership.objects.filter(user=mentor).update(status=Membership.Status.WITHDRAWN)
    client.force_login(mentor)

    assert "might not take anyone" not in client.get(idea_url(idea)).content.decode()
