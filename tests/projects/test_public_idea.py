"""One idea's page: every template field, its mentors' contacts, its status and actions.

Access (projects.permissions.idea_for_view): a published idea is public; any other idea is
404 to anonymous visitors, applicants, outsiders and even mentors of the organization who do
not mentor it; its mentors, the org admins and program admins read it. Reading needs no
login, and nobody is read-only on a page that only shows.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from programs.models import Membership
from projects.models import IdeaComment, IdeaMentor, ProjectIdea, SkillLevel
from tests.factories import MembershipFactory, UserFactory
from tests.projects.idea_rows import comment, idea_url, make_idea

pytestmark = pytest.mark.django_db

Status = ProjectIdea.Status


@pytest.fixture
def idea(participation, mentor):
    co_mentor = UserFactory(display_name="Stefan Hajnoczi", irc_nick="stefanha")
    idea = make_idea(
        participation,
        "Disk backup tool",
        summary="Back up running guests.",
        description="Use the *dirty bitmap* API.\n\n<script>alert(1)</script>",
        skill_level=SkillLevel.INTERMEDIATE,
        languages=("C",),
        skills=("Storage", "QMP"),
        expected_hours=175,
        links=[
            {"label": "Dirty bitmaps", "url": "https://qemu.org/docs/bitmaps"},
            {"label": "Features/IncrementalBackup", "url": "Features/IncrementalBackup"},
            {"label": "Sneaky", "url": "javascript:alert(1)"},
        ],
        starter_tasks=[{"title": "Fix a checkpatch warning", "url": "https://qemu.org/bite"}],
        suggested_by="John Snow",
        extra_fields=[{"label": "Difficulty notes", "value": "Needs a Linux host"}],
        mentors=(mentor,),
        mentor_names=("Kevin Wolf",),
    )
    IdeaMentor.objects.create(idea=idea, user=co_mentor, contact=IdeaMentor.Contact.IRC, position=5)
    return idea


def test_anyone_reads_every_field_of_a_published_idea(client, idea):
    response = client.get(idea_url(idea))

    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "Disk backup tool",
        "Back up running guests.",
        "<em>dirty bitmap</em>",
        "Intermediate",
        "C</span>",
        "Storage</span>",
        "QMP</span>",
        "175</span> hours",
        "John Snow",
        "Difficulty notes",
        "Needs a Linux host",
        '<a href="https://qemu.org/docs/bitmaps" rel="nofollow noopener noreferrer">Dirty bitmaps',
        "Features/IncrementalBackup",
        '<a href="https://qemu.org/bite" rel="nofollow noopener noreferrer">Fix a checkpatch',
    ):
        assert shown in page
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page


def test_mentors_are_shown_with_the_contact_each_chose(client, idea, mentor):
    mentor.show_email = True  # the address is public only by its owner's choice
    mentor.save()

    page = client.get(idea_url(idea)).content.decode()

    assert f'Mira Mentor · <a href="mailto:{mentor.email}">' in page
    assert "Stefan Hajnoczi · IRC: <code>stefanha</code>" in page
    assert "Kevin Wolf" in page  # no account: the name as written on the imported page


def test_a_visitor_sees_no_edit_or_review_link_and_a_link_to_log_in_to_ask(client, idea):
    page = client.get(idea_url(idea)).content.decode()

    assert ">Edit<" not in page
    assert ">Review<" not in page
    assert reverse("projects:idea_wiki", args=["gsoc-2027", "qemu", "disk-backup-tool"]) in page
    assert "Log in to ask a question" in page
    assert "?next=/rounds/gsoc-2027/orgs/qemu/ideas/disk-backup-tool/" in page


def test_the_ideas_mentor_gets_the_edit_link_but_no_review_link(client, idea, mentor):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=Status.SUBMITTED)
    client.force_login(mentor)

    page = client.get(idea_url(idea)).content.decode()

    assert ">Edit<" in page
    assert ">Review<" not in page
    assert '<span class="badge warn">Waiting for review</span>' in page


def test_an_org_admin_gets_the_review_link_for_a_submitted_idea(client, idea, org_admin):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=Status.SUBMITTED)
    client.force_login(org_admin)

    page = client.get(idea_url(idea)).content.decode()

    assert ">Review<" in page
    assert ">Edit<" in page


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.REJECTED])
def test_an_unpublished_idea_is_read_by_its_mentor(client, idea, mentor, status):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=status)
    client.force_login(mentor)

    assert client.get(idea_url(idea)).status_code == 200


@pytest.mark.parametrize("viewer", ["org_admin", "program_admin"])
def test_a_draft_is_read_by_org_admins_and_program_admins(client, idea, request, viewer):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=Status.DRAFT)
    client.force_login(request.getfixturevalue(viewer))

    assert client.get(idea_url(idea)).status_code == 200


@pytest.mark.parametrize("viewer", ["applicant", "outsider", "other_mentor"])
def test_a_draft_is_not_found_by_anyone_else_signed_in(
    client, idea, participation, request, viewer
):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=Status.DRAFT)
    if viewer == "other_mentor":  # mentors QEMU, but not this idea
        user = UserFactory()
        MembershipFactory(participation=participation, user=user, role=Membership.Role.MENTOR)
    else:
        user = request.getfixturevalue(viewer)
    client.force_login(user)

    assert client.get(idea_url(idea)).status_code == 404


def test_a_draft_is_not_found_by_anonymous_visitors(client, idea):
    ProjectIdea.objects.filter(pk=idea.pk).update(status=Status.DRAFT)

    assert client.get(idea_url(idea)).status_code == 404


def test_an_unknown_idea_is_not_found(client, participation):
    url = reverse("projects:idea", args=["gsoc-2027", "qemu", "no-such-idea"])

    assert client.get(url).status_code == 404


def test_a_published_custom_idea_says_an_applicant_proposed_it_without_naming_them(
    client, participation, applicant
):
    custom = make_idea(participation, "Own idea", proposed_by=applicant)

    page = client.get(idea_url(custom)).content.decode()

    assert "Proposed by an applicant" in page
    assert "Ana Applicant" not in page


def test_a_published_custom_idea_no_longer_waits_for_approval(client, participation, applicant):
    custom = make_idea(participation, "Own idea", proposed_by=applicant)

    page = client.get(idea_url(custom)).content.decode()

    assert "Proposed by an applicant; it is open to every applicant." in page
    assert "once approved" not in page


def test_an_idea_approved_after_the_ideas_date_shows_when_it_was_approved(client, participation):
    approved = participation.round.ideas_published + timedelta(days=3, hours=5)
    late = make_idea(participation, "Late idea", approved_at=approved)

    page = client.get(idea_url(late)).content.decode()

    assert f'<tr><th>Published</th><td><time datetime="{approved.isoformat()}"' in page


def test_an_idea_approved_before_the_ideas_date_shows_the_ideas_date(client, participation):
    ideas_date = participation.round.ideas_published
    early = make_idea(participation, "Early idea", approved_at=ideas_date - timedelta(days=9))

    page = client.get(idea_url(early)).content.decode()

    assert f'<tr><th>Published</th><td><time datetime="{ideas_date.isoformat()}"' in page


def test_the_organization_sees_who_proposed_a_custom_idea(client, participation, applicant, mentor):
    custom = make_idea(participation, "Own idea", proposed_by=applicant)
    client.force_login(mentor)

    assert (
        "Proposed by an applicant (Ana Applicant)" in client.get(idea_url(custom)).content.decode()
    )


def test_the_proposer_reads_their_proposal_and_its_status(client, participation, applicant):
    custom = make_idea(participation, "Own idea", status=Status.PROPOSED, proposed_by=applicant)
    client.force_login(applicant)

    response = client.get(idea_url(custom))

    assert response.status_code == 200
    assert '<span class="badge warn">Proposed by an applicant</span>' in response.content.decode()
    assert "Adopt this idea" not in response.content.decode()


def _grow(idea, count):
    for n in range(count):
        author = UserFactory()
        comment(idea, author, f"Question {n}")
        comment(idea, author, f"Note {n}", IdeaComment.Visibility.ORGANIZATION)
        IdeaMentor.objects.create(idea=idea, user=UserFactory(), position=10 + n)


# Anonymous: participation, idea, tags, mentors, roles (none: no query), comments.
# The mentor adds the session, the user and their roles, asked once for the whole page.
@pytest.mark.parametrize(("viewer", "queries"), [("anonymous", 5), ("mentor", 8)])
def test_it_makes_the_same_queries_for_2_or_20_comments_and_mentors(
    client, idea, mentor, django_assert_num_queries, viewer, queries
):
    if viewer == "mentor":
        client.force_login(mentor)
    _grow(idea, 2)
    with django_assert_num_queries(queries):
        client.get(idea_url(idea))

    _grow(idea, 18)
    with django_assert_num_queries(queries):
        response = client.get(idea_url(idea))

    assert len(response.context["questions"]) == 20


def test_links_to_wiki_pages_lead_to_the_organizations_wiki(client, idea):
    organization = idea.participation.organization
    organization.wiki_url = "https://wiki.qemu.org/"
    organization.save()
    idea.description = "See [the feature](<Features/Live Block Migration>) and [[not a link]]."
    idea.save()

    page = client.get(idea_url(idea)).content.decode()

    assert '<a href="https://wiki.qemu.org/Features/Live_Block_Migration"' in page
    assert '<a href="https://wiki.qemu.org/Features/IncrementalBackup"' in page  # a Links row
    assert "[[not a link]]" in page
    assert 'href="javascript' not in page


def test_without_a_wiki_address_a_wiki_page_is_named_and_never_linked(client, idea):
    idea.description = "See [the feature](Features/LiveBlockMigration)."
    idea.save()

    page = client.get(idea_url(idea)).content.decode()

    assert "See the feature." in page
    assert 'href="Features/' not in page
    assert "Features/IncrementalBackup" in page
