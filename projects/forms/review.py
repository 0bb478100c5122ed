"""An org admin's verdict on an idea, and the organization's approval rule."""

from django import forms

from projects.models import IdeaReview
from projects.services.reviews import APPROVALS_MAX, CHECKLIST

Verdict = IdeaReview.Verdict


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when asking for changes or rejecting: the mentors read it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in CHECKLIST:
            self.fields[name] = forms.BooleanField(required=False, label=label, help_text=help_text)
        self.order_fields([name for name, _, _ in CHECKLIST])

    def checklist_fields(self):
        return [self[name] for name, _, _ in CHECKLIST]

    def clean(self):
        cleaned = super().clean()
        verdict = cleaned.get("verdict")
        if verdict in (Verdict.CHANGES, Verdict.REJECT) and not cleaned.get("comment", "").strip():
            reason = "what should change" if verdict == Verdict.CHANGES else "why it is rejected"
            self.add_error("comment", f"Say {reason}, so the mentors know.")
        return cleaned

    @property
    def checklist(self) -> dict[str, bool]:
        return {name: self.cleaned_data.get(name, False) for name, _, _ in CHECKLIST}


class ApprovalRuleForm(forms.Form):
    approvals_required = forms.IntegerField(
        min_value=1,
        max_value=APPROVALS_MAX,
        label="Approvals an idea needs",
        help_text="From distinct org admins, never the idea's own mentors.",
    )
    two_affiliations = forms.BooleanField(
        required=False,
        label="The approvals come from at least two affiliations",
        help_text="Affiliations are read from each person's profile; an empty one does not "
        "count as a second.",
    )

    def __init__(self, *args, participation, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "approvals_required": participation.idea_approvals_required,
                "two_affiliations": participation.idea_approvals_from_two_affiliations,
            },
        )
        kwargs.setdefault("prefix", "rule")
        super().__init__(*args, **kwargs)
