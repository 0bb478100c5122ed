"""Forms for an organization's participation (its organization application), its dashboard
and invitations. They parse and check input only; the services decide what may happen."""

from django import forms
from django.utils import timezone

from programs.forms.widgets import LocalDateTimeInput
from programs.models import Membership, MentorRequest, Organization, Participation
from programs.services.memberships import INVITATION_LIFETIME
from programs.services.participations import ANSWER_FIELDS

TERMS_LABEL = "I accept the program's terms and the commitment"


class OrganizationForm(forms.ModelForm):
    """A new organization, entered by the person applying for it."""

    class Meta:
        model = Organization
        fields = [
            "name",
            "slug",
            "description",
            "website",
            "source_repository",
            "mailing_list",
            "chat_channels",
            "logo_url",
            "wiki_url",
            "umbrella",
        ]
        help_texts = {"slug": "In the organization's address, e.g. qemu. Letters, digits, -."}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "org")
        super().__init__(*args, **kwargs)
        self.fields["umbrella"].queryset = Organization.objects.filter(umbrella=None)


class ParticipationAnswersForm(forms.ModelForm):
    """The questions an organization answers; the same form edits them on the dashboard.

    Pass a participation whose round is set (a new, unsaved one when applying).
    """

    class Meta:
        model = Participation
        fields = list(ANSWER_FIELDS)
        widgets = {"gate_deadline": LocalDateTimeInput()}
        help_texts = {
            "previous_participation": "Earlier rounds of this or other programs, and how "
            "they went.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty means no gate, as 0 does.
        self.fields["gate_contributions"].required = False

    def clean_gate_contributions(self):
        return self.cleaned_data["gate_contributions"] or 0

    def clean_gate_deadline(self):
        deadline = self.cleaned_data["gate_deadline"]
        round_ = self.instance.round
        if deadline is not None and deadline > round_.results_announced:
            raise forms.ValidationError(
                "The contribution deadline must come before the results are announced "
                f"({timezone.localtime(round_.results_announced):%a %d %b %Y, %H:%M %Z})."
            )
        return deadline


class ParticipationStartForm(forms.Form):
    """Which organization the person applies for, and their acceptance of the terms."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        empty_label="A new organization (describe it below)",
        help_text="Organizations you coordinated in an earlier round.",
    )
    accept_terms = forms.BooleanField(label=TERMS_LABEL)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class InvitationForm(forms.Form):
    email = forms.EmailField(
        help_text=f"The link is single use and works for {INVITATION_LIFETIME.days} days."
    )
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MENTOR)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "invite")
        super().__init__(*args, **kwargs)


class AcceptInvitationForm(forms.Form):
    accept_terms = forms.BooleanField(label=TERMS_LABEL)


class MentorRequestForm(forms.ModelForm):
    """What a person asking to mentor tells the organization's admins."""

    class Meta:
        model = MentorRequest
        fields = ["motivation", "topics", "hours_per_week"]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 3}),
        }


class MentorRequestAnswerForm(forms.Form):
    """An org admin's decision on a request to mentor, with a word for the person."""

    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    answer = forms.CharField(
        label="A word for them",
        max_length=MentorRequest._meta.get_field("answer").max_length,
        required=False,
        widget=forms.TextInput,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "answer")
        super().__init__(*args, **kwargs)
