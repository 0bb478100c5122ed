"""A program admin's revocation of a certificate."""

from django import forms

from evaluations.services.certificates import REASON_MAX


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why the certificate is revoked",
        max_length=REASON_MAX,
        widget=forms.Textarea,
        help_text="Kept for program admins; the public page says only that it was revoked.",
    )
