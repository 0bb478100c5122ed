"""The organization's active mentors and org admins: an idea an applicant proposed, while it
waits for someone to adopt it; optional, and never for proposals older than seven days."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from notifications.models import NotificationPreference
from programs.models import Membership
from projects.models import ProjectIdea
from projects.reminders import FRESH_FOR, idea_custom_proposed
from projects.services.custom import custom_idea_propose, idea_adopt
from tests.factories import MembershipFactory, UserFactory
from tests.projects.reminders_world import (
    SECOND,
    accepted_organization,
    at,
    member,
    org_admin,
    person,
    swept,
)

pytestmark = pytest.mark.django_db

KIND = "idea_custom_proposed"
PROPOSED = datetime(2027, 3, 20, 10, 0, tzinfo=UTC)  # in the application period


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


@pytest.fixture
def ana(db):
    return person("ana@example.org", "America/Sao_Paulo")


def propose(participation, by, title="Live migration over QUIC", *, when=PROPOSED):
    with at(when):
        return custom_idea_propose(
            participation=participation,
            by=by,
            title=title,
            summary="Move running guests over a QUIC connection.",
            description="QUIC keeps the connection when the network changes.",
            now=when,
        )


def recipients_at(moment):
    with at(moment):
        return sorted(due.recipient.email for due in idea_custom_proposed(moment))


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Europe/Berlin", "on Sat 20 Mar 2027, 11:00 CET (Europe/Berlin)"),
        ("Asia/Kolkata", "on Sat 20 Mar 2027, 15:30 IST (Asia/Kolkata)"),
    ],
)
def test_it_is_due_when_the_idea_is_proposed_and_not_one_second_before(
    qemu, ana, django_capture_on_commit_callbacks, zone, named
):
    mira = member(qemu, "mira@example.org", zone)
    olga = org_admin(qemu, "olga@example.org", zone)
    idea = propose(qemu, ana)

    with django_capture_on_commit_callbacks(execute=True):
        before = swept(PROPOSED - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(PROPOSED, KIND)

    assert before == []
    assert {m.recipient for m in created} == {mira, olga}
    message = created[0]
    assert message.due_at == PROPOSED
    assert message.subject == (
        "[Internships] An applicant proposed an idea to QEMU & friends: Live migration over QUIC"
    )
    assert f"Ana proposed an idea of their own to QEMU & friends in GSoC 2027 {named}" in (
        message.text
    )
    assert "Move running guests over a QUIC connection." in message.text
    assert f"/orgs/qemu-friends/ideas/{idea.slug}/" in message.text
    assert "Turn off ideas applicants propose to your organization: " in message.text
    assert sorted(email.to[0] for email in mail.outbox) == ["mira@example.org", "olga@example.org"]


def test_a_person_with_both_roles_hears_of_it_once(qemu, ana):
    olga = org_admin(qemu, "olga@example.org")
    MembershipFactory(participation=qemu, user=olga, role=Membership.Role.MENTOR)
    propose(qemu, ana)

    assert recipients_at(PROPOSED) == [olga.email]


def test_only_the_organization_s_active_people_hear_of_it(qemu, ana, program):
    mira = member(qemu, "mira@example.org")
    gone = member(qemu, "gone@example.org")
    Membership.objects.filter(user=gone).update(status=Membership.Status.WITHDRAWN)
    other = accepted_organization(program, name="libvirt", slug="libvirt")
    member(other, "oscar@example.org")
    propose(qemu, ana)

    assert recipients_at(PROPOSED) == [mira.email]


def test_nobody_is_told_of_an_idea_already_adopted(qemu, ana):
    mira = member(qemu, "mira@example.org")
    member(qemu, "max@example.org")
    idea = propose(qemu, ana)
    idea_adopt(idea=idea, by=mira, now=PROPOSED + timedelta(minutes=1))

    assert recipients_at(PROPOSED + timedelta(minutes=2)) == []


def test_proposals_older_than_seven_days_are_never_mailed(qemu, ana):
    """Turning these emails back on, or a first sweep, does not mail a backlog."""
    member(qemu, "mira@example.org")
    propose(qemu, ana)

    assert len(recipients_at(PROPOSED + FRESH_FOR - SECOND)) == 1
    assert recipients_at(PROPOSED + FRESH_FOR) == []


def test_run_twice_it_tells_each_person_once(qemu, ana, django_capture_on_commit_callbacks):
    member(qemu, "mira@example.org")
    org_admin(qemu, "olga@example.org")
    propose(qemu, ana)

    with django_capture_on_commit_callbacks(execute=True):
        first = swept(PROPOSED + timedelta(minutes=3), KIND)
        second = swept(PROPOSED + timedelta(minutes=8), KIND)

    assert (len(first), second) == (2, [])
    assert len(mail.outbox) == 2


def test_someone_who_turned_these_off_gets_nothing(qemu, ana):
    mira = member(qemu, "mira@example.org")
    olga = org_admin(qemu, "olga@example.org")
    NotificationPreference.objects.create(user=olga, kind=KIND, enabled=False)
    propose(qemu, ana)

    assert [m.recipient for m in swept(PROPOSED, KIND)] == [mira]


def test_it_makes_the_same_queries_for_2_and_12_ideas(qemu, django_assert_num_queries):
    member(qemu, "mira@example.org")
    org_admin(qemu, "olga@example.org")

    def add_ideas(how_many: int) -> None:
        for _ in range(how_many):
            propose(qemu, UserFactory(), title="Same title")

    add_ideas(2)
    with at(PROPOSED), django_assert_num_queries(2):  # the ideas, the organizations' people
        assert len(list(idea_custom_proposed(PROPOSED))) == 2 * 2
    add_ideas(10)
    with at(PROPOSED), django_assert_num_queries(2):
        dues = list(idea_custom_proposed(PROPOSED))
    assert len(dues) == 12 * 2
    assert ProjectIdea.objects.filter(status=ProjectIdea.Status.PROPOSED).count() == 12
    with django_assert_num_queries(0):
        for due in dues:  # what the templates read is already loaded
            assert due.context["idea"].proposed_by.name
            assert due.context["idea"].get_absolute_url()
