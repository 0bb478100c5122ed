import pytest

from programs.timeline import Phase
from tests.factories import RoundFactory


@pytest.mark.django_db
def test_a_round_made_for_a_phase_stands_in_that_phase():
    for phase in Phase:
        assert RoundFactory(phase=phase).phase == phase
