"""A round's payment exports: the list (newest first, paginated), making one (POST), and one
export's CSV, streamed from the database in chunks, safe against spreadsheet formulas, in the
same queries for a few payments or over a thousand.

Access: program admins (200); the round's own people 403; anyone else signed in 404, and an
export of another round 404; anonymous people log in first.
"""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Payment, PaymentExport
from evaluations.services import payment_csv
from evaluations.services.payments import export
from tests.evaluations.payment_world import approved, intern_with_payment, many
from tests.factories import ParticipationFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("evaluations:payment_exports", args=["gsoc-2027"])
Status = Payment.Status


def csv_url(made: PaymentExport, round_slug: str = "gsoc-2027") -> str:
    return reverse("evaluations:payment_export", args=[round_slug, made.pk])


def read(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def ready(participation, applicant, mentor, program_admin):
    """Ana's start payment, approved."""
    return approved(intern_with_payment(participation, applicant, [mentor])[1], program_admin)


@pytest.fixture
def made(ready, round_, program_admin):
    return export(round_=round_, by=program_admin)


def test_a_program_admin_exports_the_approved_payments_and_downloads_them(
    client, ready, program_admin
):
    client.force_login(program_admin)
    listed = client.get(LIST)
    assert listed.context["to_export"] == 1
    assert "approved payment waits for an export." in listed.content.decode()

    response = client.post(LIST)

    assert response.status_code == 302
    made = PaymentExport.objects.get()
    page = client.get(response.url).content.decode()
    assert f"Export {made.pk} holds 1 payment" in page
    assert csv_url(made) in page
    download = client.get(csv_url(made))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Cache-Control"] == "private, no-store"
    assert f'filename="payments-gsoc-2027-{made.pk}.csv"' in download["Content-Disposition"]
    header, row = read(download)
    assert header == list(payment_csv.HEADER)
    assert row[:7] == [
        str(ready.pk),
        "Ana Applicant",
        "ana@example.org",
        "QEMU",
        "Improve the widget exporter",
        "Start of coding",
        "10",
    ]
    assert row[7].startswith(str(ready.approved_at.date()))


def test_exporting_again_with_nothing_approved_says_so(client, made, program_admin):
    client.force_login(program_admin)

    response = client.post(LIST, follow=True)

    assert "No approved payment of this round waits for an export." in response.content.decode()
    assert PaymentExport.objects.count() == 1


@pytest.mark.parametrize("person", ["applicant", "mentor", "org_admin", "outsider"])
def test_people_of_the_round_get_403(client, made, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(LIST).status_code == 403
    assert client.post(LIST).status_code == 403
    assert client.get(csv_url(made)).status_code == 403


def test_people_with_nothing_in_the_round_get_404(client, made):
    client.force_login(UserFactory())

    assert client.get(LIST).status_code == 404
    assert client.get(csv_url(made)).status_code == 404


def test_an_export_of_another_round_is_not_found_through_this_one(
    client, made, program_admin, program
):
    other = RoundFactory(program=program, slug="gsoc-2028")
    client.force_login(program_admin)

    assert client.get(csv_url(made, other.slug)).status_code == 404
    assert client.get(csv_url(made)).status_code == 200


def test_anonymous_people_log_in_first(client, made):
    assert "/accounts/login/" in client.get(LIST).url
    assert "/accounts/login/" in client.get(csv_url(made)).url


def test_the_csv_never_hands_a_spreadsheet_a_formula(client, participation, program_admin, round_):
    sly = UserFactory(display_name='=HYPERLINK("http://evil.example","click")', email="s@x.org")
    internship, payment = intern_with_payment(participation, sly)
    internship.project_title = "+cmd|' /C calc'!A0"
    internship.save(update_fields=["project_title"])
    approved(payment, program_admin)
    made = export(round_=round_, by=program_admin)
    client.force_login(program_admin)

    _, row = read(client.get(csv_url(made)))

    assert row[1] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[4] == "'+cmd|' /C calc'!A0"


def test_the_csv_reads_the_payments_in_chunks(monkeypatch, made):
    """The rows come from an iterator over the database in chunks, not a list in memory."""
    chunks = []
    iterator = type(Payment.objects.all()).iterator

    def counted(queryset, chunk_size=None):
        chunks.append(chunk_size)
        return iterator(queryset, chunk_size=chunk_size)

    monkeypatch.setattr(type(Payment.objects.all()), "iterator", counted)
    lines = payment_csv.lines(made, timezone.get_current_timezone())

    assert chunks == []  # nothing read before the response is sent
    assert len(list(lines)) == 2
    assert chunks == [payment_csv.CHUNK]


def test_the_csv_lists_only_its_exports_payments(client, made, participation, program_admin):
    later = approved(intern_with_payment(participation, UserFactory())[1], program_admin)
    second = export(round_=participation.round, by=program_admin)
    client.force_login(program_admin)

    first_rows = read(client.get(csv_url(made)))[1:]
    second_rows = read(client.get(csv_url(second)))[1:]

    assert [r[0] for r in first_rows] == [str(made.payment_ids[0])]
    assert [r[0] for r in second_rows] == [str(later.pk)]


def test_the_list_and_the_csv_cost_the_same_queries_for_a_few_payments_or_a_thousand(
    client, participation, program_admin, round_, django_assert_num_queries
):
    many(participation, 3, status=Status.APPROVED, by=program_admin)
    small = export(round_=round_, by=program_admin)
    client.force_login(program_admin)
    # session, user; the round, the export; its payments with their people (streamed)
    with django_assert_num_queries(5):
        assert len(read(client.get(csv_url(small)))) == 4
    # session, user; the round; the approved count; the exports' count; their page
    with django_assert_num_queries(6):
        client.get(LIST)

    many(participation, 1_200, status=Status.APPROVED, by=program_admin)
    big = export(round_=round_, by=program_admin)
    for _ in range(3):
        ParticipationFactory(round=round_)  # other organizations of the round
    with django_assert_num_queries(5):
        assert len(read(client.get(csv_url(big)))) == 1_201
    with django_assert_num_queries(6):
        client.get(LIST)
