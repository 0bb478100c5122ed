"""A mail backend for tests: the locmem outbox, failing the next `failures` sends the way an
SMTP server does."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failures = 0
    # Sends that reached the "server" before it failed or answered, to tell a crash after
    # acceptance from a failure before it.
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
