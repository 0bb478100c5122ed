"""Recording or changing a contribution."""

from django import forms

from applications.models import Contribution
from applications.services.contributions import DESCRIPTION_MAX, URL_MAX
from programs.models import Participation, Round


class ContributionForm(forms.Form):
    participation = forms.ModelChoiceField(
        label="Organization",
        queryset=Participation.objects.none(),
        empty_label="Choose…",
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
        if editing:
            # A contribution stays with the organization it was made to.
            del self.fields["participation"]
        else:
            self.fields["participation"].queryset = (
                Participation.objects.filter(round=round_, status=Participation.Status.ACCEPTED)
                .select_related("organization")
                .order_by("organization__name")
            )
            self.fields["participation"].label_from_instance = lambda p: p.organization.name

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
