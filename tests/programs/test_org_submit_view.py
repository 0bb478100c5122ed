from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from programs.models import Participation, Round
from programs.schedules import dates_in_phase
from programs.timeline import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(participation):
    Round.objects.filter(pk=participation.round_id).update(
        **dates_in_phase(Phase.ORG_APPLICATIONS, timezone.now())
    )
    Participation.objects.filter(pk=participation.pk).update(
        status=Participation.Status.DRAFT, submitted_at=None
    )
    return Participation.objects.select_related("round", "organization").get(pk=participation.pk)


def url(participation):
    return reverse(
        "programs:participation_submit",
        args=[participation.round.slug, participation.organization.slug],
    )


def test_an_org_admin_submits_the_draft(client, draft, org_admin):
    client.force_login(org_admin)

    response = client.post(url(draft), follow=True)

    draft.refresh_from_db()
    assert draft.status == Participation.Status.APPLIED
    assert "submitted to the program admins" in response.content.decode()


def test_after_the_deadline_it_is_refused_with_the_deadline_named(client, draft, org_admin):
    client.force_login(org_admin)

    with time_machine.travel(draft.round.org_applications_close + timedelta(seconds=1)):
        response = client.post(url(draft), follow=True)

    draft.refresh_from_db()
    assert draft.status == Participation.Status.DRAFT
    assert "deadline was" in response.content.decode()


def test_a_mentor_of_the_organization_is_forbidden(client, draft, mentor):
    client.force_login(mentor)

    assert client.post(url(draft)).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Participation.Status.DRAFT


def test_an_outsider_is_not_found(client, draft, outsider):
    client.force_login(outsider)

    assert client.post(url(draft)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.post(url(draft))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_only_answers_post(client, draft, org_admin):
    client.force_login(org_admin)

    assert client.get(url(draft)).status_code == 405
