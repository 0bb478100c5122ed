from django.db import models


class Heartbeat(models.Model):
    """The last time each Celery process showed it was alive (worker ran a task, beat ticked).

    One row per process name; the status page warns when one is older than a few minutes.
    """

    name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.last_seen:%Y-%m-%d %H:%M:%S}"
