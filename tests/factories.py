"""Factories: the smallest valid rows, related objects agreeing with each other."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from evaluations.models import Internship
from programs.models import Membership, Organization, Participation, Program, Round, RuleSet
from programs.schedules import dates_in_phase
from programs.timeline import Phase

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
