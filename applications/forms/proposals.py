"""The proposal form: the text fields, one deliverable per week of the schedule, and links
typed one a line ("Label https://…"), parsed in one pass with their count capped."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError

from applications.models import Proposal
from applications.models.proposal import MAX_LINKS
from applications.services.proposals import ProposalContent

MAX_TEXT = 20_000
MAX_DELIVERABLE = 2_000
MAX_LINKS_TEXT = MAX_LINKS * 600


def parse_links(text: str) -> list[dict]:
    """ "Label https://example.org" (or just the address) per line, in order."""
    links = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, _, url = line.rpartition(" ")
        if not url.startswith(("https://", "http://")):
            raise ValidationError(
                f"Line {number}: end it with the link's address, starting with https://."
            )
        links.append({"label": label.strip() or url, "url": url})
    if len(links) > MAX_LINKS:
        raise ValidationError(f"At most {MAX_LINKS} links.")
    return links


def links_text(links: list[dict]) -> str:
    return "\n".join(
        row["url"] if row["label"] == row["url"] else f"{row['label']} {row['url']}"
        for row in links
    )


class ProposalForm(forms.Form):
    title = forms.CharField(max_length=200)
    problem = forms.CharField(
        label="Problem description", widget=forms.Textarea, required=False, max_length=MAX_TEXT
    )
    outline = forms.CharField(
        label="Implementation outline", widget=forms.Textarea, required=False, max_length=MAX_TEXT
    )
    commitments = forms.CharField(
        label="Other commitments during the internship",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
        help_text="Exams, a job, holidays: what else takes your time, and when.",
    )
    links = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_LINKS_TEXT,
        help_text="One a line: a label, then the address (https://…).",
    )

    def __init__(self, data=None, *, proposal: Proposal, **kwargs):
        self.proposal = proposal
        self.weeks = list(proposal.weeks.all())
        initial = {
            "title": proposal.title,
            "problem": proposal.problem,
            "outline": proposal.outline,
            "commitments": proposal.commitments,
            "links": links_text(proposal.links),
        }
        for week in self.weeks:
            initial[self.week_field(week.number)] = week.deliverable
        super().__init__(data, initial=initial, **kwargs)
        for week in self.weeks:
            self.fields[self.week_field(week.number)] = forms.CharField(
                label=f"Week {week.number}",
                required=False,
                max_length=MAX_DELIVERABLE,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def week_field(number: int) -> str:
        return f"week_{number}"

    def week_rows(self) -> list[tuple[int, datetime, forms.BoundField]]:
        return [
            (week.number, week.starts_on, self[self.week_field(week.number)]) for week in self.weeks
        ]

    def clean_links(self) -> list[dict]:
        return parse_links(self.cleaned_data["links"])

    def to_content(self) -> ProposalContent:
        data = self.cleaned_data
        return ProposalContent(
            title=data["title"],
            problem=data["problem"],
            outline=data["outline"],
            commitments=data["commitments"],
            links=data["links"],
            deliverables={week.number: data[self.week_field(week.number)] for week in self.weeks},
        )


class ExceptionForm(forms.Form):
    until = forms.DateTimeField(
        label="Editable until",
        help_text="In your time zone.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2_000)
