"""Load demo data into an empty database: `manage.py demo [--phase PHASE] [--if-empty]`.

Builds two programs, a Google Summer of Code round placed so that now falls in PHASE (and an
Outreachy round out of step with it), five organizations from the seed documents, QEMU's
rounds from 2010 to 2016, internships, and one account per role with a published password.

It refuses to add to a database that already holds programs (the rows would clash or double);
with --if-empty it leaves such a database as it is, so `make run` can call it every time.
It refuses to run with DEBUG off: it creates a superuser whose password is printed here.
"""

import contextlib
import logging
from collections.abc import Iterator

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from programs.demo import DemoWorld, build_demo, run_extensions
from programs.demo.accounts import PASSWORD, account_table, existing_accounts
from programs.models import Program
from programs.timeline import Phase


class Command(BaseCommand):
    help = "Load demo programs, rounds, organizations, internships and accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--phase",
            choices=Phase.values,
            default=Phase.APPLICATIONS.value,
            help="The phase the Google Summer of Code round stands in now "
            "(default: applications). Outreachy is placed out of step with it.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (but list the demo accounts) when the database holds programs.",
        )

    def handle(self, *args, phase: str, if_empty: bool, **options):
        with transaction.atomic():
            if Program.objects.exists():
                if not if_empty:
                    raise CommandError(
                        "The database already holds programs, so demo data would clash with "
                        "them. Run `manage.py demo --if-empty` to keep what is there, or start "
                        "from a fresh database (on the default SQLite: `make clean`, then "
                        "`make run`)."
                    )
                self.stdout.write("The database already holds programs: demo data left as is.")
                self._accounts(existing_accounts())
                return
            if not settings.DEBUG:
                raise CommandError(
                    "DEBUG is off, so this looks like a real site. The demo creates a superuser "
                    "whose password is published; load it only on a local development copy."
                )
            with _services_quiet():
                world = build_demo(Phase(phase), timezone.now())
                run_extensions(world)
        self._summary(world)
        self._accounts(world.accounts)

    def _summary(self, world: DemoWorld) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for round_ in world.rounds.values():
            self.stdout.write(
                f"  {round_.name}: {round_.phase_at(world.now).label}  {_round_link(round_)}"
            )
        self.stdout.write(
            f"  {len(world.past_rounds)} past rounds (QEMU's history, 2010-2016), "
            f"{len(world.internships)} internships in all."
        )
        for demo in world.invitations:
            invitation = demo.invitation
            where = demo.link or f"token {demo.token} (the acceptance page is not wired up yet)"
            self.stdout.write(
                f"  Open invitation for {invitation.email} to mentor for "
                f"{invitation.participation.organization}: {where}"
            )

    def _accounts(self, accounts: dict) -> None:
        if not accounts:
            self.stdout.write("No demo accounts are left in this database.")
            return
        self.stdout.write("")
        self.stdout.write(
            f'Demo accounts. Password for each: "{PASSWORD}" (for a local demo only; '
            "never on a site others can reach)."
        )
        for line in account_table(accounts):
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Log in at {settings.SITE_URL}{reverse('account_login')}")


@contextlib.contextmanager
def _services_quiet() -> Iterator[None]:
    """The services log who did what (INFO), which a running site wants and a newcomer
    reading `make run` does not: the summary below says what was loaded."""
    before = logging.root.manager.disable
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(before)


def _round_link(round_) -> str:
    try:
        return settings.SITE_URL + round_.get_absolute_url()
    except NoReverseMatch:
        return ""
