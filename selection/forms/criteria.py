from django import forms

from selection.models import Criterion


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight"]
        help_texts = {"weight": "From 1 to 10: how much it counts in the score."}
