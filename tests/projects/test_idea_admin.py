"""The Django admin of project ideas: every page loads, lists stay flat as ideas grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import IdeaComment, IdeaEvent, IdeaReview, ProjectIdea, Tag
from tests.factories import UserFactory
from tests.projects.authoring import idea_in, org_admins

pytestmark = pytest.mark.django_db

MODELS = [ProjectIdea, Tag, IdeaReview, IdeaEvent, IdeaComment]


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _add_rows(participation, count: int) -> None:
    (admin,) = org_admins(participation, f"Org {count}")
    for _ in range(count):
        idea = idea_in(participation, admin, status=ProjectIdea.Status.SUBMITTED)
        idea.tags.add(Tag.objects.get_or_create(kind="language", slug="c", name="C")[0])
        IdeaReview.objects.create(idea=idea, reviewer=admin, revision=1, verdict="approve")
        IdeaEvent.objects.create(idea=idea, actor=admin, to_status="submitted")
        IdeaComment.objects.create(idea=idea, author=admin, visibility="public", body="Hi")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_list_makes_as_many_queries_for_two_rows_as_for_twelve(
    client, superuser, participation, model
):
    client.force_login(superuser)
    _add_rows(participation, 2)
    few = _queries(client, _changelist(model))
    _add_rows(participation, 10)

    assert _queries(client, _changelist(model)) == few


def test_an_ideas_page_shows_its_co_mentors_and_history(client, superuser, participation, mentor):
    idea = idea_in(participation, mentor, title="Disk backup tool")
    IdeaEvent.objects.create(idea=idea, actor=mentor, to_status="draft", comment="Written.")
    client.force_login(superuser)

    response = client.get(reverse("admin:projects_projectidea_change", args=[idea.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Disk backup tool" in page
    assert "Written." in page
    assert "Mira Mentor" in page or f'value="{mentor.pk}"' in page
