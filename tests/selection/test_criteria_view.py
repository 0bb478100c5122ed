"""An org admin's review criteria: add, edit, reorder, remove while no review exists; once
mentors reviewed, no new criterion and no weight change, and a criterion a review used is
never removed (each refusal says why).

Access: org admins (200); mentors and program admins 403; others 404.
"""

import pytest
from django.urls import reverse

from programs.timeline import Phase
from selection.models import Criterion, Mark
from tests.factories import CriterionFactory, ReviewFactory
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db
URL = reverse("selection:criteria", args=["gsoc-2027", "qemu"])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("applicant", 404),
        ("mentor", 403),
        ("program_admin", 403),
        ("org_admin", 200),
    ],
)
def test_only_org_admins_keep_the_criteria(client, participation, request, viewer, status):
    client.force_login(request.getfixturevalue(viewer))
    assert client.get(URL).status_code == status
    assert client.post(URL, {"name": "Clarity", "weight": "2"}).status_code in (status, 302)
    if status != 200:
        assert not Criterion.objects.exists()


def test_an_org_admin_adds_edits_reorders_and_removes(client, participation, org_admin):
    client.force_login(org_admin)

    client.post(URL, {"action": "add", "name": "Clarity", "weight": "2"})
    client.post(URL, {"action": "add", "name": "Schedule", "weight": "1"})
    clarity, schedule = Criterion.objects.all()
    client.post(
        URL,
        {"action": "edit", "criterion": clarity.pk, "name": "Clear problem", "weight": "3"},
    )
    client.post(URL, {"action": "up", "criterion": schedule.pk})

    assert list(Criterion.objects.values_list("name", "weight")) == [
        ("Schedule", 1),
        ("Clear problem", 3),
    ]
    client.post(URL, {"action": "remove", "criterion": schedule.pk})
    assert list(Criterion.objects.values_list("name", flat=True)) == ["Clear problem"]


def test_a_bad_criterion_keeps_what_was_typed(client, participation, org_admin):
    CriterionFactory(participation=participation, name="Clarity")
    client.force_login(org_admin)

    response = client.post(URL, {"action": "add", "name": "Clarity", "weight": "11"})

    assert response.status_code == 400
    assert 'value="Clarity"' in response.content.decode()
    assert Criterion.objects.count() == 1


def test_once_reviewed_a_criterion_is_not_removed_and_none_is_added(
    client, participation, mentor, org_admin
):
    clarity = CriterionFactory(participation=participation, name="Clarity")
    review = ReviewFactory(proposal=submitted(participation), mentor=mentor)
    Mark.objects.create(review=review, criterion=clarity, score=4)
    client.force_login(org_admin)

    removed = client.post(URL, {"action": "remove", "criterion": clarity.pk}, follow=True)
    added = client.post(URL, {"action": "add", "name": "Schedule", "weight": "1"})
    reweighed = client.post(
        URL, {"action": "edit", "criterion": clarity.pk, "name": "Clarity", "weight": "5"}
    )

    assert "Reviews already scored “Clarity”, so it cannot be removed" in removed.content.decode()
    assert "added before the first review" in added.content.decode()
    assert "a weight no longer changes" in reweighed.content.decode()
    assert list(Criterion.objects.values_list("name", "weight")) == [("Clarity", 1)]


@pytest.mark.parametrize("criterion", ["", "x", "99999", "9" * 30, "²", "١٢"])
def test_a_bad_criterion_reference_changes_nothing(client, participation, org_admin, criterion):
    CriterionFactory(participation=participation)
    client.force_login(org_admin)

    response = client.post(URL, {"action": "remove", "criterion": criterion})

    assert response.status_code in (302, 404)
    assert Criterion.objects.count() == 1


@pytest.mark.parametrize("edit", ["²", "١٢", "x", "9" * 30])
def test_a_bad_criterion_to_edit_shows_the_page(client, participation, org_admin, edit):
    client.force_login(org_admin)
    assert client.get(URL, {"edit": edit}).status_code == 200


def test_after_the_results_the_criteria_are_read_only(client, participation, org_admin):
    in_review(participation.round, Phase.COMMUNITY_BONDING)
    client.force_login(org_admin)

    response = client.post(URL, {"action": "add", "name": "Clarity", "weight": "2"})

    assert "the criteria are read-only now" in response.content.decode()
    assert not Criterion.objects.exists()
