"""What both wiki commands share: finding the participation from --round and --org."""

from django.core.management.base import CommandError

from programs.models import Participation


def add_participation_arguments(parser) -> None:
    parser.add_argument("--round", required=True, dest="round_slug", help="The round's slug.")
    parser.add_argument("--org", required=True, dest="org_slug", help="The organization's slug.")


def participation_from(round_slug: str, org_slug: str) -> Participation:
    participation = (
        Participation.objects.select_related("round", "organization")
        .filter(round__slug=round_slug, organization__slug=org_slug)
        .first()
    )
    if participation is None:
        raise CommandError(
            f"No organization “{org_slug}” takes part in a round “{round_slug}” (check both slugs)."
        )
    return participation
