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

from evaluations.models import Internship, PaymentExport
from people.models import User
from programs.models import Membership, Participation, Round
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

# - An internship's payments (milestone, share, state, why held) are seen by its intern, the
#   org admins of its organization and program admins. Its mentors do not see them: a
#   stipend is between the intern and the program, and the mentors' part (the evaluation) is
#   shown elsewhere; the section is left out of their page.
# - A round's payments page and its exports (lists and CSVs) are program admins': they
#   approve, hold, release and export. People of the round (its organizations' admins and
#   mentors, its interns) see their own payments on the internship pages: 403 here. Anyone
#   else: 404. An export of another round: 404.


def may_see_payments(roles: Roles, side: Side | None) -> bool:
    return side == Side.INTERN or roles.org_admin or roles.program_admin


def _of_round(user: User, round_: Round) -> bool:
    """Takes part in the round: an active role in one of its organizations, or an
    internship in it (as intern or mentor)."""
    if Membership.objects.active().filter(user=user, participation__round=round_).exists():
        return True
    return Internship.objects.filter(participation__round=round_).of_person(user).exists()


def round_for_payments(user: User, round_slug: str) -> Round:
    """The round's payments and exports: program admins; the round's people 403; others 404."""
    if not user.is_authenticated:
        raise Http404
    round_ = get_object_or_404(Round.objects.select_related("program"), slug=round_slug)
    if user.runs_programs:
        return round_
    if _of_round(user, round_):
        raise PermissionDenied("Only program admins approve and export payments.")
    raise Http404


def export_for_download(user: User, round_slug: str, pk: int) -> PaymentExport:
    """One export's CSV: as the round's payments page; an export of another round is 404."""
    round_ = round_for_payments(user, round_slug)
    return get_object_or_404(PaymentExport.objects.select_related("round"), round=round_, pk=pk)


# === Alumni and certificates (alumni lane) ====================================================
