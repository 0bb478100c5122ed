"""`manage.py ideas_import --round SLUG --org SLUG FILE [--as EMAIL]`."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from projects.models import ProjectIdea
from tests.projects.wiki_pages import MALFORMED, PATHOLOGICAL, QEMU_2017

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("ideas_import", *args, stdout=out)
    return out.getvalue()


def test_it_imports_the_page_printing_one_line_per_idea(participation, org_admin):
    output = run("--round", "gsoc-2027", "--org", "qemu", str(QEMU_2017), "--as", org_admin.email)

    lines = output.splitlines()
    assert lines[0] == (
        "line 12: imported “Disk Backup Tool” as a draft (disk-backup-tool); "
        "0 of 2 mentors matched to accounts"
    )
    assert lines[1].startswith("line 34: imported “Moving I/O throttling")
    assert lines[2] == "2 ideas imported into QEMU in Google Summer of Code 2027."
    assert set(ProjectIdea.objects.values_list("created_by", flat=True)) == {org_admin.pk}


def test_without_as_the_ideas_have_no_creator(participation):
    run("--round", "gsoc-2027", "--org", "qemu", str(QEMU_2017))

    assert set(ProjectIdea.objects.values_list("created_by", flat=True)) == {None}


def test_a_malformed_page_fails_naming_each_problem_and_imports_nothing(participation, tmp_path):
    page = tmp_path / "broken.wiki"
    page.write_text(MALFORMED, encoding="utf-8")

    with pytest.raises(CommandError) as failure:
        run("--round", "gsoc-2027", "--org", "qemu", str(page))

    message = str(failure.value)
    assert message.startswith(f"Nothing imported: 4 problems in {page}:")
    assert "  line 3: '''Summary:''' outside any idea" in message
    assert "  line 13: Skill level has no value" in message
    assert "  line 20: '''Details:''' has no bullets" in message
    assert "  line 28: unknown skill level “expert”" in message
    assert not ProjectIdea.objects.exists()


def test_it_exits_with_status_1_on_a_malformed_page(participation, tmp_path, capsys):
    page = tmp_path / "broken.wiki"
    page.write_text(MALFORMED, encoding="utf-8")

    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(
            ["manage.py", "ideas_import", "--round", "gsoc-2027", "--org", "qemu", str(page)]
        ).execute()

    assert exit_.value.code == 1
    assert "line 13: Skill level has no value" in capsys.readouterr().err


def test_unknown_slugs_a_missing_file_and_an_unknown_importer_are_refused(
    participation, mentor, tmp_path
):
    with pytest.raises(CommandError, match="No organization “nope”"):
        run("--round", "gsoc-2027", "--org", "nope", str(QEMU_2017))
    with pytest.raises(CommandError, match="Cannot read"):
        run("--round", "gsoc-2027", "--org", "qemu", str(tmp_path / "missing.wiki"))
    with pytest.raises(CommandError, match="No account has the address"):
        run("--round", "gsoc-2027", "--org", "qemu", str(QEMU_2017), "--as", "x@example.org")
    with pytest.raises(CommandError, match="Only the organization's admins"):
        run("--round", "gsoc-2027", "--org", "qemu", str(QEMU_2017), "--as", mentor.email)
    assert not ProjectIdea.objects.exists()


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_a_page_built_to_make_the_parser_work_for_minutes_fails_in_a_blink(
    kind, participation, tmp_path
):
    text, line, words = PATHOLOGICAL[kind]
    page = tmp_path / "page.wiki"
    page.write_text(text, encoding="utf-8")

    start = time.perf_counter()
    with pytest.raises(CommandError) as failure:
        run("--round", "gsoc-2027", "--org", "qemu", str(page))
    seconds = time.perf_counter() - start

    assert seconds < 1
    assert f"  line {line}: " in str(failure.value)
    assert words in str(failure.value)
    assert not ProjectIdea.objects.exists()
