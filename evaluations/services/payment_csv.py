"""One export's CSV, for whoever pays the stipends: each payment of the export on a line
(intern's name and email, organization, project, milestone, percent, approved at), streamed
from the database in chunks so an export of thousands never sits in memory.

Cells are made safe for spreadsheets: a text that starts with = + - @ or a tab or carriage
return would be run as a formula (an intern can name themselves "=HYPERLINK(...)"); such a
cell is written with a leading apostrophe, which spreadsheets show as text.
"""

import csv
from collections.abc import Iterator
from datetime import tzinfo

from django.utils import timezone

from evaluations.models import Payment, PaymentExport

CHUNK = 500
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
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A text cell a spreadsheet would read as a formula, quoted as text; others as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """csv.writer writes each line here and we hand the line on, instead of buffering."""

    def write(self, value: str) -> str:
        return value


def rows_of(export: PaymentExport):
    return (
        Payment.objects.filter(export=export)
        .select_related("internship__intern", "internship__participation__organization")
        .order_by("pk")
    )


def lines(export: PaymentExport, zone: tzinfo) -> Iterator[str]:
    """The CSV's lines, the header first; the moments in `zone` (the downloader's), with
    their offset so no reader mistakes them."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    for payment in rows_of(export).iterator(chunk_size=CHUNK):
        internship = payment.internship
        approved = payment.approved_at
        yield writer.writerow(
            [
                safe_cell(value)
                for value in (
                    payment.pk,
                    internship.intern.name,
                    internship.intern.email,
                    internship.participation.organization.name,
                    internship.project_title,
                    payment.get_milestone_display(),
                    payment.percent,
                    timezone.localtime(approved, zone).isoformat() if approved else "",
                )
            ]
        )


def filename(export: PaymentExport) -> str:
    return f"payments-{export.round.slug}-{export.pk}.csv"
