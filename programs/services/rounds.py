"""Opening and editing rounds: the timeline, the slot budget and the round's own rules."""

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from people.models import User
from programs import timeline
from programs.models import Program, Round
from programs.overview import slots_granted_in
from programs.rules import RuleSet
from programs.services.checks import require_program_admin

logger = logging.getLogger(__name__)


def _check_timeline(dates: Mapping[str, datetime]) -> None:
    # A missing or misspelt milestone is a programming error, not something a person typed.
    missing = set(timeline.MILESTONE_FIELDS) - set(dates)
    unknown = set(dates) - set(timeline.MILESTONE_FIELDS)
    if missing or unknown:
        raise ValueError(f"Timeline dates: missing {sorted(missing)}, unknown {sorted(unknown)}.")
    # Dates out of order: each named once, on its own field (the constraints of the pairs it
    # breaks would name it once per pair, with no field).
    problems = timeline.out_of_order(dict(dates))
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def round_open(
    *,
    program: Program,
    by: User,
    name: str,
    slug: str,
    total_slots: int,
    dates: Mapping[str, datetime],
) -> Round:
    """Open a round of `program` with its timeline and a private copy of the program's rules.

    1. Validate the round as the database would (dates in timeline order, unique slug), so a
       mistake comes back as a ValidationError naming the dates, not as an IntegrityError.
    2. Copy the program's default rules: later edits of the defaults never rewrite this round.
    3. Save.
    """
    require_program_admin(by=by, to="open a round")
    _check_timeline(dates)
    round_ = Round(program=program, name=name, slug=slug, total_slots=total_slots, **dates)
    round_.full_clean(exclude=["rules"])
    round_.rules = program.default_rules.copy()
    round_.save()
    logger.info("Round %s opened by %s (user %s)", round_.slug, by.email, by.pk)
    return round_


@transaction.atomic
def round_update(
    *,
    round_: Round,
    by: User,
    name: str,
    total_slots: int,
    dates: Mapping[str, datetime],
    rules: Mapping[str, Any] | None = None,
) -> Round:
    """Change a round's name, slot budget, timeline and (optionally) its own rules.

    The round row is locked first, as `slots_grant` does, so the budget cannot be cut below
    the slots granted while another admin is granting more.
    """
    require_program_admin(by=by, to="change a round")
    _check_timeline(dates)
    locked = Round.objects.select_for_update().select_related("rules").get(pk=round_.pk)
    coding_started = locked.coding_start
    granted = slots_granted_in(locked)
    if total_slots < granted:
        raise ValidationError(
            {
                "total_slots": f"{granted} slots are already granted to organizations in this "
                f"round; the total cannot go below {granted} (you entered {total_slots})."
            }
        )
    locked.name = name
    locked.total_slots = total_slots
    for field, moment in dates.items():
        setattr(locked, field, moment)
    locked.full_clean()
    changed = ["name", "total_slots", *timeline.MILESTONE_FIELDS]
    locked.save(update_fields=changed)

    if rules is not None:
        _check_judging_rules_unchanged(locked.rules, rules, coding_started)
        for field, value in rules.items():
            setattr(locked.rules, field, value)
        locked.rules.full_clean()
        locked.rules.save(update_fields=list(rules))

    logger.info("Round %s edited by %s (user %s)", locked.slug, by.email, by.pk)
    return locked


# The rules internships are judged and paid by: once coding started, outcomes already settled
# were computed from them, and changing one would make the site read those again otherwise
# (a held midterm turned into a fail, an internship past its midterm asked no final). A
# program admin settles a single case with a decision on the internship instead.
JUDGING_RULES = (
    "mentor_midterm_required",
    "mentor_final_required",
    "intern_midterm_required",
    "intern_final_required",
    "missing_mentor_evaluation",
    "missing_intern_evaluation",
    "stipend_split",
)


def _check_judging_rules_unchanged(
    current: RuleSet, wanted: Mapping[str, Any], coding_started: datetime
) -> None:
    if timezone.now() < coding_started:
        return
    changed = [
        field
        for field in JUDGING_RULES
        if field in wanted and wanted[field] != getattr(current, field)
    ]
    if changed:
        raise ValidationError(
            {
                field: "Coding has started: internships are evaluated and paid by this rule, "
                "so it no longer changes (decide a single internship's outcome on its page)."
                for field in changed
            }
        )
