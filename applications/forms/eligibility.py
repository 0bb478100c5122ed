"""The eligibility form: the round's questions, only those its rules ask, and the applicant's
other commitments as rows (what, from, until)."""

from django import forms

from applications.countries import country_choices
from applications.models import Application
from applications.models.application import HOURS_IN_A_WEEK
from applications.services.eligibility import COMMITMENTS_MAX, CommitmentRow
from programs.models import Round

# Rows to fill are always shown beside the ones already there; a form with an error gives back
# exactly the rows typed.
COMMITMENT_ROWS_EXTRA = 3

STUDENT_CHOICES = [("", "Choose…"), ("yes", "Yes, I am enrolled"), ("no", "No")]


class ApplicationForm(forms.Form):
    hours_per_week = forms.IntegerField(
        label="Hours a week you are free during the coding period",
        min_value=0,
        max_value=HOURS_IN_A_WEEK,
    )
    is_student = forms.TypedChoiceField(
        label="Are you enrolled as a student?",
        choices=STUDENT_CHOICES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        help_text="This round is open to enrolled students only.",
    )
    country = forms.ChoiceField(
        label="Country you live in",
        required=False,
        help_text="The program needs it to pay the stipend.",
    )

    def __init__(self, *args, round_: Round, **kwargs):
        super().__init__(*args, **kwargs)
        rules = round_.rules
        # Only the questions this round's rules ask; the service drops the others anyway.
        if not rules.students_only:
            del self.fields["is_student"]
        if rules.asks_country_for_payments:
            self.fields["country"].choices = [("", "Choose…"), *country_choices()]
        else:
            del self.fields["country"]

    @classmethod
    def initial_for(cls, application: Application | None) -> dict:
        if application is None:
            return {}
        student = {True: "yes", False: "no"}.get(application.is_student, "")
        return {
            "hours_per_week": application.hours_per_week,
            "is_student": student,
            "country": application.country,
        }

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "hours_per_week": data["hours_per_week"],
            "is_student": data.get("is_student"),
            "country": data.get("country") or "",
        }


class CommitmentForm(forms.Form):
    what = forms.CharField(label="What", max_length=200, required=False)
    starts_on = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label="Until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        filled = [data.get(name) for name in ("what", "starts_on", "ends_on")]
        if any(filled) and not all(filled):
            raise forms.ValidationError("Give what it is, from and until, or leave the row empty.")
        if all(filled) and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError("It ends before it starts.")
        return data


class BaseCommitmentFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        # The rows stand in a table under its column headers: name each control for screen
        # readers, which read no header as a label.
        form = super()._construct_form(i, **kwargs)
        for name, label in (("what", "what"), ("starts_on", "from"), ("ends_on", "until")):
            form.fields[name].widget.attrs["aria-label"] = f"Commitment {i + 1}: {label}"
        return form

    def rows(self) -> list[CommitmentRow]:
        """The filled rows, in order."""
        return [
            CommitmentRow(
                what=form.cleaned_data["what"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
            for form in self.forms
            if form.cleaned_data.get("what")
        ]


CommitmentFormSet = forms.formset_factory(
    CommitmentForm,
    formset=BaseCommitmentFormSet,
    extra=COMMITMENT_ROWS_EXTRA,
    max_num=COMMITMENTS_MAX,
    absolute_max=COMMITMENTS_MAX,
    validate_max=True,
)


def commitment_formset(data, application: Application | None) -> BaseCommitmentFormSet:
    initial = []
    if application is not None:
        initial = [
            {"what": c.what, "starts_on": c.starts_on, "ends_on": c.ends_on}
            for c in application.commitments.all()
        ]
    return CommitmentFormSet(data, initial=initial, prefix="commitments")


class IneligibleForm(forms.Form):
    reason = forms.CharField(
        label="Why this applicant is ineligible",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The applicant reads this on their application.",
    )
