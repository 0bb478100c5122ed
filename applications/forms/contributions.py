"""Recording or changing a contribution.

The organization is typed (its name or the short name in its address), not chosen from a
list: a round may hold thousands of organizations, and no page renders all of them. The
organization's page links here with it filled in (`?org=<slug>`).
"""

from django import forms
from django.db.models import Q

from applications.models import Contribution
from applications.services.contributions import DESCRIPTION_MAX, URL_MAX
from programs.models import Participation, Round


class ContributionForm(forms.Form):
    participation = forms.CharField(
        label="Organization",
        max_length=120,
        help_text="Its name as on its page in this round, e.g. QEMU.",
    )
    url = forms.URLField(
        label="Link",
        max_length=URL_MAX,
        assume_scheme="https",
        help_text="The patch, pull request or merge request (https:// or http://).",
    )
    description = forms.CharField(
        label="What it does",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    state = forms.ChoiceField(label="State upstream", choices=Contribution.State.choices)
    accepted_at = forms.DateField(
        label="Accepted upstream on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Only for a contribution accepted upstream.",
    )

    def __init__(self, *args, round_: Round, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        if editing:
            # A contribution stays with the organization it was made to.
            del self.fields["participation"]

    def clean_participation(self) -> Participation:
        """The accepted organization of the round by that name or address name: one query."""
        typed = self.cleaned_data["participation"].strip()
        participation = (
            Participation.objects.filter(round=self.round, status=Participation.Status.ACCEPTED)
            .filter(Q(organization__name__iexact=typed) | Q(organization__slug=typed.lower()))
            .select_related("organization", "round")
            .first()
        )
        if participation is None:
            raise forms.ValidationError(
                f"No organization called “{typed}” takes part in {self.round.name}."
            )
        return participation

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.startswith(("https://", "http://")):
            raise forms.ValidationError("Only https:// or http:// links.")
        return url

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "url": data["url"],
            "description": data["description"],
            "state": data["state"],
            "accepted_at": data.get("accepted_at"),
        }

    @classmethod
    def initial_for(cls, contribution: Contribution) -> dict:
        return {
            "url": contribution.url,
            "description": contribution.description,
            "state": contribution.state,
            "accepted_at": contribution.accepted_at,
        }
