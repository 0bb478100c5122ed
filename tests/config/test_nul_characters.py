"""A NUL character in any parameter is refused with a 400 that says why, before a view hands
it to the database (PostgreSQL cannot store or compare it: a search for it answered 500)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_search_holding_a_nul_is_a_400_naming_the_character(client, round_):
    response = client.get(f"/rounds/{round_.slug}/", {"q": "qe\x00mu"})

    assert response.status_code == 400
    assert "NUL character (U+0000)" in response.content.decode()


def test_a_form_field_holding_a_nul_is_a_400(client, org_admin):
    client.force_login(org_admin)

    response = client.post("/profile/", {"display_name": "Olga\x00"})

    assert response.status_code == 400


def test_a_nul_in_a_parameters_name_is_refused_too(client, round_):
    assert client.get(f"/rounds/{round_.slug}/?q\x00=x").status_code == 400


def test_a_search_without_one_answers_as_before(client, round_):
    assert client.get(f"/rounds/{round_.slug}/", {"q": "qemu"}).status_code == 200
