import pytest
from django.core.exceptions import ValidationError

from projects.models import IdeaEvent, IdeaMentor, ProjectIdea, Tag
from projects.services.ideas import MentorChoice, idea_create
from tests.factories import MembershipFactory, UserFactory
from tests.projects.authoring import content

pytestmark = pytest.mark.django_db


def test_it_saves_a_draft_with_the_writer_as_its_mentor(participation, mentor):
    idea = idea_create(participation=participation, by=mentor, content=content())

    assert idea.status == ProjectIdea.Status.DRAFT
    assert idea.revision == 0
    assert idea.created_by == mentor
    assert [(m.user, m.contact) for m in idea.mentors.all()] == [(mentor, "email")]
    assert idea.links == [{"label": "Backups", "url": "https://qemu.org/docs/backup"}]
    assert idea.expected_hours == 175


def test_it_records_the_writing_as_the_first_event(participation, mentor):
    idea = idea_create(participation=participation, by=mentor, content=content())

    (event,) = IdeaEvent.objects.filter(idea=idea)
    assert (event.actor, event.from_status, event.to_status) == (mentor, "", "draft")


def test_the_slug_is_made_from_the_title_and_unique_in_the_participation(participation, mentor):
    first = idea_create(participation=participation, by=mentor, content=content(title="Tracing!"))
    second = idea_create(participation=participation, by=mentor, content=content(title="Tracing"))

    assert (first.slug, second.slug) == ("tracing", "tracing-2")


def test_a_title_that_names_one_of_the_pages_gets_another_slug(participation, mentor):
    idea = idea_create(participation=participation, by=mentor, content=content(title="Review"))

    assert idea.slug == "review-2"


def test_a_title_without_latin_letters_still_gets_a_slug(participation, mentor):
    idea = idea_create(participation=participation, by=mentor, content=content(title="日本語"))

    assert idea.slug == "idea"


def test_languages_and_skills_become_shared_tags(participation, mentor, org_admin):
    idea_create(
        participation=participation,
        by=mentor,
        content=content(languages=("C", "C++", "python"), skills=("QMP",)),
    )
    other = idea_create(
        participation=participation,
        by=org_admin,
        content=content(org_admin, languages=("Python ", "C#")),
    )

    assert sorted(Tag.objects.filter(kind="language").values_list("slug", flat=True)) == [
        "c",
        "c-plus-plus",
        "c-sharp",
        "python",
    ]
    assert Tag.objects.get(kind="language", slug="python").name == "python"
    assert sorted(t.slug for t in other.tags.all()) == ["c-sharp", "python"]
    assert Tag.objects.get(kind="skill").name == "QMP"


def test_co_mentors_are_kept_in_order_with_their_contacts(participation, mentor, org_admin):
    org_admin.irc_nick = "olga"
    org_admin.save()
    mentors = (MentorChoice(user=mentor), MentorChoice(user=org_admin, contact="irc"))

    idea = idea_create(participation=participation, by=mentor, content=content(mentors=mentors))

    rows = list(idea.mentors.all())
    assert [(row.user, row.contact, row.position) for row in rows] == [
        (mentor, "email", 0),
        (org_admin, "irc", 1),
    ]


def test_an_org_admin_may_write_an_idea_for_other_mentors(participation, mentor, org_admin):
    idea = idea_create(participation=participation, by=org_admin, content=content(mentor))

    assert [row.user for row in idea.mentors.all()] == [mentor]


def test_a_mentor_must_stay_among_the_co_mentors(participation, mentor, org_admin):
    with pytest.raises(ValidationError, match="Keep yourself among the co-mentors"):
        idea_create(participation=participation, by=mentor, content=content(org_admin))


def test_it_refuses_a_co_mentor_from_another_organization(participation, mentor, outsider):
    with pytest.raises(ValidationError, match="Oscar Outsider cannot co-mentor"):
        idea_create(participation=participation, by=mentor, content=content(mentor, outsider))
    assert not ProjectIdea.objects.exists()


def test_it_refuses_a_co_mentor_whose_role_has_ended(participation, mentor):
    former = UserFactory(display_name="Fred Former")
    MembershipFactory(participation=participation, user=former, status="withdrawn")

    with pytest.raises(ValidationError, match="Fred Former cannot co-mentor"):
        idea_create(participation=participation, by=mentor, content=content(mentor, former))


def test_it_refuses_an_irc_contact_for_someone_without_a_nick(participation, mentor):
    choice = MentorChoice(user=mentor, contact=IdeaMentor.Contact.IRC)

    with pytest.raises(ValidationError, match="has no IRC nick"):
        idea_create(participation=participation, by=mentor, content=content(mentors=(choice,)))


@pytest.mark.parametrize("person", ["applicant", "program_admin", "outsider"])
def test_only_the_organizations_mentors_and_admins_write_ideas(request, participation, person):
    user = request.getfixturevalue(person)

    with pytest.raises(ValidationError, match="Only the idea's mentors"):
        idea_create(participation=participation, by=user, content=content(user))


@pytest.mark.parametrize("hours", [9, 1001])
def test_it_refuses_a_size_out_of_range(participation, mentor, hours):
    with pytest.raises(ValidationError) as refusal:
        idea_create(participation=participation, by=mentor, content=content(expected_hours=hours))
    assert "expected_hours" in refusal.value.message_dict
    assert not ProjectIdea.objects.exists()


def test_any_size_between_ten_and_a_thousand_hours_is_allowed(participation, mentor):
    idea = idea_create(participation=participation, by=mentor, content=content(expected_hours=10))

    assert idea.expected_hours == 10
