"""Import a wiki page of idea blocks into an organization's round, all or nothing:
`manage.py ideas_import --round SLUG --org SLUG FILE [--as EMAIL]` (FILE "-" reads stdin).

Prints one line per imported idea. A malformed page imports nothing: the command fails
(exit status 1) and names each problem with its line.
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from people.models import User
from projects.management.commands._participation import (
    add_participation_arguments,
    participation_from,
)
from projects.services.wiki_import import ideas_import


class Command(BaseCommand):
    help = "Import a MediaWiki page of project ideas (the idea template) as drafts."

    def add_arguments(self, parser):
        add_participation_arguments(parser)
        parser.add_argument("file", help="The page's wikitext (UTF-8); - for standard input.")
        parser.add_argument(
            "--as",
            dest="as_email",
            metavar="EMAIL",
            help="The org admin (or program admin) recorded as importing the ideas.",
        )

    def handle(self, *args, round_slug: str, org_slug: str, file: str, as_email, **options):
        participation = participation_from(round_slug, org_slug)
        by = None
        if as_email:
            by = User.objects.filter(email__iexact=as_email).first()
            if by is None:
                raise CommandError(f"No account has the address {as_email}.")
        text = self._read(file)
        try:
            report = ideas_import(participation=participation, text=text, by=by)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if not report.ok:
            lines = "\n".join(f"  {problem}" for problem in report.problems)
            count = len(report.problems)
            problems = ngettext("%d problem", "%d problems", count) % count
            raise CommandError(f"Nothing imported: {problems} in {file}:\n{lines}")
        for idea, preview in zip(report.ideas, report.previews, strict=True):
            matched = sum(1 for match in preview.mentors if match.user is not None)
            self.stdout.write(
                f"line {preview.data.line}: imported “{idea.title}” as a draft ({idea.slug}); "
                f"{matched} of {len(preview.mentors)} mentors matched to accounts"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.ideas)} ideas imported into {participation.organization} "
                f"in {participation.round}."
            )
        )

    def _read(self, file: str) -> str:
        if file == "-":
            return sys.stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
