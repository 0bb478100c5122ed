"""`{% your_applications %}`: on the home page, a signed-in person's applications in rounds
whose application period is open, each linking to its dashboard. One query for a signed-in
viewer, none for an anonymous one. (The home page belongs to programs, which imports nothing
of this app: its template loads this tag by name.)"""

from django import template
from django.utils import timezone

from applications.models import Application

register = template.Library()


@register.inclusion_tag("applications/dashboard/_your_applications.html", takes_context=True)
def your_applications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"applications": []}
    now = timezone.now()
    applications = (
        Application.objects.filter(
            applicant=user, round__applications_open__lte=now, round__applications_close__gt=now
        )
        .select_related("round")
        .order_by("round__applications_close", "pk")
    )
    return {"applications": list(applications)}
