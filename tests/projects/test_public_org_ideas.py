"""One organization's ideas in a round.

Access: public for an accepted organization (published ideas for everyone); its own people
(projects.permissions.visible_ideas) also find their unpublished ideas there, each with its
status. An organization not accepted is 404 to outsiders and anonymous visitors alike (a
public page: no login redirect), and there is no read-only role.
"""

import pytest
from django.test import Client
from django.urls import reverse

from programs.models import Participation
from programs.timeline import Phase
from projects.models import ProjectIdea, SkillLevel
from tests.factories import MembershipFactory, ParticipationFactory, RoundFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db

Status = ProjectIdea.Status


def url(participation):
    return reverse(
        "projects:org_ideas", args=[participation.round.slug, participation.organization.slug]
    )


def listed(client, participation, **query):
    return [idea.title for idea in client.get(url(participation), query).context["page"]]


def test_anyone_reads_the_published_ideas_of_an_accepted_organization(client, participation):
    make_idea(participation, "Disk backup tool", languages=("C",), expected_hours=175)
    make_idea(participation, "Unfinished", status=Status.DRAFT)

    response = client.get(url(participation))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Disk backup tool" in page
    assert "175 hours" in page
    assert "Unfinished" not in page


def test_an_ideas_mentor_also_sees_their_draft_with_its_status(client, participation, mentor):
    make_idea(participation, "My draft", status=Status.DRAFT, mentors=(mentor,))
    make_idea(participation, "Published one")
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    assert "My draft" in page
    assert '<span class="badge warn">Draft</span>' in page
    assert "Published one" in page


def test_other_mentors_of_the_organization_do_not_see_a_draft(client, participation, mentor):
    make_idea(participation, "Draft of another mentor", status=Status.DRAFT)
    client.force_login(mentor)

    assert "Draft of another mentor" not in client.get(url(participation)).content.decode()


def test_an_org_admin_sees_every_idea_of_the_organization(client, participation, org_admin):
    for status in (Status.DRAFT, Status.SUBMITTED, Status.REJECTED):
        make_idea(participation, f"Idea {status}", status=status)
    client.force_login(org_admin)

    assert listed(client, participation) == [
        "Idea draft",
        "Idea rejected",
        "Idea submitted",
    ]


def test_an_approved_idea_before_the_ideas_date_says_when_it_is_published(client, program):
    round_ = RoundFactory(program=program, phase=Phase.IDEA_PROPOSALS)
    participation = ParticipationFactory(round=round_)
    mentor = MembershipFactory(participation=participation).user
    make_idea(participation, "Approved early", mentors=(mentor,))
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    assert "Approved, published <time" in page
    assert "Approved early" in page
    assert "Approved early" not in Client().get(url(participation)).content.decode()


def test_a_custom_idea_is_offered_for_adoption_to_the_organizations_mentors(
    client, participation, mentor, applicant
):
    make_idea(participation, "An applicant own idea", status=Status.PROPOSED, proposed_by=applicant)
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    assert "An applicant own idea" in page
    assert "Adopt this idea" in page
    assert "/ideas/an-applicant-own-idea/adopt/" in page


def test_the_proposer_sees_their_proposal_and_no_adopt_button(client, participation, applicant):
    make_idea(participation, "An applicant own idea", status=Status.PROPOSED, proposed_by=applicant)
    client.force_login(applicant)

    page = client.get(url(participation)).content.decode()

    assert "An applicant own idea" in page
    assert "Proposed by an applicant" in page  # its status badge
    assert "Adopt this idea" not in page


def test_other_applicants_do_not_see_a_proposal(client, participation, applicant):
    make_idea(participation, "Another applicant idea", status=Status.PROPOSED)
    client.force_login(applicant)

    assert "Another applicant idea" not in client.get(url(participation)).content.decode()


def test_it_filters_without_an_organization_choice(client, participation):
    make_idea(participation, "Beginner idea", skill_level=SkillLevel.BEGINNER)
    make_idea(participation, "Advanced idea", skill_level=SkillLevel.ADVANCED)

    response = client.get(url(participation), {"skill_level": "beginner"})

    assert [i.title for i in response.context["page"]] == ["Beginner idea"]
    assert "organization" not in response.context["filterset"].form.fields


def test_it_links_to_the_wiki_markup_and_json_of_the_same_list(client, participation):
    page = client.get(url(participation), {"language": "", "q": "disk"}).content.decode()

    assert 'href="/rounds/gsoc-2027/orgs/qemu/ideas.json?language=&amp;q=disk"' in page
    wiki = reverse("projects:org_ideas_wiki", args=["gsoc-2027", "qemu"])
    assert f'href="{wiki}?language=&amp;q=disk"' in page


def test_during_the_application_period_it_invites_a_custom_idea(client, participation):
    page = client.get(url(participation)).content.decode()

    assert 'href="/rounds/gsoc-2027/orgs/qemu/ideas/propose/"' in page


def test_an_organization_not_accepted_is_seen_by_its_mentor(client, participation, mentor):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    client.force_login(mentor)

    assert client.get(url(participation)).status_code == 200


def test_an_organization_not_accepted_is_not_found_by_an_outsider(client, participation, outsider):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    client.force_login(outsider)

    assert client.get(url(participation)).status_code == 404


def test_an_organization_not_accepted_is_not_found_by_anonymous_visitors(client, participation):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)

    assert client.get(url(participation)).status_code == 404


def _ideas(participation, count, mentor=None):
    for _ in range(count):
        make_idea(participation, languages=("C",), skills=("Storage",))
        if mentor is not None:
            make_idea(participation, status=Status.DRAFT, mentors=(mentor,))


# Anonymous: participation, count, page, tags, mentors, language choices. The mentor adds the
# session, the user, and their roles, asked once (visible_ideas, the adopt button and the
# review link read them).
@pytest.mark.parametrize(("viewer", "queries"), [("anonymous", 6), ("mentor", 9)])
def test_it_makes_the_same_queries_for_5_or_60_ideas(
    client, participation, mentor, django_assert_num_queries, request, viewer, queries
):
    if viewer != "anonymous":
        client.force_login(mentor)
    _ideas(participation, 5, mentor)
    with django_assert_num_queries(queries):
        client.get(url(participation))

    _ideas(participation, 55, mentor)
    with django_assert_num_queries(queries):
        response = client.get(url(participation))

    assert response.context["page"].paginator.count == (60 if viewer == "anonymous" else 120)


def test_the_organizations_mentors_get_links_to_write_and_follow_their_ideas(
    client, participation, mentor
):
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    assert reverse("projects:idea_create", args=["gsoc-2027", "qemu"]) in page
    assert reverse("projects:my_ideas", args=["gsoc-2027", "qemu"]) in page
    assert reverse("projects:review_queue", args=["gsoc-2027", "qemu"]) not in page
    assert "/ideas/propose/" not in page  # they write ideas with the idea form


def test_an_org_admin_gets_a_link_to_the_review_queue(client, participation, org_admin):
    client.force_login(org_admin)

    page = client.get(url(participation)).content.decode()

    assert reverse("projects:review_queue", args=["gsoc-2027", "qemu"]) in page


def test_an_applicant_gets_no_organization_links(client, participation, applicant):
    client.force_login(applicant)

    page = client.get(url(participation)).content.decode()

    assert reverse("projects:idea_create", args=["gsoc-2027", "qemu"]) not in page
    assert "/ideas/propose/" in page
