"""`manage.py ideas_export --round SLUG --org SLUG [--published-only]`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import ProjectIdea
from projects.wiki.parse import parse_page
from tests.factories import ParticipationFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("ideas_export", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_idea_of_the_participation_as_the_template(participation, round_):
    make_idea(participation, "Published", languages=("C",))
    make_idea(participation, "Draft", status=ProjectIdea.Status.DRAFT)
    make_idea(ParticipationFactory(round=round_), "Another organization's idea")

    output = run("--round", round_.slug, "--org", "qemu")

    result = parse_page(output)
    assert result.problems == []
    assert [idea.title for idea in result.ideas] == ["Draft", "Published"]
    assert output.startswith("=== Draft ===\n\n'''Summary:''' Summary of Draft.")


def test_published_only_leaves_out_what_is_not_published(participation, round_):
    make_idea(participation, "Published")
    make_idea(participation, "Draft", status=ProjectIdea.Status.DRAFT)

    output = run("--round", round_.slug, "--org", "qemu", "--published-only")

    assert [idea.title for idea in parse_page(output).ideas] == ["Published"]


def test_an_unknown_participation_is_refused(participation):
    with pytest.raises(CommandError, match="No organization “qemu” takes part in a round “nope”"):
        run("--round", "nope", "--org", "qemu")
