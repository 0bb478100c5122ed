import re

from django import forms

from people.models import User
from people.timezones import timezone_choices
from people.widgets import TimezoneSelect

TIMEZONE_ERROR = "Pick a time zone from the list, for example Europe/Berlin."


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form. The zone is pre-filled from the browser."""

    display_name = forms.CharField(
        max_length=150,
        required=False,
        help_text="How others see you; leave empty to use your email.",
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=timezone_choices,
        initial="UTC",
        help_text="Guessed from your browser; every date uses it.",
        error_messages={"invalid_choice": TIMEZONE_ERROR},
        # static/js/timezone.js looks for this attribute to pre-fill the browser's zone.
        widget=TimezoneSelect(attrs={"data-guess-timezone": ""}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # A re-rendered form shows what the person picked; the script must not replace it.
            self.fields["timezone"].widget.attrs["data-touched"] = "1"

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.timezone = self.cleaned_data["timezone"]
        user.save(update_fields=["display_name", "timezone"])


# The handle rules of each service, so a typo is caught here rather than by a broken link.
GITHUB_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
GITLAB_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
MATRIX_ID = re.compile(r"^@[^\s:]+:[A-Za-z0-9.-]+(?::\d+)?$")
IRC_NICK = re.compile(r"^[A-Za-z\[\]\\`_^{|}][A-Za-z0-9\[\]\\`_^{|}-]*$")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "pronouns",
            "timezone",
            "irc_nick",
            "matrix_id",
            "github_username",
            "gitlab_username",
            "affiliation",
            "show_email",
        ]
        widgets = {"timezone": TimezoneSelect}
        error_messages = {"timezone": {"invalid_choice": TIMEZONE_ERROR}}

    def clean_github_username(self) -> str:
        name = self.cleaned_data["github_username"].strip().removeprefix("@")
        if name and not GITHUB_NAME.match(name):
            raise forms.ValidationError(
                "A GitHub user name has letters, digits and single hyphens, at most 39 "
                "characters, and does not start or end with a hyphen."
            )
        return name

    def clean_gitlab_username(self) -> str:
        name = self.cleaned_data["gitlab_username"].strip().removeprefix("@")
        if name and (not GITLAB_NAME.match(name) or name.endswith((".", ".git", ".atom"))):
            raise forms.ValidationError(
                "A GitLab user name has letters, digits, '_', '.' and '-', and does not end "
                "with '.', '.git' or '.atom'."
            )
        return name

    def clean_matrix_id(self) -> str:
        matrix_id = self.cleaned_data["matrix_id"].strip()
        if matrix_id and not MATRIX_ID.match(matrix_id):
            raise forms.ValidationError("A Matrix ID looks like @alice:matrix.org.")
        return matrix_id

    def clean_irc_nick(self) -> str:
        nick = self.cleaned_data["irc_nick"].strip()
        if nick and not IRC_NICK.match(nick):
            raise forms.ValidationError(
                "An IRC nick has no spaces and starts with a letter, for example alice_."
            )
        return nick
