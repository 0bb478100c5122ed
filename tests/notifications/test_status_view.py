"""The status page for program admins: outbox counts, the oldest waiting message, failures
with their errors and a retry button, each worker's and beat's heartbeat with a warning.

Access: program admins only; signed-in people without the role get 403 (the page names no
object, so there is nothing for an outsider to be denied with 404); anonymous people are
sent to log in.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from notifications.models import Heartbeat, Message
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for

pytestmark = pytest.mark.django_db

URL = reverse("notifications:status")
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
Status = Message.Status


@pytest.fixture
def page(client, program_admin):
    def get():
        with time_machine.travel(NOW, tick=False):
            client.force_login(program_admin)  # the session must not have expired by NOW
            response = client.get(URL)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_it_counts_the_outbox_by_state_and_shows_the_oldest_waiting(page):
    ana = person("ana@example.org", "UTC")
    message_for(ana, about="sent", status=Status.SENT, at=NOW - timedelta(hours=3))
    message_for(ana, about="old", at=NOW - timedelta(hours=2))
    message_for(ana, about="new", at=NOW - timedelta(hours=1))
    message_for(ana, about="failed", status=Status.FAILED, last_error="boom", attempts=5)
    html = page()
    assert "Oldest waiting: <strong>[Internships] Reminder about old</strong>" in html
    assert '<td class="num">2</td>' in html  # waiting
    assert '<strong class="badge bad">1</strong>' in html  # failed


def test_it_counts_the_messages_sent_in_the_last_day_and_not_the_older_ones(page):
    """The sent rows of the past only grow: the page counts the last day's."""
    ana = person("ana@example.org", "UTC")
    for hours in (1, 23, 25, 24 * 300):
        sent_at = NOW - timedelta(hours=hours)
        message_for(ana, about=f"sent:{hours}", status=Status.SENT, sent_at=sent_at)
    html = page()
    assert '<th class="num">Sent in the last 24 hours</th>' in html
    assert (
        '<td class="num">0</td>\n      <td class="num">0</td>\n      <td class="num">2</td>' in html
    )


def test_it_lists_failures_and_retries_with_their_errors(page):
    ana = person("ana@example.org", "UTC")
    failed = message_for(
        ana, about="f", status=Status.FAILED, attempts=5, last_error="SMTPServerDisconnected: x"
    )
    retrying = message_for(ana, about="r", attempts=1, last_error="SMTPDataError: busy")
    html = page()
    assert "SMTPServerDisconnected: x" in html
    assert "SMTPDataError: busy" in html
    assert reverse("notifications:retry", args=[failed.pk]) in html
    assert reverse("notifications:retry", args=[retrying.pk]) in html


def test_it_warns_when_a_heartbeat_is_older_than_three_minutes(page):
    Heartbeat.objects.create(name="worker@a", last_seen=NOW - timedelta(minutes=3))
    Heartbeat.objects.create(name="beat@a", last_seen=NOW - timedelta(seconds=30))
    html = page()
    assert "<strong>No worker has reported for more than 3 minutes.</strong>" in html
    assert "Beat (the scheduler) has reported" not in html
    assert html.count("older than 3 minutes</span>") == 1
    assert "celery -A config inspect ping" in html


def test_it_says_beat_has_not_reported_when_its_heartbeat_is_old(page):
    Heartbeat.objects.create(name="worker@a", last_seen=NOW)
    Heartbeat.objects.create(name="beat@a", last_seen=NOW - timedelta(minutes=10))
    html = page()
    assert "<strong>Beat (the scheduler) has not reported for more than 3 minutes.</strong>" in html
    assert "No worker has reported for" not in html


def test_the_actions_column_of_the_failures_is_named_for_screen_readers(page):
    message_for(person("ana@example.org", "UTC"), about="f", status=Status.FAILED, attempts=5)
    html = page()
    assert "<th></th>" not in html
    assert '<th><span class="visually-hidden">Actions</span></th>' in html


def test_fresh_heartbeats_raise_no_warning(page):
    Heartbeat.objects.create(name="worker@a", last_seen=NOW - timedelta(minutes=2, seconds=59))
    Heartbeat.objects.create(name="beat@a", last_seen=NOW)
    html = page()
    assert 'role="alert"' not in html
    assert html.count('<span class="badge ok">alive</span>') == 2


def test_it_says_when_no_worker_or_beat_ever_reported(page):
    html = page()
    assert "<strong>Beat has never reported.</strong>" in html
    assert "<strong>No worker has reported yet.</strong>" in html


def test_the_viewers_zone_names_the_heartbeat(client, program_admin):
    program_admin.timezone = "Asia/Tokyo"
    program_admin.save()
    Heartbeat.objects.create(name="worker@a", last_seen=NOW)
    with time_machine.travel(NOW, tick=False):
        client.force_login(program_admin)
        html = client.get(URL).content.decode()
    assert "21:00 JST</time>" in html


def _outbox_of(size: int) -> None:
    for index in range(size):
        recipient = person(f"p{index}@example.org", "UTC")
        message_for(recipient, about=f"a{index}", status=Status.FAILED, last_error="x")
        message_for(recipient, about=f"b{index}")
        message_for(recipient, about=f"c{index}", status=Status.SENT)
        Heartbeat.objects.create(name=f"worker@{index}", last_seen=NOW)


@pytest.mark.parametrize("size", [1, 12])
def test_its_queries_do_not_grow_with_the_outbox(
    client, program_admin, django_assert_num_queries, size
):
    _outbox_of(size)
    with time_machine.travel(NOW, tick=False):
        client.force_login(program_admin)
        # Session, user; counts, oldest waiting, failures, heartbeats.
        with django_assert_num_queries(6):
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


def test_the_program_admin_overview_links_to_it(client, program_admin):
    client.force_login(program_admin)
    assert URL in client.get(reverse("programs:manage")).content.decode()
