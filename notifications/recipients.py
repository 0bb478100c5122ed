"""Groups of people messages go to that notifications itself needs to know."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet


def program_admins() -> QuerySet:
    """Active program admins (superusers count as program admins, as in programs.permissions)."""
    return (
        get_user_model()
        .objects.filter(Q(is_program_admin=True) | Q(is_superuser=True), is_active=True)
        .order_by("pk")
    )
