from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils.timezone import now

from people.timezones import timezone_choices


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def program_admins(self):
        """Active people who run programs site-wide (superusers count): the rule of
        `User.runs_programs`, as a query."""
        return self.filter(
            models.Q(is_program_admin=True) | models.Q(is_superuser=True), is_active=True
        ).order_by("pk")

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True, is_program_admin=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The profile lives on the user itself: every page shows names and zones, so
    keeping them here saves a join on every row that mentions a person."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=150, blank=True)
    pronouns = models.CharField(max_length=40, blank=True, help_text="For example she/her.")
    timezone = models.CharField(
        "time zone",
        max_length=64,
        default="UTC",
        choices=timezone_choices,
        help_text="Every date on the site is shown in this zone.",
    )
    irc_nick = models.CharField("IRC nick", max_length=64, blank=True)
    matrix_id = models.CharField(
        "Matrix ID", max_length=255, blank=True, help_text="For example @alice:matrix.org."
    )
    github_username = models.CharField("GitHub user name", max_length=39, blank=True)
    gitlab_username = models.CharField("GitLab user name", max_length=255, blank=True)
    affiliation = models.CharField(
        max_length=200, blank=True, help_text="Employer, university or 'independent'."
    )
    # Off by default: public pages (ideas, their JSON and wiki exports) show a person's name and
    # chat handles; their address only when they chose so, or to their organization's people.
    show_email = models.BooleanField(
        "show my email address on public pages",
        default=False,
        help_text="Where you mentor an idea, visitors then see your address beside your name. "
        "Your organization's people see it either way.",
    )
    is_program_admin = models.BooleanField(
        default=False, help_text="Runs programs site-wide: opens rounds, accepts organizations."
    )
    is_staff = models.BooleanField(default=False, help_text="May log in to the Django admin.")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def runs_programs(self) -> bool:
        """A program admin in force: the role (or superuser) on an active account."""
        return self.is_active and (self.is_program_admin or self.is_superuser)

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name
