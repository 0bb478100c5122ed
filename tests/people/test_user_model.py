"""The custom User: email is the login, unique whatever its case."""

import pytest
from django.db import IntegrityError, transaction

from people.models import User
from programs.permissions import is_program_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_email_differing_only_in_case_is_refused_by_the_database():
    User.objects.create_user("Ana@example.org")

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        User.objects.create_user("ana@EXAMPLE.ORG")

    assert "user_email_unique_ci" in str(refused.value)
    assert User.objects.count() == 1


def test_the_constraint_is_named_for_what_it_guards():
    names = [c.name for c in User._meta.constraints]

    assert "user_email_unique_ci" in names


def test_a_superuser_is_a_program_admin():
    boss = User.objects.create_superuser("boss@example.org", "a long enough password")

    assert boss.is_superuser and boss.is_staff and boss.is_program_admin
    assert is_program_admin(boss)
    assert boss.check_password("a long enough password")


def test_a_plain_user_holds_no_role():
    person = User.objects.create_user("nia@example.org", "a long enough password")

    assert not (person.is_superuser or person.is_staff or person.is_program_admin)
    assert person.timezone == "UTC"


def test_an_email_is_required():
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("")


def test_the_name_falls_back_to_the_start_of_the_email():
    assert UserFactory.build(email="nia@example.org", display_name="").name == "nia"
    assert str(UserFactory.build(display_name="Nia New")) == "Nia New"
