"""The settle sweep issuing one internship's certificate twice at the same instant (two
workers, or a sweep and its retry), on PostgreSQL, where both really run in parallel.

With `issue`, the database's one-certificate-per-internship constraint refuses the second
insert and `issue` answers the first certificate: one certificate, and both callers hold the
same code. The control: a naive look-then-insert, with both made to look before either
inserts, still leaves one row (the constraint) but the second caller crashes, so the sweep
stops halfway."""

import threading

import pytest
from django.db import IntegrityError

from evaluations.models import Certificate, Internship
from evaluations.services import certificates
from tests.factories import InternshipFactory
from tests.races import at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def completed(db):
    return InternshipFactory(status=Internship.Status.COMPLETED)


def test_two_issues_at_once_leave_one_certificate_and_give_both_its_code(
    requires_postgres, monkeypatch, completed
):
    got: list[Certificate] = []
    both_looked = threading.Barrier(2, timeout=10)
    real_get_or_create = Certificate.objects.get_or_create

    def after_both_looked(**kwargs):
        # Both see no certificate before either inserts: the race the constraint settles.
        assert not Certificate.objects.filter(internship=kwargs["internship"]).exists()
        both_looked.wait()
        return real_get_or_create(**kwargs)

    def issue():
        got.append(certificates.issue(Internship.objects.get(pk=completed.pk)))

    monkeypatch.setattr(Certificate.objects, "get_or_create", after_both_looked)

    errors = at_once(issue, issue)

    assert errors == []
    (certificate,) = Certificate.objects.all()
    assert [c.code for c in got] == [certificate.code, certificate.code]


def test_without_the_guard_the_second_issue_crashes(requires_postgres, completed):
    """The control: look, wait for the other to look too, insert."""
    both_looked = threading.Barrier(2, timeout=10)

    def naive_issue():
        internship = Internship.objects.get(pk=completed.pk)
        found = Certificate.objects.filter(internship=internship).first()
        both_looked.wait()
        if found is None:
            Certificate.objects.create(
                internship=internship, name="x", issued_at=completed.created_at
            )

    errors = at_once(naive_issue, naive_issue)

    (crash,) = errors
    assert isinstance(crash, IntegrityError)
    assert Certificate.objects.count() == 1
