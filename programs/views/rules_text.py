"""A round's rules in plain words, for the public round page.

Applicants read these sentences to decide whether to apply; they are written for them, not
for the program admins who edit the numbers.
"""

from programs.rules import MissingEvaluation, RuleSet, StipendMilestone

# How each stipend milestone reads inside a sentence ("45% on passing the midterm evaluation").
_STIPEND_WHEN = {
    StipendMilestone.START: "at the start of coding",
    StipendMilestone.MIDTERM: "on passing the midterm evaluation",
    StipendMilestone.FINAL: "on passing the final evaluation",
}

_MISSING_MEANS = {
    MissingEvaluation.FAILS: "the internship fails",
    MissingEvaluation.HOLDS_PAYMENT: "the next stipend payment is held",
    MissingEvaluation.ADMIN_DECIDES: "a program admin decides what happens",
}


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _evaluations(who: str, of_whom: str, midterm: bool, final: bool, missing: str) -> str:
    required = [name for name, needed in (("midterm", midterm), ("final", final)) if needed]
    if not required:
        return f"{who} may evaluate {of_whom}, but no evaluation is required of them."
    which = " and ".join(required)
    means = _MISSING_MEANS.get(missing, missing)
    return (
        f"{who} must evaluate {of_whom} at the {which} evaluation"
        f"{'s' if len(required) > 1 else ''}; if a required evaluation never comes, {means}."
    )


def _stipend(split: list[dict]) -> str:
    if len(split) == 1:
        return f"The stipend is paid in full {_STIPEND_WHEN.get(split[0]['milestone'], '')}."
    parts = [
        f"{part['percent']}% {_STIPEND_WHEN.get(part['milestone'], part['milestone'])}"
        for part in split
    ]
    return "The stipend is paid in parts: " + ", ".join(parts) + "."


def rules_in_words(rules: RuleSet) -> list[str]:
    """One sentence per rule, in the order an applicant cares about them."""
    schedule = (
        [
            "A proposal's schedule has a week for every "
            f"{_count(rules.schedule_hours_per_week, 'hour')} of its idea's expected size."
        ]
        if rules.schedule_hours_per_week
        else []
    )
    return [
        (
            "Only enrolled students may apply."
            if rules.students_only
            else "You do not need to be a student to apply."
        ),
        f"Each applicant may submit up to {_count(rules.max_proposals_per_applicant, 'proposal')}"
        "; withdrawn proposals do not count.",
        f"At most {_count(rules.max_accepted_per_applicant, 'proposal')} per applicant "
        "can be accepted.",
        f"A mentor leads at most {_count(rules.max_interns_per_mentor, 'internship')} at a time.",
        _evaluations(
            "Mentors",
            "their interns",
            rules.mentor_midterm_required,
            rules.mentor_final_required,
            rules.missing_mentor_evaluation,
        ),
        _evaluations(
            "Interns",
            "their mentors",
            rules.intern_midterm_required,
            rules.intern_final_required,
            rules.missing_intern_evaluation,
        ),
        _stipend(rules.stipend_split),
        f"A program admin may extend an internship by up to "
        f"{_count(rules.extension_max_weeks, 'week')} (illness, exams), until "
        f"{_count(rules.extension_cutoff_days, 'day')} before the final evaluation deadline.",
        *schedule,
    ]
