"""The profile page: the viewer's own, shown and edited; nobody else's exists.

The triad, as it applies here: the owner edits; anonymous visitors are sent to log in;
another person's profile has no URL (404). There is no read-only role on a profile, so no 403.
"""

import pytest
from django.urls import reverse

from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("people:profile")


def profile_data(**changes):
    return {
        "display_name": "Ana Applicant",
        "pronouns": "she/her",
        "timezone": "Asia/Kolkata",
        "irc_nick": "ana_",
        "matrix_id": "@ana:matrix.org",
        "github_username": "ana-codes",
        "gitlab_username": "ana.codes",
        "affiliation": "University of Pune",
        **changes,
    }


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_it_shows_the_owners_profile(client, applicant):
    client.force_login(applicant)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["form"].instance == applicant
    assert b"ana@example.org" in response.content
    assert b'<option value="Asia/Kolkata" selected>' in response.content


def test_the_owner_saves_every_field_and_is_told_so(client, applicant):
    client.force_login(applicant)

    response = client.post(URL, profile_data(timezone="Asia/Tokyo"), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert b"Your profile is saved." in response.content
    applicant.refresh_from_db()
    assert applicant.timezone == "Asia/Tokyo"
    assert applicant.pronouns == "she/her"
    assert applicant.irc_nick == "ana_"
    assert applicant.matrix_id == "@ana:matrix.org"
    assert applicant.github_username == "ana-codes"
    assert applicant.gitlab_username == "ana.codes"
    assert applicant.affiliation == "University of Pune"
    # The next page is already in the new zone.
    assert b"Times in <strong>Asia/Tokyo</strong>" in response.content


def test_a_leading_at_sign_on_code_host_names_is_dropped(client, applicant):
    client.force_login(applicant)

    client.post(URL, profile_data(github_username="@ana-codes", gitlab_username="@ana"))

    applicant.refresh_from_db()
    assert (applicant.github_username, applicant.gitlab_username) == ("ana-codes", "ana")


def test_another_persons_profile_has_no_page(client, applicant):
    other = UserFactory()
    client.force_login(applicant)

    assert client.get(f"{URL}{other.pk}/").status_code == 404
    assert client.get(f"/people/{other.pk}/").status_code == 404


def test_fields_outside_the_profile_are_ignored(client, applicant):
    other = UserFactory(email="olga@example.org")
    client.force_login(applicant)

    client.post(
        URL,
        profile_data(email="olga@example.org", is_program_admin="on", is_staff="on", id=other.pk),
    )

    applicant.refresh_from_db()
    other.refresh_from_db()
    assert applicant.email == "ana@example.org"
    assert not applicant.is_program_admin and not applicant.is_staff
    assert other.display_name != "Ana Applicant"


def test_an_invalid_time_zone_is_rejected_keeping_what_was_typed(client, applicant):
    client.force_login(applicant)

    response = client.post(
        URL, profile_data(timezone="Mars/Olympus_Mons", display_name="Ana Renamed")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Pick a time zone from the list" in page
    assert 'value="Ana Renamed"' in page
    assert 'value="@ana:matrix.org"' in page
    assert 'value="University of Pune"' in page
    # Nothing was saved, and the header still names the person as saved.
    assert User.objects.get(pk=applicant.pk).display_name == "Ana Applicant"
    assert ">Ana Applicant</a>" in page


@pytest.mark.parametrize(
    ("field", "typed", "error"),
    [
        ("github_username", "ana--codes-", "GitHub user name"),
        ("gitlab_username", "ana.git", "GitLab user name"),
        ("matrix_id", "ana@matrix.org", "A Matrix ID looks like"),
        ("irc_nick", "ana codes", "An IRC nick has no spaces"),
    ],
)
def test_malformed_handles_get_a_clear_error(client, applicant, field, typed, error):
    client.force_login(applicant)

    response = client.post(URL, profile_data(**{field: typed}))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["form"][field].value() == typed


def test_the_page_costs_the_same_queries_every_time(client, applicant, django_assert_num_queries):
    client.force_login(applicant)
    # session, the viewer, the viewer's own row for the form
    with django_assert_num_queries(3):
        client.get(URL)


def test_showing_the_email_address_publicly_is_off_until_the_person_ticks_it(client, applicant):
    client.force_login(applicant)

    page = client.get(URL).content.decode()
    assert 'name="show_email"' in page
    assert applicant.show_email is False

    client.post(URL, profile_data(show_email="on"))
    applicant.refresh_from_db()
    assert applicant.show_email is True

    client.post(URL, profile_data())  # an unticked box is not sent
    applicant.refresh_from_db()
    assert applicant.show_email is False
