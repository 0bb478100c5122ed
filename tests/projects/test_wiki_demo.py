"""The demo's project ideas (projects/demo.py): QEMU's 2017 page imported into the current
Google Summer of Code round, approved, the demo mentor matched by her address."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

import projects.demo
from programs.demo import build_demo
from programs.timeline import Phase
from projects.models import ProjectIdea
from projects.services.wiki_import import ideas_export
from projects.wiki.data import MentorEntry
from projects.wiki.parse import parse_page
from tests.projects.wiki_pages import qemu_page

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
MIRA = MentorEntry("Mira Mentor", email="mentor@example.org")

pytestmark = pytest.mark.django_db


def test_qemus_two_ideas_are_approved_and_published_in_the_current_round():
    world = build_demo(Phase.APPLICATIONS, NOW)
    projects.demo.extend(world)

    participation = world.participations[("gsoc", "qemu")]
    ideas = list(ProjectIdea.objects.filter(participation=participation).order_by("title"))
    assert [idea.title for idea in ideas] == [
        "Disk Backup Tool",
        "Moving I/O throttling and write notifiers into block filter drivers",
    ]
    assert all(idea.is_published_at(NOW) for idea in ideas)
    assert all(idea.approved_at < participation.round.ideas_published for idea in ideas)
    mira = world.accounts["mentor"]
    assert all(idea.mentors.filter(user=mira).exists() for idea in ideas)
    assert [event.to_status for event in ideas[0].events.all()] == [
        "draft",
        "submitted",
        "approved",
    ]


def test_they_export_as_template_blocks_equal_to_qemus_page_with_mira_added():
    world = build_demo(Phase.APPLICATIONS, NOW)
    projects.demo.extend(world)

    exported = parse_page(ideas_export(world.participations[("gsoc", "qemu")]))

    assert exported.problems == []
    expected = [
        replace(idea, mentors=(*idea.mentors, MIRA)) for idea in parse_page(qemu_page()).ideas
    ]
    assert exported.ideas == expected


def test_an_organization_that_has_not_applied_keeps_them_as_drafts():
    world = build_demo(Phase.UPCOMING, NOW)
    projects.demo.extend(world)

    statuses = ProjectIdea.objects.values_list("status", flat=True)
    assert list(statuses) == ["draft", "draft"]
