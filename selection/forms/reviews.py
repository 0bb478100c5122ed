"""The review form: one score (1 to 5) or a mark per criterion of the organization, and a
comment. Fields are built from the criteria, so the page and the service agree on them."""

from django import forms

from selection.models import HIGHEST_SCORE, LOWEST_SCORE, Criterion, Review
from selection.services.reviews import MAX_COMMENT

SCORES = [(n, str(n)) for n in range(LOWEST_SCORE, HIGHEST_SCORE + 1)]
# The review list's filters (read by hand: an unknown value falls back, no page fails).
IDEA_FILTER_MAX = 120
STATES = [
    ("", "In the running"),
    ("unscored", "Not scored by me"),
    ("interview", "Flagged for an interview"),
    ("committed", "With a mentor"),
    ("set_aside", "Set aside"),
    ("withdrawn", "Withdrawn"),
    ("all", "All"),
]


def _score_field(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=SCORES, coerce=int, widget=forms.RadioSelect, help_text=help_text
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Comment (private to the organization)",
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, criteria: list[Criterion], review: Review | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        if criteria:
            marks = {m.criterion_id: m.score for m in review.marks.all()} if review else {}
            for criterion in criteria:
                name = f"mark_{criterion.pk}"
                self.fields[name] = _score_field(
                    f"{criterion.name} (weight {criterion.weight})", criterion.description
                )
                if criterion.pk in marks:
                    self.initial[name] = marks[criterion.pk]
        else:
            self.fields["score"] = _score_field(f"Score, {LOWEST_SCORE} to {HIGHEST_SCORE}")
            if review is not None:
                self.initial["score"] = int(review.score)
        if review is not None:
            self.initial["comment"] = review.comment
        # The comment last, after the scores.
        self.order_fields([f for f in self.fields if f != "comment"] + ["comment"])

    def marks(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"mark_{c.pk}"] for c in self.criteria}
