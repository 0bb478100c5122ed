"""Who may see and change an internship and its weekly meetings: the only place that decides
(views and services both ask here).

The rules, stated once:
- An internship is seen by its intern, its mentors, the org admins of its organization in
  that round, and program admins. Everyone else gets 404 (another organization's people
  cannot tell whether it exists).
- Its two sides, the intern and its mentors, write and confirm its weekly meetings; org
  admins and program admins read them (403 on writing).
- The intern or an org admin of its organization ends it early (withdrawal); its mentors and
  program admins read it (403).
- Program admins extend an internship; everyone else who sees it gets 403.
- An organization's list of its internships in a round (with the weeks no meeting was logged)
  is its org admins' and program admins'; its mentors get 403 (they list their own), people
  outside it 404.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from evaluations.models import Internship
from people.models import User
from programs.models import Participation
from programs.permissions import participation_for_org_admin
from programs.roles import Roles, roles_in


class Side(StrEnum):
    """The two sides of an internship's meetings."""

    INTERN = "intern"
    MENTOR = "mentor"


def side_of(user: User, internship: Internship) -> Side | None:
    """The person's side of the internship, if any. Reads `mentors` prefetched when it is."""
    if not user.is_authenticated:
        return None
    if internship.intern_id == user.pk:
        return Side.INTERN
    if any(mentor.pk == user.pk for mentor in internship.mentors.all()):
        return Side.MENTOR
    return None


def may_see(roles: Roles, side: Side | None) -> bool:
    return side is not None or roles.org_admin or roles.program_admin


def may_write_meetings(side: Side | None) -> bool:
    return side is not None


def may_withdraw(roles: Roles, side: Side | None) -> bool:
    return side == Side.INTERN or roles.org_admin


def internships_of_round(round_slug: str):
    return Internship.objects.filter(participation__round__slug=round_slug).select_related(
        "intern",
        "participation__round__program",
        "participation__organization",
        "idea",
        "proposal",
    )


def internship_for_view(user: User, round_slug: str, pk: int) -> Internship:
    """The internship's people and admins; everyone else 404."""
    if not user.is_authenticated:
        raise Http404
    internship = get_object_or_404(
        internships_of_round(round_slug).prefetch_related("mentors"), pk=pk
    )
    if not may_see(roles_in(user, internship.participation), side_of(user, internship)):
        raise Http404
    return internship


def internship_for_meetings(user: User, round_slug: str, pk: int) -> Internship:
    """Writing or confirming a meeting: the intern and the mentors; admins read (403)."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_write_meetings(side_of(user, internship)):
        raise PermissionDenied("Only the intern and the mentors write their weekly meetings.")
    return internship


def internship_for_withdrawal(user: User, round_slug: str, pk: int) -> Internship:
    """Ending it early: the intern or an org admin; mentors and program admins read (403)."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_withdraw(roles_in(user, internship.participation), side_of(user, internship)):
        raise PermissionDenied(
            "Only the intern or an admin of the organization may end the internship early."
        )
    return internship


def may_extend(roles: Roles) -> bool:
    return roles.program_admin


def internship_for_extension(user: User, round_slug: str, pk: int) -> Internship:
    """Extending it: program admins; its people and org admins read (403)."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_extend(roles_in(user, internship.participation)):
        raise PermissionDenied("Only program admins extend an internship.")
    return internship


def participation_for_internships(user: User, round_slug: str, org_slug: str) -> Participation:
    """The organization's internships: its org admins and program admins; mentors 403."""
    return participation_for_org_admin(user, round_slug, org_slug)


# === Evaluations (evaluate lane) ==============================================================


# === Decisions (settle lane) ==================================================================


# === Dashboards (dashboard lane) ==============================================================


# === Payments (payments lane) =================================================================


# === Alumni and certificates (alumni lane) ====================================================

# Imported in this section, not at the top: each lane adds its own, and the merge stays clean.
from evaluations.models import Certificate  # noqa: E402

# The rules: the alumni pages and a certificate's verification are public (anyone, signed in
# or not). The intern alone chooses to be listed (the internship's other people 403, others
# 404). A certificate's printable page is the intern's, the org admins' and program admins'
# (its mentors 403, others 404); program admins alone revoke one (the others who may see it
# 403).


def may_choose_listing(side: Side | None) -> bool:
    return side == Side.INTERN


def internship_for_alumni_listing(user: User, round_slug: str, pk: int) -> Internship:
    """Choosing to be listed among the alumni: the intern; the internship's others 403."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_choose_listing(side_of(user, internship)):
        raise PermissionDenied("Only the intern chooses whether to be listed among the alumni.")
    return internship


def may_see_certificate(roles: Roles, side: Side | None) -> bool:
    return side == Side.INTERN or roles.org_admin or roles.program_admin


def may_revoke_certificate(roles: Roles) -> bool:
    return roles.program_admin


def _certificate_of(internship: Internship) -> Certificate:
    return get_object_or_404(Certificate, internship=internship)


def certificate_for_view(user: User, round_slug: str, pk: int) -> Certificate:
    """The printable certificate: the intern, org admins, program admins; mentors 403; 404
    for others and while the internship has none (it is issued when it completes)."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_see_certificate(roles_in(user, internship.participation), side_of(user, internship)):
        raise PermissionDenied("The certificate is the intern's and the admins'.")
    certificate = _certificate_of(internship)
    certificate.internship = internship
    return certificate


def certificate_for_revoke(user: User, round_slug: str, pk: int) -> Certificate:
    """Revoking a certificate: program admins; the others who may see it 403."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_revoke_certificate(roles_in(user, internship.participation)):
        raise PermissionDenied("Only program admins revoke a certificate.")
    certificate = _certificate_of(internship)
    certificate.internship = internship
    return certificate


def certificate_for_verify(code: str) -> Certificate:
    """The public verification: anyone with the code; an unknown code 404."""
    return get_object_or_404(
        Certificate.objects.select_related(
            "internship__idea",
            "internship__participation__round__program",
            "internship__participation__organization",
        ),
        code=code,
    )
