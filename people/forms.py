from django import forms

from people.models import User
from people.timezones import timezone_choices


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form. The zone is pre-filled from the browser."""

    display_name = forms.CharField(
        max_length=150,
        required=False,
        help_text="How others see you; leave empty to use your email.",
    )
    timezone = forms.ChoiceField(
        choices=timezone_choices,
        initial="UTC",
        help_text="Guessed from your browser; every date uses it.",
    )

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.timezone = self.cleaned_data["timezone"]
        user.save(update_fields=["display_name", "timezone"])
