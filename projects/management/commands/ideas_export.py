"""Print an organization's ideas for a round as one wiki page, in the idea template:
`manage.py ideas_export --round SLUG --org SLUG [--published-only]`."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from projects.management.commands._participation import (
    add_participation_arguments,
    participation_from,
)
from projects.models import ProjectIdea
from projects.services.wiki_import import ideas_export


class Command(BaseCommand):
    help = "Print a participation's project ideas as MediaWiki markup (the idea template)."

    def add_arguments(self, parser):
        add_participation_arguments(parser)
        parser.add_argument(
            "--published-only",
            action="store_true",
            help="Only the ideas published now (default: every idea, drafts included).",
        )

    def handle(self, *args, round_slug: str, org_slug: str, published_only: bool, **options):
        participation = participation_from(round_slug, org_slug)
        ideas = ProjectIdea.objects.filter(participation=participation)
        if published_only:
            ideas = ideas.published(timezone.now())
        self.stdout.write(ideas_export(participation, ideas), ending="")
