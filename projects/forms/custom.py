from django import forms

from projects.models import ProjectIdea


class CustomIdeaForm(forms.ModelForm):
    """What an applicant writes when proposing an idea of their own; a mentor who adopts it
    completes the rest of the template."""

    class Meta:
        model = ProjectIdea
        fields = ["title", "summary", "description"]
        help_texts = {
            "summary": "One sentence: what you would build.",
            "description": "Markdown. The problem, how you would solve it, and why it helps "
            "the organization. Link to the mailing-list thread if you discussed it there.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}
