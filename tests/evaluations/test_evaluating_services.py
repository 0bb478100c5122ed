"""Submitting evaluations: who gives which side, inside which window, what answers agree, and
that a phase has one result per side, never edited."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations.models import Evaluation, Internship
from evaluations.services.evaluating import submit_intern_evaluation, submit_mentor_evaluation
from evaluations.services.internships import withdraw
from tests.evaluations.evaluation_world import (
    AFTER_MIDTERM,
    BEFORE_MIDTERM,
    IN_FINAL,
    intern_answers,
    internship_at,
    mentor_answers,
)
from tests.factories import (
    DecisionFactory,
    MembershipFactory,
    MentorEvaluationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_mentor(participation):
    user = UserFactory(display_name="Cora Comentor", timezone="America/New_York")
    MembershipFactory(participation=participation, user=user)
    return user


@pytest.fixture
def internship(participation, applicant, mentor, co_mentor):
    return internship_at(participation, applicant, [mentor, co_mentor])


def refused(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return " ".join(caught.value.messages)


def test_a_mentor_passes_the_intern_and_the_result_is_recorded_as_theirs(internship, mentor):
    evaluation = submit_mentor_evaluation(
        internship=internship, phase="midterm", by=mentor, answers=mentor_answers()
    )

    assert evaluation.side == "mentor"
    assert (evaluation.result, evaluation.action) == ("pass", "pay")
    assert evaluation.submitted_by == mentor
    assert evaluation.in_place_of_mentor is False
    assert evaluation.progress.startswith("Weeks 1 to 6")


def test_the_second_co_mentor_is_told_the_first_already_gave_the_result(
    internship, mentor, co_mentor
):
    submit_mentor_evaluation(
        internship=internship, phase="midterm", by=mentor, answers=mentor_answers()
    )

    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=co_mentor,
        answers=mentor_answers(result="fail", action="end"),
    )

    assert "already submitted by Mira Mentor" in message
    assert "one result per phase" in message
    assert Evaluation.objects.get().result == "pass"


def test_a_submitted_evaluation_cannot_be_submitted_again_or_changed(internship, mentor):
    submit_mentor_evaluation(
        internship=internship, phase="midterm", by=mentor, answers=mentor_answers()
    )

    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(code="Rewritten."),
    )

    assert "already submitted by you" in message
    assert "cannot be changed" in message
    assert Evaluation.objects.get().code == "Clean series, reviewed twice."


@pytest.mark.parametrize(
    ("result", "action", "says"),
    [
        ("fail", "pay", "A fail cannot be paid"),
        ("fail", "extend", "A fail cannot ask for an extension"),
        ("pass", "end", "A pass cannot end the internship"),
    ],
)
def test_contradictory_answers_are_refused(internship, mentor, result, action, says):
    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(result=result, action=action, extend_weeks=2),
    )

    assert says in message
    assert not Evaluation.objects.exists()


def test_an_extension_is_asked_within_the_rounds_limit_and_dates_do_not_move(
    internship, mentor, round_
):
    round_.rules.extension_max_weeks = 3
    round_.rules.save()
    internship = Internship.objects.get(pk=internship.pk)
    ends = internship.ends_at

    too_long = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(action="extend", extend_weeks=4),
    )
    none = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(action="extend", extend_weeks=None),
    )
    evaluation = submit_mentor_evaluation(
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(action="extend", extend_weeks=3),
    )

    assert "1 to 3 weeks" in too_long and "1 to 3 weeks" in none
    assert (evaluation.action, evaluation.extend_weeks) == ("extend", 3)
    assert Internship.objects.get(pk=internship.pk).ends_at == ends  # a request, not a move


def test_weeks_given_with_pay_are_not_kept(internship, mentor):
    evaluation = submit_mentor_evaluation(
        internship=internship, phase="midterm", by=mentor, answers=mentor_answers(extend_weeks=2)
    )

    assert evaluation.extend_weeks is None


def test_no_extension_is_asked_at_the_final_whose_window_is_already_open(
    participation, applicant, mentor
):
    internship = internship_at(participation, applicant, [mentor], weeks_in=IN_FINAL)
    MentorEvaluationFactory(internship=internship)

    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="final",
        by=mentor,
        answers=mentor_answers(action="extend", extend_weeks=1),
    )

    assert "final evaluation window, which is already open" in message


def test_a_mentor_fail_is_recorded_and_leaves_the_status_to_the_settle_sweep(internship, mentor):
    submit_mentor_evaluation(
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(result="fail", action="end"),
    )

    assert Internship.objects.get(pk=internship.pk).status == "active"


@pytest.mark.parametrize("blank", ["progress", "communication", "code"])
def test_each_mentor_answer_is_required(internship, mentor, blank):
    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(**{blank: "  "}),
    )

    assert "it is required" in message


def test_before_the_window_opens_it_is_refused_naming_the_window_in_the_persons_zone(
    participation, applicant, co_mentor
):
    internship = internship_at(participation, applicant, [co_mentor], weeks_in=BEFORE_MIDTERM)

    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=co_mentor,
        answers=mentor_answers(),
    )

    local = timezone.localtime(internship.midterm_opens, ZoneInfo("America/New_York"))
    assert "has not opened yet" in message
    assert local.strftime("%H:%M") in message
    assert local.tzname() in message  # New York's, not the server's


def test_after_the_window_closed_the_intern_is_refused_in_their_zone(
    participation, applicant, mentor
):
    internship = internship_at(participation, applicant, [mentor], weeks_in=AFTER_MIDTERM)

    message = refused(
        submit_intern_evaluation,
        internship=internship,
        phase="midterm",
        by=applicant,
        answers=intern_answers(),
    )

    assert "has closed" in message
    assert "IST" in message  # Asia/Kolkata


def test_an_extended_window_is_honoured_and_the_old_one_is_not(participation, applicant, mentor):
    # The internship's midterm moved two weeks later: the round's window, open now, is not
    # this internship's any more.
    internship = internship_at(participation, applicant, [mentor])
    Internship.objects.filter(pk=internship.pk).update(
        midterm_opens=internship.midterm_opens + timedelta(weeks=2),
        midterm_closes=internship.midterm_closes + timedelta(weeks=2),
    )
    moved = Internship.objects.get(pk=internship.pk)

    assert "has not opened yet" in refused(
        submit_mentor_evaluation,
        internship=moved,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(),
    )
    with time_machine.travel(moved.midterm_opens + timedelta(hours=1), tick=False):
        assert submit_mentor_evaluation(
            internship=moved, phase="midterm", by=mentor, answers=mentor_answers()
        )


def test_no_final_is_asked_after_a_failed_midterm(participation, applicant, mentor):
    internship = internship_at(participation, applicant, [mentor], weeks_in=IN_FINAL)
    MentorEvaluationFactory(internship=internship, result="fail")

    for call, by, answers in (
        (submit_mentor_evaluation, mentor, mentor_answers()),
        (submit_intern_evaluation, applicant, intern_answers(work_url="https://example.org/w")),
    ):
        message = refused(call, internship=internship, phase="final", by=by, answers=answers)
        assert "No final evaluation is asked for: The midterm was failed." in message


def test_while_the_midterm_is_open_the_final_tells_the_intern_nothing_of_a_fail(
    internship, applicant
):
    """The intern reads the mentors' result only once the midterm closes: the final's
    refusal names its window, not "the midterm was failed"."""
    MentorEvaluationFactory(internship=internship, result="fail")

    message = refused(
        submit_intern_evaluation,
        internship=internship,
        phase="final",
        by=applicant,
        answers=intern_answers(work_url="https://example.org/w"),
    )

    assert "has not opened yet" in message
    assert "fail" not in message.lower()


def test_a_withdrawn_internship_asks_for_no_evaluation(internship, applicant):
    withdraw(internship=internship, by=applicant, reason="A job offer.")

    message = refused(
        submit_intern_evaluation,
        internship=internship,
        phase="midterm",
        by=applicant,
        answers=intern_answers(),
    )

    assert "withdrawn" in message


def test_a_side_the_rules_do_not_require_may_still_be_given(internship, applicant, round_):
    round_.rules.intern_midterm_required = False
    round_.rules.save()
    internship = Internship.objects.get(pk=internship.pk)

    evaluation = submit_intern_evaluation(
        internship=internship, phase="midterm", by=applicant, answers=intern_answers()
    )

    assert evaluation.side == "intern"


def test_an_org_admin_submits_in_place_of_the_mentors_and_it_is_recorded(internship, org_admin):
    evaluation = submit_mentor_evaluation(
        internship=internship, phase="midterm", by=org_admin, answers=mentor_answers()
    )

    assert evaluation.in_place_of_mentor is True
    assert evaluation.submitted_by == org_admin


@pytest.mark.parametrize("person", ["program_admin", "outsider", "applicant"])
def test_others_do_not_give_the_mentors_evaluation(internship, person, request):
    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=request.getfixturevalue(person),
        answers=mentor_answers(),
    )

    assert "Only the mentors" in message


@pytest.mark.parametrize("person", ["mentor", "org_admin", "program_admin"])
def test_only_the_intern_gives_the_interns_evaluation(internship, person, request):
    message = refused(
        submit_intern_evaluation,
        internship=internship,
        phase="midterm",
        by=request.getfixturevalue(person),
        answers=intern_answers(),
    )

    assert "Only the intern" in message


def test_the_interns_final_carries_the_link_to_the_work_done(participation, applicant, mentor):
    internship = internship_at(participation, applicant, [mentor], weeks_in=IN_FINAL)
    MentorEvaluationFactory(internship=internship)

    missing = refused(
        submit_intern_evaluation,
        internship=internship,
        phase="final",
        by=applicant,
        answers=intern_answers(),
    )
    not_web = refused(
        submit_intern_evaluation,
        internship=internship,
        phase="final",
        by=applicant,
        answers=intern_answers(work_url="javascript:alert(1)"),
    )
    evaluation = submit_intern_evaluation(
        internship=internship,
        phase="final",
        by=applicant,
        answers=intern_answers(work_url="https://gitlab.com/qemu/backup"),
    )

    assert "the link is required" in missing
    assert "web address" in not_web
    assert evaluation.work_url == "https://gitlab.com/qemu/backup"


def test_the_interns_midterm_needs_no_link(internship, applicant):
    evaluation = submit_intern_evaluation(
        internship=internship,
        phase="midterm",
        by=applicant,
        answers=intern_answers(work_url="https://example.org/ignored"),
    )

    assert evaluation.work_url == ""


def test_a_phase_a_program_admin_decided_takes_no_mentor_result(internship, mentor, applicant):
    DecisionFactory(internship=internship, phase="midterm", outcome="passed")

    message = refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="midterm",
        by=mentor,
        answers=mentor_answers(),
    )

    assert "already decided" in message
    # The intern's word on the mentors is still taken.
    assert submit_intern_evaluation(
        internship=internship, phase="midterm", by=applicant, answers=intern_answers()
    )


def test_an_unknown_phase_is_refused(internship, mentor):
    assert "midterm or the final" in refused(
        submit_mentor_evaluation,
        internship=internship,
        phase="kickoff",
        by=mentor,
        answers=mentor_answers(),
    )
