"""After the application deadline: mentors review, interview, and org admins select.

Imports `people`, `programs`, `projects` and `applications`; `evaluations` sits above and
turns the announced selections into internships. Nothing lower imports this app (the
applicant's dashboard and an organization's pages link here by URL name or template tag).

**Review** (`review.py`): `Criterion` rows an organization scores on, with weights (none: one
score, 1 to 5); a mentor's `Review` of a proposal (score, comment; `Mark` rows per criterion);
`MentorCommitment`, a mentor's "I will mentor this".

**Decision** (`decision.py`): `Candidacy`, one row per proposal the organization has acted on:
the interview flag, spam or not serious (set aside: out of the ranking, nothing deleted), the
rank, and the selection. `Conflict`: an applicant selected beyond the round's rule, resolved by
a program admin. `SelectionChange`: the record of every selection change, with reasons after
the results.

**Interviews** (`interview.py`): a mentor's `InterviewSlot`s, `InterviewInvitation`s to
flagged applicants, and `Interview` bookings, with the no-overlap rules in the database.

Who sees what: scores, comments, flags, ranks, interview notes and outcomes are the
organization's (its mentors and org admins) and the program admins'; an applicant sees their
own interview bookings and, from the round's results time on, whether they were accepted;
the applicant's preference order (applications) only program admins see.
"""

from selection.models.decision import (
    Candidacy,
    CandidacyQuerySet,
    Conflict,
    ConflictQuerySet,
    SelectionChange,
)
from selection.models.interview import (
    DEFAULT_LENGTH,
    Interview,
    InterviewInvitation,
    InterviewQuerySet,
    InterviewSlot,
)
from selection.models.review import (
    HIGHEST_SCORE,
    LOWEST_SCORE,
    Criterion,
    Mark,
    MentorCommitment,
    Review,
)

__all__ = [
    "DEFAULT_LENGTH",
    "HIGHEST_SCORE",
    "LOWEST_SCORE",
    "Candidacy",
    "CandidacyQuerySet",
    "Conflict",
    "ConflictQuerySet",
    "Criterion",
    "Interview",
    "InterviewInvitation",
    "InterviewQuerySet",
    "InterviewSlot",
    "Mark",
    "MentorCommitment",
    "Review",
    "SelectionChange",
]
