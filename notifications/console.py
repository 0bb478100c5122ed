"""The mail backend of the embedded default: each email printed to the terminal as a short
block a person can read (from, to, subject, the text, its links), not as a MIME dump.

It writes to the process's real standard output: a Celery worker replaces `sys.stdout` by a
logger at WARNING, which would print every line of an email as a warning.
"""

import re
import sys

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend
from django.utils.html import strip_tags

LINK = re.compile(r"""https?://[^\s<>"')\]]+""")
RULE = "-" * 79


def text_of(message: EmailMessage) -> str:
    """The plain text of the message: its body, or its HTML without tags if that is all."""
    if message.content_subtype != "html":
        return message.body
    return strip_tags(message.body)


def links_of(message: EmailMessage) -> list[str]:
    """Every http(s) link in the text and in the HTML part, each once, in order."""
    parts = [message.body]
    if isinstance(message, EmailMultiAlternatives):
        parts += [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    found = (link.rstrip(".,;:") for part in parts for link in LINK.findall(str(part)))
    return list(dict.fromkeys(found))


def readable(message: EmailMessage) -> str:
    lines = [RULE, f"From:    {message.from_email}", f"To:      {', '.join(message.to)}"]
    if message.cc:
        lines.append(f"Cc:      {', '.join(message.cc)}")
    lines += [f"Subject: {message.subject}", "", text_of(message).strip(), ""]
    links = links_of(message)
    if links:
        lines.append("Links:")
        lines += [f"  {link}" for link in links]
    lines.append(RULE)
    return "\n".join(lines) + "\n"


class ReadableConsoleBackend(EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("stream", sys.__stdout__)
        super().__init__(*args, **kwargs)

    def write_message(self, message: EmailMessage) -> None:
        self.stream.write(readable(message))
