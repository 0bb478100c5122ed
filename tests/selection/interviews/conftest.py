"""Fixtures of the selection tests, one block per area."""

import pytest

from tests.selection.interviews.world import invited, slot, tomorrow_at

# --- Interviews: Mira (the QEMU mentor, in Berlin) invited Ana (the applicant, in Kolkata),
# whose proposal was flagged for interview; Mira offers two slots tomorrow.


@pytest.fixture
def invitation(participation, applicant, mentor):
    return invited(participation, applicant, mentor)


@pytest.fixture
def free_slot(participation, mentor):
    return slot(participation, mentor, tomorrow_at(14))


@pytest.fixture
def later_slot(participation, mentor):
    return slot(participation, mentor, tomorrow_at(16))
