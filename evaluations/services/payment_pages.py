"""What the payments pages read, in a fixed number of queries however many payments a round
has: the count of each state (one query), one page of one state's payments with their
internship, intern, organization and export (one query, and one to count), the round's
exports, and what the internship page shows of its own payments."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from evaluations.models import Internship, Payment, PaymentExport
from evaluations.services.payments import of_round
from programs.models import Round

ROWS_PER_PAGE = 50
EXPORTS_PER_PAGE = 50

Status = Payment.Status


@dataclass(frozen=True)
class State:
    slug: str
    label: str
    condition: Q


# The page's lists, in the order a program admin works through them. "Approved" is approved
# and not yet exported; once exported a payment is only in "exported".
STATES = (
    State("waiting", "Waiting for approval", Q(status=Status.WAITING)),
    State("held", "Held", Q(status=Status.HELD)),
    State("approved", "Approved, not exported", Q(status=Status.APPROVED, export__isnull=True)),
    State("exported", "Exported", Q(export__isnull=False)),
    State("cancelled", "Cancelled", Q(status=Status.CANCELLED)),
)
BY_SLUG = {state.slug: state for state in STATES}
DEFAULT = "waiting"


def state_of(raw: str | None) -> State:
    """The list asked for in the address; anything else shows the default one."""
    return BY_SLUG.get(raw or "", BY_SLUG[DEFAULT])


def counts(round_: Round) -> dict[str, int]:
    """How many payments of the round are in each state: one query."""
    return of_round(round_).aggregate(
        **{state.slug: Count("pk", filter=state.condition) for state in STATES}
    )


def payments_in(round_: Round, state: State) -> QuerySet[Payment]:
    """One state's payments of the round, the oldest first (exports: the newest first), with
    what each row shows."""
    order = (
        ("-export__at", "-export_id", "pk") if state.slug == "exported" else ("created_at", "pk")
    )
    return (
        of_round(round_)
        .filter(state.condition)
        .select_related(
            "internship__intern", "internship__participation__organization", "approved_by", "export"
        )
        .order_by(*order)
    )


def exports_of(round_: Round) -> QuerySet[PaymentExport]:
    return PaymentExport.objects.filter(round=round_).select_related("by")


def of_internship(internship: Internship) -> list[Payment]:
    """The internship's payments, by milestone as they came, with their export."""
    return list(internship.payments.select_related("export").order_by("created_at", "pk"))
