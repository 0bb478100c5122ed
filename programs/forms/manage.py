"""Forms of the program admin's pages: a round's timeline, its rules, a slot grant.

The timeline forms are ModelForms only to borrow the model's validation: its CheckConstraints
name both dates of any pair out of order, and the slug's uniqueness. Saving goes through the
services in programs/services/, never `form.save()`.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from programs import timeline
from programs.forms.widgets import LocalDateTimeInput
from programs.models import Round
from programs.rules import RuleSet, StipendMilestone, validate_stipend_split

# Slugs that would collide with the fixed addresses under /manage/rounds/.
RESERVED_ROUND_SLUGS = {"new"}


class TimelineFormMixin:
    """The 13 dates of a round, in timeline order, typed in the admin's own time zone.

    Django's DateTimeField reads what was typed in the active zone (the middleware activates
    the person's zone) and rejects a time that does not exist or is ambiguous there (a daylight
    saving change) with its own message; nothing here overrides that.
    """

    def _set_up_timeline(self) -> None:
        zone = timezone.get_current_timezone_name()
        self.zone_name = zone
        for milestone in timeline.MILESTONES:
            field = self.fields[milestone.field]
            field.label = milestone.label
            field.help_text = f"In your time zone, {zone}."

    def clean(self) -> dict:
        """Each date out of place gets one message, next to its own field. A field with an
        error is left out of the model's own checks, so the constraints of the pairs it
        breaks do not say it again at the top of the form."""
        cleaned = super().clean()
        dates = {field: cleaned.get(field) for field in timeline.MILESTONE_FIELDS}
        for field, message in timeline.out_of_order(dates).items():
            self.add_error(field, message)
        return cleaned

    def timeline_fields(self) -> list[forms.BoundField]:
        return [self[field] for field in timeline.MILESTONE_FIELDS]

    def detail_fields(self) -> list[forms.BoundField]:
        """Every field that is not a date of the timeline (name, slots, ...)."""
        return [self[name] for name in self.fields if name not in timeline.MILESTONE_FIELDS]


def initial_a_year_after(previous: Round) -> dict:
    """What the opening form starts from for the next round of `previous`'s program: its
    dates a year later, its slot budget, and its name and slug with the year moved on (when
    they have one: "GSoC 2027", "gsoc-2027")."""
    return {
        "program": previous.program_id,
        "name": _next_year_in(previous.name),
        "slug": _next_year_in(previous.slug),
        "total_slots": previous.total_slots,
        **timeline.a_year_later(previous.dates),
    }


YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _next_year_in(text: str) -> str:
    return YEAR.sub(lambda match: str(int(match.group(1)) + 1), text, count=1)


def _timeline_widgets() -> dict[str, forms.DateTimeInput]:
    return {field: LocalDateTimeInput() for field in timeline.MILESTONE_FIELDS}


class RoundOpenForm(TimelineFormMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["program", "name", "slug", "total_slots", *timeline.MILESTONE_FIELDS]
        widgets = _timeline_widgets()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].empty_label = None
        self._set_up_timeline()

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_ROUND_SLUGS:
            raise ValidationError(f"“{slug}” is reserved for a page of the site; choose another.")
        return slug

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "program": data["program"],
            "name": data["name"],
            "slug": data["slug"],
            "total_slots": data["total_slots"],
            "dates": {field: data[field] for field in timeline.MILESTONE_FIELDS},
        }


class RoundEditForm(TimelineFormMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["name", "total_slots", *timeline.MILESTONE_FIELDS]
        widgets = _timeline_widgets()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_timeline()

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "total_slots": data["total_slots"],
            "dates": {field: data[field] for field in timeline.MILESTONE_FIELDS},
        }


class StipendPartForm(forms.Form):
    """One payment of the stipend: when it is paid and its share, in percent."""

    milestone = forms.ChoiceField(
        label="Paid at", choices=[("", "—"), *StipendMilestone.choices], required=False
    )
    percent = forms.IntegerField(
        label="Share (%)",
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "narrow"}),
    )

    def clean(self):
        data = super().clean()
        given = [data.get("milestone") not in (None, ""), data.get("percent") is not None]
        if any(given) and not all(given):
            raise ValidationError("Give both the milestone and its share, or leave the row empty.")
        return data


class BaseStipendSplitFormSet(forms.BaseFormSet):
    """The stipend split as rows (milestone + share) instead of JSON; empty rows are left
    out, and the filled ones must pass the rule every split passes (`validate_stipend_split`:
    each milestone once, shares adding up to 100)."""

    def _construct_form(self, i, **kwargs):
        # The rows stand in a table under its column headers: name each control for screen
        # readers, which read no header as a label.
        form = super()._construct_form(i, **kwargs)
        form.fields["milestone"].widget.attrs["aria-label"] = f"Payment {i + 1}: paid at"
        form.fields["percent"].widget.attrs["aria-label"] = f"Payment {i + 1}: share in percent"
        return form

    def clean(self) -> None:
        if any(self.errors):
            return
        validate_stipend_split(self.parts())

    def parts(self) -> list[dict]:
        """The filled rows, in order, as the rule set stores them."""
        return [
            {"milestone": form.cleaned_data["milestone"], "percent": form.cleaned_data["percent"]}
            for form in self.forms
            if form.cleaned_data.get("milestone")
        ]


# One row per milestone at most (each may be paid once); empty rows to fill are always shown.
StipendSplitFormSet = forms.formset_factory(
    StipendPartForm,
    formset=BaseStipendSplitFormSet,
    extra=len(StipendMilestone),
    max_num=len(StipendMilestone),
    absolute_max=len(StipendMilestone),
    validate_max=True,
)


def stipend_split_formset(data, *, split: list[dict]) -> BaseStipendSplitFormSet:
    return StipendSplitFormSet(data, initial=split, prefix="split")


class RuleSetForm(forms.ModelForm):
    """The rules of a round, except the stipend split, which has its rows of its own."""

    class Meta:
        model = RuleSet
        fields = [
            "max_proposals_per_applicant",
            "max_accepted_per_applicant",
            "max_interns_per_mentor",
            "mentor_midterm_required",
            "mentor_final_required",
            "intern_midterm_required",
            "intern_final_required",
            "missing_mentor_evaluation",
            "missing_intern_evaluation",
            "extension_max_weeks",
            "extension_cutoff_days",
            "students_only",
            "asks_country_for_payments",
            "schedule_hours_per_week",
        ]
        labels = {
            "mentor_midterm_required": "Mentors must submit a midterm evaluation",
            "mentor_final_required": "Mentors must submit a final evaluation",
            "intern_midterm_required": "Interns must submit a midterm evaluation",
            "intern_final_required": "Interns must submit a final evaluation",
            "students_only": "Students only",
            "asks_country_for_payments": "Applicants give their country (for payments)",
        }

    def service_kwargs(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class SlotsGrantForm(forms.Form):
    slots = forms.IntegerField(
        min_value=0,
        # What the column holds on every database; a number past it is no number of slots.
        max_value=32767,
        error_messages={
            "required": "Enter the number of slots to grant.",
            "invalid": "Enter the number of slots as a whole number.",
            "min_value": "Slots granted cannot be negative.",
            "max_value": "Enter at most %(limit_value)s slots.",
        },
    )
