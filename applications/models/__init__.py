"""An applicant's side of a round, up to the application deadline.

Imports `people`, `programs` and `projects`; nothing lower imports this app (an idea page
links to proposals by URL name, never by import). Rules a database can hold are constraints
here; rules that depend on the clock or on another row's state (the deadline, the round's
cap, a published idea, an eligible applicant) are the services', in one transaction.

**Application** (one per applicant per round, unique): the program's eligibility questions,
answered once before the first proposal. Hours a week free during the coding period; other
commitments with their dates as `Commitment` rows (what, from, until: a small related model
rather than JSON, so the dates are real dates the database orders and checks, a mentor's list
can show those overlapping the coding period in one query, and the form is an ordinary
formset); whether they are a student (null when the round's rules do not ask:
`RuleSet.students_only`); the country they live in (blank when the program does not pay
through it: `RuleSet.asks_country_for_payments`). The applicant's time zone is their
profile's, never copied here. A program admin's verdict lives on the same row: an
`ineligible_reason` the applicant sees, with who and when; eligible while the reason is empty.

**Contribution**: a patch or merge request an applicant made to an organization taking part
(a `programs.Participation`), with its state upstream (submitted, or accepted on a date) and a
mentor's verdict (unreviewed, confirmed or rejected, with who and when). The organization's
gate (`Participation.gate_contributions` by `gate_deadline`) counts contributions accepted by
the deadline's date AND confirmed by a mentor: `Contribution.objects.toward_gate(...)`.

**Proposal**: an applicant's plan for one published idea (or a custom idea a mentor adopted),
tied to their application: title, problem, implementation outline, other commitments during
the internship, links (JSON rows like an idea's links). Its status is draft, submitted or
withdrawn, each with its moment; at most one proposal that is not withdrawn per applicant and
idea, so withdrawing and applying again makes a new row and keeps the history. `preference`
is the applicant's order among their submitted proposals; only program admins ever see it
(no page, JSON or email for anyone else reads the field). An org admin may let one proposal
be edited after the deadline until `editable_until`, with who, why and when recorded.

**ProposalWeek**: one row of a proposal's schedule, week 1..N of the round's coding period,
its first day computed from the round when the schedule is made (stored, so a later change to
the round's dates does not silently move what an applicant promised), and the deliverable.
"""

from applications.models.application import Application, ApplicationQuerySet, Commitment
from applications.models.contribution import Contribution, ContributionQuerySet
from applications.models.proposal import Proposal, ProposalQuerySet, ProposalWeek

__all__ = [
    "Application",
    "ApplicationQuerySet",
    "Commitment",
    "Contribution",
    "ContributionQuerySet",
    "Proposal",
    "ProposalQuerySet",
    "ProposalWeek",
]
