"""ideas_import: a page becomes drafts all at once, or nothing and its problems; mentors are
matched to the organization's people by email or IRC nick."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import Membership
from projects.models import IdeaEvent, IdeaMentor, ProjectIdea, Tag
from projects.services.wiki_import import ideas_export, ideas_import, ideas_import_preview
from projects.wiki.parse import Problem, parse_page
from tests.factories import MembershipFactory, UserFactory
from tests.projects.idea_rows import make_idea
from tests.projects.wiki_pages import MALFORMED, PATHOLOGICAL, qemu_page

pytestmark = pytest.mark.django_db


def page(mentors: str, title: str = "An idea") -> str:
    return f"=== {title} ===\n'''Summary:''' S\n\n'''Details:'''\n* Mentors: {mentors}\n"


def qemu_mentor(participation, **fields):
    user = UserFactory(**fields)
    MembershipFactory(participation=participation, user=user, role=Membership.Role.MENTOR)
    return user


def test_qemus_page_becomes_two_drafts_by_the_importer(participation, org_admin):
    report = ideas_import(participation=participation, text=qemu_page(), by=org_admin)

    assert report.ok
    backup, throttling = report.ideas
    assert backup.slug == "disk-backup-tool"
    assert backup.status == ProjectIdea.Status.DRAFT
    assert backup.created_by == org_admin
    assert backup.skill_level == "intermediate"
    assert backup.links[0] == {
        "label": "Incremental backup",
        "url": "https://en.wikipedia.org/wiki/Incremental_backup",
    }
    assert [t.name for t in backup.tags.filter(kind=Tag.Kind.LANGUAGE)] == ["Python"]
    # Nobody on the page has an account here: each is kept as written.
    assert list(throttling.mentors.values_list("user", "name", "contact")) == [
        (None, "Kevin Wolf <kwolf@redhat.com> (kwolf on IRC)", "email"),
        (None, "Stefan Hajnoczi <stefanha@redhat.com> (stefanha on IRC)", "email"),
        (None, "Alberto Garcia (berto on IRC)", "irc"),
    ]
    event = IdeaEvent.objects.get(idea=backup)
    assert (event.actor, event.to_status) == (org_admin, ProjectIdea.Status.DRAFT)
    assert "line 12" in event.comment


def test_an_imported_page_exports_as_template_blocks_that_read_back_the_same(
    participation, org_admin
):
    ideas_import(participation=participation, text=qemu_page(), by=org_admin)

    exported = ideas_export(participation)

    again = parse_page(exported)
    assert again.problems == []
    assert again.ideas == parse_page(qemu_page()).ideas
    assert exported.startswith("=== Disk Backup Tool ===\n\n'''Summary:''' Write a tool")
    assert "* Mentors: John Snow <jsnow@redhat.com> (jsnow on IRC), Stefan" in exported


def test_a_malformed_page_imports_nothing_and_names_each_problem_and_line(participation, org_admin):
    report = ideas_import(participation=participation, text=MALFORMED, by=org_admin)

    assert not report.ok
    assert report.ideas == []
    assert [problem.line for problem in report.problems] == [3, 13, 20, 28]
    assert not ProjectIdea.objects.exists()
    assert not Tag.objects.exists()


def test_an_idea_whose_title_exists_stops_the_whole_import(participation, org_admin):
    make_idea(participation, "Disk backup tool")

    report = ideas_import(participation=participation, text=qemu_page(), by=org_admin)

    assert report.problems == [
        Problem(
            12,
            "“Disk Backup Tool”: an idea with this title already exists in QEMU",
        )
    ]
    assert ProjectIdea.objects.count() == 1


def test_values_the_database_would_refuse_are_problems_with_their_line(participation, org_admin):
    text = (
        f"=== {'Long ' * 41} ===\n'''Summary:''' S\n'''Details:'''\n* Expected size: 5 hours\n"
        "* Language: ???\n"
    )

    report = ideas_import(participation=participation, text=text, by=org_admin)

    messages = {problem.message.split("”: ")[1] for problem in report.problems}
    assert messages == {
        "title is longer than 200 characters",
        "expected size must be 10 to 1000 hours, not 5",
        "“???” needs at least one letter or digit.",
    }
    assert {problem.line for problem in report.problems} == {1}


def test_a_page_without_ideas_says_so(participation, org_admin):
    report = ideas_import(participation=participation, text="Just text.\n", by=org_admin)

    assert report.problems == [
        Problem(1, "no ideas on this page: each starts with “=== Title ===”")
    ]


def test_mentors_are_matched_by_email_whatever_its_case_or_by_a_verified_address(
    participation, org_admin
):
    mira = qemu_mentor(participation, email="mira@example.org")
    kai = qemu_mentor(participation, email="kai@example.org")
    EmailAddress.objects.create(user=kai, email="kai@work.example", verified=True)
    lea = qemu_mentor(participation, email="lea@example.org")
    EmailAddress.objects.create(user=lea, email="lea@old.example", verified=False)

    report = ideas_import(
        participation=participation,
        text=page("M <MIRA@Example.org>, K <kai@work.example>, L <lea@old.example>"),
        by=org_admin,
    )

    mentors = list(report.ideas[0].mentors.order_by("position"))
    assert [(m.user, m.contact) for m in mentors] == [
        (mira, "email"),
        (kai, "email"),
        (None, "email"),  # an unverified address proves nothing
    ]
    assert mentors[2].name == "L <lea@old.example>"


def test_mentors_are_matched_by_irc_nick_unless_two_accounts_share_it(participation, org_admin):
    stefan = qemu_mentor(participation, irc_nick="StefanHa")
    qemu_mentor(participation, irc_nick="kwolf")
    qemu_mentor(participation, irc_nick="KWolf")

    report = ideas_import(
        participation=participation,
        text=page("Stefan (stefanha on IRC), Kevin (kwolf on IRC)"),
        by=org_admin,
    )

    mentors = list(report.ideas[0].mentors.order_by("position"))
    assert [(m.user, m.contact) for m in mentors] == [(stefan, "irc"), (None, "irc")]


def test_an_account_outside_the_organization_is_kept_as_written_with_a_note(
    participation, org_admin, outsider
):
    preview = ideas_import_preview(
        participation=participation, text=page(f"Oscar <{outsider.email}>")
    )

    (match,) = preview.previews[0].mentors
    assert match.user is None
    assert match.note == (
        "Oscar Outsider has an account but no mentor role in QEMU in this round: kept as written"
    )


def test_one_account_named_twice_in_an_idea_is_a_problem(participation, org_admin):
    qemu_mentor(participation, email="mira@example.org", irc_nick="mira")

    report = ideas_import(
        participation=participation,
        text=page("Mira <mira@example.org>, Mira again (mira on IRC)"),
        by=org_admin,
    )

    assert [p.message for p in report.problems] == [
        "“An idea”: one account is named twice among the mentors"
    ]


def test_the_preview_writes_nothing(participation, org_admin):
    report = ideas_import_preview(participation=participation, text=qemu_page())

    assert [preview.data.title for preview in report.previews] == [
        "Disk Backup Tool",
        "Moving I/O throttling and write notifiers into block filter drivers",
    ]
    assert not ProjectIdea.objects.exists()


def test_only_the_organizations_admins_import(participation, mentor):
    with pytest.raises(ValidationError, match="Only the organization's admins"):
        ideas_import(participation=participation, text=qemu_page(), by=mentor)

    assert not ProjectIdea.objects.exists()


def test_export_uses_each_accounts_name_and_chosen_contact(participation):
    mira = UserFactory(display_name="Mira Mentor", email="mira@example.org", irc_nick="mira")
    idea = make_idea(participation, "Tracing", mentors=(mira,), mentor_names=("Kai (kai on IRC)",))
    IdeaMentor.objects.filter(idea=idea, user=mira).update(contact="irc")

    exported = ideas_export(participation)

    assert "* Mentors: Mira Mentor (mira on IRC), Kai (kai on IRC)\n" in exported


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_a_page_built_to_make_the_parser_work_for_minutes_is_refused_in_a_blink(
    kind, participation, org_admin
):
    text, line, words = PATHOLOGICAL[kind]

    start = time.perf_counter()
    report = ideas_import(participation=participation, text=text, by=org_admin)
    seconds = time.perf_counter() - start

    assert seconds < 1
    assert report.problems[0].line == line
    assert words in report.problems[0].message
    assert not ProjectIdea.objects.exists()


def test_a_page_with_problems_is_refused_before_the_transaction_opens(participation, org_admin):
    """On SQLite the import's transaction holds the whole database's write lock: the page is
    read before it opens, and a page with problems never opens it (inside the test's own
    transaction, opening one is a SAVEPOINT)."""
    text, _, _ = PATHOLOGICAL["20,000 empty blocks"]

    with CaptureQueriesContext(connection) as context:
        report = ideas_import(participation=participation, text=text, by=org_admin)

    assert not report.ok
    assert context.captured_queries
    assert not [q["sql"] for q in context if "SAVEPOINT" in q["sql"] or "UPDATE" in q["sql"]]
