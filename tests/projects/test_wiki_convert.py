"""Mentors between the database and the page: accounts by their chosen contact, people
without one by the entry as written."""

import pytest

from projects.models import IdeaMentor
from projects.wiki.convert import mentor_entry, mentor_from_text, mentor_text
from projects.wiki.data import MentorEntry
from tests.factories import UserFactory


@pytest.mark.parametrize(
    "entry, text",
    [
        (
            MentorEntry("John Snow", "jsnow@redhat.com", "jsnow"),
            "John Snow <jsnow@redhat.com> (jsnow on IRC)",
        ),
        (MentorEntry("Alberto Garcia", irc="berto"), "Alberto Garcia (berto on IRC)"),
        (MentorEntry("Kevin Wolf", email="kwolf@redhat.com"), "Kevin Wolf <kwolf@redhat.com>"),
        (MentorEntry("", email="a@example.org"), "<a@example.org>"),
        (MentorEntry("Dee"), "Dee"),
    ],
)
def test_an_entry_written_as_text_reads_back(entry, text):
    assert mentor_text(entry) == text
    assert mentor_from_text(text) == entry


@pytest.mark.django_db
def test_an_account_shows_its_name_and_the_contact_it_chose():
    mira = UserFactory(display_name="Mira Mentor", email="mira@example.org", irc_nick="mira")
    nickless = UserFactory(display_name="Kai", email="kai@example.org")

    assert mentor_entry(IdeaMentor(user=mira, contact="email")) == MentorEntry(
        "Mira Mentor", email="mira@example.org"
    )
    assert mentor_entry(IdeaMentor(user=mira, contact="irc")) == MentorEntry(
        "Mira Mentor", irc="mira"
    )
    # No nick to show: the address instead.
    assert mentor_entry(IdeaMentor(user=nickless, contact="irc")) == MentorEntry(
        "Kai", email="kai@example.org"
    )
    assert mentor_entry(IdeaMentor(name="Ann (ann on IRC)")) == MentorEntry("Ann", irc="ann")
