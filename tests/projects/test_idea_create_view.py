"""Writing a new idea.

Access: the organization's mentors and org admins write; program admins (who may look at the
organization) get 403; signed-in people outside it get 404; anonymous people log in first.
"""

import pytest
from django.urls import reverse

from projects.models import IdeaMentor, ProjectIdea
from tests.projects.authoring import form_data

pytestmark = pytest.mark.django_db


def url(participation) -> str:
    return reverse(
        "projects:idea_create", args=[participation.round.slug, participation.organization.slug]
    )


def test_the_form_follows_the_template_with_the_writer_ticked_as_co_mentor(
    client, participation, mentor, org_admin
):
    client.force_login(mentor)

    response = client.get(url(participation))

    assert response.status_code == 200
    page = response.content.decode()
    for label in ("Title", "Summary", "Description", "Links", "Skill level", "Languages"):
        assert label in page
    assert "Expected size in hours" in page
    assert '<option value="175">' in page
    assert "Markdown" in page
    form = response.context["form"]
    assert form[f"mentor_{mentor.pk}"].value() is True
    assert form[f"mentor_{org_admin.pk}"].value() is False
    assert 'id="wiki-preview"' in page
    # The wrapper asks for the preview with the form's values, so required fields left empty
    # do not hold it back (htmx validates a form it sends itself).
    assert 'hx-trigger="input delay:400ms' in page
    assert 'hx-include="#idea-form"' in page
    assert reverse("projects:idea_preview", args=["gsoc-2027", "qemu"]) in page


def test_a_mentor_saves_a_draft_and_goes_on_editing_it(client, participation, mentor):
    client.force_login(mentor)

    response = client.post(url(participation), form_data(mentor), follow=True)

    idea = ProjectIdea.objects.get()
    assert idea.status == ProjectIdea.Status.DRAFT
    assert idea.slug == "disk-backup-tool"
    assert idea.description == "QEMU has *command primitives* for backups.\n\nSee the links."
    assert idea.links == [
        {"label": "Backups", "url": "https://qemu.org/docs/backup"},
        {"label": "", "url": "Features/IncrementalBackup"},
    ]
    assert idea.starter_tasks == [
        {"title": "Fix a typo in the backup docs", "url": "https://gitlab.com/qemu-project/1"}
    ]
    assert sorted(tag.name for tag in idea.tags.all()) == ["C", "Python", "QMP", "backups"]
    assert [row.user for row in idea.mentors.all()] == [mentor]
    assert response.redirect_chain[-1][0] == reverse(
        "projects:idea_edit", args=["gsoc-2027", "qemu", "disk-backup-tool"]
    )
    assert "is saved as a draft" in response.content.decode()


def test_co_mentors_are_saved_with_the_contact_chosen(client, participation, mentor, org_admin):
    org_admin.irc_nick = "olga"
    org_admin.save()
    client.force_login(mentor)

    client.post(url(participation), form_data(mentor, org_admin, irc=(org_admin,)))

    rows = IdeaMentor.objects.order_by("position")
    assert [(row.user, row.contact) for row in rows] == [(mentor, "email"), (org_admin, "irc")]


def test_each_co_mentors_contact_choice_has_a_label(client, participation, mentor, org_admin):
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    for person in (mentor, org_admin):
        assert (
            f'<label for="id_contact_{person.pk}" class="visually-hidden">'
            f"Contact shown for {person.name}</label>"
        ) in page


def test_errors_keep_everything_typed(client, participation, mentor):
    client.force_login(mentor)
    data = form_data(
        mentor,
        summary="",
        links="Backups | https://qemu.org/docs\r\nBroken | javascript:alert(1)",
        expected_hours="5",
        languages="Rust, Go",
    )

    response = client.post(url(participation), data)

    assert response.status_code == 200
    assert not ProjectIdea.objects.exists()
    page = response.content.decode()
    assert "This field is required." in page
    assert "Line 2: “javascript:alert(1)” is not a web address (http or https)." in page
    assert "greater than or equal to 10" in page
    assert 'value="Disk backup tool"' in page
    assert 'value="Rust, Go"' in page
    assert "Backups | https://qemu.org/docs" in page
    assert response.context["form"][f"mentor_{mentor.pk}"].value() is True


def test_an_irc_contact_needs_a_nick_and_the_choice_is_kept(client, participation, mentor):
    client.force_login(mentor)

    response = client.post(url(participation), form_data(mentor, irc=(mentor,)))

    assert "has no IRC nick in their profile" in response.content.decode()
    assert response.context["form"][f"contact_{mentor.pk}"].value() == "irc"
    assert not ProjectIdea.objects.exists()


def test_a_mentor_who_leaves_themselves_out_is_told_why(client, participation, mentor, org_admin):
    client.force_login(mentor)

    response = client.post(url(participation), form_data(org_admin))

    assert "Keep yourself among the co-mentors" in response.content.decode()
    assert not ProjectIdea.objects.exists()


def test_an_org_admin_writes_an_idea(client, participation, org_admin):
    client.force_login(org_admin)

    client.post(url(participation), form_data(org_admin))

    assert ProjectIdea.objects.get().created_by == org_admin


def test_a_program_admin_is_forbidden(client, participation, program_admin):
    client.force_login(program_admin)

    assert client.get(url(participation)).status_code == 403
    assert client.post(url(participation), form_data(program_admin)).status_code == 403


@pytest.mark.parametrize("person", ["outsider", "applicant"])
def test_people_outside_the_organization_are_not_found(request, client, participation, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(participation)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.get(url(participation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("hours", "error"),
    [
        ("²", "Enter a whole number."),  # a digit to str.isdigit, not to int
        ("9" * 4_300, "less than or equal to 1000"),
        ("9" * 5_000, "Enter a whole number."),  # past what int() reads
    ],
)
def test_hours_that_are_no_number_are_a_form_error_that_keeps_what_was_typed(
    client, participation, mentor, hours, error
):
    client.force_login(mentor)

    response = client.post(url(participation), {**form_data(mentor), "expected_hours": hours})

    assert response.status_code == 200
    form = response.context["form"]
    assert error in form.errors["expected_hours"][0]
    assert form["title"].value() == "Disk backup tool"


def test_a_description_past_the_wiki_caps_is_refused_naming_its_line(client, participation, mentor):
    client.force_login(mentor)
    description = "A first paragraph.\r\n\r\n" + "words" * 2_001

    response = client.post(url(participation), form_data(mentor, description=description))

    assert response.status_code == 200
    assert "Line 3 of the description has 10,005 characters; at most 10,000" in (
        response.content.decode()
    )
    assert not ProjectIdea.objects.exists()
