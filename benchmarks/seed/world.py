"""The seed's shared parts: its constants, the `World` the steps fill in, and `bulk`."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from evaluations.models import Certificate, Internship
from people.models import User
from programs.models import Membership, Organization, Participation, Program, Round
from projects.models import IdeaMentor, ProjectIdea, SkillLevel, Tag

BATCH = 2000
PAST_ROUNDS = 10
LANGUAGES = ["C", "C++", "Rust", "Python", "Go", "JavaScript", "Java", "Haskell", "Shell", "Ruby"]
SKILLS = list(SkillLevel.values)
HOURS = [90, 175, 350]
DESCRIPTION = (
    "**Why.** The parser re-reads the whole file on each change; make it incremental.\n\n"
    "**How.** Keep a tree of spans, re-parse the edited one, and measure it on real files.\n\n"
    "* Week 1-2: read the code, write a benchmark\n* Week 3-8: the incremental parser\n"
    "* Week 9-12: tests, documentation, upstream review\n"
)


@dataclass
class World:
    """What the seed made, for the next steps and for the pages' addresses."""

    scale: float
    now: datetime = field(default_factory=timezone.now)
    password: str = field(default_factory=lambda: make_password(None))
    program: Program | None = None
    round: Round | None = None
    past_rounds: list[Round] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    program_admin: User | None = None
    org_admins: list[User] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    ideas: list[ProjectIdea] = field(default_factory=list)
    applicants: list[User] = field(default_factory=list)
    # The proposal a review page is timed on (one of the timed organization's).
    reviewed_proposal: int = 0
    internships: list[Internship] = field(default_factory=list)
    # The payment export whose CSV is timed.
    payment_export: int = 0
    # The certificate the certificate pages are timed on: a past round's (alumni lane).
    certificate: Certificate | None = None

    def count(self, at_scale_1: int) -> int:
        """How many rows of something there are at this scale (at least one)."""
        return max(1, round(at_scale_1 * self.scale))

    def users(self, prefix: str, how_many: int) -> list[User]:
        return bulk(
            User(
                email=f"{prefix}{i}@bench.example",
                display_name=f"{prefix.title()} {i}",
                password=self.password,
            )
            for i in range(how_many)
        )

    # The one organization, idea and people the organization-level pages are timed on: in
    # the middle of the list, so neither the first nor the last row is favoured.
    @property
    def participation(self) -> Participation:
        return self.participations[len(self.participations) // 2]

    @property
    def idea(self) -> ProjectIdea:
        return next(i for i in self.ideas if i.participation_id == self.participation.pk)

    def viewers(self) -> dict[str, User | None]:
        """Who asks for the pages: nobody, the program admin, an org admin of the timed
        organization and a mentor of its timed idea."""
        return {
            "anonymous": None,
            "program_admin": self.program_admin,
            "org_admin": Membership.objects.filter(
                participation=self.participation, role=Membership.Role.ORG_ADMIN
            )
            .select_related("user")
            .first()
            .user,
            "mentor": IdeaMentor.objects.filter(idea=self.idea).select_related("user")[0].user,
            "applicant": self.applicants[0] if self.applicants else None,
            "intern": self.internship.intern if self.internships else None,
        }

    @property
    def internship(self) -> Internship:
        """The internship the internship pages are timed on: the timed idea's."""
        return next(i for i in self.internships if i.idea_id == self.idea.pk)

    def addresses(self) -> dict[str, str]:
        """The names the page list's addresses use: {program}, {round}, {org}, {idea}."""
        return {
            "program": self.program.slug,
            "round": self.round.slug,
            "org": self.participation.organization.slug,
            "idea": self.idea.slug,
            "language": self.tags[0].slug,
            "proposal": str(self.reviewed_proposal),
            "internship": str(self.internship.pk) if self.internships else "0",
            "payment_export": str(self.payment_export),
            # alumni lane: the timed certificate, its round and its internship
            "certificate": self.certificate.code if self.certificate else "none",
            "certified_round": self.certificate.internship.participation.round.slug
            if self.certificate
            else "none",
            "certified": str(self.certificate.internship_id) if self.certificate else "0",
        }


def bulk(rows, batch: int = BATCH) -> list:
    """Insert rows of one model in batches; the saved objects, with their primary keys."""
    rows = list(rows)
    if not rows:
        return []
    return type(rows[0]).objects.bulk_create(rows, batch_size=batch)
