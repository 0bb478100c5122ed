"""The payments page's buttons: approve the ticked payments, hold one with the reason,
release a held one. Each carries the list and page it was pressed on, to return there."""

from django import forms

from evaluations.services.payments import APPROVE_MAX, REASON_MAX


class PaymentIdsField(forms.MultipleChoiceField):
    """Payment keys ticked on the page: whole numbers only (the service checks they are the
    round's and still waiting)."""

    def valid_value(self, value) -> bool:
        return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12

    def clean(self, value):
        return [int(pk) for pk in super().clean(value)]


class Where(forms.Form):
    """The list and page the button was pressed on."""

    state = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    page = forms.IntegerField(
        required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput
    )


class ApproveForm(Where):
    payment = PaymentIdsField(error_messages={"required": "Tick the payments to approve."})

    def clean_payment(self):
        chosen = self.cleaned_data["payment"]
        if len(chosen) > APPROVE_MAX:
            raise forms.ValidationError(f"Approve at most {APPROVE_MAX} payments at once.")
        return chosen


class HoldForm(Where):
    payment = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why it is held",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The intern, the organization's admins and program admins read it.",
    )


class ReleaseForm(Where):
    payment = forms.IntegerField(min_value=1)
