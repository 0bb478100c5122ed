"""A program admin's decision on a phase: the outcome and the reason, both required."""

from django import forms

from evaluations.models import Decision


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Why",
        max_length=2000,
        widget=forms.Textarea,
        help_text="The intern, the mentors and the organization's admins read it. It cannot "
        "be changed afterwards.",
    )
