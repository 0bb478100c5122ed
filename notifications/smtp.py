"""Sending over Django's open SMTP connection while the worker's own work overlaps the mail
server's: the same commands and bytes as `smtplib.SMTP.sendmail` (which Django's backend
calls), in the same order, with places where the worker may do something while the server
is busy:

- `while_mail` runs after the MAIL command is written and before its answer is read: the
  worker starts recording the previous message as sent there (notifications.marks);
- `before_data` runs before the message's content is written, whatever happened before: the
  worker waits there for that record to be committed, so it still comes before this message
  can be accepted (at most one message is ever accepted and not yet recorded);
- `while_data` runs after the message's content is written and before the server says it
  took it: the worker builds the next message there, if it was not built with its row.

Without the overlap, each of those waits adds to every message, and a worker sends at a
fraction of the mail server's speed (measured in benchmarks: one statement and one MIME
build between two messages halve it on a busy machine).
"""

import contextlib
import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address

LINE_START_DOT = re.compile(rb"(?m)^\.")


@dataclass(frozen=True)
class Envelope:
    """One email as the SMTP server receives it."""

    sender: str
    recipients: list[str]
    data: bytes


def as_sent(email: EmailMessage) -> bytes:
    """The bytes of `email` as Django's SMTP backend sends them (SMTP lines end in CRLF)."""
    return email.message().as_bytes(linesep="\r\n")


def envelope(email: EmailMessage) -> Envelope:
    """What Django's SMTP backend would send for `email` (its `_send`)."""
    encoding = email.encoding or settings.DEFAULT_CHARSET
    return Envelope(
        sender=sanitize_address(email.from_email, encoding),
        recipients=[sanitize_address(address, encoding) for address in email.recipients()],
        data=as_sent(email),
    )


def recipient(address: str) -> str:
    """`address` as Django's SMTP backend gives it to RCPT (an internationalized domain in
    punycode, a non-ASCII local part encoded)."""
    return sanitize_address(address, settings.DEFAULT_CHARSET)


def sender() -> str:
    """The envelope sender of every email the site sends, as Django's backend gives it."""
    return sanitize_address(settings.DEFAULT_FROM_EMAIL, settings.DEFAULT_CHARSET)


def _reset(smtp: smtplib.SMTP) -> None:
    """Abandon the mail transaction after a refusal, as sendmail does (a server that is
    closing the connection cannot be reset, and need not be)."""
    with contextlib.suppress(smtplib.SMTPServerDisconnected):
        smtp.rset()


def _envelope_accepted(smtp: smtplib.SMTP, mail: Envelope) -> None:
    """Read the answer to MAIL, then give the recipients and ask to send the content."""
    code, reply = smtp.getreply()
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(code, reply, mail.sender)
    refused = {}
    for address in mail.recipients:
        code, reply = smtp.rcpt(address)
        if code not in (250, 251):
            refused[address] = (code, reply)
    if len(refused) == len(mail.recipients):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused(refused)
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)


def send(
    smtp: smtplib.SMTP,
    mail: Envelope,
    *,
    while_mail: Callable[[], None],
    before_data: Callable[[], None],
    while_data: Callable[[], None],
) -> None:
    """Send `mail` on the open connection `smtp`, as `smtp.sendmail` would; raises the same
    errors. `while_mail` always runs, even when the MAIL command cannot be written, and then
    `before_data`, even when the server refuses the message (or the worker is stopping)."""
    smtp.ehlo_or_helo_if_needed()
    options = f" size={len(mail.data)}" if smtp.has_extn("size") else ""
    try:
        try:
            smtp.putcmd("mail", f"FROM:{smtplib.quoteaddr(mail.sender)}{options}")
        finally:
            while_mail()
        _envelope_accepted(smtp, mail)
    finally:
        before_data()
    data = LINE_START_DOT.sub(b"..", mail.data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    smtp.send(data + b".\r\n")
    while_data()
    code, reply = smtp.getreply()
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
