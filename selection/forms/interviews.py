"""The forms of interviews: publishing slots, inviting, recording, cancelling and moving.

Times are typed in the viewer's zone (the middleware activates it; Django's DateTimeField
reads what was typed there and refuses a time a daylight-saving change skips), stored in UTC.
"""

from datetime import timedelta

from django import forms
from django.utils import timezone

from people.dates import moment_text
from programs.forms.widgets import LocalDateTimeInput
from selection.models import DEFAULT_LENGTH, Interview
from selection.services.interviews import (
    LENGTHS,
    MAX_SLOTS_AT_ONCE,
    MESSAGE_MAX,
    NOTES_MAX,
    REASON_MAX,
    WHERE_MAX,
    SlotRun,
)


class SlotsForm(forms.Form):
    starts_at = forms.DateTimeField(label="First slot starts", widget=LocalDateTimeInput())
    count = forms.IntegerField(
        label="How many slots",
        min_value=1,
        max_value=MAX_SLOTS_AT_ONCE,
        initial=1,
        help_text=f"Back to back, from the first start; at most {MAX_SLOTS_AT_ONCE} at once.",
    )
    length = forms.TypedChoiceField(
        label="Length of each",
        choices=[(m, f"{m} minutes") for m in LENGTHS],
        coerce=int,
        initial=int(DEFAULT_LENGTH.total_seconds() // 60),
    )
    where = forms.CharField(
        label="Where",
        max_length=WHERE_MAX,
        help_text="A call link or a chat channel, as the applicant will see it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        self.fields["starts_at"].help_text = f"In your time zone, {zone}."

    def run(self) -> SlotRun:
        data = self.cleaned_data
        return SlotRun(
            starts_at=data["starts_at"],
            count=data["count"],
            length=timedelta(minutes=data["length"]),
            where=data["where"],
        )


class InviteForm(forms.Form):
    message = forms.CharField(
        label="A word to the applicant (optional)",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecordForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Interview.Outcome.choices, required=False)
    notes = forms.CharField(
        label="Notes (the organization's only; the applicant never sees them)",
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why (the other side reads it)",
        required=False,
        max_length=REASON_MAX,
    )


class MoveForm(CancelForm):
    """The new slot is chosen among the mentor's free future slots, which the view gives."""

    slot = forms.TypedChoiceField(label="New time", coerce=int)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {slot.pk: slot for slot in slots}
        self.fields["slot"].choices = [
            (slot.pk, f"{moment_text(slot.starts_at)} ({slot.length_minutes} minutes)")
            for slot in slots
        ]
