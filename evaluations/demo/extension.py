"""The demo's one extension, granted at a moment of the story that may lie in the past."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError

from evaluations.models import Internship, InternshipEvent
from evaluations.services.extensions import extend
from people.models import User

# What an extension moves (as the service does), midterm window included.
MOVED = ("ends_at", "final_opens", "final_closes", "midterm_opens", "midterm_closes")


def extend_as_at(
    internship: Internship, *, by: User, weeks: int, reason: str, at: datetime
) -> InternshipEvent:
    """Extend the internship (midterm window included) as a program admin did at `at`.

    Through the service when it agrees: it judges by the clock, so while the demo's moment
    of the extension is still one the rules allow (before the midterm window opens), it is
    the service's own record. Once the demo stands later (the window it moves has opened),
    the service rightly refuses, and the demo writes the record the service wrote back then:
    the same dates moved, the same event. Either way the event carries the story's moment.
    """
    try:
        event = extend(internship=internship, by=by, weeks=weeks, reason=reason, midterm=True)
    except ValidationError:
        event = _as_the_service_did(internship, by=by, weeks=weeks, reason=reason, at=at)
    InternshipEvent.objects.filter(pk=event.pk).update(at=at)
    event.at = at
    return event


def _as_the_service_did(
    internship: Internship, *, by: User, weeks: int, reason: str, at: datetime
) -> InternshipEvent:
    fields = MOVED
    before = {name: getattr(internship, name) for name in fields}
    for name in fields:
        setattr(internship, name, before[name] + timedelta(weeks=weeks))
    internship.save(update_fields=list(fields))
    return InternshipEvent.objects.create(
        internship=internship,
        kind=InternshipEvent.Kind.EXTENSION,
        from_status=internship.status,
        to_status=internship.status,
        by=by,
        at=at,
        reason=reason,
        details={
            "weeks": weeks,
            "before": {name: value.isoformat() for name, value in before.items()},
            "after": {name: getattr(internship, name).isoformat() for name in fields},
        },
    )
