"""A round with fixed dates whose results time is a known instant, QEMU accepted with two
slots, and three applicants who submitted proposals: Ana (Asia/Kolkata) selected, Bruno not
selected, Chen with a draft only. Mira committed to mentor Ana's proposal."""

from dataclasses import dataclass
from datetime import timedelta

import time_machine
from django.utils import timezone

from applications.models import Proposal
from programs.models import Membership, Participation
from selection.models import Candidacy
from tests.factories import (
    ApplicationFactory,
    CandidacyFactory,
    MembershipFactory,
    MentorCommitmentFactory,
    ProjectIdeaFactory,
    ProposalFactory,
)
from tests.projects.reminders_world import DATES, SECOND, accepted_organization, person

RESULTS = DATES["results_announced"]  # Mon 26 Apr 2027, 18:00 UTC
JUST_BEFORE = RESULTS - SECOND
DURING_REVIEW = DATES["applications_close"] + timedelta(days=7)
WRITING = DATES["applications_close"] - timedelta(days=7)

__all__ = ["DURING_REVIEW", "JUST_BEFORE", "RESULTS", "SECOND", "World", "at", "build_world"]


def at(moment):
    return time_machine.travel(moment, tick=False)


@dataclass
class World:
    qemu: Participation
    mira: object
    olga: object
    ana: object
    bruno: object
    chen: object
    ana_proposal: Proposal
    bruno_proposal: Proposal
    ana_candidacy: Candidacy
    bruno_candidacy: Candidacy

    @property
    def round(self):
        return self.qemu.round


def submitted(applicant, idea, title: str) -> Proposal:
    with at(WRITING):
        application = applicant.applications.filter(round=idea.participation.round).first()
        application = application or ApplicationFactory(
            applicant=applicant, round=idea.participation.round
        )
        return ProposalFactory(application=application, idea=idea, title=title, submitted=True)


def build_world(program) -> World:
    qemu = accepted_organization(program, name="QEMU", slug="qemu")
    Participation.objects.filter(pk=qemu.pk).update(slots_granted=2)
    qemu.refresh_from_db()
    mira = person("mira@example.org", "Europe/Berlin")
    MembershipFactory(participation=qemu, user=mira, role=Membership.Role.MENTOR)
    olga = person("olga@example.org", "Europe/London")
    MembershipFactory(participation=qemu, user=olga, role=Membership.Role.ORG_ADMIN)
    idea = ProjectIdeaFactory(participation=qemu, title="Disk backup tool", slug="disk-backup")
    ana = person("ana@example.org", "Asia/Kolkata")
    bruno = person("bruno@example.org", "America/Sao_Paulo")
    chen = person("chen@example.org", "Asia/Shanghai")
    ana_proposal = submitted(ana, idea, "Backups that resume")
    bruno_proposal = submitted(bruno, idea, "Backups in Rust")
    with at(WRITING):
        ProposalFactory(
            application=ApplicationFactory(applicant=chen, round=qemu.round),
            idea=idea,
            title="Never submitted",
        )
    with at(DURING_REVIEW):
        MentorCommitmentFactory(proposal=ana_proposal, mentor=mira)
        ana_candidacy = CandidacyFactory(proposal=ana_proposal, rank=1)
        bruno_candidacy = CandidacyFactory(proposal=bruno_proposal, rank=2)
        Candidacy.objects.filter(pk=ana_candidacy.pk).update(
            selected_at=timezone.now(), selected_by=olga
        )
    ana_candidacy.refresh_from_db()
    return World(
        qemu=qemu,
        mira=mira,
        olga=olga,
        ana=ana,
        bruno=bruno,
        chen=chen,
        ana_proposal=ana_proposal,
        bruno_proposal=bruno_proposal,
        ana_candidacy=ana_candidacy,
        bruno_candidacy=bruno_candidacy,
    )
