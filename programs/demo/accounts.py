"""The demo's people: one account per role with a published password, plus placeholders.

Placeholders (other organizations' admins and mentors, past interns) cannot log in: they have
no usable password, so only the accounts listed at the end of `manage.py demo` open a session.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from people.models import User

# Published in the README and printed by the command: for a local demo only.
PASSWORD = "demo-password-2026"  # noqa: S105


@dataclass(frozen=True)
class AccountSpec:
    key: str  # the name in DemoWorld.accounts
    role: str
    email: str
    display_name: str
    timezone: str
    where: str  # what the account is set up to do, for the printed table
    is_program_admin: bool = False


PROGRAM_ADMIN = AccountSpec(
    "program_admin",
    "program admin",
    "admin@example.org",
    "Paula Program",
    "UTC",
    "runs every program; superuser for the Django admin",
    is_program_admin=True,
)
ORG_ADMIN = AccountSpec(
    "org_admin",
    "org admin",
    "orgadmin@example.org",
    "Olga Orgadmin",
    "Europe/London",
    "coordinates QEMU in both current rounds",
)
MENTOR = AccountSpec(
    "mentor",
    "mentor",
    "mentor@example.org",
    "Mira Mentor",
    "Europe/Berlin",
    "mentors for QEMU in both current rounds",
)
SECOND_MENTOR = AccountSpec(
    "second_mentor",
    "mentor",
    "mentor2@example.org",
    "Leo Libvirt",
    "America/Sao_Paulo",
    "mentors for libvirt in Google Summer of Code",
)
APPLICANT = AccountSpec(
    "applicant",
    "applicant",
    "applicant@example.org",
    "Ana Applicant",
    "Asia/Kolkata",
    "signed up, no role yet",
)
INTERN = AccountSpec(
    "intern",
    "intern",
    "intern@example.org",
    "Ines Intern",
    "Africa/Lagos",
    "interns with QEMU",
)

# In the order the table prints them. The programs part creates all but the intern, whom
# evaluations.demo creates along with the internships.
ACCOUNTS: tuple[AccountSpec, ...] = (
    PROGRAM_ADMIN,
    ORG_ADMIN,
    MENTOR,
    SECOND_MENTOR,
    APPLICANT,
    INTERN,
)
CREATED_WITH_PROGRAMS: tuple[AccountSpec, ...] = ACCOUNTS[:-1]


def hash_demo_password() -> str:
    # Hashed once per build: the default hasher is slow on purpose, and every demo account
    # shares the same published password anyway.
    return make_password(PASSWORD)


def create_account(spec: AccountSpec, *, password_hash: str) -> User:
    """An account that can log in with the demo password: its address is verified."""
    user = User.objects.create(
        email=spec.email,
        display_name=spec.display_name,
        timezone=spec.timezone,
        password=password_hash,
        is_program_admin=spec.is_program_admin,
        is_staff=spec.is_program_admin,
        is_superuser=spec.is_program_admin,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def create_placeholder(email: str, display_name: str, timezone: str = "UTC") -> User:
    """Someone who appears on pages but cannot log in (no usable password)."""
    return User.objects.create_user(email=email, display_name=display_name, timezone=timezone)


def placeholder_rows(people: list[tuple[str, str]]) -> list[User]:
    """Many placeholders at once (past interns): one INSERT, no password hashing."""
    unusable = make_password(None)
    return User.objects.bulk_create(
        User(email=email, display_name=name, password=unusable) for email, name in people
    )


def account_table(users: dict[str, User]) -> list[str]:
    """The printed table: role, email, time zone, what the account is for."""
    rows = [("role", "email", "time zone", "set up to")]
    rows += [
        (spec.role, spec.email, users[spec.key].timezone, spec.where)
        for spec in ACCOUNTS
        if spec.key in users
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]


def existing_accounts() -> dict[str, User]:
    """The demo accounts still in the database (for a run that leaves the data as it is)."""
    by_email = {u.email: u for u in User.objects.filter(email__in=[s.email for s in ACCOUNTS])}
    return {spec.key: by_email[spec.email] for spec in ACCOUNTS if spec.email in by_email}
