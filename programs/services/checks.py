"""The services' own access checks, by the rules of programs.permissions: a page checks before
it calls a service, and the service checks again (it may be called from elsewhere), with the
same rule and, inside one request, the same roles (programs.roles)."""

from django.core.exceptions import ValidationError

from people.models import User
from programs.models import Participation
from programs.permissions import is_program_admin, may_manage
from programs.roles import roles_in


def require_manager(*, participation: Participation, by: User, to: str) -> None:
    """Only the organization's admins (and program admins) do this; `to` says what."""
    if not may_manage(roles_in(by, participation)):
        raise ValidationError(f"Only the organization's admins may {to}.")


def require_program_admin(*, by: User, to: str) -> None:
    """Only program admins do this (opening rounds, deciding on organizations); `to` says
    what."""
    if not is_program_admin(by):
        raise ValidationError(f"Only program admins may {to}.")
