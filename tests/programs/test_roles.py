"""A person's roles in a participation: one query per request, whoever asks (the permission
helper of the view, then the service's own check), and forgotten when a membership changes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from programs.models import Membership
from programs.roles import RolesPerRequestMiddleware, roles_in
from programs.services.memberships import membership_end

pytestmark = pytest.mark.django_db


def in_one_request(work):
    """Run `work` as a view would: inside the middleware, which keeps roles for the request."""
    results = []
    RolesPerRequestMiddleware(lambda request: results.append(work()))(RequestFactory().get("/"))
    return results[0]


def test_inside_a_request_the_roles_are_asked_once(
    mentor, participation, django_assert_num_queries
):
    def twice():
        return roles_in(mentor, participation), roles_in(mentor, participation)

    with django_assert_num_queries(1):
        first, second = in_one_request(twice)
    assert first == second
    assert first.mentor and first.member and not first.org_admin and not first.program_admin


def test_outside_a_request_each_call_asks_the_database(
    mentor, participation, django_assert_num_queries
):
    with django_assert_num_queries(2):
        roles_in(mentor, participation)
        roles_in(mentor, participation)


def test_a_membership_ended_in_the_request_is_not_remembered(mentor, participation):
    def leave_then_ask():
        assert roles_in(mentor, participation).mentor
        membership = Membership.objects.get(user=mentor, participation=participation)
        membership_end(membership=membership, by=mentor)
        return roles_in(mentor, participation)

    assert not in_one_request(leave_then_ask).member


def test_anonymous_visitors_hold_no_role_and_cost_no_query(
    participation, django_assert_num_queries
):
    with django_assert_num_queries(0):
        roles = roles_in(AnonymousUser(), participation)
    assert not roles.member and not roles.program_admin


def test_the_roles_of_one_request_do_not_reach_the_next(mentor, participation):
    assert in_one_request(lambda: roles_in(mentor, participation)).mentor
    Membership.objects.filter(user=mentor).update(status=Membership.Status.WITHDRAWN)
    assert not in_one_request(lambda: roles_in(mentor, participation)).member
