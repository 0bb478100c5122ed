"""One export's CSV, for whoever pays the stipends: each payment of the export on a line
(intern's name and email, organization, project, milestone, percent, approved at), streamed
from the database in chunks so an export of thousands never sits in memory.

Cells are made safe for spreadsheets, and written in pieces (`spreadsheet`).
"""

from collections.abc import Iterator
from datetime import tzinfo

from django.utils import timezone

from evaluations.models import Payment, PaymentExport
from evaluations.services import spreadsheet

CHUNK = spreadsheet.CHUNK
HEADER = (
    "Payment",
    "Intern",
    "Email",
    "Organization",
    "Project",
    "Milestone",
    "Percent",
    "Approved at",
)


def rows_of(export: PaymentExport):
    return (
        Payment.objects.filter(export=export)
        .select_related("internship__intern", "internship__participation__organization")
        .order_by("pk")
    )


def _row(payment: Payment, zone: tzinfo) -> tuple:
    internship, approved = payment.internship, payment.approved_at
    return (
        payment.pk,
        internship.intern.name,
        internship.intern.email,
        internship.participation.organization.name,
        internship.project_title,
        payment.get_milestone_display(),
        payment.percent,
        timezone.localtime(approved, zone).isoformat() if approved else "",
    )


def lines(export: PaymentExport, zone: tzinfo) -> Iterator[str]:
    """The CSV in pieces, the header first; the moments in `zone` (the downloader's), with
    their offset so no reader mistakes them. Nothing is read before the first piece is asked
    for (the response is on its way by then)."""
    yield from spreadsheet.pieces(
        HEADER, (_row(p, zone) for p in rows_of(export).iterator(chunk_size=CHUNK)), CHUNK
    )


def filename(export: PaymentExport) -> str:
    return f"payments-{export.round.slug}-{export.pk}.csv"
