"""Mentors with submitted proposals they have not scored: reminded three days and one day
before their organization's ranking is due (the round's `ranking_due_days` before its
results), one message per mentor and organization with the count, exactly once; never a
mentor who scored them all, never for drafts or proposals set aside."""

from datetime import timedelta

import pytest
from django.core import mail

from notifications.models import Message
from selection.models import Candidacy
from selection.reminders import ranking_due_at, review_scores_due
from tests.factories import ApplicationFactory, ProjectIdeaFactory, ProposalFactory, ReviewFactory
from tests.projects.reminders_world import (
    SECOND,
    accepted_organization,
    at,
    member,
    org_admin,
    swept,
)

pytestmark = pytest.mark.django_db
KIND = "review_scores_due"


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


def proposal_to(participation, **extra):
    return ProposalFactory(
        application=ApplicationFactory(round=participation.round),
        idea=ProjectIdeaFactory(participation=participation),
        **extra,
    )


def test_the_ranking_is_due_the_rounds_rule_days_before_the_results(qemu):
    round_ = qemu.round
    round_.rules.ranking_due_days = 5
    round_.rules.save()

    assert ranking_due_at(round_) == round_.results_announced - timedelta(days=5)


@pytest.mark.parametrize("before", [timedelta(days=3), timedelta(days=1)])
def test_it_is_due_at_the_instant_and_not_one_second_before(
    qemu, django_capture_on_commit_callbacks, before
):
    mira = member(qemu, "mira@example.org", "Europe/Berlin")
    proposal_to(qemu, submitted=True)
    proposal_to(qemu, submitted=True)
    instant = ranking_due_at(qemu.round) - before

    with django_capture_on_commit_callbacks(execute=True):
        earlier = swept(instant - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(instant, KIND)

    assert all(m.due_at != instant for m in earlier)
    (message,) = [m for m in created if m.due_at == instant]
    assert message.recipient == mira
    (email,) = [e for e in mail.outbox if e.subject == message.subject]
    assert email.to == ["mira@example.org"]
    assert "2 proposals to QEMU & friends still to score" in email.subject
    assert "/review/?state=unscored" in email.body
    assert "CEST" in email.body or "CET" in email.body  # the due moment in her zone


def test_each_reminder_goes_exactly_once(qemu, django_capture_on_commit_callbacks):
    member(qemu, "mira@example.org")
    proposal_to(qemu, submitted=True)
    instant = ranking_due_at(qemu.round) - timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        swept(instant, KIND)
        swept(instant + timedelta(minutes=5), KIND)

    assert Message.objects.filter(kind=KIND).count() == 1


def test_only_mentors_who_owe_scores_are_reminded_with_their_own_count(qemu):
    mira = member(qemu, "mira@example.org")
    done = member(qemu, "done@example.org")
    org_admin(qemu, "olga@example.org")  # org admins are not asked to score
    scored, other = proposal_to(qemu, submitted=True), proposal_to(qemu, submitted=True)
    proposal_to(qemu)  # a draft: never the organization's
    spam = proposal_to(qemu, submitted=True)
    Candidacy.objects.create(
        proposal=spam,
        participation=qemu,
        applicant=spam.applicant,
        set_aside="spam",
        set_aside_at=spam.submitted_at,
    )
    ReviewFactory(proposal=scored, mentor=mira)
    for proposal in (scored, other):
        ReviewFactory(proposal=proposal, mentor=done)
    instant = ranking_due_at(qemu.round) - timedelta(days=1)

    with at(instant):
        dues = list(review_scores_due(instant))

    assert [(d.recipient, d.context["count"]) for d in dues] == [(mira, 1)]
