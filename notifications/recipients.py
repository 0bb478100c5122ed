"""Groups of people messages go to that notifications itself needs to know."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet


def program_admins() -> QuerySet:
    """Active program admins; the rule lives with the user (people.models)."""
    return get_user_model().objects.program_admins()
