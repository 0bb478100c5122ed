"""The certificate of a completed internship, and the code that verifies it in public."""

import secrets

from django.db import models

from evaluations.models.internship import Internship


def new_code() -> str:
    """128 random bits, URL-safe: the verification address cannot be guessed or walked."""
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    """Issued when an internship completes. Its public page (`/certificates/<code>/`) shows
    the intern's name, the program, the round, the organization and the project, and nothing
    else; once revoked it says so, with no details."""

    internship = models.OneToOneField(
        Internship, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    # The name as printed: the intern's display name when issued.
    name = models.CharField(max_length=150)
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(max_length=2000, blank=True)

    def __str__(self) -> str:
        return f"Certificate of {self.internship}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
