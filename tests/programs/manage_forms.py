"""Form data as a program admin's browser would send it to the round pages."""

import zoneinfo
from datetime import datetime

from programs.forms.widgets import DATETIME_LOCAL_FORMAT
from programs.models import Round, RuleSet
from programs.timeline import MILESTONE_FIELDS


def local_inputs(dates: dict[str, datetime], zone: str = "UTC") -> dict[str, str]:
    """What <input type="datetime-local"> sends: the wall-clock time in `zone`, no offset."""
    tz = zoneinfo.ZoneInfo(zone)
    return {f: dates[f].astimezone(tz).strftime(DATETIME_LOCAL_FORMAT) for f in MILESTONE_FIELDS}


def rules_inputs(rules: RuleSet, **changes) -> dict[str, str]:
    """The rules form of the round page (prefix "rules"), unchecked boxes left out."""
    values = {
        "max_proposals_per_applicant": rules.max_proposals_per_applicant,
        "max_accepted_per_applicant": rules.max_accepted_per_applicant,
        "max_interns_per_mentor": rules.max_interns_per_mentor,
        "mentor_midterm_required": rules.mentor_midterm_required,
        "mentor_final_required": rules.mentor_final_required,
        "intern_midterm_required": rules.intern_midterm_required,
        "intern_final_required": rules.intern_final_required,
        "missing_mentor_evaluation": rules.missing_mentor_evaluation,
        "missing_intern_evaluation": rules.missing_intern_evaluation,
        "extension_max_weeks": rules.extension_max_weeks,
        "extension_cutoff_days": rules.extension_cutoff_days,
        "students_only": rules.students_only,
        "asks_country_for_payments": rules.asks_country_for_payments,
        "schedule_hours_per_week": rules.schedule_hours_per_week or "",
        **changes,
    }
    data = {}
    for field, value in values.items():
        if value is True:
            data[f"rules-{field}"] = "on"
        elif value is not False:
            data[f"rules-{field}"] = str(value)
    return data


def split_inputs(parts: list[dict], rows: int = 3) -> dict[str, str]:
    """The stipend split's rows (prefix "split"): the parts first, then empty rows."""
    data = {
        "split-TOTAL_FORMS": str(rows),
        "split-INITIAL_FORMS": str(len(parts)),
        "split-MIN_NUM_FORMS": "0",
        "split-MAX_NUM_FORMS": str(rows),
    }
    for index in range(rows):
        part = parts[index] if index < len(parts) else {"milestone": "", "percent": ""}
        data[f"split-{index}-milestone"] = part["milestone"]
        data[f"split-{index}-percent"] = str(part["percent"])
    return data


def round_edit_inputs(round_: Round, zone: str = "UTC", **changes) -> dict[str, str]:
    """Everything the round page posts, unchanged unless `changes` says otherwise."""
    data = {
        "name": round_.name,
        "total_slots": str(round_.total_slots),
        **local_inputs(round_.dates, zone),
        **rules_inputs(round_.rules),
        **split_inputs(round_.rules.stipend_split),
    }
    data.update(changes)
    return data
