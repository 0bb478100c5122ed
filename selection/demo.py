"""Demo review, interviews and selection of the main Google Summer of Code round, from its
review phase on (`manage.py demo --phase review`, and later phases).

Called by `manage.py demo` after the applications part (see programs.demo): `extend(world)`.
Rows are written directly, with their moments inside the review period and before now, as
the pages and services would have left them (the services of review, interviews and
selection are the other lanes' and may refuse a moment in the past).

During review: QEMU's submitted proposals scored by Mira Mentor and Kai Lindqvist (one left
for Mira to score), one set aside as not serious, four flagged for an interview, the mentors'
commitments and QEMU's ranked list; interviews booked with applicants in Asia, Africa, Europe
and the Americas (the past ones with an outcome, the coming ones still ahead, and free slots
left); libvirt's one idea with two proposals; and one cross-organization conflict: Chen Wei
selected by QEMU and by libvirt while the round allows one accepted proposal.

From community bonding on the results are out: QEMU selected four within its four slots
(Ines Intern first, whose internship the intern account shows, and Ana Applicant, who also
reads "not this time" for her libvirt proposal), the program admin resolved the conflict
(QEMU kept Chen, libvirt released him and selected Noor Haddad instead), and evaluations'
demo turns every selection into its internship through the announcement's own service.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from applications.models import Application, Proposal
from people.models import User
from programs.demo.accounts import INTERN, create_account, create_placeholder
from programs.demo.world import DemoWorld, reached
from programs.models import Participation
from programs.timeline import Phase
from projects.models import IdeaMentor, ProjectIdea
from selection.models import (
    Candidacy,
    Conflict,
    Interview,
    InterviewInvitation,
    InterviewSlot,
    MentorCommitment,
    Review,
    SelectionChange,
)

Status = Participation.Status
Action = SelectionChange.Action
NOT_SERIOUS = Candidacy.SetAside.NOT_SERIOUS
KAI = "qemu-mentor@example.org"
LIBVIRT_ADMIN = "libvirt-admin@example.org"
NOOR = ("libvirt-applicant@example.org", "Noor Haddad", "Asia/Amman")
CALL = "https://meet.example.org/qemu-interviews"

# QEMU's applicants by email, in the order of its ranking (Ines only once results are out).
RANKED = (
    "intern@example.org",
    "applicant-01@example.org",  # Chen Wei, also selected by libvirt: the conflict
    "applicant@example.org",  # Ana Applicant
    "applicant-02@example.org",  # Fatima Diallo
    "applicant-04@example.org",  # Priya Nair
    "applicant-03@example.org",  # Lucas Moreau
)
MIRA_COMMITS = {"intern@example.org", "applicant@example.org", "applicant-04@example.org"}
SET_ASIDE = "applicant-05@example.org"  # Sam Okafor: not serious
UNSCORED_BY_MIRA = "applicant-06@example.org"  # Sofia Rossi: waiting for Mira's review
FLAGGED = (
    "applicant-01@example.org",
    "applicant@example.org",
    "applicant-02@example.org",
    "applicant-04@example.org",
)
COMMENTS = (
    "Clear plan; the schedule leaves room for review rounds upstream.",
    "Good first patches; the outline misses how to test it.",
    "Understands the block layer well. Ask about the migration case.",
    "Ambitious; week 6 to 9 look optimistic.",
)
OUTCOMES = (Interview.Outcome.STRONG, Interview.Outcome.GOOD, Interview.Outcome.WEAK)


@dataclass
class Story:
    """The moments of the review period, as days after the application deadline, kept before
    now (in the review phase now is half way: day 14 of 28)."""

    world: DemoWorld

    @property
    def start(self) -> datetime:
        """Midnight UTC of the deadline's day, so an hour below is an hour of the clock."""
        deadline = self.world.main_round.applications_close
        return deadline.replace(hour=0, minute=0, second=0, microsecond=0)

    def day(self, days: float, hour: int = 0) -> datetime:
        return self.start + timedelta(days=days, hours=hour)

    def past(self, days: float, hour: int = 0) -> datetime:
        return min(self.day(days, hour), self.world.now - timedelta(hours=1))

    @property
    def announced(self) -> bool:
        return reached(self.world.phase, Phase.COMMUNITY_BONDING)


def extend(world: DemoWorld) -> None:
    if not reached(world.phase, Phase.REVIEW):
        return
    qemu = world.participations.get(("gsoc", "qemu"))
    libvirt = world.participations.get(("gsoc", "libvirt"))
    if qemu is None or qemu.status != Status.ACCEPTED:
        return
    story = Story(world)
    if story.announced:
        _ines_applied(world, qemu)
    mira = world.accounts["mentor"]
    kai = User.objects.get(email=KAI)
    by_email = {
        p.applicant.email: p
        for p in Proposal.objects.submitted()
        .filter(idea__participation=qemu)
        .select_related("applicant")
    }
    candidacies = _qemu_review(story, qemu, by_email, mira, kai)
    _interviews(story, qemu, candidacies, mira, kai)
    libvirt_candidacies = []
    if libvirt is not None and libvirt.status == Status.ACCEPTED:
        libvirt_candidacies = _libvirt(story, libvirt, by_email)
    _selection(story, qemu, candidacies, libvirt_candidacies)


# --- Who applied ---------------------------------------------------------------------------


def _submitted_proposal(
    person: User, idea: ProjectIdea, submitted_at: datetime, title: str
) -> Proposal:
    application, _ = Application.objects.get_or_create(
        applicant=person, round=idea.participation.round, defaults={"hours_per_week": 35}
    )
    proposal = Proposal.objects.create(
        applicant=person,
        application=application,
        idea=idea,
        title=title,
        problem="What is missing today, and who it hurts.",
        outline="How I would build it, in small patches reviewed upstream.",
        status=Proposal.Status.SUBMITTED,
        submitted_at=submitted_at,
    )
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=submitted_at - timedelta(days=3), updated_at=submitted_at
    )
    return proposal


def _ines_applied(world: DemoWorld, qemu: Participation) -> None:
    """The intern account: an applicant of the main round, whose internship the announcement
    makes (evaluations' demo reuses the account)."""
    ines = world.accounts.get(INTERN.key) or create_account(
        INTERN, password_hash=world.password_hash
    )
    world.accounts[INTERN.key] = ines
    ideas = list(ProjectIdea.objects.filter(participation=qemu).order_by("pk"))
    round_ = world.main_round
    moment = round_.applications_open + (round_.applications_close - round_.applications_open) / 3
    idea = ideas[1] if len(ideas) > 1 else ideas[0]
    _submitted_proposal(ines, idea, moment, f"{idea.title}: a plan in twelve weeks")


# --- QEMU's review -------------------------------------------------------------------------


def _qemu_review(
    story: Story, qemu: Participation, by_email: dict[str, Proposal], mira: User, kai: User
) -> dict[str, Candidacy]:
    """Scores, comments, flags, the set-aside one, commitments and the ranked list."""
    reviews = []
    ranked = [email for email in RANKED if email in by_email]
    for n, (email, proposal) in enumerate(sorted(by_email.items())):
        # The ranking follows the scores: 5, 4.5, 4, ... down the list; the rest 2.
        score = Decimal(5) - Decimal(ranked.index(email)) / 2 if email in ranked else Decimal(2)
        if email != UNSCORED_BY_MIRA:
            reviews.append(
                Review(
                    proposal=proposal, mentor=mira, score=score, comment=COMMENTS[n % len(COMMENTS)]
                )
            )
        if n % 2 == 0 or email in RANKED[:3]:
            reviews.append(Review(proposal=proposal, mentor=kai, score=max(score - 1, Decimal(2))))
    Review.objects.bulk_create(reviews)
    Review.objects.filter(proposal__idea__participation=qemu).update(
        created_at=story.past(2), updated_at=story.past(3)
    )

    admin = story.world.accounts["org_admin"]
    candidacies = {}
    for email, proposal in by_email.items():
        flagged = email in FLAGGED
        candidacies[email] = Candidacy(
            proposal=proposal,
            participation=qemu,
            applicant=proposal.applicant,
            interview_flagged_at=story.past(3) if flagged else None,
            interview_flagged_by=mira if flagged else None,
            set_aside=NOT_SERIOUS if email == SET_ASIDE else "",
            set_aside_at=story.past(2) if email == SET_ASIDE else None,
            set_aside_by=admin if email == SET_ASIDE else None,
            rank=ranked.index(email) + 1 if email in ranked else None,
        )
    Candidacy.objects.bulk_create(candidacies.values())

    # Two each of those QEMU selects (the round's limit per mentor), whatever the phase.
    committed = {email: mira if email in MIRA_COMMITS else kai for email in ranked}
    MentorCommitment.objects.bulk_create(
        MentorCommitment(proposal=by_email[email], mentor=mentor)
        for email, mentor in committed.items()
    )
    MentorCommitment.objects.filter(proposal__idea__participation=qemu).update(
        created_at=story.past(6)
    )
    return candidacies


# --- Interviews ----------------------------------------------------------------------------


def _interviews(
    story: Story, qemu: Participation, candidacies: dict[str, Candidacy], mira: User, kai: User
) -> None:
    """Mira (Berlin) and Kai (Stockholm) interview the flagged applicants, each in their own
    zone: two interviews already held (with an outcome), two still ahead during review, and
    free slots left. Times stay apart, so no mentor or applicant is booked twice at once."""
    plan = [
        # (applicant email, mentor, day after the deadline, hour UTC)
        ("applicant-01@example.org", kai, 5, 7),  # Chen Wei, Shanghai: 15:00 there
        ("applicant@example.org", mira, 6, 10),  # Ana, Kolkata: 15:30 there
        ("applicant-02@example.org", kai, 17, 14),  # Fatima, Dakar: 14:00 there
        ("applicant-04@example.org", mira, 18, 9),  # Priya, Kolkata: 14:30 there
    ]
    for email, mentor, days, hour in plan:
        candidacy = candidacies.get(email)
        if candidacy is None:
            continue
        _interview(story, qemu, candidacy, mentor, story.day(days, hour))
    for mentor, days in ((mira, 19), (mira, 20), (kai, 19)):
        starts = story.day(days, 8)
        InterviewSlot.objects.create(
            participation=qemu,
            mentor=mentor,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            where=CALL,
        )


def _interview(
    story: Story, participation: Participation, candidacy: Candidacy, mentor: User, starts
) -> Interview:
    """A slot, the invitation to it and its booking; held (with notes and an outcome) when
    it is over by now."""
    slot = InterviewSlot.objects.create(
        participation=participation,
        mentor=mentor,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        where=CALL,
    )
    invitation = InterviewInvitation.objects.create(
        candidacy=candidacy,
        mentor=mentor,
        message="Thirty minutes of a small coding exercise, then thirty of questions.",
        invited_at=story.past(4),
    )
    held = starts + timedelta(hours=1) < story.world.now
    return Interview.objects.create(
        slot=slot,
        invitation=invitation,
        mentor=mentor,
        applicant=candidacy.applicant,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        booked_at=story.past(4, 6),
        notes="Solved the exercise; good questions about the review process." if held else "",
        outcome=OUTCOMES[starts.day % len(OUTCOMES)] if held else "",
    )


# --- libvirt: the other side of the conflict ---------------------------------------------------


def _libvirt(
    story: Story, libvirt: Participation, qemu_proposals: dict[str, Proposal]
) -> list[Candidacy]:
    """libvirt's one idea, with Chen Wei's second proposal and Noor Haddad's, reviewed, ranked
    and committed by Leo Libvirt; Ana's too, never ranked (her "not this time")."""
    world = story.world
    leo = world.accounts["second_mentor"]
    round_ = world.main_round
    idea = ProjectIdea.objects.create(
        participation=libvirt,
        slug="qemu-driver-test-suite",
        title="Test suite for the QEMU driver",
        summary="Tests that run the QEMU driver against recorded monitor replies.",
        description="The driver has few tests; build a harness replaying QMP answers.",
        skill_level="intermediate",
        expected_hours=175,
        status=ProjectIdea.Status.APPROVED,
        revision=1,
        created_by=leo,
        submitted_at=round_.ideas_published - timedelta(days=3),
        approved_at=round_.ideas_published - timedelta(days=1),
    )
    IdeaMentor.objects.create(idea=idea, user=leo)
    writing = round_.applications_open + (round_.applications_close - round_.applications_open) / 2
    noor = create_placeholder(*NOOR)
    people = [
        (qemu_proposals["applicant-01@example.org"].applicant, 1),
        (noor, 2),
        (world.accounts["applicant"], None),
    ]
    candidacies = []
    for person, rank in people:
        proposal = _submitted_proposal(person, idea, writing, f"{idea.title}: my plan")
        Review.objects.create(proposal=proposal, mentor=leo, score=Decimal(5 if rank else 3))
        if rank is not None:
            MentorCommitment.objects.create(proposal=proposal, mentor=leo)
            candidacies.append(
                Candidacy.objects.create(
                    proposal=proposal, participation=libvirt, applicant=person, rank=rank
                )
            )
    # Leo (São Paulo) interviews Noor (Amman): 10:00 for him, 16:00 for her.
    _interview(story, libvirt, candidacies[1], leo, story.day(8, 13))
    return candidacies


# --- Selection, the conflict and (later) its resolution ----------------------------------------


def _select(candidacy: Candidacy, by: User, at: datetime) -> None:
    candidacy.selected_at, candidacy.selected_by = at, by
    candidacy.save(update_fields=["selected_at", "selected_by"])
    SelectionChange.objects.create(candidacy=candidacy, action=Action.SELECTED, by=by, at=at)


def _selection(
    story: Story,
    qemu: Participation,
    candidacies: dict[str, Candidacy],
    libvirt_candidacies: list[Candidacy],
) -> None:
    """During review QEMU has chosen two so far, Chen Wei first, and libvirt chose Chen too:
    an open conflict. Once results are out QEMU filled its slots, the program admin kept Chen
    at QEMU, and libvirt took Noor instead."""
    world = story.world
    olga = world.accounts["org_admin"]
    ranked = sorted((c for c in candidacies.values() if c.rank), key=lambda c: c.rank)
    chosen = ranked[: (qemu.slots_granted or 0) if story.announced else 2]
    for n, candidacy in enumerate(chosen):
        _select(candidacy, olga, story.past(11 + n / 4))
    if not libvirt_candidacies:
        return
    libvirt_admin = User.objects.get(email=LIBVIRT_ADMIN)
    chen_at_libvirt = libvirt_candidacies[0]
    _select(chen_at_libvirt, libvirt_admin, story.past(12))
    conflict = Conflict.objects.create(
        round=world.main_round, applicant=chen_at_libvirt.applicant, opened_at=story.past(12)
    )
    if not story.announced:
        return
    paula = world.accounts["program_admin"]
    resolved = story.day(20)
    reason = "Chen ranked QEMU's idea first and QEMU ranked him first: QEMU keeps him."
    chen_at_qemu = candidacies["applicant-01@example.org"]
    chen_at_libvirt.selected_at = chen_at_libvirt.selected_by = None
    chen_at_libvirt.save(update_fields=["selected_at", "selected_by"])
    SelectionChange.objects.bulk_create(
        [
            SelectionChange(
                candidacy=chen_at_libvirt,
                action=Action.RELEASED,
                by=paula,
                at=resolved,
                reason=reason,
            ),
            SelectionChange(
                candidacy=chen_at_qemu, action=Action.KEPT, by=paula, at=resolved, reason=reason
            ),
        ]
    )
    conflict.resolved_at, conflict.resolved_by, conflict.resolution = resolved, paula, reason
    conflict.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    _select(libvirt_candidacies[1], libvirt_admin, story.day(21))
