"""Factories: the smallest valid rows, related objects agreeing with each other."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from applications.models import Application, Contribution, Proposal, ProposalWeek
from evaluations.models import (
    Certificate,
    Decision,
    Evaluation,
    EvaluationPhase,
    Internship,
    Payment,
)
from programs.models import Membership, Organization, Participation, Program, Round, RuleSet
from programs.schedules import dates_in_phase
from programs.timeline import Phase
from projects.models import ProjectIdea
from selection.models import (
    Candidacy,
    Criterion,
    Interview,
    InterviewInvitation,
    InterviewSlot,
    MentorCommitment,
    Review,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    timezone = "UTC"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified primary address, so password login works as for a real person."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class RuleSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleSet


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Summer of Code {n}")
    slug = factory.Sequence(lambda n: f"soc-{n}")
    default_rules = factory.SubFactory(RuleSetFactory)


def _milestone(field: str):
    return factory.LazyAttribute(lambda round_: round_.timeline[field])


class RoundFactory(factory.django.DjangoModelFactory):
    """A round; `phase=` places today in that phase (default: the application period)."""

    class Meta:
        model = Round

    class Params:
        phase = Phase.APPLICATIONS
        timeline = factory.LazyAttribute(lambda o: dates_in_phase(o.phase, timezone.now()))

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    total_slots = 20
    rules = factory.SubFactory(RuleSetFactory)
    org_applications_open = _milestone("org_applications_open")
    org_applications_close = _milestone("org_applications_close")
    orgs_announced = _milestone("orgs_announced")
    ideas_published = _milestone("ideas_published")
    applications_open = _milestone("applications_open")
    applications_close = _milestone("applications_close")
    results_announced = _milestone("results_announced")
    coding_start = _milestone("coding_start")
    midterm_open = _milestone("midterm_open")
    midterm_close = _milestone("midterm_close")
    final_open = _milestone("final_open")
    final_close = _milestone("final_close")
    ends = _milestone("ends")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    website = "https://example.org/"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    round = factory.SubFactory(RoundFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = Participation.Status.ACCEPTED
    motivation = "We want new contributors."
    slots_min = 1
    slots_max = 3
    submitted_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    participation = factory.SubFactory(ParticipationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MENTOR
    terms_accepted_at = factory.LazyFunction(timezone.now)


class InternshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Internship

    participation = factory.SubFactory(ParticipationFactory)
    intern = factory.SubFactory(UserFactory)
    project_title = "Improve the widget exporter"


class ProjectIdeaFactory(factory.django.DjangoModelFactory):
    """An approved idea of an accepted organization: published once the round's ideas date
    has come (the round factory's phase decides)."""

    class Meta:
        model = ProjectIdea

    participation = factory.SubFactory(ParticipationFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    slug = factory.Sequence(lambda n: f"idea-{n}")
    summary = "Build the widget exporter."
    description = "The problem, the plan, what is learnt."
    status = ProjectIdea.Status.APPROVED
    revision = 1
    approved_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    applicant = factory.SubFactory(UserFactory)
    round = factory.SubFactory(RoundFactory, phase=Phase.APPLICATIONS)
    hours_per_week = 40


class ContributionFactory(factory.django.DjangoModelFactory):
    """A contribution just recorded; `accepted=True` and `confirmed=True` move it on."""

    class Meta:
        model = Contribution

    class Params:
        accepted = factory.Trait(
            state=Contribution.State.ACCEPTED,
            accepted_at=factory.LazyFunction(lambda: timezone.now().date()),
        )
        confirmed = factory.Trait(
            verdict=Contribution.Verdict.CONFIRMED,
            reviewed_at=factory.LazyFunction(timezone.now),
        )

    applicant = factory.SubFactory(UserFactory)
    participation = factory.SubFactory(ParticipationFactory)
    url = factory.Sequence(lambda n: f"https://gitlab.example.org/project/-/merge_requests/{n}")
    description = "Fixes a typo in the manual."


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft to an idea of the application's round, by the application's applicant;
    `submitted=True` or `withdrawn=True` move it on."""

    class Meta:
        model = Proposal

    class Params:
        submitted = factory.Trait(
            status=Proposal.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        withdrawn = factory.Trait(
            status=Proposal.Status.WITHDRAWN, withdrawn_at=factory.LazyFunction(timezone.now)
        )

    application = factory.SubFactory(ApplicationFactory)
    applicant = factory.SelfAttribute("application.applicant")
    idea = factory.SubFactory(
        ProjectIdeaFactory, participation__round=factory.SelfAttribute("...application.round")
    )
    title = factory.Sequence(lambda n: f"Proposal {n}")
    problem = "What is wrong today."
    outline = "How I would fix it."


class ProposalWeekFactory(factory.django.DjangoModelFactory):
    """Week `number` of the proposal's schedule, starting `number - 1` weeks into coding."""

    class Meta:
        model = ProposalWeek

    proposal = factory.SubFactory(ProposalFactory)
    number = 1
    starts_on = factory.LazyAttribute(
        lambda week: (
            week.proposal.application.round.coding_start + timedelta(weeks=week.number - 1)
        ).date()
    )
    deliverable = "A merged patch."


# === Review, interviews and selection =========================================================


class CandidacyFactory(factory.django.DjangoModelFactory):
    """A submitted proposal as its organization weighs it: unranked, unflagged."""

    class Meta:
        model = Candidacy
        django_get_or_create = ("proposal",)

    proposal = factory.SubFactory(ProposalFactory, submitted=True)
    participation = factory.SelfAttribute("proposal.idea.participation")
    applicant = factory.SelfAttribute("proposal.applicant")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    participation = factory.SubFactory(ParticipationFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(ProposalFactory, submitted=True)
    mentor = factory.SubFactory(UserFactory)
    score = 4
    comment = "Clear plan, realistic schedule."


class MentorCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorCommitment

    proposal = factory.SubFactory(ProposalFactory, submitted=True)
    mentor = factory.SubFactory(UserFactory)


class InterviewSlotFactory(factory.django.DjangoModelFactory):
    """An hour a mentor offers, a day from now."""

    class Meta:
        model = InterviewSlot

    participation = factory.SubFactory(ParticipationFactory)
    mentor = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + timedelta(hours=1))
    where = "https://meet.example.org/interview"


class InterviewInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewInvitation

    candidacy = factory.SubFactory(CandidacyFactory)
    mentor = factory.SubFactory(UserFactory)
    invited_at = factory.LazyFunction(timezone.now)


class InterviewFactory(factory.django.DjangoModelFactory):
    """A booked interview of the invitation's applicant in the slot, with its copies."""

    class Meta:
        model = Interview

    slot = factory.SubFactory(InterviewSlotFactory)
    invitation = factory.SubFactory(
        InterviewInvitationFactory, mentor=factory.SelfAttribute("..slot.mentor")
    )
    mentor = factory.SelfAttribute("slot.mentor")
    applicant = factory.SelfAttribute("invitation.candidacy.applicant")
    starts_at = factory.SelfAttribute("slot.starts_at")
    ends_at = factory.SelfAttribute("slot.ends_at")
    booked_at = factory.LazyFunction(timezone.now)


# === Evaluations, decisions, payments, certificates ===========================================


class MentorEvaluationFactory(factory.django.DjangoModelFactory):
    """The mentors' midterm pass of an internship, submitted by its first mentor (or a new
    person when it has none: name `submitted_by`)."""

    class Meta:
        model = Evaluation

    internship = factory.SubFactory(InternshipFactory)
    phase = EvaluationPhase.MIDTERM
    side = Evaluation.Side.MENTOR
    submitted_by = factory.LazyAttribute(lambda e: e.internship.mentors.first() or UserFactory())
    submitted_at = factory.LazyFunction(timezone.now)
    result = Evaluation.Result.PASS
    action = factory.LazyAttribute(
        lambda e: Evaluation.Action.PAY if e.result == "pass" else Evaluation.Action.END
    )
    progress = "On schedule: the exporter handles every format in the plan."
    communication = "Weekly meetings, quick answers."
    code = "Clean patches, reviewed and merged."


class InternEvaluationFactory(factory.django.DjangoModelFactory):
    """The intern's midterm evaluation of their mentors and organization."""

    class Meta:
        model = Evaluation

    internship = factory.SubFactory(InternshipFactory)
    phase = EvaluationPhase.MIDTERM
    side = Evaluation.Side.INTERN
    submitted_by = factory.SelfAttribute("internship.intern")
    submitted_at = factory.LazyFunction(timezone.now)
    about_mentors = "Patient and available; reviews within a day."
    about_organization = "Welcoming channel."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    internship = factory.SubFactory(InternshipFactory)
    phase = EvaluationPhase.MIDTERM
    outcome = Decision.Outcome.PASSED
    by = factory.SubFactory(UserFactory)
    at = factory.LazyFunction(timezone.now)
    reason = "The mentor confirmed the pass by email."


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    internship = factory.SubFactory(InternshipFactory)
    milestone = "start"
    percent = 10
    created_at = factory.LazyFunction(timezone.now)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    internship = factory.SubFactory(InternshipFactory, status="completed")
    name = factory.LazyAttribute(lambda c: str(c.internship.intern))
    issued_at = factory.LazyFunction(timezone.now)
