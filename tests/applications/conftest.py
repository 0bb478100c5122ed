"""Fixtures of the applications tests, one block per area."""

import pytest

from applications.models import Proposal
from applications.services.proposals import proposal_start
from tests.factories import ApplicationFactory, ProjectIdeaFactory

# --- Proposals: QEMU's published idea in the named personas' round (its application period
# runs now), Ana's application to that round, and her draft to the idea.


@pytest.fixture
def idea(participation):
    return ProjectIdeaFactory(participation=participation, title="Disk backup tool", slug="backup")


@pytest.fixture
def application(applicant, round_):
    return ApplicationFactory(applicant=applicant, round=round_)


@pytest.fixture
def draft(application, idea) -> Proposal:
    return proposal_start(applicant=application.applicant, idea=idea)
