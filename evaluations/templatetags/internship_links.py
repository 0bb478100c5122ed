"""`{% your_internships %}`: first on the home page, a signed-in person's running internships
(as intern or mentor), each linking to its page. One query for a signed-in viewer, none for an
anonymous one. (The home page belongs to programs, which imports nothing of this app: its
template loads this tag by name.)"""

from django import template

from evaluations.models import Internship

register = template.Library()

# A mentor of many interns sees the first few here and the rest on their list.
SHOWN = 5


@register.inclusion_tag("evaluations/internships/_your_internships.html", takes_context=True)
def your_internships(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"internships": []}
    running = list(
        Internship.objects.running()
        .of_person(user)
        .select_related("intern", "participation__round", "participation__organization")
        .order_by("ends_at", "pk")[: SHOWN + 1]
    )
    return {"internships": running[:SHOWN], "more": len(running) > SHOWN, "user": user}
