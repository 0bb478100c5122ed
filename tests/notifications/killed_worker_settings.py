"""Settings of the Celery worker that tests/notifications/test_worker_killed.py starts and
kills: production settings (the database and Redis come from the environment), with a mail
backend that hangs inside the send."""

from config.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.notifications.slow_mail_backend.SlowBackend"
