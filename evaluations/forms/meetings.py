"""The weekly meeting log form: typed in the person's own zone, every text capped."""

from django import forms

from evaluations.models import WeeklyMeeting
from evaluations.services.meetings import MeetingContent
from programs.forms.widgets import LocalDateTimeInput


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(label="When it happened", widget=LocalDateTimeInput())
    attendees = forms.CharField(
        label="Who attended",
        max_length=500,
        required=False,
        help_text="Names, or “everyone”.",
    )
    progress = forms.CharField(label="Progress", max_length=5000, widget=forms.Textarea)
    blockers = forms.CharField(
        label="Blockers", max_length=5000, required=False, widget=forms.Textarea
    )
    next_steps = forms.CharField(
        label="Next steps", max_length=5000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_at"].help_text = f"In your time zone, {zone}."

    @staticmethod
    def initial_for(meeting: WeeklyMeeting) -> dict:
        return {
            "held_at": meeting.held_at,
            "attendees": meeting.attendees,
            "progress": meeting.progress,
            "blockers": meeting.blockers,
            "next_steps": meeting.next_steps,
        }

    def content(self) -> MeetingContent:
        return MeetingContent(**self.cleaned_data)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why the internship ends early",
        max_length=2000,
        widget=forms.Textarea,
        help_text="The intern, the mentors and the organization's admins read it.",
    )


class ExtendForm(forms.Form):
    # The longest extension is the round's rule: the service says it, in the round's terms.
    weeks = forms.IntegerField(label="Weeks later", min_value=1, initial=1)
    midterm = forms.BooleanField(
        label="Move the midterm window too",
        required=False,
        help_text="Only before the midterm window opens.",
    )
    reason = forms.CharField(
        label="Why it is extended",
        max_length=2000,
        widget=forms.Textarea,
        help_text="The intern, the mentors and the organization's admins read it.",
    )
