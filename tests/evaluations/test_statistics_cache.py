"""The statistics table is kept in the cache and worked out again after any write it counts."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluations.statistics_cache import VERSION_KEY, forget_statistics
from programs.schedules import dates_from
from tests.factories import (
    InternshipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def page(client, program):
    return client.get(reverse("evaluations:statistics", args=[program.slug]))


@pytest.fixture
def qemu_in_2014(program):
    round_ = RoundFactory(program=program, **dates_from(datetime(2014, 1, 15, tzinfo=UTC)))
    return ParticipationFactory(round=round_, organization=OrganizationFactory(name="QEMU"))


def test_a_second_visit_reads_the_table_from_the_cache_in_one_query(
    client, program, qemu_in_2014, django_assert_num_queries
):
    InternshipFactory.create_batch(2, participation=qemu_in_2014)
    assert "2 interns with 1 organization, 2014." in page(client, program).text
    with django_assert_num_queries(1):  # the program; the table comes from the cache
        assert "2 interns with 1 organization, 2014." in page(client, program).text


def test_a_new_internship_shows_on_the_next_visit(client, program, qemu_in_2014):
    InternshipFactory.create_batch(2, participation=qemu_in_2014)
    assert "2 interns with 1 organization, 2014." in page(client, program).text
    InternshipFactory(participation=qemu_in_2014)
    assert "3 interns with 1 organization, 2014." in page(client, program).text


def test_a_renamed_organization_shows_under_its_new_name(client, program, qemu_in_2014):
    InternshipFactory(participation=qemu_in_2014)
    assert ">QEMU</th>" in page(client, program).text
    organization = qemu_in_2014.organization
    organization.name = "QEMU Project"
    organization.save()
    assert ">QEMU Project</th>" in page(client, program).text


def test_a_withdrawn_internship_leaves_the_count(client, program, qemu_in_2014):
    _kept, withdrawn = InternshipFactory.create_batch(2, participation=qemu_in_2014)
    assert "2 interns with 1 organization, 2014." in page(client, program).text
    withdrawn.status = withdrawn.Status.WITHDRAWN
    withdrawn.save()
    assert "1 intern with 1 organization, 2014." in page(client, program).text


def test_a_write_forgets_the_tables_again_when_it_commits(django_capture_on_commit_callbacks):
    """A page asked between the write and its commit caches the old count under the new
    version; the second forgetting, at commit, leaves that entry unread."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        forget_statistics()
    before = cache.get(VERSION_KEY)

    for callback in callbacks:
        callback()

    assert cache.get(VERSION_KEY) != before
