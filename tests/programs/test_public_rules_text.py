"""A round's rules in plain words, as the public round page states them."""

from programs.rules import MissingEvaluation, RuleSet
from programs.views.rules_text import rules_in_words


def test_the_default_rules_read_as_sentences():
    assert rules_in_words(RuleSet()) == [
        "You do not need to be a student to apply.",
        "Each applicant may submit up to 3 proposals; withdrawn proposals do not count.",
        "At most 1 proposal per applicant can be accepted.",
        "A mentor leads at most 2 internships at a time.",
        "Mentors must evaluate their interns at the midterm and final evaluations; "
        "if a required evaluation never comes, the internship fails.",
        "Interns must evaluate their mentors at the midterm and final evaluations; "
        "if a required evaluation never comes, the next stipend payment is held.",
        "The stipend is paid in parts: 10% at the start of coding, 45% on passing the "
        "midterm evaluation, 45% on passing the final evaluation.",
        "A program admin may extend an internship by up to 6 weeks (illness, exams), "
        "until 7 days before the final evaluation deadline.",
    ]


def test_other_rules_change_the_words():
    rules = RuleSet(
        students_only=True,
        max_proposals_per_applicant=1,
        max_interns_per_mentor=1,
        mentor_midterm_required=False,
        missing_mentor_evaluation=MissingEvaluation.ADMIN_DECIDES,
        intern_midterm_required=False,
        intern_final_required=False,
        stipend_split=[{"milestone": "final", "percent": 100}],
        extension_max_weeks=1,
        extension_cutoff_days=1,
    )
    words = rules_in_words(rules)
    assert "Only enrolled students may apply." in words
    assert "Each applicant may submit up to 1 proposal; withdrawn proposals do not count." in words
    assert "A mentor leads at most 1 internship at a time." in words
    assert (
        "Mentors must evaluate their interns at the final evaluation; if a required "
        "evaluation never comes, a program admin decides what happens." in words
    )
    assert "Interns may evaluate their mentors, but no evaluation is required of them." in words
    assert "The stipend is paid in full on passing the final evaluation." in words
    assert words[-1].startswith("A program admin may extend an internship by up to 1 week ")
    assert words[-1].endswith("until 1 day before the final evaluation deadline.")


def test_a_schedule_that_follows_the_ideas_size_is_said_in_hours():
    assert rules_in_words(RuleSet(schedule_hours_per_week=15))[-1] == (
        "A proposal's schedule has a week for every 15 hours of its idea's expected size."
    )
