"""Forms of the program admin's pages: a round's timeline, its rules, a slot grant.

The timeline forms are ModelForms only to borrow the model's validation: its CheckConstraints
name both dates of any pair out of order, and the slug's uniqueness. Saving goes through the
services in programs/services/, never `form.save()`.
"""

import json

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

    def timeline_fields(self) -> list[forms.BoundField]:
        return [self[field] for field in timeline.MILESTONE_FIELDS]

    def detail_fields(self) -> list[forms.BoundField]:
        """Every field that is not a date of the timeline (name, slots, ...)."""
        return [self[name] for name in self.fields if name not in timeline.MILESTONE_FIELDS]


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


class StipendSplitField(forms.JSONField):
    """The stipend split as a small JSON list, one milestone per line, with an error that
    says where the JSON broke instead of Django's bare "Enter a valid JSON."."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}))
        kwargs.setdefault("validators", [validate_stipend_split])
        kwargs.setdefault(
            "help_text",
            "One line per payment: the milestone and its share of the stipend, adding up to "
            '100. For example {"milestone": "midterm", "percent": 45}. Milestones: '
            + ", ".join(f"{value} ({label.lower()})" for value, label in StipendMilestone.choices)
            + ".",
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                json.loads(value)
            except json.JSONDecodeError as error:
                raise ValidationError(
                    f"This is not valid JSON (line {error.lineno}, column {error.colno}: "
                    f"{error.msg}). Keep the quotes, commas and brackets as in the example.",
                    code="invalid",
                ) from error
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, list) and all(isinstance(part, dict) for part in value):
            lines = ",\n".join("  " + json.dumps(part, ensure_ascii=False) for part in value)
            return f"[\n{lines}\n]"
        return super().prepare_value(value)


class RuleSetForm(forms.ModelForm):
    stipend_split = StipendSplitField(label="Stipend split")

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
            "stipend_split",
            "students_only",
        ]
        labels = {
            "mentor_midterm_required": "Mentors must submit a midterm evaluation",
            "mentor_final_required": "Mentors must submit a final evaluation",
            "intern_midterm_required": "Interns must submit a midterm evaluation",
            "intern_final_required": "Interns must submit a final evaluation",
            "students_only": "Students only",
        }

    def service_kwargs(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class SlotsGrantForm(forms.Form):
    slots = forms.IntegerField(
        min_value=0,
        error_messages={
            "required": "Enter the number of slots to grant.",
            "invalid": "Enter the number of slots as a whole number.",
            "min_value": "Slots granted cannot be negative.",
        },
    )
