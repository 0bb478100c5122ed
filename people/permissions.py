"""Who may see or change what in people: the only place that decides.

A person edits only their own profile. No URL names another person's profile, so there is
nothing to guard by id: the page is always the viewer's own.
"""

from django.http import Http404

from people.models import User


def own_profile(user: User) -> User:
    """The viewer's own row, fetched afresh.

    A fresh copy, not `request.user`: a form that fails validation writes the typed values onto
    its instance, and the header (which shows `request.user.name`) must keep the saved name.
    Views call this after `login_required`; the check here is the backstop.
    """
    if not user.is_authenticated or not user.is_active:
        raise Http404("No profile.")
    return User.objects.get(pk=user.pk)
