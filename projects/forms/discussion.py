from django import forms

from projects.models import IdeaComment
from projects.services.discussion import BODY_MAX


class CommentForm(forms.Form):
    """One comment: which thread (a hidden field, set by the form it is typed in) and the text.

    Two of these share the idea page, one per thread, so each gets its own element ids.
    """

    visibility = forms.ChoiceField(choices=IdeaComment.Visibility.choices, widget=forms.HiddenInput)
    body = forms.CharField(
        label="Your message",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Markdown: *emphasis*, `code`, [links](https://example.org), lists.",
    )

    def __init__(self, *args, visibility: str, **kwargs):
        kwargs.setdefault("auto_id", f"id_{visibility}_%s")
        kwargs.setdefault("initial", {"visibility": visibility})
        super().__init__(*args, **kwargs)
