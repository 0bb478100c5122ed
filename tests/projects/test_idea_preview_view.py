"""The live wiki preview beside the idea form (an htmx fragment, POST only).

Access: as the form it serves. A new idea's preview: the organization's mentors and admins;
program admins 403; people outside 404. An idea's preview: as editing it. Anonymous people
log in first.
"""

import html

import pytest
from django.urls import reverse

from projects.models import IdeaMentor
from tests.projects.authoring import form_data, idea_in

pytestmark = pytest.mark.django_db

NEW = reverse("projects:idea_preview", args=["gsoc-2027", "qemu"])


def test_it_renders_the_wiki_block_of_what_is_typed(client, participation, mentor):
    mentor.irc_nick = "mira"
    mentor.save()
    client.force_login(mentor)

    response = client.post(NEW, form_data(mentor, irc=(mentor,)), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    fragment = html.unescape(response.content.decode())
    assert "<pre" in fragment
    assert "=== Disk backup tool ===" in fragment
    assert "'''Summary:''' Write a tool that performs full and incremental backups." in fragment
    assert "* [https://qemu.org/docs/backup Backups]" in fragment
    assert "* Skill level: intermediate" in fragment
    assert "* Mentor: Mira Mentor (mira on IRC)" in fragment
    assert "* Expected size: 175 hours" in fragment
    assert "<html" not in fragment


def test_invalid_input_is_previewed_as_typed(client, participation, mentor):
    client.force_login(mentor)
    data = form_data(mentor, expected_hours="lots", links="Broken | javascript:x", summary="")

    response = client.post(NEW, data)

    assert response.status_code == 200
    assert "=== Disk backup tool ===" in response.content.decode()


@pytest.mark.parametrize("hours", ["²", "9" * 5_000])
def test_hours_that_are_no_number_are_left_out_of_the_preview(client, participation, mentor, hours):
    client.force_login(mentor)

    response = client.post(NEW, form_data(mentor, expected_hours=hours))

    assert response.status_code == 200
    assert "=== Disk backup tool ===" in response.content.decode()
    assert "Expected size" not in response.content.decode()


def test_before_a_title_is_typed_the_preview_shows_where_it_goes(client, participation, mentor):
    client.force_login(mentor)

    response = client.post(NEW, form_data(mentor, title=""))

    fragment = html.unescape(response.content.decode())
    assert "=== Title of the idea ===" in fragment
    assert "<nowiki></nowiki>" not in fragment


def test_markup_in_what_is_typed_is_escaped_in_the_page(client, participation, mentor):
    client.force_login(mentor)

    response = client.post(NEW, form_data(mentor, title="<script>alert(1)</script>"))

    fragment = response.content.decode()
    assert "<script>" not in fragment
    # shown as the wiki would show it: a tag no wiki knows is text there, written escaped
    assert "&lt;nowiki&gt;&amp;lt;script&amp;gt;" in fragment


def test_an_ideas_preview_keeps_its_imported_names_and_fields(client, participation, mentor):
    idea = idea_in(participation, mentor, extra_fields=[{"label": "Difficulty", "value": "hard"}])
    IdeaMentor.objects.create(idea=idea, name="Alberto Garcia", position=1)
    client.force_login(mentor)

    response = client.post(
        reverse("projects:idea_preview", args=["gsoc-2027", "qemu", idea.slug]), form_data(mentor)
    )

    fragment = html.unescape(response.content.decode())
    assert "Alberto Garcia" in fragment
    assert "* Difficulty: hard" in fragment


def test_it_only_answers_post(client, participation, mentor):
    client.force_login(mentor)

    assert client.get(NEW).status_code == 405


def test_a_program_admin_is_forbidden(client, participation, program_admin):
    client.force_login(program_admin)

    assert client.post(NEW, form_data()).status_code == 403


def test_a_draft_is_not_found_by_another_mentor(client, participation, mentor, outsider):
    idea = idea_in(participation, mentor)
    client.force_login(outsider)

    assert client.post(NEW, form_data()).status_code == 404
    preview = reverse("projects:idea_preview", args=["gsoc-2027", "qemu", idea.slug])
    assert client.post(preview, form_data()).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.post(NEW, form_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
