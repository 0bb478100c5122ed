"""The selection page's forms: select or deselect one proposal of the ranked list (a button
per row), and a program admin's resolution of a conflict."""

from django import forms

from selection.services.choosing import MAX_REASON


class SelectionChangeForm(forms.Form):
    """One row's button: which proposal, select or deselect, and (after the results, for a
    program admin) why."""

    SELECT = "select"
    DESELECT = "deselect"

    proposal = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(SELECT, "Select"), (DESELECT, "Deselect")], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        max_length=MAX_REASON,
        required=False,
        strip=True,
        help_text="After the results, a program admin says why the selection changes.",
    )
    # The page of the list to return to.
    page = forms.IntegerField(
        min_value=1, max_value=100_000, required=False, widget=forms.HiddenInput
    )


class ConflictResolveForm(forms.Form):
    """Which selections to keep (one, or up to the round's rule); the others are released."""

    keep = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Keep the selection of",
        error_messages={"required": "Choose the selection to keep."},
    )
    note = forms.CharField(
        label="Note",
        max_length=MAX_REASON,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why, for the record (required after the results are announced).",
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = choices
