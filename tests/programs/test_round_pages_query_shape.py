"""The round pages count members for the organizations they show, not for the whole round."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Membership
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_mentors_are_counted_per_shown_row_and_the_page_count_reads_no_membership(
    client, round_, participation, mentor
):
    MembershipFactory(participation=participation, role=Membership.Role.MENTOR)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programs:round", args=[round_.slug]))
    assert response.status_code == 200
    [row] = response.context["page"]
    assert row.mentor_count == 2
    sql = [q["sql"].upper() for q in queries if "PROGRAMS_PARTICIPATION" in q["sql"].upper()]
    counted = next(s for s in sql if s.startswith("SELECT COUNT("))
    listed = next(s for s in sql if not s.startswith("SELECT COUNT("))
    assert "PROGRAMS_MEMBERSHIP" not in counted
    assert "GROUP BY" not in listed.split("(SELECT", 1)[0]  # only inside the per-row subquery


def test_the_program_admins_round_page_counts_members_per_shown_row(
    client, program_admin, round_, participation, mentor
):
    client.force_login(program_admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programs:round_edit", args=[round_.slug]))
    assert response.status_code == 200
    [row] = response.context["participations"]
    assert row.mentor_count == 1
    listed = next(
        q["sql"].upper()
        for q in queries
        if 'ORDER BY "PROGRAMS_ORGANIZATION"."NAME"' in q["sql"].upper()
    )
    assert "GROUP BY" not in listed.split("(SELECT", 1)[0]
