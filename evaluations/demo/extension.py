"""The demo's one extension, granted at a moment of the story that may lie in the past."""

from datetime import datetime

from django.core.exceptions import ValidationError

from evaluations.models import Internship, InternshipEvent
from evaluations.services.extensions import MIDTERM, MOVED, extend, shift
from people.models import User


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
        event = shift(internship, fields=MOVED + MIDTERM, weeks=weeks, by=by, reason=reason, at=at)
    InternshipEvent.objects.filter(pk=event.pk).update(at=at)
    event.at = at
    return event
