"""The embedded default's mail backend: each email a short readable block on the terminal."""

import io
import sys

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection

BACKEND = "notifications.console.ReadableConsoleBackend"


def reminder() -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject="[Internships] In three days: organization applications close",
        body="Hello Ana,\n\nQEMU's application is still a draft.\n"
        "Submit it: http://127.0.0.1:8000/rounds/gsoc-2027/orgs/qemu/\n",
        from_email="Internships <noreply@localhost>",
        to=["ana@example.org"],
    )
    email.attach_alternative(
        '<p>Hello Ana,</p><p><a href="http://127.0.0.1:8000/rounds/gsoc-2027/orgs/qemu/">'
        'Submit it</a>, or <a href="http://127.0.0.1:8000/notifications/off/x/">turn these '
        "off</a>.</p>",
        "text/html",
    )
    return email


def printed(email: EmailMessage) -> str:
    stream = io.StringIO()
    get_connection(BACKEND, stream=stream).send_messages([email])
    return stream.getvalue()


def test_it_prints_sender_recipient_subject_text_and_links_without_mime():
    out = printed(reminder())
    assert "From:    Internships <noreply@localhost>" in out
    assert "To:      ana@example.org" in out
    assert "Subject: [Internships] In three days: organization applications close" in out
    assert "QEMU's application is still a draft." in out
    assert out.count("http://127.0.0.1:8000/rounds/gsoc-2027/orgs/qemu/") == 2  # text, links
    assert "Links:\n  http://127.0.0.1:8000/rounds/gsoc-2027/orgs/qemu/\n" in out
    assert "  http://127.0.0.1:8000/notifications/off/x/\n" in out
    for mime in ("Content-Type", "MIME-Version", "Content-Transfer-Encoding", "<p>"):
        assert mime not in out


def test_an_html_only_email_prints_its_text_without_tags():
    email = EmailMessage(subject="Hi", body="<p>Hello <b>Ana</b></p>", to=["ana@example.org"])
    email.content_subtype = "html"
    out = printed(email)
    assert "Hello Ana" in out
    assert "<b>" not in out


def test_it_writes_to_the_terminal_even_where_stdout_is_a_logger(monkeypatch):
    """A Celery worker replaces sys.stdout by a logger at WARNING."""
    terminal, logger = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "__stdout__", terminal)
    monkeypatch.setattr(sys, "stdout", logger)
    get_connection(BACKEND).send_messages([reminder()])
    assert "Subject: [Internships] In three days" in terminal.getvalue()
    assert logger.getvalue() == ""
