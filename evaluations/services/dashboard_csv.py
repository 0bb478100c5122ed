"""The evaluation dashboards as CSV: the same rows as the page (same filters, same order),
every page at once, written as the rows are read (`spreadsheet`: safe cells, in pieces).
No cell carries an evaluation's free text: the rows come from the dashboard service, which
never reads it.
"""

from collections.abc import Iterable, Iterator

from evaluations.services import spreadsheet
from evaluations.services.dashboard import Line

CHUNK = spreadsheet.CHUNK

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
    return spreadsheet.pieces(HEADER, (cells(line) for line in lines), chunk or CHUNK)
