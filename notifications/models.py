"""The outbox and what decides who gets it: messages, heartbeats, preferences.

A message is a row before it is an email (DESIGN.md, "Messages: exactly once"). The row is
created once, under a unique constraint, and sent by `notifications.delivery`.

It names no other app's model: notifications sits below every domain app (a round's
followers live in programs).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Heartbeat(models.Model):
    """The last time each Celery process showed it was alive (worker ran a task, beat ticked).

    One row per process name ("worker@host", "beat@host"); the status page warns when one is
    older than a few minutes.
    """

    name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.last_seen:%Y-%m-%d %H:%M:%S}"


class Message(models.Model):
    """One email to one person, rendered when it is created and sent by id.

    `about` names the thing the message is about as a plain key ("participation:12"), and
    `due_at` is the instant the message became due (a deadline minus its lead, the moment of
    a decision, 07:00 of a digest's day). With `kind`, `recipient` and `dedupe_key` they make
    the message's identity: the sweep may run twice, on two workers at once, and the second
    insert of the same identity is refused by the database.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        # The person was deactivated, or turned this optional kind off, after it was queued.
        WITHDRAWN = "withdrawn", "Not sent: no longer wanted"

    kind = models.CharField(max_length=64)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages"
    )
    about = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    # What else tells two messages of one kind about one thing apart: "" for most; a copy to
    # an org admin names whose reminder it copies.
    dedupe_key = models.CharField(max_length=100, blank=True, default="")

    subject = models.CharField(max_length=255)
    text = models.TextField()
    html = models.TextField(blank=True)
    # The email as the mail server receives it (RFC 5322 with CRLF line ends: headers with
    # the Message-ID and the signed List-Unsubscribe link, text and HTML parts), built with
    # the row so that sending does no per-message work but the sending; `address` is the
    # recipient's address it was built for, as SMTP writes it (notifications.smtp.recipient).
    # Empty for a row made before they were stored: such a row is built when it is sent.
    address = models.CharField(max_length=254, blank=True)
    email_bytes = models.BinaryField(blank=True, default=b"")

    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # When requeue_stuck should look at the row again if nothing else happens: the creation
    # time (task lost), the retry time (back-off), or the end of a claim (worker died).
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "about", "due_at", "dedupe_key"],
                name="message_once_per_identity",
            ),
        ]
        indexes = [
            # Used by notifications.delivery.requeue_stuck (every 5 minutes): the rows still
            # waiting or being sent are few, the sent ones are nearly all.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="message_waiting",
            ),
            # The status page's failures and oldest waiting message.
            models.Index(
                fields=["status", "created_at"],
                condition=~Q(status="sent"),
                name="message_unsent_by_age",
            ),
            # The status page's count of the messages sent in the last day.
            models.Index(
                fields=["sent_at"], condition=Q(status="sent"), name="message_sent_by_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id} about {self.about} ({self.status})"


class NotificationPreference(models.Model):
    """A person's choice for one kind of message; no row means the kind is sent.

    Only kinds registered as optional (not about a duty the person owes) can be turned off.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=64)
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'on' if self.enabled else 'off'}"
