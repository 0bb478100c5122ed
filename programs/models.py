import hashlib
from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from programs import timeline
from programs.fields import HttpsURLField
from programs.rules import RuleSet

__all__ = [
    "Invitation",
    "Membership",
    "MentorRequest",
    "Organization",
    "Participation",
    "Program",
    "Round",
    "RoundFollow",
    "RuleSet",
]


class Program(models.Model):
    """An internship program such as Google Summer of Code or Outreachy."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    website = HttpsURLField(blank=True)
    terms = models.TextField(
        blank=True,
        help_text="The terms every org admin and mentor accepts before taking a role; the "
        "time each person accepted them is kept.",
    )
    default_rules = models.OneToOneField(
        RuleSet,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Copied into each new round; a round's own copy can then be edited.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:program", args=[self.slug])


class Round(models.Model):
    """One edition of a program, e.g. "Google Summer of Code 2017", with its dated timeline.

    Every date is stored in UTC. The phase is computed (`phase_at`), never stored.
    """

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, help_text="In the round's address, e.g. gsoc-2027.")
    total_slots = models.PositiveIntegerField(
        default=0, help_text="Interns the program funds in this round, across organizations."
    )
    rules = models.OneToOneField(RuleSet, on_delete=models.PROTECT, related_name="round")

    org_applications_open = models.DateTimeField()
    org_applications_close = models.DateTimeField()
    orgs_announced = models.DateTimeField()
    ideas_published = models.DateTimeField()
    applications_open = models.DateTimeField()
    applications_close = models.DateTimeField()
    results_announced = models.DateTimeField()
    coding_start = models.DateTimeField()
    midterm_open = models.DateTimeField()
    midterm_close = models.DateTimeField()
    final_open = models.DateTimeField()
    final_close = models.DateTimeField()
    ends = models.DateTimeField()

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-coding_start"]
        constraints = timeline.ordering_constraints()

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:round", args=[self.slug])

    @property
    def dates(self) -> dict[str, datetime]:
        return {field: getattr(self, field) for field in timeline.MILESTONE_FIELDS}

    def phase_at(self, now: datetime) -> timeline.Phase:
        return timeline.phase_at(self.dates, now)

    @property
    def phase(self) -> timeline.Phase:
        return self.phase_at(timezone.now())

    def milestones(self, now: datetime | None = None) -> list[timeline.DatedMilestone]:
        return timeline.dated_milestones(self.dates, now or timezone.now())

    def next_milestone(self, now: datetime | None = None) -> timeline.DatedMilestone | None:
        return timeline.next_milestone(self.dates, now or timezone.now())


class Organization(models.Model):
    """An open-source organization. An umbrella (a foundation) may hold member projects."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    website = HttpsURLField(blank=True)
    source_repository = HttpsURLField(blank=True)
    mailing_list = models.CharField(
        max_length=255, blank=True, help_text="Address or archive link."
    )
    chat_channels = models.CharField(
        max_length=255, blank=True, help_text="For example #qemu on irc.oftc.net."
    )
    logo_url = HttpsURLField(blank=True)
    wiki_url = HttpsURLField(
        "wiki address",
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the organization's wiki pages live, e.g. https://wiki.qemu.org/: a "
        "link to a wiki page in an idea, such as [[Features/LiveBlockMigration]], leads there.",
    )
    umbrella = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_projects",
        help_text="The umbrella organization this project takes part under, if any.",
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            # Lists of a round's ideas sort by organization name in any case: walking this
            # index, a page of 25 reads its first organizations' ideas, not the whole round.
            models.Index(Lower("name"), "id", name="organization_name_any_case"),
        ]

    def __str__(self) -> str:
        return self.name

    def wiki_page_url(self, page: str) -> str:
        """The address of a page of the organization's wiki ("" without a wiki address, or
        for a link within the same page), encoded as MediaWiki does: blanks as underscores,
        and a "#section" kept as the address's fragment."""
        page, _, section = page.strip().partition("#")
        if not self.wiki_url or not page:
            return ""
        base = self.wiki_url if self.wiki_url.endswith(("/", "=")) else self.wiki_url + "/"
        address = base + quote(page.replace(" ", "_"), safe=";@$!*(),/~:")
        return (
            address + "#" + quote(section.replace(" ", "_"), safe=";@$!*(),/~:")
            if section
            else address
        )

    def clean(self) -> None:
        if self.umbrella_id is not None and self.umbrella_id == self.pk:
            raise ValidationError({"umbrella": "An organization cannot be its own umbrella."})


class ParticipationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Participation.Status.ACCEPTED)


class Participation(models.Model):
    """An organization taking part in a round: its application, status and slots."""

    # With fewer active org admins nobody stands in when the only one is away; program admins
    # are warned (round page, daily digest) and the organization's dashboard says so.
    MIN_ORG_ADMINS = 2

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPLIED = "applied", "Applied"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # No index of its own: the (round, status) and (round, organization) indexes below lead
    # with it, and a third would tempt the planner off the one the overview counts from.
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="participations", db_index=False
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="participations"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    motivation = models.TextField(
        "why take part",
        blank=True,
        help_text="What the organization hopes to gain, and what it offers interns.",
    )
    mentoring_plan = models.TextField(
        blank=True, help_text="Who mentors, how interns are supported, how you stay in touch."
    )
    previous_participation = models.TextField(blank=True)
    slots_min = models.PositiveSmallIntegerField("minimum slots", default=1)
    slots_max = models.PositiveSmallIntegerField("maximum slots", default=2)
    slots_granted = models.PositiveSmallIntegerField(null=True, blank=True)
    # The organization's contribution gate: applicants need this many contributions accepted
    # upstream (and confirmed by a mentor) by the deadline; 0 and no deadline is no gate. The
    # applications app counts them; selection refuses an applicant below the gate.
    gate_contributions = models.PositiveSmallIntegerField(
        "accepted contributions required",
        default=0,
        help_text="Contributions each applicant needs accepted upstream by the deadline "
        "below; 0 for none.",
    )
    gate_deadline = models.DateTimeField(
        "contribution deadline",
        null=True,
        blank=True,
        help_text="The date by which those contributions must be accepted upstream.",
    )
    # Interns one idea may take; most organizations take one, some run an idea twice.
    interns_per_idea = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many interns one project idea may take.",
    )
    # The organization's own approval rule for project ideas (seed: rust-vmm asks for three
    # maintainers from more than one affiliation). Approvers are org admins, never the
    # idea's own mentors.
    idea_approvals_required = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Approvals from distinct org admins an idea needs.",
    )
    idea_approvals_from_two_affiliations = models.BooleanField(
        default=False,
        help_text="The approvals must come from people of at least two affiliations.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept apart from the acceptance: granting slots later must not overwrite who accepted.
    slots_decided_at = models.DateTimeField(null=True, blank=True)
    slots_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization"], name="participation_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(slots_min__lte=models.F("slots_max")),
                name="participation_slots_min_not_above_max",
                violation_error_message="The minimum slots cannot be above the maximum.",
            ),
            models.CheckConstraint(
                condition=Q(gate_contributions=0, gate_deadline__isnull=True)
                | Q(gate_contributions__gt=0, gate_deadline__isnull=False),
                name="participation_gate_set_together",
                violation_error_message="A contribution gate needs both a number of accepted "
                "contributions and a deadline (or neither).",
            ),
            models.CheckConstraint(
                condition=Q(slots_granted__isnull=True)
                | Q(slots_granted__lte=models.F("slots_max")),
                name="participation_granted_not_above_asked",
                violation_error_message="Slots granted cannot exceed the slots asked for.",
            ),
        ]
        indexes = [
            # The program admin's overview counts each round's participations by status and
            # sums the slots granted from this index alone (programs.overview).
            models.Index(
                fields=["round", "status"],
                include=["slots_granted"],
                name="participation_round_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} in {self.round}"


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def org_admins_of(self, participation_id: int):
        """The participation's active org admins: who coordinates it, and who is told."""
        return self.active().filter(
            participation_id=participation_id, role=Membership.Role.ORG_ADMIN
        )


class Membership(models.Model):
    """A person's role in one organization's participation in a round.

    Only active memberships grant access or appear in public lists; withdrawing or rejecting
    one ends it at once.
    """

    class Role(models.TextChoices):
        ORG_ADMIN = "org_admin", "Organization admin"
        MENTOR = "mentor", "Mentor"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        WITHDRAWN = "withdrawn", "Withdrawn"
        REJECTED = "rejected", "Rejected"

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    terms_accepted_at = models.DateTimeField(
        help_text="When the person accepted the program's terms and the role's commitment."
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "user", "role"], name="membership_one_role_per_person"
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="membership_user_status")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.participation}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self, now: datetime):
        """Invitations whose link still works: not used, not revoked, not expired.
        The one statement of that rule; `Invitation.is_open` says the same of one row."""
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=now)


class Invitation(models.Model):
    """A single-use link that makes the invited person a mentor (or org admin).

    Only the token's hash is stored: a database leak gives no working links.
    """

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Membership.Role, default=Membership.Role.MENTOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} of {self.participation}"

    def is_open(self, now: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class RoundFollow(models.Model):
    """A person following a round (its deadlines reach them), or explicitly not following it.

    Active org admins and mentors of a round follow it without a row; `following=False`
    records that one of them unfollowed, which overrides that.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="round_follows"
    )
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="follows")
    following = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "round"], name="round_follow_once"),
        ]

    def __str__(self) -> str:
        verb = "follows" if self.following else "unfollowed"
        return f"{self.user_id} {verb} round {self.round_id}"


class MentorRequestQuerySet(models.QuerySet):
    def pending(self):
        """Requests still in play: waiting for an org admin, or accepted and waiting for the
        person to confirm. The one statement of that rule (the constraint below repeats it)."""
        return self.filter(status__in=MentorRequest.PENDING)


class MentorRequest(models.Model):
    """A signed-in person asking to mentor for an organization in a round.

    Org admins accept or decline it with a word; an accepted person then confirms the
    commitment and the program's terms, as an invited one does, and becomes a mentor.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted: waiting for you to confirm"
        DECLINED = "declined", "Declined"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn by you"

    PENDING = (Status.OPEN, Status.ACCEPTED)
    MAX_HOURS = 40

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="mentor_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_requests"
    )
    motivation = models.TextField(
        "why you want to mentor",
        max_length=2000,
        help_text="Your work on the project so far, and why you want to mentor interns.",
    )
    topics = models.TextField(
        "what you would mentor",
        max_length=2000,
        help_text="The areas or project ideas you could guide an intern through.",
    )
    hours_per_week = models.PositiveSmallIntegerField(
        "hours a week",
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)],
        help_text="Mentors usually give about 5 hours a week for the whole round.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    answer = models.CharField(
        max_length=500, blank=True, help_text="The org admin's word with the decision."
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "user"],
                condition=Q(status__in=["open", "accepted"]),
                name="mentor_request_one_pending_per_person",
                violation_error_message="You already asked to mentor for this organization.",
            ),
        ]
        indexes = [
            models.Index(fields=["participation", "status"], name="mentor_request_by_status")
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to mentor for {self.participation}"
