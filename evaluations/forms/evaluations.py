"""The two evaluation forms: the mentors' of the intern, the intern's of the mentors and the
organization. They keep what the person typed on error and name contradictions on the field;
the services check everything again (a form is not the only way in)."""

from django import forms

from evaluations.models import Evaluation, EvaluationPhase
from evaluations.services.evaluating import TEXT_MAX, InternAnswers, MentorAnswers, contradiction


def _text(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=help_text,
    )


class MentorEvaluationForm(forms.Form):
    result = forms.ChoiceField(
        label="Result", choices=Evaluation.Result.choices, widget=forms.RadioSelect
    )
    progress = _text(
        "Progress against the schedule",
        "Compare with the proposal's weeks beside this form: what is done, what is late.",
    )
    communication = _text("Communication", "Weekly meetings, answers, asking for help.")
    code = _text("Code and contributions", "Quality, review, what was merged.")
    action = forms.ChoiceField(
        label="What happens next", choices=Evaluation.Action.choices, widget=forms.RadioSelect
    )
    extend_weeks = forms.IntegerField(
        label="Extension asked for, in weeks",
        required=False,
        min_value=1,
        help_text="Only with “extend”: a program admin grants it.",
    )

    def __init__(self, *args, phase: str, max_weeks: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.phase = phase
        weeks = self.fields["extend_weeks"]
        weeks.max_value = max_weeks
        weeks.widget.attrs["max"] = max_weeks
        weeks.help_text = f"Only with “extend”, 1 to {max_weeks} weeks: a program admin grants it."
        if phase == EvaluationPhase.FINAL:
            # An extension moves the final window, already open at the final.
            self.fields["action"].choices = [
                c for c in Evaluation.Action.choices if c[0] != Evaluation.Action.EXTEND
            ]
            del self.fields["extend_weeks"]

    def clean(self):
        data = super().clean()
        result, action = data.get("result"), data.get("action")
        if result and action:
            why = contradiction(result, action)
            if why:
                self.add_error("action", why)
            elif action == Evaluation.Action.EXTEND and not data.get("extend_weeks"):
                self.add_error("extend_weeks", "Say how many weeks the extension would be.")
        return data

    def answers(self) -> MentorAnswers:
        data = self.cleaned_data
        return MentorAnswers(
            result=data["result"],
            action=data["action"],
            progress=data["progress"],
            communication=data["communication"],
            code=data["code"],
            extend_weeks=data.get("extend_weeks")
            if data["action"] == Evaluation.Action.EXTEND
            else None,
        )


class InternEvaluationForm(forms.Form):
    about_mentors = _text(
        "Your mentors", "Were they available, did their reviews help? They never read this."
    )
    about_organization = _text(
        "The organization", "The community, its channels, its review. Your mentors never read this."
    )
    work_url = forms.URLField(
        label="Link to the work done",
        max_length=500,
        assume_scheme="https",
        help_text="A page listing what you did: merged patches, a branch, a blog post.",
    )

    def __init__(self, *args, phase: str, **kwargs):
        super().__init__(*args, **kwargs)
        if phase != EvaluationPhase.FINAL:
            del self.fields["work_url"]

    def answers(self) -> InternAnswers:
        data = self.cleaned_data
        return InternAnswers(
            about_mentors=data["about_mentors"],
            about_organization=data["about_organization"],
            work_url=data.get("work_url", ""),
        )
