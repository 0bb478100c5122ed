"""What the demo builder hands on: the named rows, so each app's `demo.py` can extend them."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from people.models import User
from programs.models import Invitation, Organization, Participation, Program, Round
from programs.timeline import Phase

PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)


def reached(phase: Phase, milestone: Phase) -> bool:
    """True when `phase` is `milestone` or comes after it in a round's life."""
    return PHASE_ORDER.index(phase) >= PHASE_ORDER.index(milestone)


@dataclass(frozen=True)
class PastParticipation:
    """One of QEMU's past rounds, with the interns the slide counts (filled in by evaluations)."""

    participation: Participation
    interns: int
    # How many of this round's interns had interned in an earlier round (see history.py).
    returning: int = 0
    note: str = ""

    @property
    def year(self) -> int:
        return self.participation.round.coding_start.year


@dataclass(frozen=True)
class DemoInvitation:
    invitation: Invitation
    token: str  # the demo knows its tokens; a real invitation keeps only the hash
    link: str | None  # None while the acceptance page is not wired up


@dataclass
class DemoWorld:
    """The demo's named objects. `build_demo` fills the programs part; apps add theirs."""

    now: datetime
    phase: Phase  # the phase the main round (Google Summer of Code) stands in
    password_hash: str  # hashed once: every demo account shares the published password
    programs: dict[str, Program] = field(default_factory=dict)  # by slug
    rounds: dict[str, Round] = field(default_factory=dict)  # "gsoc" (main) and "outreachy"
    past_rounds: list[Round] = field(default_factory=list)
    organizations: dict[str, Organization] = field(default_factory=dict)  # by slug
    # (round key, organization slug) -> participation, for the current rounds only.
    participations: dict[tuple[str, str], Participation] = field(default_factory=dict)
    history: list[PastParticipation] = field(default_factory=list)
    accounts: dict[str, User] = field(default_factory=dict)  # by AccountSpec.key
    invitations: list[DemoInvitation] = field(default_factory=list)
    # Filled by evaluations.demo; loosely typed because programs may not import evaluations.
    internships: list[Any] = field(default_factory=list)

    @property
    def main_round(self) -> Round:
        return self.rounds["gsoc"]

    def phase_of(self, round_key: str) -> Phase:
        return self.rounds[round_key].phase_at(self.now)

    def accepted(self, round_key: str) -> list[Participation]:
        return [
            p
            for (key, _), p in self.participations.items()
            if key == round_key and p.status == Participation.Status.ACCEPTED
        ]
