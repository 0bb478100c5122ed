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
- Program admins decide (lock) a phase's outcome; the internship's people and org admins
  read it on its page (403 on deciding), the intern only once the window closed.
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
from programs.permissions import is_program_admin, participation_for_org_admin
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
        # The rules decide every phase's outcome the page shows.
        "participation__round__rules",
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


# Who submits and who reads a phase's evaluations. The rules:
# - The mentors' side: any of the internship's mentors, or an org admin of its organization
#   in place of a mentor who disappeared (recorded). The intern's side: the intern alone.
#   Program admins read everything and submit nothing (they decide: the settle lane); on the
#   evaluation form they are read-only (403 on POST).
# - The mentors' evaluation (result, action and free text) is read by the mentors, the org
#   admins and program admins. The intern reads only its result (and whether an org admin gave
#   it), and only once the window has closed: never the free text.
# - The intern's evaluation of the mentors is read by the intern, org admins and program
#   admins; never by a mentor of this internship, whatever other role they hold.


def may_submit_for_mentors(roles: Roles, side: Side | None) -> bool:
    return side == Side.MENTOR or (side is None and roles.org_admin)


def submits_in_place_of_mentor(roles: Roles, side: Side | None) -> bool:
    """An org admin who is not one of the mentors gives the mentors' evaluation for them."""
    return side is None and roles.org_admin


def evaluation_side_of(roles: Roles, side: Side | None) -> str | None:
    """Which evaluation ("mentor" or "intern") the person gives, if any."""
    if side == Side.INTERN:
        return "intern"
    if may_submit_for_mentors(roles, side):
        return "mentor"
    return None


def may_read_mentor_evaluation(roles: Roles, side: Side | None) -> bool:
    """The mentors' whole evaluation, free text included: never the intern."""
    if side == Side.INTERN:
        return False
    return side == Side.MENTOR or roles.org_admin or roles.program_admin


def may_read_mentor_result(roles: Roles, side: Side | None, *, window_closed: bool) -> bool:
    """The mentors' result (pass or fail): the intern once the window has closed."""
    if side == Side.INTERN:
        return window_closed
    return may_read_mentor_evaluation(roles, side)


def may_read_intern_evaluation(roles: Roles, side: Side | None) -> bool:
    """The intern's evaluation of the mentors: never a mentor of this internship."""
    if side == Side.MENTOR:
        return False
    return side == Side.INTERN or roles.org_admin or roles.program_admin


def internship_for_evaluation(user: User, round_slug: str, pk: int) -> Internship:
    """Reading a phase's evaluations: whoever sees the internship (each reads what the rules
    above allow); everyone else 404."""
    return internship_for_view(user, round_slug, pk)


def internship_for_evaluating(user: User, round_slug: str, pk: int) -> Internship:
    """Submitting one: the mentors, org admins (in their place), the intern; program admins
    read (403)."""
    internship = internship_for_view(user, round_slug, pk)
    if (
        evaluation_side_of(roles_in(user, internship.participation), side_of(user, internship))
        is None
    ):
        raise PermissionDenied(
            "Only the intern, the mentors or an admin of the organization submit evaluations."
        )
    return internship


# === Decisions (settle lane) ==================================================================


def may_decide(roles: Roles) -> bool:
    """Program admins lock a phase's outcome: the program pays by it."""
    return roles.program_admin


def internship_for_decision(user: User, round_slug: str, pk: int) -> Internship:
    """Deciding a phase: program admins; its people and org admins read the outcome on the
    internship's page (403 here); everyone else 404."""
    internship = internship_for_view(user, round_slug, pk)
    if not may_decide(roles_in(user, internship.participation)):
        raise PermissionDenied("Only program admins decide an evaluation's outcome.")
    return internship


def may_see_outcome(side: Side | None, closed: bool, locked: bool) -> bool:
    """The intern reads a phase's result once its window closed (or a program admin decided
    it); the mentors, org admins and program admins as soon as it is known."""
    return side != Side.INTERN or closed or locked


# === Dashboards (dashboard lane) ==============================================================
# A round's table of every internship, with how each one's evaluations stand, names interns
# and their results across every organization: program admins only, and anyone else is told
# nothing exists (404), as nobody reads any of it elsewhere. An organization's table (and its
# CSV) is its list above (`participation_for_internships`): its org admins and program
# admins; its mentors 403; other people, org admins of other organizations too, 404.


def may_see_round_internships(user: User) -> bool:
    return is_program_admin(user)


def round_for_internships_table(user: User, round_slug: str) -> Round:
    """The round's table and its CSV: program admins; everyone else 404."""
    if not may_see_round_internships(user):
        raise Http404
    return get_object_or_404(Round.objects.select_related("program", "rules"), slug=round_slug)


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
