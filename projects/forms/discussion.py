from django import forms

from projects.models import IdeaComment
from projects.services.discussion import BODY_MAX

BODY_LABELS = {
    IdeaComment.Visibility.PUBLIC: "Your question or answer (public)",
    IdeaComment.Visibility.ORGANIZATION: "Your note (only the organization's people read it)",
}


class CommentForm(forms.Form):
    """One comment: which thread (a hidden field, set by the form it is typed in) and the text.

    Two of these share the idea page, one per thread, so each gets its own element ids and
    a label that says who will read it.
    """

    visibility = forms.ChoiceField(choices=IdeaComment.Visibility.choices, widget=forms.HiddenInput)
    body = forms.CharField(
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Markdown: *emphasis*, `code`, [links](https://example.org), lists.",
    )

    def __init__(self, *args, visibility: str, **kwargs):
        kwargs.setdefault("auto_id", f"id_{visibility}_%s")
        kwargs.setdefault("initial", {"visibility": visibility})
        super().__init__(*args, **kwargs)
        self.fields["body"].label = BODY_LABELS[visibility]
