import re

import pytest
from django.core.cache import cache

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^/\s]+/")


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth keeps its rate-limit counters in the cache: start and end every test empty."""
    cache.clear()
    yield
    cache.clear()


def confirmation_link(message) -> str:
    """The confirmation URL in a sign-up email."""
    match = CONFIRM_LINK.search(message.body)
    assert match, message.body
    return match.group(0)
