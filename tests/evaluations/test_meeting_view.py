"""A week's meeting log: read it, write it or correct it, confirm it.

Access: the intern and the mentors write and confirm (200, then 302); the organization's
admins and program admins read (GET 200) and get 403 on writing or confirming; people of
another organization 404; a week that is not one of the internship's 404; anonymous people
log in first.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import WeeklyMeeting
from tests.evaluations.internship_world import meeting, running_internship

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


def url(internship, week=2) -> str:
    return reverse("evaluations:meeting", args=["gsoc-2027", internship.pk]) + f"?week={week}"


def confirm_url(internship) -> str:
    return reverse("evaluations:meeting_confirm", args=["gsoc-2027", internship.pk])


def form(**changes) -> dict[str, str]:
    held = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    return {
        "held_at": held,
        "attendees": "Ana and Mira",
        "progress": "The backup job runs.",
        "blockers": "",
        "next_steps": "Incremental mode.",
        **changes,
    }


def test_the_intern_logs_the_week_and_goes_back_to_the_internship(client, internship, applicant):
    client.force_login(applicant)

    assert client.get(url(internship)).status_code == 200
    response = client.post(url(internship), form())

    assert response.status_code == 302
    assert response.url == reverse("evaluations:internship", args=["gsoc-2027", internship.pk])
    logged = WeeklyMeeting.objects.get()
    assert (logged.week, logged.written_by, logged.progress) == (
        2,
        applicant,
        "The backup job runs.",
    )


@pytest.mark.parametrize("person", ["org_admin", "program_admin"])
def test_admins_read_the_log_and_may_not_write_it(client, internship, applicant, person, request):
    meeting(internship, 2, applicant)
    client.force_login(request.getfixturevalue(person))

    response = client.get(url(internship))

    assert response.status_code == 200
    assert "Progress of week 2." in response.content.decode()
    assert "Correct the log" not in response.content.decode()
    assert client.post(url(internship), form()).status_code == 403
    assert client.post(confirm_url(internship), {"week": "2"}).status_code == 403


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404
    assert client.post(url(internship), form()).status_code == 404


@pytest.mark.parametrize("week", ["0", "13", "x", "²", "", "9" * 50])
def test_a_week_outside_the_internship_is_not_found(client, internship, applicant, week):
    client.force_login(applicant)

    response = client.get(
        reverse("evaluations:meeting", args=["gsoc-2027", internship.pk]), {"week": week}
    )

    assert response.status_code == 404


def test_without_a_week_it_opens_the_week_running_now(client, internship, applicant):
    client.force_login(applicant)

    response = client.get(reverse("evaluations:meeting", args=["gsoc-2027", internship.pk]))

    assert response.context["week"] == 5  # four and a half weeks in


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_refused_log_keeps_what_was_typed_and_says_why(client, internship, mentor):
    client.force_login(mentor)

    response = client.post(url(internship, week=6), form(progress="Typed with care."))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Week 6 starts" in page
    assert "Typed with care." in page
    assert not WeeklyMeeting.objects.exists()


def test_a_text_too_long_is_refused_by_the_form(client, internship, mentor):
    client.force_login(mentor)

    response = client.post(url(internship), form(attendees="x" * 501))

    assert response.status_code == 400
    assert not WeeklyMeeting.objects.exists()


def test_the_other_side_confirms_what_it_read(client, internship, applicant, mentor):
    logged = meeting(internship, 2, applicant)
    client.force_login(mentor)

    page = client.get(url(internship)).content.decode()
    assert "Confirm this log" in page
    response = client.post(
        confirm_url(internship), {"week": "2", "seen": logged.updated_at.isoformat()}
    )

    assert response.status_code == 302
    logged.refresh_from_db()
    assert logged.confirmed_by == mentor


def test_the_writer_is_not_offered_to_confirm_and_a_forced_confirmation_is_refused(
    client, internship, applicant
):
    logged = meeting(internship, 2, applicant)
    client.force_login(applicant)

    assert "Confirm this log" not in client.get(url(internship)).content.decode()
    response = client.post(confirm_url(internship), {"week": "2"}, follow=True)

    assert "a mentor must confirm this one" in response.content.decode()
    logged.refresh_from_db()
    assert not logged.is_confirmed


def test_confirming_a_week_with_no_log_is_not_found(client, internship, mentor):
    client.force_login(mentor)

    assert client.post(confirm_url(internship), {"week": "2"}).status_code == 404


def test_either_side_corrects_the_log_before_it_is_confirmed(client, internship, applicant, mentor):
    meeting(internship, 2, applicant)
    client.force_login(mentor)

    response = client.post(url(internship), form(blockers="Review is slow."))

    assert response.status_code == 302
    logged = WeeklyMeeting.objects.get()
    assert (logged.blockers, logged.written_by) == ("Review is slow.", mentor)
