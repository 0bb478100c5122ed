from django import forms

from notifications.models import NotificationPreference
from notifications.registry import optional_kinds_for


class PreferencesForm(forms.Form):
    """One checkbox per optional kind of message the person's roles can receive: checked
    means "send it to me".

    Kinds about a duty the person owes are not on the form: they always go. Kinds for roles
    they do not hold are not either (an applicant has no invitations to be reminded of); a
    kind posted anyway is not a field, so it is ignored.
    """

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        off = set(
            NotificationPreference.objects.filter(user=user, enabled=False).values_list(
                "kind", flat=True
            )
        )
        for kind in optional_kinds_for(user):
            self.fields[kind.name] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.name not in off
            )

    def enabled(self) -> dict[str, bool]:
        return {name: bool(value) for name, value in self.cleaned_data.items()}
