"""The idea lists ask the database questions it answers without reading the whole round.

Their number of queries is pinned elsewhere; these tests pin their shape, which is what
decides whether a query costs the same at 10 ideas as at 10,000 (see `make bench`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.filters import IdeaFilter
from projects.models import ProjectIdea
from projects.permissions import visible_ideas
from projects.views.public import published_in_round
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db


def test_the_ideas_an_outsider_sees_are_chosen_without_distinct_or_a_subquery_of_all_ideas(
    participation, mentor, outsider
):
    mine = make_idea(participation, "Mine", status=ProjectIdea.Status.DRAFT, mentors=(mentor,))
    published = make_idea(participation, "Published")
    make_idea(participation, "Someone's draft", status=ProjectIdea.Status.DRAFT)

    for_mentor = visible_ideas(mentor, participation)
    sql = str(for_mentor.query).upper()
    assert "DISTINCT" not in sql
    # Publication is decided from the participation in Python: no subquery reads the
    # published ideas of every round.
    assert '"IDEAS_PUBLISHED" <=' not in sql
    assert set(for_mentor) == {mine, published}
    assert list(visible_ideas(outsider, participation)) == [published]


def test_the_language_choices_are_each_found_by_a_subquery_that_stops_at_the_first_idea(
    round_, participation
):
    make_idea(participation, "Parser", languages=("C",))
    filterset = IdeaFilter(
        queryset=published_in_round(round_, round_.ideas_published), round_=round_
    )

    languages = filterset.filters["language"].queryset
    sql = str(languages.query).upper()
    assert "EXISTS" not in sql
    assert "LIMIT 1" in sql
    assert [tag.name for tag in languages] == ["C"]


def test_a_list_page_leaves_the_ideas_descriptions_unread(client, round_, participation):
    make_idea(participation, "Parser", description="A long description " * 50)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:round_ideas", args=[round_.slug]))
    assert response.status_code == 200
    page_query = next(
        q["sql"] for q in queries if 'ORDER BY LOWER("programs_organization"' in q["sql"]
    )
    assert '"projects_projectidea"."description"' not in page_query
    assert "Parser" in response.text
