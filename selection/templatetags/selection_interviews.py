"""`{% load selection_interviews %}{% interview_summary round as interviews %}`: the applicant's
invitations and upcoming interviews in a round, for their dashboard in applications, which may
not import this app: its template loads this library by name and links to
`selection:my_interviews` by URL name."""

from django import template
from django.utils import timezone

from selection.services.interview_pages import InterviewSummary
from selection.services.interview_pages import interview_summary as summary_of

register = template.Library()


@register.simple_tag(takes_context=True)
def interview_summary(context, round_) -> InterviewSummary | None:
    """One query; None for someone not signed in."""
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return summary_of(applicant=user, round_=round_, now=timezone.now())
