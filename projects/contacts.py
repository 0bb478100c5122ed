"""Mentors as a page shows them: a name, the contact they chose, and an email address only to
those who may read it.

An address is shown to the organization's own people (projects.permissions.sees_addresses
decides who they are), and to everyone else only where its owner chose so in their profile
(User.show_email, off by default). A person named on an imported page without an account here
never chose, so their address is never shown publicly. Where no address may be shown, a
mentor is their name and chat handles: the IRC nick they chose to be shown with, else the
handles of their profile, else the name alone (never an address instead of a cleared nick).

The organization's own export and the `ideas_export` command stay lossless: they do not come
through here (projects.wiki.convert writes every mentor as chosen).
"""

import re
from dataclasses import dataclass, replace

from projects.models import IdeaMentor, ProjectIdea
from projects.wiki.convert import idea_to_data, mentor_from_text
from projects.wiki.data import IdeaData, MentorEntry

# What follows an "@" up to the next space: a name typed as "alice@example.org" is shown as
# "alice", as User.name shows an account without a display name. One pass, no backtracking.
_AFTER_AT = re.compile(r"@\S+")


@dataclass(frozen=True)
class MentorContact:
    name: str
    email: str = ""
    irc: str = ""
    matrix: str = ""


def public_name(name: str) -> str:
    """A name with no address in it, for pages anyone can read."""
    return _AFTER_AT.sub("", name).strip()


def mentor_contact(mentor: IdeaMentor, *, with_addresses: bool) -> MentorContact:
    """The mentor as shown to a viewer who may (`with_addresses`) or may not read addresses;
    give it the mentor with its user selected."""
    user = mentor.user
    if user is None:
        written = mentor_from_text(mentor.name)
        if with_addresses:
            return MentorContact(name=written.name, email=written.email, irc=written.irc)
        return MentorContact(name=public_name(written.name), irc=written.irc)
    if mentor.contact == IdeaMentor.Contact.IRC and user.irc_nick:
        name = user.name if with_addresses or user.show_email else public_name(user.name)
        return MentorContact(name=name, irc=user.irc_nick)
    if with_addresses or user.show_email:
        return MentorContact(name=user.name, email=user.email)
    return MentorContact(name=public_name(user.name), irc=user.irc_nick, matrix=user.matrix_id)


def shown_name(mentor: IdeaMentor) -> str:
    """The mentor's name as lists and the JSON show it to anyone."""
    return mentor_contact(mentor, with_addresses=False).name


def _public_entry(mentor: IdeaMentor) -> MentorEntry:
    contact = mentor_contact(mentor, with_addresses=False)
    return MentorEntry(name=contact.name, email=contact.email, irc=contact.irc)


def idea_data_for(idea: ProjectIdea, *, with_addresses: bool) -> IdeaData:
    """The idea as the wiki template sees it, its mentors as this viewer may see them (give
    it tags and mentors prefetched)."""
    data = idea_to_data(idea)
    if with_addresses:
        return data
    return replace(data, mentors=tuple(_public_entry(mentor) for mentor in idea.mentors.all()))
