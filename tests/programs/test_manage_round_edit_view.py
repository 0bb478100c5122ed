import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from programs.models import Membership, Participation, Round
from programs.timeline import MILESTONE_FIELDS
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
)
from tests.programs.manage_forms import round_edit_inputs, split_inputs

pytestmark = pytest.mark.django_db

Status = Participation.Status


def _url(round_) -> str:
    return reverse("programs:round_edit", args=[round_.slug])


def test_it_shows_the_round_form_and_its_rules(client, program_admin, round_):
    client.force_login(program_admin)
    response = client.get(_url(round_))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('type="datetime-local"') == 13
    assert 'name="rules-max_proposals_per_applicant"' in page
    assert 'name="split-0-milestone"' in page


def test_it_lists_every_participation_with_its_people(client, program_admin, participation):
    MembershipFactory(participation=participation, role=Membership.Role.ORG_ADMIN)
    MembershipFactory(participation=participation, role=Membership.Role.ORG_ADMIN)
    MembershipFactory(participation=participation, role=Membership.Role.MENTOR)
    MembershipFactory(
        participation=participation,
        role=Membership.Role.MENTOR,
        status=Membership.Status.WITHDRAWN,
    )
    client.force_login(program_admin)
    response = client.get(_url(participation.round))
    (row,) = response.context["participations"]
    assert (row.org_admin_count, row.mentor_count) == (2, 1)
    page = response.content.decode()
    assert 'id="org-qemu"' in page
    assert "1\N{EN DASH}4" in page
    assert "needs 2" not in page


def test_it_warns_about_an_organization_with_fewer_than_two_admins(
    client, program_admin, org_admin, participation
):
    client.force_login(program_admin)
    page = client.get(_url(participation.round)).content.decode()
    assert "1 active admin: needs 2" in page


def test_it_shows_the_slots_granted_against_the_round_total(client, program_admin, round_):
    ParticipationFactory(round=round_, slots_max=5, slots_granted=5)
    ParticipationFactory(round=round_, slots_max=4, slots_granted=4)
    ParticipationFactory(round=round_, status=Status.WITHDRAWN, slots_granted=3)
    client.force_login(program_admin)
    response = client.get(_url(round_))
    assert response.context["slots_granted"] == 9
    assert '<strong class="num">9</strong> of 20' in response.content.decode()


def test_it_offers_a_decision_only_on_a_submitted_participation(client, program_admin, round_):
    applied = ParticipationFactory(round=round_, status=Status.APPLIED)
    draft = ParticipationFactory(round=round_, status=Status.DRAFT)
    client.force_login(program_admin)
    page = client.get(_url(round_)).content.decode()
    slugs = (round_.slug, applied.organization.slug)
    assert reverse("programs:participation_accept", args=slugs) in page
    assert reverse("programs:participation_reject", args=slugs) in page
    slugs = (round_.slug, draft.organization.slug)
    assert reverse("programs:participation_accept", args=slugs) not in page


def test_a_round_without_a_total_shows_the_slots_granted_alone(client, program_admin, round_):
    Round.objects.filter(pk=round_.pk).update(total_slots=0)
    ParticipationFactory(round=round_, slots_max=5, slots_granted=5)
    client.force_login(program_admin)

    page = client.get(_url(round_)).content.decode()

    assert 'Slots granted: <strong class="num">5</strong> <span class="muted">' in page
    assert "of 0" not in page


def test_it_saves_name_slots_timeline_and_rules(client, program_admin, round_):
    client.force_login(program_admin)
    data = round_edit_inputs(
        round_,
        name="GSoC 2027",
        total_slots="42",
        ends=(round_.ends + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        **{"rules-max_interns_per_mentor": "1", "rules-students_only": "on"},
    )
    response = client.post(_url(round_), data)
    assert response.status_code == 302
    ends = round_.ends + timedelta(days=3)
    round_.refresh_from_db()
    round_.rules.refresh_from_db()
    assert (round_.name, round_.total_slots, round_.ends) == ("GSoC 2027", 42, ends)
    assert round_.rules.max_interns_per_mentor == 1
    assert round_.rules.students_only is True


def test_it_reads_the_dates_in_the_admins_zone(client, program_admin, round_):
    program_admin.timezone = "America/New_York"
    program_admin.save()
    client.force_login(program_admin)
    final_close = round_.final_close
    data = round_edit_inputs(round_, "America/New_York")
    assert client.post(_url(round_), data).status_code == 302
    round_.refresh_from_db()
    assert round_.final_close == final_close


def test_it_rejects_dates_out_of_order_and_keeps_every_typed_value(client, program_admin, round_):
    client.force_login(program_admin)
    data = round_edit_inputs(
        round_,
        name="Typed name",
        coding_start="2020-01-01T09:15",
        **{"rules-max_interns_per_mentor": "3"},
    )
    response = client.post(_url(round_), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "“Results announced” must not be after “Coding starts”." in page
    assert "“Coding starts” must not be after" not in page
    for field in ["name", *MILESTONE_FIELDS]:
        assert f'value="{data[field]}"' in page
    assert 'name="rules-max_interns_per_mentor" value="3"' in page
    assert f"<h1>{round_.name}</h1>" in page
    assert Round.objects.get(pk=round_.pk).name == round_.name


def test_a_date_that_breaks_two_neighbouring_pairs_is_named_once_next_to_its_field(
    client, program_admin, round_
):
    client.force_login(program_admin)
    data = round_edit_inputs(
        round_, coding_start="2020-01-01T09:15", midterm_open="2019-01-01T09:15"
    )

    page = client.post(_url(round_), data).content.decode()

    messages = re.findall(r'<ul class="errorlist[^"]*"(?: id="([^"]*)")?><li>(.*?)</li></ul>', page)
    assert messages == [
        ("id_coding_start_error", "“Results announced” must not be after “Coding starts”."),
        (
            "id_midterm_open_error",
            "“Results announced” must not be after “Midterm evaluations open”.",
        ),
    ]
    assert 'class="warning"' not in page  # nothing repeated at the top of the form


def test_the_stipend_split_is_edited_as_rows_of_milestone_and_share(client, program_admin, round_):
    client.force_login(program_admin)
    page = client.get(_url(round_)).content.decode()

    assert "rules-stipend_split" not in page
    assert page.count('name="split-') == 3 * 2 + 4  # three rows, the management form
    assert '<option value="midterm" selected>' in page
    assert 'name="split-1-percent" value="45"' in page
    assert 'aria-label="Payment 2: share in percent"' in page


def test_rows_of_the_stipend_split_are_saved_in_order_and_empty_ones_dropped(
    client, program_admin, round_
):
    client.force_login(program_admin)
    parts = [{"milestone": "midterm", "percent": 30}, {"milestone": "final", "percent": 70}]

    response = client.post(_url(round_), round_edit_inputs(round_, **split_inputs(parts)))

    assert response.status_code == 302
    round_.rules.refresh_from_db()
    assert round_.rules.stipend_split == parts


def test_shares_that_do_not_add_up_are_refused_with_the_total_and_kept(
    client, program_admin, round_
):
    client.force_login(program_admin)
    parts = [{"milestone": "final", "percent": 90}]

    response = client.post(_url(round_), round_edit_inputs(round_, **split_inputs(parts)))

    assert response.status_code == 200
    assert response.context["split_formset"].non_form_errors() == [
        "The stipend parts add up to 90%, not 100%."
    ]
    assert 'name="split-0-percent" value="90"' in response.content.decode()
    round_.rules.refresh_from_db()
    assert round_.rules.stipend_split != parts


def test_a_milestone_listed_twice_is_refused_by_its_label(client, program_admin, round_):
    client.force_login(program_admin)
    parts = [{"milestone": "final", "percent": 50}, {"milestone": "final", "percent": 50}]

    response = client.post(_url(round_), round_edit_inputs(round_, **split_inputs(parts)))

    assert response.context["split_formset"].non_form_errors() == [
        "“Passed final evaluation” is listed twice: each milestone is paid once."
    ]
    assert "&#x27;final&#x27;" not in response.content.decode()


def test_a_row_with_a_share_but_no_milestone_says_so(client, program_admin, round_):
    client.force_login(program_admin)
    data = round_edit_inputs(round_, **{"split-2-milestone": ""})

    response = client.post(_url(round_), data)

    assert response.status_code == 200
    assert "Give both the milestone and its share, or leave the row empty." in (
        response.content.decode()
    )


def test_a_tampered_number_of_rows_is_refused_without_an_error_page(client, program_admin, round_):
    client.force_login(program_admin)
    data = round_edit_inputs(round_, **{"split-TOTAL_FORMS": "100000"})

    response = client.post(_url(round_), data)

    assert response.status_code == 200
    assert response.context["split_formset"].non_form_errors()


def test_the_timeline_stands_beside_the_fields(client, program_admin, round_):
    client.force_login(program_admin)

    page = client.get(_url(round_)).content.decode()

    editor = page[page.index('<div class="round-editor">') :]
    assert editor.index('type="datetime-local"') < editor.index('<ol class="timeline">')
    assert '<aside class="card round-editor-aside"' in editor


def test_it_refuses_more_accepted_than_submitted_proposals(client, program_admin, round_):
    client.force_login(program_admin)
    data = round_edit_inputs(
        round_,
        **{"rules-max_proposals_per_applicant": "1", "rules-max_accepted_per_applicant": "2"},
    )
    response = client.post(_url(round_), data)
    assert "An applicant cannot have more proposals accepted than they may submit." in (
        response.content.decode()
    )


def test_it_refuses_a_total_below_the_slots_granted_on_the_field(client, program_admin, round_):
    ParticipationFactory(round=round_, slots_max=5, slots_granted=5)
    client.force_login(program_admin)
    response = client.post(_url(round_), round_edit_inputs(round_, total_slots="3"))
    assert response.context["form"].errors["total_slots"] == [
        "5 slots are already granted to organizations in this round; the total cannot go "
        "below 5 (you entered 3)."
    ]
    assert 'name="total_slots" value="3"' in response.content.decode()


def _participations(round_, count: int) -> None:
    for index in range(count):
        participation = ParticipationFactory(
            round=round_,
            organization=OrganizationFactory(),
            status=(Status.APPLIED, Status.ACCEPTED)[index % 2],
            submitted_at=datetime(2027, 2, 1, tzinfo=UTC),
        )
        MembershipFactory(participation=participation, role=Membership.Role.ORG_ADMIN)
        MembershipFactory(participation=participation, role=Membership.Role.MENTOR)


@pytest.mark.parametrize(("count", "shown"), [(2, 2), (40, 25)])
def test_its_queries_and_rows_do_not_grow_with_participations(
    client, program_admin, django_assert_num_queries, count, shown
):
    round_ = RoundFactory()
    _participations(round_, count)
    client.force_login(program_admin)
    # Session, user, round with program and rules, counts per status, the list's length,
    # one page of participations with their counts.
    with django_assert_num_queries(6):
        response = client.get(_url(round_))
    assert len(response.context["participations"]) == shown


def test_an_unknown_round_is_not_found(client, program_admin):
    client.force_login(program_admin)
    assert client.get(reverse("programs:round_edit", args=["no-such-round"])).status_code == 404


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_a_signed_in_person_without_the_role_is_forbidden(client, request, round_, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(round_)).status_code == 403
    response = client.post(_url(round_), round_edit_inputs(round_, name="Hijacked"))
    assert response.status_code == 403
    assert Round.objects.get(pk=round_.pk).name == round_.name


def test_anonymous_visitors_are_sent_to_log_in(client, round_):
    response = client.get(_url(round_))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={_url(round_)}"
