"""Mentors: each new public question on their ideas, once per comment and mentor, unless one
of the idea's mentors wrote it; optional, and never for comments older than seven days."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from notifications.models import Message, NotificationPreference
from projects.models import IdeaComment, ProjectIdea
from projects.reminders import FRESH_FOR, idea_question
from tests.factories import UserFactory
from tests.projects.authoring import idea_in
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

KIND = "idea_question"
ASKED = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)  # after the ideas date: the idea is public


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


@pytest.fixture
def ana(db):
    return person("ana@example.org", "America/Sao_Paulo")


def published(participation, *mentors, **fields):
    return idea_in(participation, *mentors, status=ProjectIdea.Status.APPROVED, **fields)


def ask(idea, author, body="Which QEMU version should I build?", *, when=ASKED, **fields):
    with time_machine.travel(when, tick=False):
        return IdeaComment.objects.create(
            idea=idea,
            author=author,
            body=body,
            visibility=fields.pop("visibility", IdeaComment.Visibility.PUBLIC),
        )


def recipients_at(moment):
    with at(moment):
        return sorted((due.recipient.email, due.about) for due in idea_question(moment))


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Europe/Berlin", "on Tue 16 Mar 2027, 13:00 CET (Europe/Berlin)"),
        ("Asia/Kolkata", "on Tue 16 Mar 2027, 17:30 IST (Asia/Kolkata)"),
    ],
)
def test_it_is_due_when_the_question_is_posted_and_not_one_second_before(
    qemu, ana, django_capture_on_commit_callbacks, zone, named
):
    mira = member(qemu, "mira@example.org", zone)
    idea = published(qemu, mira, title="Disk backup tool")
    comment = ask(idea, ana, "Which **QEMU** version?")

    with django_capture_on_commit_callbacks(execute=True):
        before = swept(ASKED - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = swept(ASKED, KIND)

    assert before == []
    assert (message.recipient, message.due_at) == (mira, ASKED)
    assert message.subject == "[Internships] Ana wrote on your idea Disk backup tool"
    assert f"public questions of Disk backup tool (QEMU & friends) {named}" in message.text
    assert "Which **QEMU** version?" in message.text
    assert "<strong>QEMU</strong>" in message.html
    assert f"/ideas/disk-backup-tool/#comment-{comment.pk}" in message.text
    assert "Turn off new public questions on the ideas you mentor: " in message.text
    assert [email.to for email in mail.outbox] == [["mira@example.org"]]


def test_each_mentor_hears_of_each_question_once(qemu, ana, django_capture_on_commit_callbacks):
    mira = member(qemu, "mira@example.org")
    max_ = member(qemu, "max@example.org")
    idea = published(qemu, mira, max_)
    first = ask(idea, ana)
    second = ask(idea, ana, "And which distribution?", when=ASKED + timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        created = swept(ASKED + timedelta(hours=1), KIND)
        again = swept(ASKED + timedelta(hours=2), KIND)

    assert again == []
    assert sorted((m.recipient.email, m.about) for m in created) == [
        ("max@example.org", f"idea-comment:{first.pk}"),
        ("max@example.org", f"idea-comment:{second.pk}"),
        ("mira@example.org", f"idea-comment:{first.pk}"),
        ("mira@example.org", f"idea-comment:{second.pk}"),
    ]
    assert len(mail.outbox) == 4


def test_a_comment_by_one_of_the_idea_s_mentors_is_not_sent_to_them(qemu, ana):
    mira = member(qemu, "mira@example.org")
    max_ = member(qemu, "max@example.org")
    idea = published(qemu, mira, max_)
    ask(idea, max_, "Build the latest release.")

    assert recipients_at(ASKED) == []


def test_an_org_admin_s_answer_reaches_the_mentors(qemu):
    mira = member(qemu, "mira@example.org")
    olga = org_admin(qemu, "olga@example.org")
    comment = ask(published(qemu, mira), olga, "Any release after 9.0 works.")

    assert recipients_at(ASKED) == [("mira@example.org", f"idea-comment:{comment.pk}")]


def test_the_organization_s_private_notes_are_not_sent(qemu):
    mira = member(qemu, "mira@example.org")
    olga = org_admin(qemu, "olga@example.org")
    ask(published(qemu, mira), olga, "Mira, shall we split it?", visibility="organization")

    assert recipients_at(ASKED) == []


def test_questions_older_than_seven_days_are_never_mailed(qemu, ana):
    """Turning these emails back on, or a first sweep, does not mail a backlog."""
    mira = member(qemu, "mira@example.org")
    ask(published(qemu, mira), ana)

    assert len(recipients_at(ASKED + FRESH_FOR - SECOND)) == 1
    assert recipients_at(ASKED + FRESH_FOR) == []


def test_a_mentor_who_turned_these_off_gets_nothing(qemu, ana):
    mira = member(qemu, "mira@example.org")
    max_ = member(qemu, "max@example.org")
    NotificationPreference.objects.create(user=mira, kind=KIND, enabled=False)
    ask(published(qemu, mira, max_), ana)

    created = swept(ASKED, KIND)

    assert [m.recipient for m in created] == [max_]
    assert not Message.objects.filter(recipient=mira).exists()


def test_the_question_is_shown_safely(qemu, ana):
    mira = member(qemu, "mira@example.org")
    ask(published(qemu, mira), ana, "<script>alert(1)</script> [x](javascript:alert(1))")

    (message,) = swept(ASKED, KIND)

    assert "<script>" not in message.html
    assert 'href="javascript' not in message.html


def test_it_makes_the_same_queries_for_2_and_12_ideas(qemu, ana, django_assert_num_queries):
    def add_ideas(how_many: int) -> None:
        for _ in range(how_many):
            idea = published(qemu, UserFactory(), UserFactory())
            ask(idea, ana)

    add_ideas(2)
    with at(ASKED), django_assert_num_queries(2):  # the comments, their ideas' mentors
        assert len(list(idea_question(ASKED))) == 2 * 2
    add_ideas(10)
    with at(ASKED), django_assert_num_queries(2):
        dues = list(idea_question(ASKED))
    assert len(dues) == 12 * 2
    with django_assert_num_queries(0):
        for due in dues:  # what the templates read is already loaded
            assert due.context["comment"].author.name
            assert due.context["idea"].get_absolute_url()
