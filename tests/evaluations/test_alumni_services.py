"""Who the alumni pages list, and the intern's choice to be listed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations.models import Internship
from evaluations.services import alumni
from tests.evaluations.alumni_world import alumnus, certified
from tests.factories import OrganizationFactory, ProgramFactory, ProjectIdeaFactory

pytestmark = pytest.mark.django_db
Status = Internship.Status


@pytest.fixture
def qemu():
    return OrganizationFactory(name="QEMU", slug="qemu")


def names(internships) -> list[str]:
    return [i.intern.name for i in internships]


def test_completed_interns_who_chose_it_are_listed_with_their_year_and_work(program, qemu):
    alumnus(program, 2014, qemu, name="Ada Alumna")

    (listed,) = alumni.of_program(program)

    assert listed.intern.name == "Ada Alumna"
    assert listed.year == 2014
    assert listed.work_url == "https://gitlab.com/qemu/qemu/-/merge_requests/1"


def test_interns_who_did_not_choose_it_are_not_listed(program, qemu):
    alumnus(program, 2014, qemu, listed=False)

    assert not alumni.of_program(program).exists()


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.FAILED])
def test_withdrawn_and_failed_internships_are_never_listed_whatever_the_choice(
    program, qemu, status
):
    alumnus(program, 2014, qemu, status=status)

    assert not alumni.of_program(program).exists()


@pytest.mark.parametrize("status", [Status.ACTIVE, Status.MIDTERM_PASSED])
def test_a_running_internship_is_listed_only_once_it_completes(program, qemu, status):
    internship = alumnus(program, 2027, qemu, status=status)
    assert not alumni.of_program(program).exists()

    Internship.objects.filter(pk=internship.pk).update(status=Status.COMPLETED)

    assert alumni.of_program(program).get() == internship


def test_a_revoked_certificate_takes_the_intern_off_the_lists(program, qemu):
    kept = alumnus(program, 2014, qemu, name="Kept")
    certified(kept)
    gone = alumnus(program, 2014, qemu, name="Gone")
    certified(gone, revoked_at=timezone.now(), revoked_reason="Plagiarised work.")

    assert names(alumni.of_program(program)) == ["Kept"]


def test_a_program_lists_its_own_interns_and_an_organization_its_own_in_every_program(
    program, qemu
):
    outreachy = ProgramFactory(name="Outreachy", slug="outreachy")
    libvirt = OrganizationFactory(name="libvirt", slug="libvirt")
    alumnus(program, 2014, qemu, name="GSoC QEMU")
    alumnus(outreachy, 2015, qemu, name="Outreachy QEMU")
    alumnus(program, 2015, libvirt, name="GSoC libvirt")

    assert sorted(names(alumni.of_program(program))) == ["GSoC QEMU", "GSoC libvirt"]
    assert sorted(names(alumni.of_organization(qemu))) == ["GSoC QEMU", "Outreachy QEMU"]


def test_an_intern_without_a_final_evaluation_is_listed_without_a_link(program, qemu):
    alumnus(program, 2014, qemu, work_url=None)

    assert alumni.of_program(program).get().work_url is None


def test_a_years_rows_come_by_organization_and_name(program, qemu):
    apache = OrganizationFactory(name="Apache", slug="apache")
    alumnus(program, 2014, qemu, name="Zoe")
    alumnus(program, 2016, qemu, name="Bea")
    alumnus(program, 2014, qemu, name="Ana")
    alumnus(program, 2014, apache, name="Lia")

    rows = alumni.in_year(alumni.of_program(program), 2014)

    assert [(r.year, r.intern.name) for r in rows] == [(2014, "Lia"), (2014, "Ana"), (2014, "Zoe")]
    assert not alumni.in_year(alumni.of_program(program), None).exists()


def test_a_year_asked_shows_that_year_only(program, qemu):
    alumnus(program, 2014, qemu, name="Then")
    alumnus(program, 2016, qemu, name="Later")

    assert names(alumni.in_year(alumni.of_program(program), 2014)) == ["Then"]


def test_the_years_come_with_their_counts_newest_first(program, qemu):
    alumnus(program, 2014, qemu)
    alumnus(program, 2014, qemu)
    alumnus(program, 2016, qemu)
    alumnus(program, 2015, qemu, listed=False)

    years = alumni.years_of(alumni.of_program(program))

    assert [(y.year, y.alumni) for y in years] == [(2016, 1), (2014, 2)]


def test_the_project_is_the_title_or_else_the_ideas(program, qemu):
    titled = alumnus(program, 2014, qemu, project_title="Disk backup")
    idea = ProjectIdeaFactory(title="Live migration")
    untitled = alumnus(program, 2014, qemu, project_title="", idea=idea)
    bare = alumnus(program, 2014, qemu, project_title="")

    assert alumni.project_of(titled) == "Disk backup"
    assert alumni.project_of(untitled) == "Live migration"
    assert alumni.project_of(bare) == "Internship"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://github.com/qemu/qemu/pull/1", "https://github.com/qemu/qemu/pull/1"),
        ("http://example.org/work", "http://example.org/work"),
        ("javascript:alert(1)", ""),
        ("ftp://example.org/work.tar", ""),
        ("", ""),
    ],
)
def test_only_web_links_are_linked(url, shown):
    assert alumni.safe_link(url) == shown


def test_the_intern_chooses_to_be_listed_and_to_stop(program, qemu):
    internship = alumnus(program, 2014, qemu, listed=False)

    alumni.set_listing(internship=internship, by=internship.intern, listed=True)
    assert Internship.objects.get(pk=internship.pk).listed_as_alumni

    alumni.set_listing(internship=internship, by=internship.intern, listed=False)
    assert not Internship.objects.get(pk=internship.pk).listed_as_alumni


def test_nobody_else_chooses_for_the_intern(program, qemu, program_admin):
    internship = alumnus(program, 2014, qemu, listed=False)

    with pytest.raises(ValidationError, match="Only the intern"):
        alumni.set_listing(internship=internship, by=program_admin, listed=True)


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.FAILED])
def test_a_withdrawn_or_failed_intern_cannot_choose_to_be_listed_but_may_stop(
    program, qemu, status
):
    internship = alumnus(program, 2014, qemu, listed=False, status=status)

    with pytest.raises(ValidationError, match="never listed"):
        alumni.set_listing(internship=internship, by=internship.intern, listed=True)
    alumni.set_listing(internship=internship, by=internship.intern, listed=False)

    assert not Internship.objects.get(pk=internship.pk).listed_as_alumni
