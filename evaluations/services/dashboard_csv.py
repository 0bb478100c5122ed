"""The evaluation dashboards as CSV: the same rows as the page (same filters, same order),
every page at once, written as the rows are read.

Safe in a spreadsheet: a cell a spreadsheet would read as a formula (it starts with `=`, `+`,
`-`, `@`, a tab or a carriage return: a project title or a name is typed by people) is
written with a leading `'`, so it reads as text. No cell carries an evaluation's free text:
the rows come from the dashboard service, which never reads it.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from evaluations.services.dashboard import Line

# Rows written per piece of the response: big enough that writing is cheap, small enough
# that the first bytes leave before the last rows are read.
CHUNK = 500

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = [
    "Organization",
    "Intern",
    "Intern's email",
    "Mentors",
    "Project",
    "Status",
    "Meetings logged",
    "Weeks over",
    "Weeks without a meeting",
    "Midterm",
    "Midterm missing",
    "Midterm locked",
    "Midterm in place of the mentors",
    "Final",
    "Final missing",
    "Final locked",
    "Final in place of the mentors",
    "Extended",
]


def safe(cell) -> str:
    text = "" if cell is None else str(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def yes(flag: bool) -> str:
    return "yes" if flag else ""


def cells(line: Line) -> list:
    internship = line.internship
    return [
        internship.participation.organization.name,
        internship.intern.name,
        internship.intern.email,
        "; ".join(line.mentors),
        internship.project_title,
        internship.get_status_display(),
        line.logged,
        line.weeks_over,
        " ".join(str(week) for week in line.missing),
        line.midterm.state.label,
        line.midterm.missing,
        yes(line.midterm.locked),
        yes(line.midterm.in_place_of_mentor),
        line.final.state.label,
        line.final.missing,
        yes(line.final.locked),
        yes(line.final.in_place_of_mentor),
        yes(line.final.extended),
    ]


def pieces(lines: Iterable[Line], chunk: int | None = None) -> Iterator[str]:
    """The CSV, one piece per `chunk` rows (the header first, alone)."""
    chunk = chunk or CHUNK
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(HEADER)
    yield flush()
    written = 0
    for line in lines:
        writer.writerow([safe(cell) for cell in cells(line)])
        written += 1
        if written % chunk == 0:
            yield flush()
    if written % chunk:
        yield flush()
