"""A mail backend that never answers in time: it leaves a marker file (named by the
SLOW_MAIL_MARKER environment variable) to say a send has begun, then hangs for a minute, so a
test can kill the worker while it is inside the send."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HANG_SECONDS = 60


class SlowBackend(BaseEmailBackend):
    def send_messages(self, messages):
        Path(os.environ["SLOW_MAIL_MARKER"]).write_text(f"{len(messages)} message(s)\n")
        time.sleep(HANG_SECONDS)
        return len(messages)
